package io.lacak.registration.notice;

import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.core.db.TestPostgres;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lampiran K.7, L.a.7, L.b.7: notices go "pada dashboard dan email". Each notification of a
 * facility becomes one outbox message per account of that facility with an e-mail address, in
 * Bahasa Indonesia first and English second, once, however often and however concurrently the copy
 * runs.
 */
class NoticeMailTest {

    int facility;
    int withMail;
    int secondWithMail;

    @BeforeEach
    void seed() throws Exception {
        TestPostgres.reset();
        TestPostgres.pool().query("delete from outbox").execute().await(30, TimeUnit.SECONDS);
        facility = TestPostgres.facility("PBF-TEST", "DISTRIBUTOR");
        sql("update facility set name = 'PBF Uji' where ref = $1", facility);
        int other = TestPostgres.facility("APT-TEST", "PHARMACY");
        withMail = account("gudang", "gudang@pbf.example.id", facility);
        secondWithMail = account("kepala", "kepala@pbf.example.id", facility);
        account("tanpa-email", null, facility); // the feed only
        account("apotek", "apotek@apt.example.id", other); // another facility's
    }

    static List<Row> sql(String query, Object... args) throws Exception {
        return TestPostgres.pool().preparedQuery(query).execute(Tuple.from(args)).await(30, TimeUnit.SECONDS).stream()
                .toList();
    }

    static int account(String username, String email, int facility) throws Exception {
        int id = sql(
                        "insert into account (username, password_hash, full_name, email) values ($1, 'x', $1, $2) returning id",
                        username + "-" + System.nanoTime(),
                        email)
                .get(0)
                .getInteger(0);
        sql("insert into account_facility (account_id, facility) values ($1, $2)", id, facility);
        return id;
    }

    /** A recall notice of journal event {@code seq}, whose details (the recall's) the journal keeps. */
    long recallNotice(long seq) throws Exception {
        sql(
                "insert into journal (seq, kind, facility, occurred_at, received_at, late, outcome, effects, details)"
                        + " values ($1, 'RECALL_NOTICE', $2, now(), now(), false, '{}', '\\x'::bytea, $3)",
                seq,
                facility,
                "{\"nie\":\"DKL2600000001A1\",\"batch\":\"B2611\",\"reason\":\"hasil uji mutu tidak memenuhi syarat\","
                        + "\"letterNumber\":\"PW.01.2026.11\",\"letterDate\":\"2026-11-30\"}");
        return sql(
                        "insert into notification (facility, kind, seq, subject, codes) values ($1, 'RECALL_NOTICE', $2,"
                                + " 'Recall notice: NIE DKL2600000001A1, batch B2611', 0) returning id",
                        facility,
                        seq)
                .get(0)
                .getLong(0);
    }

    @Test
    void lampiranLa7_aRecallNoticeIsMailedToEachAccountOfTheFacilityWithAnAddress_inIndonesianThenEnglish()
            throws Exception {
        long id = recallNotice(1);
        NoticeMail mail = new NoticeMail(TestPostgres.pool());

        assertThat(mail.queue(100).await(30, TimeUnit.SECONDS)).isEqualTo(1);

        List<Row> out =
                sql("select account_id, subject, body from outbox where notification_id = $1 order by account_id", id);
        assertThat(out).extracting(r -> r.getInteger("account_id")).containsExactly(withMail, secondWithMail);
        Row m = out.get(0);
        assertThat(m.getString("subject"))
                .isEqualTo("Pemberitahuan penarikan / Recall notice: NIE DKL2600000001A1, batch B2611");
        String body = m.getString("body");
        assertThat(body)
                .contains(
                        "Fasilitas: PBF-TEST (PBF Uji)",
                        "Alasan: hasil uji mutu tidak memenuhi syarat",
                        "Nomor surat: PW.01.2026.11",
                        "Tanggal surat: 2026-11-30",
                        "Reason: hasil uji mutu tidak memenuhi syarat",
                        "Letter number: PW.01.2026.11");
        assertThat(body.indexOf("Alasan:")).isLessThan(body.indexOf("Reason:")); // Bahasa Indonesia first
        assertThat(sql("select emailed from notification where id = $1", id)
                        .get(0)
                        .getBoolean(0))
                .isTrue();
        // the facility's dashboard shows the notice already: the account's own feed does not repeat it
        assertThat(new Outbox(TestPostgres.pool(), null)
                        .feed(withMail, false, 10)
                        .await(30, TimeUnit.SECONDS))
                .isEmpty();
    }

    @Test
    void lampiranK7_eachNotificationIsMailedOncePerAccount_evenWhenTheCopyRunsAgainOrConcurrently() throws Exception {
        for (int seq = 1; seq <= 20; seq++) {
            sql(
                    "insert into notification (facility, kind, seq, subject, codes) values ($1, 'RETURN_AWAITING_DECISION', $2,"
                            + " 'Return from APT-TEST awaits your decision', 3)",
                    facility,
                    seq);
        }
        NoticeMail mail = new NoticeMail(TestPostgres.pool());

        List<Future<Integer>> runs = List.of(mail.queue(7), mail.queue(7), mail.queue(7), mail.queue(7));
        Future.all(runs).await(60, TimeUnit.SECONDS);
        while (mail.queue(7).await(30, TimeUnit.SECONDS) > 0) {
            // until every notification is e-mailed
        }
        assertThat(runs.stream().mapToInt(Future::result).sum()).isLessThanOrEqualTo(20);
        assertThat(sql("select count(*) from outbox").get(0).getLong(0)).isEqualTo(40); // 20 notices x 2 accounts
        assertThat(sql("select count(distinct (notification_id, account_id)) from outbox")
                        .get(0)
                        .getLong(0))
                .isEqualTo(40);
        assertThat(sql("select subject, body from outbox limit 1").get(0).getString("body"))
                .contains("Retur 3 kode menunggu keputusan Anda", "A return of 3 codes awaits your decision");
        assertThat(mail.queue(100).await(30, TimeUnit.SECONDS)).isZero();
    }
}
