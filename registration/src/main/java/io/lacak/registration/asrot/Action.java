package io.lacak.registration.asrot;

import static io.lacak.registration.asrot.ApplicationStatus.ADDITIONAL_DATA;
import static io.lacak.registration.asrot.ApplicationStatus.APPROVED;
import static io.lacak.registration.asrot.ApplicationStatus.COUNTER_CHECK;
import static io.lacak.registration.asrot.ApplicationStatus.DRAFT;
import static io.lacak.registration.asrot.ApplicationStatus.EVALUATION;
import static io.lacak.registration.asrot.ApplicationStatus.PRE_REGISTRATION_EVALUATION;
import static io.lacak.registration.asrot.ApplicationStatus.PRE_REGISTRATION_PAYMENT;
import static io.lacak.registration.asrot.ApplicationStatus.REGISTRATION_PAYMENT;
import static io.lacak.registration.asrot.ApplicationStatus.REGISTRATION_UPLOAD;
import static io.lacak.registration.asrot.ApplicationStatus.REJECTED;
import static io.lacak.registration.asrot.ApplicationStatus.RETURNED;

import java.util.EnumSet;
import java.util.Set;

/**
 * The steps of a product application (seed 000), who takes each, from which statuses and to which.
 * Payments are not actions: a paid SPB moves the application on by itself ("akan otomatis masuk ke
 * proses evaluasi").
 */
public enum Action {
    /** "Pendaftar - Proses Pembayaran PraReg": the draft goes in with its OSS pre-registration licence; SPB issued. */
    SUBMIT_PRE_REGISTRATION(Actor.APPLICANT, Note.OPTIONAL, EnumSet.of(DRAFT), PRE_REGISTRATION_PAYMENT),
    /** "Hasil Pra Registrasi" issued: on to the registration documents. */
    APPROVE_PRE_REGISTRATION(
            Actor.REGULATOR, Note.OPTIONAL, EnumSet.of(PRE_REGISTRATION_EVALUATION), REGISTRATION_UPLOAD),
    /** "Kirim - Admin Loket - Proses Pemeriksaan Berkas Registrasi", with the OSS registration licence. */
    SUBMIT_TO_COUNTER(Actor.APPLICANT, Note.OPTIONAL, EnumSet.of(REGISTRATION_UPLOAD, RETURNED), COUNTER_CHECK),
    /** The counter verifies the documents: SPB Registrasi issued. */
    VERIFY(Actor.REGULATOR, Note.OPTIONAL, EnumSet.of(COUNTER_CHECK), REGISTRATION_PAYMENT),
    /** The counter returns the documents ("Dikembalikan"). */
    RETURN(Actor.REGULATOR, Note.REQUIRED, EnumSet.of(COUNTER_CHECK), RETURNED),
    /** The evaluation asks for more ("Tambahan Data"). */
    REQUEST_DATA(Actor.REGULATOR, Note.REQUIRED, EnumSet.of(EVALUATION), ADDITIONAL_DATA),
    /** The applicant answers the request (documents uploaded beforehand). */
    RESPOND(Actor.APPLICANT, Note.REQUIRED, EnumSet.of(ADDITIONAL_DATA), EVALUATION),
    /** Registration approved: the NIE is issued. */
    APPROVE(Actor.REGULATOR, Note.OPTIONAL, EnumSet.of(EVALUATION), APPROVED),
    /** Pre-registration or registration refused. */
    REJECT(Actor.REGULATOR, Note.REQUIRED, EnumSet.of(PRE_REGISTRATION_EVALUATION, EVALUATION), REJECTED);

    /** Who takes a step. */
    public enum Actor {
        /** The NIE holder's people (pendaftar). */
        APPLICANT,
        /** Badan POM. */
        REGULATOR
    }

    /** Whether a step gives its reason. */
    public enum Note {
        OPTIONAL,
        REQUIRED
    }

    private final Actor by;
    private final Note note;
    private final Set<ApplicationStatus> from;
    private final ApplicationStatus to;

    Action(Actor by, Note note, Set<ApplicationStatus> from, ApplicationStatus to) {
        this.by = by;
        this.note = note;
        this.from = from;
        this.to = to;
    }

    /** Who takes this step. */
    public Actor by() {
        return by;
    }

    /** Badan POM takes this step (else the applicant). */
    public boolean byRegulator() {
        return by == Actor.REGULATOR;
    }

    /** Whether the step gives its reason. */
    public Note note() {
        return note;
    }

    public boolean needsNote() {
        return note == Note.REQUIRED;
    }

    public Set<ApplicationStatus> from() {
        return from;
    }

    public ApplicationStatus to() {
        return to;
    }

    /** The step gives the OSS licence of its stage (seed 000: "Pilih Kode Izin dan ID Izin ... Simpan Data OSS"). */
    public boolean needsOssLicence() {
        return this == SUBMIT_PRE_REGISTRATION || this == SUBMIT_TO_COUNTER;
    }
}
