package io.lacak.ingest.csv;

import static io.lacak.core.db.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.core.db.TestPostgres;
import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.journal.Receipt;
import io.lacak.core.journal.Sequencer;
import io.lacak.core.lifecycle.CodeRef;
import io.lacak.core.lifecycle.Ledger.Mode;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.serial.SerialKeys;
import io.lacak.core.store.CodeStatus;
import io.lacak.core.store.CodeStore;
import io.lacak.core.store.StoreOptions;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV uploads become the same reports the sequencer takes from the JSON API, on the real Postgres. */
class CsvReportTest {

    private static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private CodeStore store;
    private Sequencer sequencer;
    private int product;
    private final Gs1Codec codec = Gs1Codec.bpom();

    @BeforeEach
    void setUp() throws Exception {
        TestPostgres.reset();
        TestPostgres.facility("MFR-001", "MANUFACTURER");
        TestPostgres.facility("PBF-001", "DISTRIBUTOR");
        TestPostgres.facility("APT-001", "PHARMACY");
        product = TestPostgres.product("DKL1234567890A1", "MFR-001");
        store = CodeStore.open(
                new StoreOptions().setDirectory(dir.resolve("store")).setInitialCodes(10_000));
        sequencer = await(Sequencer.start(
                TestPostgres.vertx(), TestPostgres.pool(), store, SerialKeys.of(Map.of(1, new byte[32])), CLOCK));
    }

    @AfterEach
    void tearDown() throws Exception {
        sequencer.close();
        store.close();
    }

    private static Reader fixture(String name) {
        return new InputStreamReader(CsvReportTest.class.getResourceAsStream("/csv/" + name), StandardCharsets.UTF_8);
    }

    private Facility facility(String partner) {
        return sequencer.referenceData().facility(partner);
    }

    private CsvReport read(Template t, Reader in, String uploader) throws Exception {
        return CsvReport.read(t, in, facility(uploader), sequencer.referenceData(), codec);
    }

    private CodeRef code(String serial) {
        return new CodeRef(product, serial, "B01", LocalDate.of(2028, 12, 31));
    }

    @Test
    void lampiranG4b_aUsageFileIsAppliedAsOneReport() throws Exception {
        CsvReport usage = read(Template.USAGE, fixture("usage-en.csv"), "MFR-001");
        assertThat(usage.problemCount()).isZero();

        Receipt r = await(sequencer.submit(usage.toReport(NOW, "file-1", Mode.ATOMIC)));

        assertThat(r.outcome().fullyAccepted()).isTrue();
        assertThat(r.outcome().accepted()).isEqualTo(4);
        var unit = sequencer.ledger().effective(code("U0001"));
        assertThat(unit.ancestors()).containsExactly("S001", "T001");
        assertThat(sequencer.ledger().effective(code("U0003")).own().status()).isEqualTo(CodeStatus.REJECTED);
        assertThat(sequencer.ledger().effective(code("U0004")).own().status()).isEqualTo(CodeStatus.RETAINED_SAMPLE);
    }

    @Test
    void lampiranHc4_aShipmentFileMovesThePallet() throws Exception {
        await(sequencer.submit(
                read(Template.USAGE, fixture("usage-en.csv"), "MFR-001").toReport(NOW, "u", Mode.ATOMIC)));
        String shipment = "ID Rekanan;ID Rekanan Tujuan;Kemasan;2D Barcode;NIE;Tanggal Kedaluwarsa;Nomor Bets\n"
                + "MFR-001;PBF-001;Dus;(90)DKL1234567890A1(10)B01(17)281231(21)T001;DKL1234567890A1;2028-12-31;B01\n";

        Receipt r = await(sequencer.submit(
                read(Template.SHIPMENT, new StringReader(shipment), "MFR-001").toReport(NOW, "s", Mode.ATOMIC)));

        assertThat(r.outcome().fullyAccepted()).isTrue();
        assertThat(sequencer.ledger().effective(code("U0002")).top().status()).isEqualTo(CodeStatus.IN_TRANSIT);
    }

    @Test
    void unknownProductsAndFacilitiesAreRowProblems() throws Exception {
        String shipment = "Partner ID,Destination Partner ID,Packaging,2D Barcode,NIE,Expiry,Batch\n"
                + "MFR-001,PBF-999,Dus,(90)DKL1234567890A1(10)B01(17)281231(21)T001,DKL1234567890A1,2028-12-31,B01\n"
                + "MFR-001,PBF-001,Dus,(90)DKL9999999999Z9(10)B01(17)281231(21)T002,DKL9999999999Z9,2028-12-31,B01\n";

        CsvReport report = read(Template.SHIPMENT, new StringReader(shipment), "MFR-001");

        assertThat(report.problems())
                .extracting(CsvProblem::line, CsvProblem::code)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2L, "UNKNOWN_FACILITY"),
                        org.assertj.core.groups.Tuple.tuple(3L, "PRODUCT_UNKNOWN"));
        assertThat(report.rows()).isEqualTo(2);
    }
}
