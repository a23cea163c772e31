package io.lacak.registration;

import io.lacak.core.calendar.WorkingDays;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.registration.account.Accounts;
import io.lacak.registration.account.Activations;
import io.lacak.registration.account.ApiKeys;
import io.lacak.registration.account.Authenticator;
import io.lacak.registration.account.PasswordChanges;
import io.lacak.registration.asrot.ProductApplications;
import io.lacak.registration.certification.Certifications;
import io.lacak.registration.company.Companies;
import io.lacak.registration.company.CompanyProfile;
import io.lacak.registration.document.Documents;
import io.lacak.registration.facility.Facilities;
import io.lacak.registration.facility.FacilityRequests;
import io.lacak.registration.notice.LinkSeal;
import io.lacak.registration.notice.Outbox;
import io.lacak.registration.payment.Payments;
import io.lacak.registration.product.Products;
import io.lacak.registration.workflow.Subject;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;

/**
 * The registration module as the server sees it: people and paperwork (accounts and login tokens,
 * facilities and access requests, companies, products and their ASROT applications, certification,
 * payments, documents, the outbox), assembled once over one Postgres pool.
 *
 * <p>{@code Registration r = Registration.create(vertx, pool, ref, tokenSecret, workingDays, clock);}
 */
public record Registration(
        Accounts accounts,
        ApiKeys apiKeys,
        Authenticator authenticator,
        Activations activations,
        Facilities facilities,
        FacilityRequests facilityRequests,
        Companies companies,
        CompanyProfile companyProfile,
        Products products,
        ProductApplications productApplications,
        Certifications certifications,
        Payments payments,
        Documents documents,
        Outbox outbox) {

    /**
     * Builds every service: {@code tokenSecret} signs login tokens and seals one-time links,
     * {@code days} counts the deadlines of the workflows (LACAK_HOLIDAYS), {@code clock} is the server's.
     */
    public static Registration create(
            Vertx vertx, Pool pool, ReferenceData ref, byte[] tokenSecret, WorkingDays days, Clock clock) {
        ApiKeys apiKeys = new ApiKeys(pool);
        LinkSeal seal = new LinkSeal(tokenSecret); // one-time links: their token is in no table
        Products products = new Products(pool, ref);
        ProductApplications applications = new ProductApplications(pool, products, ref, days, clock);
        CompanyProfile profile = new CompanyProfile(pool);
        Certifications certifications = new Certifications(vertx, pool, profile, clock);
        Payments payments = new Payments(pool)
                .settles(Subject.Kind.PRODUCT_APPLICATION, applications::paid)
                .settles(Subject.Kind.CERTIFICATION, certifications::paid);
        Authenticator authenticator = new Authenticator(vertx, tokenSecret, apiKeys, pool);
        Accounts accounts = new Accounts(
                vertx, pool, ref, new PasswordChanges(vertx, pool, seal, authenticator, clock), authenticator);
        return new Registration(
                accounts,
                apiKeys,
                authenticator,
                new Activations(vertx, pool, seal),
                new Facilities(pool, ref),
                new FacilityRequests(vertx, pool, ref),
                new Companies(vertx, pool, seal),
                profile,
                products,
                applications,
                certifications,
                payments,
                new Documents(pool),
                new Outbox(pool, seal, clock, Outbox.Retry.DEFAULT));
    }
}
