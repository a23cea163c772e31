package io.lacak.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.core.lifecycle.Ledger.Effective;
import io.lacak.core.lifecycle.Ledger.Mode;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.lifecycle.ReferenceData.FacilityType;
import io.lacak.core.lifecycle.ReferenceData.Product;
import io.lacak.core.lifecycle.UsageLine.Use;
import io.lacak.core.serial.CodeListing;
import io.lacak.core.serial.Issuance;
import io.lacak.core.serial.PackagingLevel;
import io.lacak.core.serial.SerialCodec;
import io.lacak.core.serial.SerialKeys;
import io.lacak.core.store.CodeStatus;
import io.lacak.core.store.CodeStore;
import io.lacak.core.store.StoreOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle of DESIGN.md on a real store, rule by rule of Lampiran G-L. */
class LedgerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T03:00:00Z"), ZoneOffset.UTC);
    private static final SerialKeys KEYS = SerialKeys.of(Map.of(1, new byte[32]));
    private static final int MFR = 1;
    private static final int PBF = 2;
    private static final int APOTEK = 3;
    private static final int OTHER_MFR = 4;
    private static final int PRODUCT = 10;
    private static final String NIE = "DKL1234567890A1";
    private static final String BATCH = "B2611A";
    private static final LocalDate EXPIRY = LocalDate.of(2028, 12, 31);

    @TempDir
    Path dir;

    private CodeStore store;
    private ReferenceData ref;
    private Ledger ledger;
    private Issuance issuance;
    private SerialCodec serials;

    @BeforeEach
    void setUp() {
        store = CodeStore.open(
                new StoreOptions().setDirectory(dir.resolve("store")).setInitialCodes(100_000));
        ref = new ReferenceData();
        ref.addFacility(new Facility(MFR, "MFR-001", FacilityType.MANUFACTURER));
        ref.addFacility(new Facility(PBF, "PBF-001", FacilityType.DISTRIBUTOR));
        ref.addFacility(new Facility(APOTEK, "APT-001", FacilityType.PHARMACY));
        ref.addFacility(new Facility(OTHER_MFR, "MFR-002", FacilityType.MANUFACTURER));
        ref.addProduct(new Product(PRODUCT, NIE, MFR));
        // 100 primaries, 10 per secondary, 5 secondaries per tertiary: 10 secondaries, 2 tertiaries
        issuance =
                new Issuance(1, PRODUCT, NIE, null, BATCH, EXPIRY, 100, 10, 2, 10, 5, 0, 1, "MFR-001", Instant.EPOCH);
        ref.addIssuance(issuance);
        serials = SerialCodec.create(KEYS, 1, NIE);
        ledger = new Ledger(store, ref, KEYS, CLOCK);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private CodeRef code(PackagingLevel level, int index) {
        return new CodeRef(PRODUCT, serials.serial(issuance.firstCounter(level) + index), BATCH, EXPIRY);
    }

    private CodeRef primary(int i) {
        return code(PackagingLevel.PRIMARY, i);
    }

    private CodeRef secondary(int i) {
        return code(PackagingLevel.SECONDARY, i);
    }

    private CodeRef tertiary(int i) {
        return code(PackagingLevel.TERTIARY, i);
    }

    /** Lampiran G: 50 primaries in 5 secondaries in 1 tertiary, reported in one process. */
    private List<UsageLine> pallet() {
        List<UsageLine> lines = new ArrayList<>();
        for (int p = 0; p < 50; p++) {
            lines.add(new UsageLine(primary(p), Use.ACTIVE, secondary(p / 10), tertiary(0)));
        }
        return lines;
    }

    /** Applies a decision as the sequencer does after journaling it. */
    private Outcome run(Decision d) {
        if (d.changes()) {
            ledger.apply(ledger.sequence() + 1, d.effects());
        }
        return d.outcome();
    }

    private int containerOf(CodeRef code) {
        return store.containerOf(io.lacak.core.store.CodeKey.encode(
                code.productId(), code.serial(), new byte[io.lacak.core.store.CodeKey.SIZE]));
    }

    private Effective state(CodeRef code) {
        return ledger.effective(code);
    }

    private static List<Refusal> reasons(Outcome o) {
        return o.refused().stream().map(Outcome.Refused::reason).toList();
    }

    @Test
    void lampiranG_usageWithAggregationInOneProcess() {
        Outcome o = run(ledger.usage(MFR, pallet(), Mode.ATOMIC));

        assertThat(o.fullyAccepted()).isTrue();
        assertThat(o.accepted()).isEqualTo(50);
        assertThat(store.size()).isEqualTo(50 + 5 + 1);
        Effective unit = state(primary(12));
        assertThat(unit.own().status()).isEqualTo(CodeStatus.ACTIVE);
        assertThat(unit.depth()).isEqualTo(2);
        assertThat(unit.ancestors())
                .containsExactly(secondary(1).serial(), tertiary(0).serial());
        assertThat(state(secondary(1)).own().level()).isEqualTo(PackagingLevel.SECONDARY);
        List<String> inside = new ArrayList<>();
        store.forEachChild(containerOf(secondary(1)), k -> inside.add(io.lacak.core.store.CodeKey.serial(k)));
        assertThat(inside).hasSize(10).contains(primary(12).serial());
    }

    @Test
    void lampiranG_onlyTheNieHolderReportsUsage() {
        Outcome o =
                run(ledger.usage(OTHER_MFR, List.of(new UsageLine(primary(0), Use.ACTIVE, null, null)), Mode.ATOMIC));

        assertThat(reasons(o)).containsExactly(Refusal.NOT_NIE_HOLDER);
        assertThat(store.size()).isZero();
    }

    @Test
    void lampiranG_rejectAndRetainedSampleNeverCirculate() {
        run(ledger.usage(
                MFR,
                List.of(
                        new UsageLine(primary(0), Use.REJECTED, null, null),
                        new UsageLine(primary(1), Use.RETAINED_SAMPLE, null, null)),
                Mode.ATOMIC));

        assertThat(state(primary(0)).own().status()).isEqualTo(CodeStatus.REJECTED);
        assertThat(reasons(run(ledger.ship(MFR, PBF, List.of(primary(0), primary(1)), Mode.PER_CODE))))
                .containsExactly(Refusal.NOT_IN_CIRCULATION, Refusal.NOT_IN_CIRCULATION);
        assertThat(reasons(run(ledger.usage(
                        MFR, List.of(new UsageLine(primary(2), Use.REJECTED, secondary(0), null)), Mode.ATOMIC))))
                .containsExactly(Refusal.NOT_IN_CIRCULATION);
    }

    @Test
    void lampiranG_aCodeIsReportedOnce() {
        run(ledger.usage(MFR, List.of(new UsageLine(primary(0), Use.ACTIVE, null, null)), Mode.ATOMIC));

        assertThat(reasons(run(
                        ledger.usage(MFR, List.of(new UsageLine(primary(0), Use.ACTIVE, null, null)), Mode.ATOMIC))))
                .containsExactly(Refusal.ALREADY_REPORTED);
        assertThat(reasons(run(ledger.usage(
                        MFR,
                        List.of(
                                new UsageLine(primary(5), Use.ACTIVE, null, null),
                                new UsageLine(primary(5), Use.ACTIVE, null, null)),
                        Mode.ATOMIC))))
                .containsExactly(Refusal.DUPLICATE_IN_REPORT);
    }

    @Test
    void pasal10_2_lacakCodesServeOnlyTheirBatchAndLevel() {
        CodeRef otherBatch = new CodeRef(PRODUCT, primary(0).serial(), "B9999", EXPIRY);
        CodeRef secondaryAsPrimary = new CodeRef(PRODUCT, secondary(0).serial(), BATCH, EXPIRY);

        Outcome o = run(ledger.usage(
                MFR,
                List.of(
                        new UsageLine(otherBatch, Use.ACTIVE, null, null),
                        new UsageLine(secondaryAsPrimary, Use.ACTIVE, null, null)),
                Mode.PER_CODE));

        assertThat(reasons(o)).containsExactly(Refusal.BATCH_MISMATCH, Refusal.LEVEL_MISMATCH);
    }

    @Test
    void pasal10_2_afterAKeyRotationCodesIssuedUnderTheOlderKeyKeepTheirBatchLevelAndCapacity() {
        byte[] second = new byte[32];
        java.util.Arrays.fill(second, (byte) 7);
        SerialKeys rotated = SerialKeys.of(Map.of(1, new byte[32], 2, second));
        Issuance newer = new Issuance(
                2,
                PRODUCT,
                NIE,
                null,
                "B2612A",
                EXPIRY,
                20,
                2,
                1,
                10,
                5,
                issuance.total(),
                2,
                "MFR-001",
                Instant.EPOCH);
        ref.addIssuance(newer);
        ledger = new Ledger(store, ref, rotated, CLOCK);
        SerialCodec v2 = SerialCodec.create(rotated, 2, NIE);
        CodeRef newerPrimary =
                new CodeRef(PRODUCT, v2.serial(newer.firstCounter(PackagingLevel.PRIMARY)), "B2612A", EXPIRY);
        CodeRef olderInNewerBatch = new CodeRef(PRODUCT, primary(0).serial(), "B2612A", EXPIRY);
        CodeRef olderSecondaryAsPrimary = new CodeRef(PRODUCT, secondary(0).serial(), BATCH, EXPIRY);
        CodeRef newerInOlderBatch = new CodeRef(PRODUCT, newerPrimary.serial(), BATCH, EXPIRY);

        assertThat(ref.keyVersions(PRODUCT)).containsExactly(2, 1); // the current key is tried first
        List<UsageLine> lines = List.of(
                new UsageLine(olderInNewerBatch, Use.ACTIVE, null, null),
                new UsageLine(olderSecondaryAsPrimary, Use.ACTIVE, null, null),
                new UsageLine(newerInOlderBatch, Use.ACTIVE, null, null));
        Outcome o = run(ledger.usage(MFR, lines, Mode.PER_CODE));
        assertThat(reasons(o)).containsExactly(Refusal.BATCH_MISMATCH, Refusal.LEVEL_MISMATCH, Refusal.BATCH_MISMATCH);
        // issue 18: decrypted ahead on another thread (a bulk report's reader, current key only), the same
        assertThat(reasons(run(ledger.usage(MFR, decryptedAhead(lines, rotated), Mode.PER_CODE))))
                .containsExactly(Refusal.BATCH_MISMATCH, Refusal.LEVEL_MISMATCH, Refusal.BATCH_MISMATCH);

        // Pasal 8(2)e: the older issuance's secondary still holds at most 10
        List<UsageLine> eleven = new ArrayList<>();
        for (int p = 0; p < 11; p++) {
            eleven.add(new UsageLine(primary(p), Use.ACTIVE, secondary(0), null));
        }
        assertThat(reasons(run(ledger.usage(MFR, eleven, Mode.ATOMIC)))).containsExactly(Refusal.CAPACITY_EXCEEDED);
        assertThat(reasons(run(ledger.usage(MFR, decryptedAhead(eleven, rotated), Mode.ATOMIC))))
                .containsExactly(Refusal.CAPACITY_EXCEEDED);
        assertThat(run(ledger.usage(MFR, pallet(), Mode.ATOMIC)).fullyAccepted())
                .isTrue();
        assertThat(run(ledger.usage(MFR, List.of(new UsageLine(newerPrimary, Use.ACTIVE, null, null)), Mode.ATOMIC))
                        .fullyAccepted())
                .isTrue();
    }

    private UsageLines decryptedAhead(List<UsageLine> lines, SerialKeys keys) {
        UsageLines ahead = new UsageLines(lines);
        ahead.decrypt(new LacakSerials(ref, keys));
        assertThat(ahead.decrypted(0, 0)).as("decrypted ahead").isNotNull();
        return ahead;
    }

    @Test
    void pasal5_1b_selfIssuedSerialsEnterThroughUsage() {
        CodeRef own = new CodeRef(PRODUCT, "MYOWNSERIAL0001", BATCH, EXPIRY);

        assertThat(run(ledger.usage(MFR, List.of(new UsageLine(own, Use.ACTIVE, null, null)), Mode.ATOMIC))
                        .fullyAccepted())
                .isTrue();
        assertThat(state(own).own().status()).isEqualTo(CodeStatus.ACTIVE);
    }

    @Test
    void pasal8_2e_aSecondaryHoldsAtMostItsRequestedCapacity() {
        List<UsageLine> lines = new ArrayList<>();
        for (int p = 0; p < 11; p++) {
            lines.add(new UsageLine(primary(p), Use.ACTIVE, secondary(0), null));
        }

        Outcome o = run(ledger.usage(MFR, lines, Mode.ATOMIC));

        assertThat(reasons(o)).containsExactly(Refusal.CAPACITY_EXCEEDED);
        assertThat(o.applied()).isFalse();
        assertThat(store.size()).isZero(); // one process: nothing half-applied
    }

    @Test
    void lampiranG_perCodeAcceptanceAppliesTheGoodLines() {
        List<UsageLine> lines = new ArrayList<>(pallet().subList(0, 10));
        lines.add(new UsageLine(new CodeRef(PRODUCT, primary(60).serial(), "B9999", EXPIRY), Use.ACTIVE, null, null));

        Outcome o = run(ledger.usage(MFR, lines, Mode.PER_CODE));

        assertThat(o.applied()).isTrue();
        assertThat(o.accepted()).isEqualTo(10);
        assertThat(o.refused()).extracting(Outcome.Refused::index).containsExactly(10);
        assertThat(store.size()).isEqualTo(12);
    }

    @Test
    void lampiranG_aTertiaryHoldsSecondariesNotPrimaries() {
        assertThat(reasons(run(ledger.usage(
                        MFR, List.of(new UsageLine(primary(0), Use.ACTIVE, null, tertiary(0))), Mode.ATOMIC))))
                .containsExactly(Refusal.WRONG_AGGREGATION);
    }

    @Test
    void lampiranH_shippingAPalletTouchesOnlyThePallet() {
        run(ledger.usage(MFR, pallet(), Mode.ATOMIC));
        Decision shipped = ledger.ship(MFR, PBF, List.of(tertiary(0)), Mode.ATOMIC);
        assertThat(shipped.effects().codes()).isEqualTo(1); // the pallet's state only: no unit or case is written

        Outcome o = run(shipped);

        assertThat(o.fullyAccepted()).isTrue();
        Effective unit = state(primary(7));
        assertThat(unit.top().status()).isEqualTo(CodeStatus.IN_TRANSIT);
        assertThat(unit.top().counterparty()).isEqualTo(PBF);
    }

    @Test
    void lampiranH_onlyTheHolderShips() {
        run(ledger.usage(MFR, pallet(), Mode.ATOMIC));

        assertThat(reasons(run(ledger.ship(PBF, APOTEK, List.of(tertiary(0)), Mode.ATOMIC))))
                .containsExactly(Refusal.NOT_HELD);
        run(ledger.ship(MFR, PBF, List.of(tertiary(0)), Mode.ATOMIC));
        // the addressee may know the pallet is coming, and is told it does not hold it yet
        assertThat(reasons(run(ledger.ship(PBF, APOTEK, List.of(tertiary(0)), Mode.ATOMIC))))
                .containsExactly(Refusal.NOT_HOLDER);
        assertThat(reasons(run(ledger.ship(MFR, 99, List.of(tertiary(0)), Mode.ATOMIC))))
                .containsExactly(Refusal.UNKNOWN_FACILITY);
    }

    @Test
    void lampiranI_onlyTheAddresseeReceivesAndThenHoldsEverythingInside() {
        run(ledger.usage(MFR, pallet(), Mode.ATOMIC));
        run(ledger.ship(MFR, PBF, List.of(tertiary(0)), Mode.ATOMIC));

        assertThat(reasons(run(ledger.receive(APOTEK, List.of(tertiary(0)), Mode.ATOMIC))))
                .containsExactly(Refusal.NOT_HELD);
        assertThat(reasons(run(ledger.receive(MFR, List.of(tertiary(0)), Mode.ATOMIC))))
                .containsExactly(Refusal.WRONG_ADDRESSEE);
        assertThat(run(ledger.receive(PBF, List.of(tertiary(0)), Mode.ATOMIC)).fullyAccepted())
                .isTrue();
        Effective unit = state(primary(33));
        assertThat(unit.top().status()).isEqualTo(CodeStatus.HELD);
        assertThat(unit.top().holder()).isEqualTo(PBF);
    }

    @Test
    void theWholeJourneyToASaleAndAClone() {
        run(ledger.usage(MFR, pallet(), Mode.ATOMIC));
        run(ledger.ship(MFR, PBF, List.of(tertiary(0)), Mode.ATOMIC));
        run(ledger.receive(PBF, List.of(tertiary(0)), Mode.ATOMIC));

        // the distributor ships one box on: it leaves the pallet
        assertThat(run(ledger.ship(PBF, APOTEK, List.of(secondary(2)), Mode.ATOMIC))
                        .fullyAccepted())
                .isTrue();
        assertThat(state(secondary(2)).own().parent()).isZero();
        assertThat(state(primary(25)).top().counterparty()).isEqualTo(APOTEK);
        assertThat(state(primary(5)).top().holder()).isEqualTo(PBF); // still on the pallet
        assertThat(run(ledger.receive(APOTEK, List.of(secondary(2)), Mode.ATOMIC))
                        .fullyAccepted())
                .isTrue();

        // Lampiran J: the pharmacy sells a unit from the box
        Outcome sale = run(ledger.sell(APOTEK, List.of(primary(25)), Mode.ATOMIC));
        assertThat(sale.fullyAccepted()).isTrue();
        assertThat(state(primary(25)).own().status()).isEqualTo(CodeStatus.SOLD);

        Outcome again = run(ledger.sell(APOTEK, List.of(primary(25)), Mode.ATOMIC));
        assertThat(reasons(again)).containsExactly(Refusal.ALREADY_SOLD);
        assertThat(again.alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Outcome.AlertKind.POSSIBLE_CLONE);
            assertThat(a.productId()).isEqualTo(PRODUCT);
            assertThat(a.disclosed()).isTrue(); // the pharmacy that sold it knows it did
        });
    }

    private static final int OUTSIDER = 5; // a pharmacy with no part in any code below

    /** Every report a facility can make on codes, made by {@code by}: what each answers. */
    private List<Outcome> everyReportBy(int by, List<CodeRef> codes) {
        return List.of(
                ledger.ship(by, PBF, codes, Mode.PER_CODE).outcome(),
                ledger.receive(by, codes, Mode.PER_CODE).outcome(),
                ledger.sell(by, codes, Mode.PER_CODE).outcome(),
                ledger.returnTo(by, PBF, codes, Mode.PER_CODE).outcome(),
                ledger.decideReturn(by, true, codes, Mode.PER_CODE).outcome(),
                ledger.decideReturn(by, false, codes, Mode.PER_CODE).outcome(),
                ledger.recallShip(by, MFR, codes, Mode.PER_CODE).outcome(),
                ledger.recallReceive(by, codes, Mode.PER_CODE).outcome(),
                ledger.unpack(by, codes, Mode.PER_CODE).outcome());
    }

    @Test
    void issue15_aFacilityWithNoPartInACodeGetsOneRefusalWhateverItsState() {
        ref.addFacility(new Facility(OUTSIDER, "APT-002", FacilityType.PHARMACY));
        run(ledger.usage(MFR, pallet(), Mode.ATOMIC));
        List<UsageLine> loose = new ArrayList<>();
        for (int p = 60; p < 66; p++) {
            loose.add(new UsageLine(primary(p), Use.ACTIVE, null, null));
        }
        loose.add(new UsageLine(primary(70), Use.REJECTED, null, null));
        run(ledger.usage(MFR, loose, Mode.ATOMIC));
        run(ledger.ship(MFR, PBF, List.of(tertiary(0), primary(61), primary(62)), Mode.ATOMIC));
        run(ledger.receive(PBF, List.of(tertiary(0), primary(62)), Mode.ATOMIC));
        run(ledger.ship(MFR, APOTEK, List.of(primary(63), primary(64)), Mode.ATOMIC));
        run(ledger.receive(APOTEK, List.of(primary(63), primary(64)), Mode.ATOMIC));
        assertThat(run(ledger.sell(APOTEK, List.of(primary(63)), Mode.ATOMIC)).fullyAccepted())
                .isTrue();
        assertThat(run(ledger.returnTo(APOTEK, PBF, List.of(primary(64)), Mode.ATOMIC))
                        .fullyAccepted())
                .isTrue();
        run(ledger.ship(
                PBF, APOTEK, List.of(secondary(4)), Mode.ATOMIC)); // a case off the pallet, in transit to a third
        Map<String, CodeRef> foreign = new java.util.LinkedHashMap<>();
        foreign.put("active at the manufacturer", primary(60));
        foreign.put("in transit to the distributor", primary(61));
        foreign.put("held by the distributor", primary(62));
        foreign.put("sold by another pharmacy", primary(63));
        foreign.put("return pending to the distributor", primary(64));
        foreign.put("rejected at production", primary(70));
        foreign.put("packed in a pallet held by the distributor", primary(5));
        foreign.put("the pallet itself", tertiary(0));
        foreign.put("a case in transit to another pharmacy", secondary(4));
        foreign.put("packed in that case", primary(45));

        assertOnlyNotHeld(foreign);

        // Lampiran L: recalled, and on its way back to the manufacturer
        run(ledger.recallNotice(MFR, PRODUCT, BATCH));
        assertThat(run(ledger.recallShip(PBF, MFR, List.of(primary(62)), Mode.ATOMIC))
                        .fullyAccepted())
                .isTrue();
        foreign.remove("held by the distributor");
        foreign.put("recalled, on its way back", primary(62));
        assertOnlyNotHeld(foreign);
        assertThat(state(primary(62)).own().status()).isEqualTo(CodeStatus.RECALL_IN_TRANSIT);
        assertThat(state(primary(60)).own().status())
                .isEqualTo(CodeStatus.ACTIVE); // nothing was applied by the outsider

        // the manufacturer, NIE holder but no longer holder of the pallet, cannot pack into one of its cases either
        assertThat(reasons(run(ledger.usage(
                        MFR, List.of(new UsageLine(primary(80), Use.ACTIVE, secondary(1), null)), Mode.ATOMIC))))
                .containsExactly(Refusal.NOT_HELD);
    }

    private void assertOnlyNotHeld(Map<String, CodeRef> foreign) {
        List<CodeRef> codes = List.copyOf(foreign.values());
        for (Outcome o : everyReportBy(OUTSIDER, codes)) {
            assertThat(o.applied()).isFalse();
            assertThat(reasons(o))
                    .as(String.valueOf(foreign.keySet()))
                    .hasSize(codes.size())
                    .containsOnly(Refusal.NOT_HELD);
        }
        for (Map.Entry<String, CodeRef> e :
                foreign.entrySet()) { // one by one too: no rule of a report sees the state first
            for (Outcome o : everyReportBy(OUTSIDER, List.of(e.getValue()))) {
                assertThat(reasons(o)).as(e.getKey()).containsExactly(Refusal.NOT_HELD);
            }
        }
        // a previous holder is no party either: the manufacturer learns nothing of the distributor's stock
        assertThat(reasons(ledger.ship(MFR, APOTEK, List.of(primary(5), tertiary(0)), Mode.PER_CODE)
                        .outcome()))
                .containsOnly(Refusal.NOT_HELD);
    }

    @Test
    void issue15_thePartiesStillHearWhy() {
        run(ledger.usage(
                MFR,
                List.of(
                        new UsageLine(primary(0), Use.ACTIVE, null, null),
                        new UsageLine(primary(1), Use.ACTIVE, null, null)),
                Mode.ATOMIC));
        run(ledger.ship(MFR, APOTEK, List.of(primary(0), primary(1)), Mode.ATOMIC));

        assertThat(reasons(run(ledger.ship(MFR, PBF, List.of(primary(0)), Mode.ATOMIC))))
                .containsExactly(Refusal.WRONG_STATE);
        assertThat(reasons(run(ledger.receive(MFR, List.of(primary(0)), Mode.ATOMIC))))
                .containsExactly(Refusal.WRONG_ADDRESSEE);
        assertThat(reasons(run(ledger.ship(APOTEK, PBF, List.of(primary(0)), Mode.ATOMIC))))
                .containsExactly(Refusal.NOT_HOLDER);
        assertThat(reasons(run(ledger.sell(APOTEK, List.of(primary(0)), Mode.ATOMIC))))
                .containsExactly(Refusal.NOT_HOLDER);
        run(ledger.receive(APOTEK, List.of(primary(0), primary(1)), Mode.ATOMIC));
        run(ledger.sell(APOTEK, List.of(primary(0)), Mode.ATOMIC));
        assertThat(reasons(run(ledger.sell(APOTEK, List.of(primary(0)), Mode.ATOMIC))))
                .containsExactly(Refusal.ALREADY_SOLD);
        assertThat(reasons(run(ledger.returnTo(APOTEK, PBF, List.of(primary(0)), Mode.ATOMIC))))
                .containsExactly(Refusal.ALREADY_SOLD);
        run(ledger.recallNotice(MFR, PRODUCT, BATCH));
        assertThat(reasons(run(ledger.sell(APOTEK, List.of(primary(1)), Mode.ATOMIC))))
                .containsExactly(Refusal.RECALLED);
    }

    @Test
    void lampiranJ_aSecondSaleElsewhereAlertsTheRegulatorButNotTheReporter() {
        ref.addFacility(new Facility(OUTSIDER, "APT-002", FacilityType.PHARMACY));
        run(ledger.usage(
                MFR,
                List.of(
                        new UsageLine(primary(0), Use.ACTIVE, null, null),
                        new UsageLine(primary(1), Use.ACTIVE, null, null)),
                Mode.ATOMIC));
        run(ledger.ship(MFR, APOTEK, List.of(primary(0), primary(1)), Mode.ATOMIC));
        run(ledger.receive(APOTEK, List.of(primary(0), primary(1)), Mode.ATOMIC));
        run(ledger.sell(APOTEK, List.of(primary(0)), Mode.ATOMIC));

        Outcome clone = run(ledger.sell(OUTSIDER, List.of(primary(0), primary(1)), Mode.PER_CODE));

        assertThat(reasons(clone)).containsExactly(Refusal.NOT_HELD, Refusal.NOT_HELD);
        assertThat(clone.alerts())
                .singleElement()
                .satisfies(
                        a -> { // only the sold one is a possible clone
                            assertThat(a.kind()).isEqualTo(Outcome.AlertKind.POSSIBLE_CLONE);
                            assertThat(a.serial()).isEqualTo(primary(0).serial());
                            assertThat(a.message()).contains("APT-002");
                            assertThat(a.disclosed()).isFalse();
                        });
    }

    @Test
    void lampiranJ_onlyPharmaciesSellAndOnlyPrimaryCodes() {
        run(ledger.usage(MFR, pallet(), Mode.ATOMIC));
        run(ledger.ship(MFR, APOTEK, List.of(tertiary(0)), Mode.ATOMIC));
        run(ledger.receive(APOTEK, List.of(tertiary(0)), Mode.ATOMIC));

        assertThat(reasons(run(ledger.sell(PBF, List.of(primary(0)), Mode.ATOMIC))))
                .containsExactly(Refusal.NOT_PHARMACY);
        assertThat(reasons(run(ledger.sell(APOTEK, List.of(secondary(0)), Mode.ATOMIC))))
                .containsExactly(Refusal.NOT_PRIMARY);
        assertThat(reasons(run(ledger.sell(APOTEK, List.of(primary(99)), Mode.ATOMIC))))
                .containsExactly(Refusal.UNKNOWN_CODE);
    }

    @Test
    void lampiranK_returnsWaitForTheSupplier() {
        run(ledger.usage(MFR, pallet(), Mode.ATOMIC));
        run(ledger.ship(MFR, PBF, List.of(tertiary(0)), Mode.ATOMIC));
        run(ledger.receive(PBF, List.of(tertiary(0)), Mode.ATOMIC));

        assertThat(run(ledger.returnTo(PBF, MFR, List.of(secondary(0), secondary(1)), Mode.ATOMIC))
                        .fullyAccepted())
                .isTrue();
        assertThat(state(secondary(0)).own().status()).isEqualTo(CodeStatus.RETURN_PENDING);
        assertThat(reasons(run(ledger.decideReturn(APOTEK, true, List.of(secondary(0)), Mode.ATOMIC))))
                .containsExactly(Refusal.NOT_HELD);
        assertThat(reasons(run(ledger.decideReturn(PBF, true, List.of(secondary(0)), Mode.ATOMIC))))
                .containsExactly(Refusal.WRONG_ADDRESSEE); // the one returning it cannot approve its own return

        run(ledger.decideReturn(MFR, true, List.of(secondary(0)), Mode.ATOMIC));
        run(ledger.decideReturn(MFR, false, List.of(secondary(1)), Mode.ATOMIC));

        assertThat(state(primary(3)).top().holder()).isEqualTo(MFR);
        assertThat(state(primary(13)).top().holder()).isEqualTo(PBF);
        assertThat(state(primary(13)).top().status()).isEqualTo(CodeStatus.HELD);
    }

    @Test
    void lampiranL_recallStopsTradeAndMovesCodesBack() {
        run(ledger.usage(MFR, pallet(), Mode.ATOMIC));
        run(ledger.ship(MFR, PBF, List.of(tertiary(0)), Mode.ATOMIC));
        run(ledger.receive(PBF, List.of(tertiary(0)), Mode.ATOMIC));

        assertThat(reasons(run(ledger.recallNotice(PBF, PRODUCT, BATCH)))).containsExactly(Refusal.NOT_NIE_HOLDER);
        assertThat(reasons(run(ledger.recallShip(PBF, MFR, List.of(tertiary(0)), Mode.ATOMIC))))
                .containsExactly(Refusal.NOT_RECALLED);
        assertThat(run(ledger.recallNotice(MFR, PRODUCT, BATCH)).fullyAccepted())
                .isTrue();

        assertThat(reasons(run(ledger.ship(PBF, APOTEK, List.of(tertiary(0)), Mode.ATOMIC))))
                .containsExactly(Refusal.RECALLED);
        assertThat(run(ledger.recallShip(PBF, MFR, List.of(tertiary(0)), Mode.ATOMIC))
                        .fullyAccepted())
                .isTrue();
        assertThat(run(ledger.recallReceive(MFR, List.of(tertiary(0)), Mode.ATOMIC))
                        .fullyAccepted())
                .isTrue();
        assertThat(state(primary(40)).top().status()).isEqualTo(CodeStatus.RECALL_RECEIVED);
    }

    @Test
    void pasal10_2_aContainerHoldsOnlyTheBatchItsOwnCodeNames() {
        CodeRef ownOtherBatch = new CodeRef(PRODUCT, "MYOWNSERIAL0002", "B2612Z", EXPIRY);
        CodeRef ownCase = new CodeRef(PRODUCT, "MYOWNCASE0001", "B2612Z", EXPIRY);

        // a unit of another batch into Lacak's case of BATCH, or into a self-issued case naming another batch
        Outcome o = run(ledger.usage(
                MFR,
                List.of(
                        new UsageLine(ownOtherBatch, Use.ACTIVE, secondary(0), null),
                        new UsageLine(primary(0), Use.ACTIVE, ownCase, null)),
                Mode.PER_CODE));
        // a case of BATCH onto a self-issued pallet naming another batch
        CodeRef ownPallet = new CodeRef(PRODUCT, "MYOWNPALLET0001", "B2612Z", EXPIRY);
        Outcome pallet = run(ledger.usage(
                MFR, List.of(new UsageLine(primary(1), Use.ACTIVE, secondary(1), ownPallet)), Mode.ATOMIC));

        assertThat(reasons(o)).containsExactly(Refusal.MIXED_BATCH, Refusal.MIXED_BATCH);
        assertThat(reasons(pallet)).containsExactly(Refusal.MIXED_BATCH);
        assertThat(store.size()).isZero();
        // a self-issued case of its own batch takes that batch's units
        assertThat(run(ledger.usage(MFR, List.of(new UsageLine(ownOtherBatch, Use.ACTIVE, ownCase, null)), Mode.ATOMIC))
                        .fullyAccepted())
                .isTrue();
    }

    @Test
    void lampiranL_everyUnitOfARecalledBatchStopsWhereverItIsPacked() {
        run(ledger.usage(MFR, pallet(), Mode.ATOMIC));
        run(ledger.ship(MFR, PBF, List.of(tertiary(0)), Mode.ATOMIC));
        run(ledger.receive(PBF, List.of(tertiary(0)), Mode.ATOMIC));
        run(ledger.recallNotice(MFR, PRODUCT, BATCH));

        assertThat(reasons(
                        run(ledger.ship(PBF, APOTEK, List.of(tertiary(0), secondary(2), primary(33)), Mode.PER_CODE))))
                .containsExactly(Refusal.RECALLED, Refusal.RECALLED, Refusal.RECALLED);
        assertThat(ledger.effective(primary(33)).top().holder()).isEqualTo(PBF);
    }

    @Test
    void lampiranL_recallShipmentsGoBackUpTheChainUntilTheNieHolderHasThem() {
        run(ledger.usage(MFR, pallet(), Mode.ATOMIC));
        run(ledger.ship(MFR, PBF, List.of(tertiary(0)), Mode.ATOMIC));
        run(ledger.receive(PBF, List.of(tertiary(0)), Mode.ATOMIC));
        run(ledger.ship(PBF, APOTEK, List.of(secondary(0)), Mode.ATOMIC));
        run(ledger.receive(APOTEK, List.of(secondary(0)), Mode.ATOMIC));
        run(ledger.recallNotice(MFR, PRODUCT, BATCH));

        // pharmacy -> distributor -> NIE holder
        assertThat(run(ledger.recallShip(APOTEK, PBF, List.of(secondary(0)), Mode.ATOMIC))
                        .fullyAccepted())
                .isTrue();
        assertThat(run(ledger.recallReceive(PBF, List.of(secondary(0)), Mode.ATOMIC))
                        .fullyAccepted())
                .isTrue();
        assertThat(run(ledger.recallShip(PBF, MFR, List.of(secondary(0), tertiary(0)), Mode.ATOMIC))
                        .fullyAccepted())
                .isTrue();
        assertThat(run(ledger.recallReceive(MFR, List.of(secondary(0), tertiary(0)), Mode.ATOMIC))
                        .fullyAccepted())
                .isTrue();
        assertThat(state(primary(5)).top().holder()).isEqualTo(MFR);
        assertThat(state(primary(5)).top().status()).isEqualTo(CodeStatus.RECALL_RECEIVED);
        // home: the NIE holder's recalled stock moves no further
        assertThat(reasons(run(ledger.recallShip(MFR, PBF, List.of(secondary(0)), Mode.ATOMIC))))
                .containsExactly(Refusal.WRONG_STATE);
    }

    @Test
    void lampiranL_aBatchIsRecalledOnceAndItsCodesAreNotUsedAfterwards() {
        run(ledger.usage(MFR, List.of(new UsageLine(primary(0), Use.ACTIVE, null, null)), Mode.ATOMIC));
        assertThat(run(ledger.recallNotice(MFR, PRODUCT, BATCH)).fullyAccepted())
                .isTrue();

        assertThat(reasons(run(ledger.recallNotice(MFR, PRODUCT, BATCH)))).containsExactly(Refusal.ALREADY_RECALLED);
        assertThat(reasons(run(
                        ledger.usage(MFR, List.of(new UsageLine(primary(1), Use.ACTIVE, null, null)), Mode.ATOMIC))))
                .containsExactly(Refusal.RECALLED);
    }

    @Test
    void expiredProductsDoNotMove() {
        CodeRef old = new CodeRef(PRODUCT, "OLDSERIAL1", "B2001", LocalDate.of(2026, 1, 31));
        ledger = new Ledger(store, ref, KEYS, Clock.fixed(Instant.parse("2026-01-10T03:00:00Z"), ZoneOffset.UTC));
        run(ledger.usage(
                MFR, List.of(new UsageLine(old, Use.ACTIVE, null, null)), Mode.ATOMIC)); // in January, still good
        ledger = new Ledger(store, ref, KEYS, CLOCK); // November

        assertThat(reasons(run(ledger.ship(MFR, PBF, List.of(old), Mode.ATOMIC))))
                .containsExactly(Refusal.EXPIRED);
    }

    @Test
    void lampiranG_codesOfAnExpiredBatchAreNotReportedUsed() {
        // 2026-11-22 in Jakarta: expiry 2026-11-21 has passed, 2026-11-22 (its last day) has not
        CodeRef expired = new CodeRef(PRODUCT, "OWNSERIALEXP1", "B2511", LocalDate.of(2026, 11, 21));
        CodeRef lastDay = new CodeRef(PRODUCT, "OWNSERIALEXP2", "B2512", LocalDate.of(2026, 11, 22));

        Outcome o = run(ledger.usage(
                MFR,
                List.of(new UsageLine(expired, Use.ACTIVE, null, null), new UsageLine(lastDay, Use.ACTIVE, null, null)),
                Mode.PER_CODE));

        assertThat(reasons(o)).containsExactly(Refusal.EXPIRED);
        assertThat(o.accepted()).isEqualTo(1);
    }

    @Test
    void aBatchExpiresAtTheEndOfItsDayInJakartaNotInUtc() {
        // 23:30 UTC on 22 November is 06:30 WIB on the 23rd: a batch that expired on the 22nd no longer moves
        Ledger lateUtc =
                new Ledger(store, ref, KEYS, Clock.fixed(Instant.parse("2026-11-22T23:30:00Z"), ZoneOffset.UTC));
        CodeRef lastDay = new CodeRef(PRODUCT, "LASTDAY001", "B2611Z", LocalDate.of(2026, 11, 22));
        CodeRef nextDay = new CodeRef(PRODUCT, "NEXTDAY001", "B2611Y", LocalDate.of(2026, 11, 23));
        run(ledger.usage(
                MFR,
                List.of(new UsageLine(lastDay, Use.ACTIVE, null, null), new UsageLine(nextDay, Use.ACTIVE, null, null)),
                Mode.ATOMIC));

        assertThat(reasons(run(lateUtc.ship(MFR, PBF, List.of(lastDay), Mode.ATOMIC))))
                .containsExactly(Refusal.EXPIRED);
        assertThat(run(lateUtc.ship(MFR, PBF, List.of(nextDay), Mode.ATOMIC)).fullyAccepted())
                .isTrue();
    }

    @Test
    void explicitUnpackFreesTheUnitsOfABox() {
        run(ledger.usage(MFR, pallet(), Mode.ATOMIC));

        assertThat(run(ledger.unpack(MFR, List.of(primary(0), primary(1)), Mode.ATOMIC))
                        .fullyAccepted())
                .isTrue();
        assertThat(reasons(run(ledger.unpack(PBF, List.of(primary(2)), Mode.ATOMIC))))
                .containsExactly(Refusal.NOT_HELD);

        List<String> inside = new ArrayList<>();
        store.forEachChild(containerOf(secondary(0)), k -> inside.add(io.lacak.core.store.CodeKey.serial(k)));
        assertThat(inside)
                .hasSize(8)
                .doesNotContain(primary(0).serial(), primary(1).serial());
        assertThat(state(primary(0)).depth()).isZero();
    }

    @Test
    void effectsSurviveTheJournalFormatAndApplyingTwiceIsApplyingOnce() {
        Decision d = ledger.usage(MFR, pallet(), Mode.ATOMIC);
        Effects decoded = Effects.decode(d.effects().encode());
        assertThat(decoded.encode()).isEqualTo(d.effects().encode());

        ledger.apply(1, decoded);
        long size = store.size();
        int slots = store.childSlots(containerOf(secondary(0)));
        ledger.apply(1, Effects.decode(d.effects().encode())); // a replay after a crash

        assertThat(store.size()).isEqualTo(size);
        assertThat(store.childSlots(containerOf(secondary(0)))).isEqualTo(slots).isEqualTo(10);
        assertThat(store.appliedSequence()).isEqualTo(1);
        assertThat(ref.findBatch(PRODUCT, BATCH)).isNotNull();
    }

    @Test
    void refusedReportsCreateNoBatch() {
        run(ledger.usage(OTHER_MFR, List.of(new UsageLine(primary(0), Use.ACTIVE, null, null)), Mode.ATOMIC));

        assertThat(ref.findBatch(PRODUCT, BATCH)).isNull();
    }

    @Test
    void listingAndLedgerAgreeOnSerials() {
        CodeListing listing =
                CodeListing.of(issuance, PackagingLevel.PRIMARY, serials, CodeListing.Format.SERIAL, "https://x");
        assertThat(listing.serial(3)).isEqualTo(primary(3).serial());
    }
}
