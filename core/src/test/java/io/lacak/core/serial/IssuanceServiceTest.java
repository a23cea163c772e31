package io.lacak.core.serial;

import static io.lacak.core.db.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lacak.core.db.TestPostgres;
import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.gs1.Gs1Result;
import io.lacak.core.gs1.PayloadKind;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Serial issuance against the real embedded Postgres (Pasal 7-10, Lampiran F). */
class IssuanceServiceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T03:00:00Z"), ZoneOffset.UTC);
    private static final String NIE = "DKL1234567890A1";
    private static final String HOLDER = "MFR-001";

    private final IssuanceService service =
            IssuanceService.create(TestPostgres.pool(), SerialKeys.of(Map.of(1, new byte[32])), CLOCK);

    @BeforeEach
    void products() throws Exception {
        TestPostgres.reset();
        product(NIE, HOLDER, true, "2030-12-31");
        product("DTL0000000001A1", HOLDER, false, "2030-12-31"); // identification only
        product("DKL0000000002A1", HOLDER, true, "2025-01-31"); // NIE expired
        product("DKL0000000003A1", "MFR-002", true, "2030-12-31");
    }

    private static void product(String nie, String holder, boolean authentication, String validUntil) throws Exception {
        TestPostgres.pool()
                .preparedQuery("insert into product (nie, name, holder, authentication, nie_valid_until)"
                        + " values ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(nie, "Produk " + nie, holder, authentication, LocalDate.parse(validUntil)))
                .await(30, TimeUnit.SECONDS);
    }

    private static CodeRequest request() {
        return new CodeRequest()
                .setRequester(HOLDER)
                .setNie(NIE)
                .setBatch("B2611A")
                .setExpiry(LocalDate.of(2028, 12, 31))
                .setPrimaries(1005)
                .setPerSecondary(10)
                .setPerTertiary(20);
    }

    private IssuanceRefused refused(CodeRequest r) {
        return catchThrowableOfType(IssuanceRefused.class, () -> await(service.request(r)));
    }

    @Test
    void pasal8_countsOfSecondaryAndTertiaryFollowFromTheCapacities() throws Exception {
        Issuance i = await(service.request(request()));

        assertThat(i.primaries()).isEqualTo(1005);
        assertThat(i.secondaries()).isEqualTo(101); // ceil(1005 / 10)
        assertThat(i.tertiaries()).isEqualTo(6); // ceil(101 / 20)
        assertThat(i.counterStart()).isZero();
        assertThat(i.keyVersion()).isEqualTo(1);
    }

    @Test
    void lampiranF_issuingTenMillionCodesWritesOneRecord() throws Exception {
        Issuance big = await(service.request(
                request().setPrimaries(10_000_000).setPerSecondary(10).setPerTertiary(10)));

        long rows = await(TestPostgres.pool()
                        .query("select count(*) from issuance")
                        .execute())
                .iterator()
                .next()
                .getLong(0);
        long next = await(TestPostgres.pool()
                        .query("select next_counter from product where nie = '" + NIE + "'")
                        .execute())
                .iterator()
                .next()
                .getLong(0);
        assertThat(rows).isEqualTo(1);
        assertThat(big.total()).isEqualTo(10_000_000 + 1_000_000 + 100_000);
        assertThat(next).isEqualTo(big.total());
    }

    @Test
    void lampiranF3a_unregisteredNieIsRefused() {
        assertThat(refused(request().setNie("DKL9999999999Z9")).reason())
                .isEqualTo(IssuanceRefused.Reason.PRODUCT_UNKNOWN);
    }

    @Test
    void pasal7_onlyTheNieHolderRequestsCodes() {
        IssuanceRefused e = refused(request().setNie("DKL0000000003A1"));

        assertThat(e.reason()).isEqualTo(IssuanceRefused.Reason.NOT_NIE_HOLDER);
        assertThat(e.getMessage()).contains("Pasal 7(2)");
    }

    @Test
    void pasal3_identificationOnlyProductGetsNoAuthenticationCodes() {
        assertThat(refused(request().setNie("DTL0000000001A1")).reason())
                .isEqualTo(IssuanceRefused.Reason.NOT_AUTHENTICATION_PRODUCT);
    }

    @Test
    void expiredNieIsRefused() {
        assertThat(refused(request().setNie("DKL0000000002A1")).reason()).isEqualTo(IssuanceRefused.Reason.NIE_EXPIRED);
    }

    @Test
    void pasal8_2c_theExpiryOfARequestHasPassedWhenItsDayHasEndedInJakarta() throws Exception {
        // 23:30 UTC on 22 November is 06:30 WIB on the 23rd: an expiry of the 22nd has passed, one of the 23rd not yet
        IssuanceService lateUtc = IssuanceService.create(
                TestPostgres.pool(),
                SerialKeys.of(Map.of(1, new byte[32])),
                Clock.fixed(Instant.parse("2026-11-22T23:30:00Z"), ZoneOffset.UTC));
        IssuanceRefused e = catchThrowableOfType(
                IssuanceRefused.class, () -> await(lateUtc.request(request().setExpiry(LocalDate.of(2026, 11, 22)))));

        assertThat(e.problems())
                .extracting(IssuanceRefused.Problem::field, IssuanceRefused.Problem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("expiry", "EXPIRY_PAST"));
        assertThat(await(lateUtc.request(request().setExpiry(LocalDate.of(2026, 11, 23))))
                        .expiry())
                .isEqualTo(LocalDate.of(2026, 11, 23));
    }

    @Test
    void everyProblemOfABadRequestIsListedByField() {
        IssuanceRefused e = refused(new CodeRequest()
                .setRequester(HOLDER)
                .setNie("DKL12345678901234567")
                .setBatch("B-01")
                .setExpiry(LocalDate.of(2020, 1, 1))
                .setPrimaries(0)
                .setPerSecondary(0)
                .setPerTertiary(5));

        assertThat(e.reason()).isEqualTo(IssuanceRefused.Reason.INVALID_REQUEST);
        assertThat(e.problems())
                .extracting(IssuanceRefused.Problem::field, IssuanceRefused.Problem::code)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("expiry", "EXPIRY_PAST"),
                        org.assertj.core.groups.Tuple.tuple("nie", "VALUE_TOO_LONG"),
                        org.assertj.core.groups.Tuple.tuple("batch", "CHARSET"),
                        org.assertj.core.groups.Tuple.tuple("primaries", "OUT_OF_RANGE"),
                        org.assertj.core.groups.Tuple.tuple("perSecondary", "OUT_OF_RANGE"));
    }

    @Test
    void requestsGetDisjointRangesAndEveryListedCodeIsValidAndUnique() throws Exception {
        Issuance a = await(service.request(request()));
        Issuance b = await(service.request(request().setBatch("B2611B").setPrimaries(300)));
        Gs1Codec codec = Gs1Codec.bpom();
        Set<String> serials = new HashSet<>();

        for (Issuance i : new Issuance[] {a, b}) {
            for (PackagingLevel level : PackagingLevel.values()) {
                CodeListing listing = service.listing(i, level, CodeListing.Format.BRACKETED);
                StringBuilder sb = new StringBuilder();
                assertThat(listing.write(0, Integer.MAX_VALUE, sb)).isEqualTo(i.count(level));
                for (String line : sb.toString().split("\n")) {
                    Gs1Result r = codec.parse(line);
                    assertThat(r.errors()).as(line).isEmpty();
                    assertThat(r.kind()).isEqualTo(PayloadKind.AUTHENTICATION);
                    assertThat(r.payload().nie()).isEqualTo(NIE);
                    assertThat(r.payload().batch()).isEqualTo(i.batch());
                    assertThat(r.expiryDate()).isEqualTo(i.expiry());
                    assertThat(serials.add(r.payload().serial()))
                            .as("unique serial")
                            .isTrue();
                }
            }
        }
        assertThat(b.counterStart()).isEqualTo(a.total());
        assertThat(serials).hasSize((int) (a.total() + b.total()));
    }

    @Test
    void aSerialLeadsBackToItsIssuanceAndLevel() throws Exception {
        Issuance i = await(service.request(request()));
        CodeListing secondaries = service.listing(i, PackagingLevel.SECONDARY, CodeListing.Format.SERIAL);
        SerialCodec codec = SerialCodec.create(SerialKeys.of(Map.of(1, new byte[32])), 1, NIE);

        long counter = codec.counter(secondaries.serial(7));

        assertThat(i.levelOf(counter)).isEqualTo(PackagingLevel.SECONDARY);
        assertThat(counter).isEqualTo(i.firstCounter(PackagingLevel.SECONDARY) + 7);
    }

    @Test
    void sameIdempotencyKeyReturnsTheFirstIssuance() throws Exception {
        Issuance first = await(service.request(request().setIdempotencyKey("order-77")));
        Issuance again =
                await(service.request(request().setIdempotencyKey("order-77").setPrimaries(5)));
        Issuance other = await(service.request(request().setIdempotencyKey("order-78")));

        assertThat(again).isEqualTo(first);
        assertThat(other.id()).isNotEqualTo(first.id());
    }

    @Test
    void pasal8_3_gtinRequestsListDigitalLinksAndTheGtinStaysWithItsProduct() throws Exception {
        Issuance i = await(service.request(request().setGtin("08995555000013")));
        StringBuilder sb = new StringBuilder();
        service.listing(i, PackagingLevel.PRIMARY, CodeListing.Format.DIGITAL_LINK)
                .write(0, 3, sb);

        Gs1Result first = Gs1Codec.bpom().parse(sb.toString().split("\n")[0]);
        assertThat(first.errors()).isEmpty();
        assertThat(first.payload().gtin()).isEqualTo("08995555000013");
        IssuanceRefused taken = catchThrowableOfType(
                IssuanceRefused.class,
                () -> await(IssuanceService.create(TestPostgres.pool(), SerialKeys.of(Map.of(1, new byte[32])), CLOCK)
                        .request(request()
                                .setRequester("MFR-002")
                                .setNie("DKL0000000003A1")
                                .setGtin("08995555000013"))));
        assertThat(taken.reason()).isEqualTo(IssuanceRefused.Reason.GTIN_TAKEN);
    }

    @Test
    void getIsOnlyForTheRequester() throws Exception {
        Issuance i = await(service.request(request()));

        assertThat(await(service.get(i.id(), HOLDER))).isEqualTo(i);
        assertThat(catchThrowableOfType(IssuanceRefused.class, () -> await(service.get(i.id(), "MFR-002"))))
                .isNotNull();
    }

    // CLOCK is Sunday 22 November 2026 in Jakarta: the tenth working day after it is Friday 4 December.

    @Test
    void pasal9_aRequestTenWorkingDaysBeforeProductionIsOnTimeOneDayLessIsIssuedAndFlaggedLate() throws Exception {
        Issuance onTime = await(service.request(request().setProductionStart(LocalDate.of(2026, 12, 4))));
        Issuance late = await(service.request(request().setProductionStart(LocalDate.of(2026, 12, 3))));

        assertThat(onTime.noticeWorkingDays()).isEqualTo(10);
        assertThat(onTime.late()).isFalse();
        assertThat(late.noticeWorkingDays()).isEqualTo(9);
        assertThat(late.late()).isTrue();
        assertThat(late.primaries()).isEqualTo(1005); // issued all the same: production must not wait
        assertThat(await(service.get(late.id(), HOLDER))).isEqualTo(late); // as stored
        assertThat(await(service.get(late.id(), HOLDER)).productionStart()).isEqualTo(LocalDate.of(2026, 12, 3));
    }

    @Test
    void pasal9_holidaysAndWeekendsAreNoWorkingDays() throws Exception {
        IssuanceService withHoliday = IssuanceService.create(
                TestPostgres.pool(),
                SerialKeys.of(Map.of(1, new byte[32])),
                CLOCK,
                io.lacak.core.calendar.WorkingDays.of(Set.of(LocalDate.of(2026, 11, 30))),
                i -> {});

        Issuance i = await(withHoliday.request(request().setProductionStart(LocalDate.of(2026, 12, 4))));

        assertThat(i.noticeWorkingDays()).isEqualTo(9);
        assertThat(i.late()).isTrue();
        assertThat(await(withHoliday.request(request().setProductionStart(LocalDate.of(2026, 12, 7))))
                        .late())
                .isFalse();
    }

    @Test
    void pasal9_theDayOfTheRequestIsJakartas() throws Exception {
        // 17:30 UTC on Sunday 22 November is 00:30 WIB on Monday the 23rd: from Monday, the tenth working day is 7
        // December
        IssuanceService mondayInJakarta = IssuanceService.create(
                TestPostgres.pool(),
                SerialKeys.of(Map.of(1, new byte[32])),
                Clock.fixed(Instant.parse("2026-11-22T17:30:00Z"), ZoneOffset.UTC));

        Issuance i = await(mondayInJakarta.request(request().setProductionStart(LocalDate.of(2026, 12, 4))));

        assertThat(i.noticeWorkingDays()).isEqualTo(9);
        assertThat(i.late()).isTrue();
    }

    @Test
    void pasal9_aRequestWithoutProductionStartIsNotJudgedAndProductionAfterExpiryIsRefused() throws Exception {
        Issuance i = await(service.request(request()));

        assertThat(i.productionStart()).isNull();
        assertThat(i.noticeWorkingDays()).isNull();
        assertThat(i.late()).isFalse();
        IssuanceRefused e = refused(request().setProductionStart(LocalDate.of(2029, 1, 1)));
        assertThat(e.problems())
                .extracting(IssuanceRefused.Problem::field, IssuanceRefused.Problem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("productionStart", "PRODUCTION_AFTER_EXPIRY"));
    }

    @Test
    void pasal9_theRegulatorListsLateRequestsNewestFirstPagedById() throws Exception {
        Issuance first = await(service.request(request().setProductionStart(LocalDate.of(2026, 11, 25))));
        await(service.request(request().setProductionStart(LocalDate.of(2027, 1, 4)))); // on time
        await(service.request(request())); // not judged
        Issuance second = await(service.request(request()
                .setRequester("MFR-002")
                .setNie("DKL0000000003A1")
                .setProductionStart(LocalDate.of(2026, 11, 23))));

        assertThat(await(service.late(Long.MAX_VALUE, 100))).containsExactly(second, first);
        assertThat(await(service.late(Long.MAX_VALUE, 1))).containsExactly(second);
        assertThat(await(service.late(second.id(), 100))).containsExactly(first);
        assertThat(first.noticeWorkingDays()).isEqualTo(3);
    }
}
