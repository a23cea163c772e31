package io.lacak.api;

import io.lacak.api.complaint.Complaints;
import io.lacak.api.upload.UploadRoutes;
import io.lacak.api.verify.IssuedSerials;
import io.lacak.api.verify.RateLimiter;
import io.lacak.api.verify.Verifier;
import io.lacak.core.db.Database;
import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.journal.Custody;
import io.lacak.core.journal.Notifications;
import io.lacak.core.journal.Sequencer;
import io.lacak.core.journal.ShardWriters;
import io.lacak.core.store.CodeStore;
import io.lacak.ingest.upload.UploadJobs;
import io.lacak.registration.Registration;
import java.time.Clock;

/**
 * The parts of a running server that the HTTP routes use, assembled once by {@link Lacak}: the
 * lifecycle (database, shard 0's store, sequencer and custody, every shard's in {@code writers}
 * (issue 21), notifications), the registration module's facade, public verification and complaints, uploads,
 * and the guards that limit requests per address or account.
 */
public record Services(
        Database database,
        CodeStore store,
        Sequencer sequencer,
        Custody custody,
        ShardWriters writers,
        Notifications notifications,
        Gs1Codec codec,
        Clock clock,
        Registration registration,
        Verifier verifier,
        IssuedSerials issuedSerials,
        Complaints complaints,
        UploadRoutes uploads,
        UploadJobs uploadJobs,
        Guards guards) {

    /**
     * Requests per address and minute: the public forms and verify (LACAK_VERIFY_RATE), logins and
     * activations (LACAK_LOGIN_RATE); logins per account (LACAK_LOGIN_ACCOUNT_RATE).
     */
    public record Guards(RateLimiter publicLimit, RateLimiter loginLimit, RateLimiter accountLoginLimit) {}
}
