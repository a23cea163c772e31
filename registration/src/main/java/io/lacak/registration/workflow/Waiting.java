package io.lacak.registration.workflow;

/**
 * Whom an item of a workflow waits for, as a queue asks it ({@code ?waitingFor=REGULATOR}): the
 * statuses that mean it are each workflow's own ({@code ProductApplications.waitingFor},
 * {@code Certifications.waitingFor}, the complaints'), so that a queue lists exactly the items it
 * holds, page after page, and never filters a page after reading it.
 */
public enum Waiting {
    /** Badan POM's next step: a decision, a check, an evaluation, an answer. */
    REGULATOR,
    /** An SPB the applicant is to pay (seed 000: "Proses Pembayaran"), confirmed by Badan POM. */
    PAYMENT
}
