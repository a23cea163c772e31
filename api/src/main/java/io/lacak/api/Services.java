package io.lacak.api;

import io.lacak.core.db.Database;
import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.journal.Custody;
import io.lacak.core.journal.Notifications;
import io.lacak.core.journal.Sequencer;
import io.lacak.core.serial.IssuanceService;
import io.lacak.core.store.CodeStore;
import io.lacak.registration.account.Accounts;
import io.lacak.registration.account.ApiKeys;
import io.lacak.registration.account.Authenticator;
import io.lacak.registration.facility.Facilities;
import io.lacak.registration.product.Products;
import io.lacak.api.complaint.Complaints;
import io.lacak.api.verify.RateLimiter;
import io.lacak.api.verify.Verifier;
import io.lacak.registration.account.Activations;
import io.lacak.registration.asrot.ProductApplications;
import io.lacak.registration.certification.Certifications;
import io.lacak.registration.company.Companies;
import io.lacak.registration.company.CompanyProfile;
import io.lacak.registration.payment.Payments;
import io.lacak.registration.document.Documents;
import io.lacak.registration.facility.FacilityRequests;
import io.lacak.registration.notice.Outbox;
import java.time.Clock;

/** The parts of a running server that the HTTP routes use, assembled once by {@link Lacak}. */
public record Services(Database database, CodeStore store, Sequencer sequencer, IssuanceService issuance,
                       Accounts accounts, ApiKeys apiKeys, Authenticator authenticator, Facilities facilities,
                       Products products, Custody custody, Notifications notifications, Gs1Codec codec, Clock clock,
                       io.lacak.api.upload.UploadRoutes uploads, Verifier verifier, RateLimiter publicLimit,
                       Complaints complaints, FacilityRequests facilityRequests, Documents documents,
                       Activations activations, Outbox outbox, Companies companies,
                       RateLimiter loginLimit, RateLimiter accountLoginLimit, ProductApplications productApplications, CompanyProfile companyProfile,
                       Certifications certifications, Payments payments,
                       io.lacak.api.verify.IssuedSerials issuedSerials,
                       io.lacak.ingest.upload.UploadJobs uploadJobs) {
}
