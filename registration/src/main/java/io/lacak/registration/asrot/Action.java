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
  SUBMIT_PRE_REGISTRATION(false, false, EnumSet.of(DRAFT), PRE_REGISTRATION_PAYMENT),
  /** "Hasil Pra Registrasi" issued: on to the registration documents. */
  APPROVE_PRE_REGISTRATION(true, false, EnumSet.of(PRE_REGISTRATION_EVALUATION), REGISTRATION_UPLOAD),
  /** "Kirim - Admin Loket - Proses Pemeriksaan Berkas Registrasi", with the OSS registration licence. */
  SUBMIT_TO_COUNTER(false, false, EnumSet.of(REGISTRATION_UPLOAD, RETURNED), COUNTER_CHECK),
  /** The counter verifies the documents: SPB Registrasi issued. */
  VERIFY(true, false, EnumSet.of(COUNTER_CHECK), REGISTRATION_PAYMENT),
  /** The counter returns the documents ("Dikembalikan"). */
  RETURN(true, true, EnumSet.of(COUNTER_CHECK), RETURNED),
  /** The evaluation asks for more ("Tambahan Data"). */
  REQUEST_DATA(true, true, EnumSet.of(EVALUATION), ADDITIONAL_DATA),
  /** The applicant answers the request (documents uploaded beforehand). */
  RESPOND(false, true, EnumSet.of(ADDITIONAL_DATA), EVALUATION),
  /** Registration approved: the NIE is issued. */
  APPROVE(true, false, EnumSet.of(EVALUATION), APPROVED),
  /** Pre-registration or registration refused. */
  REJECT(true, true, EnumSet.of(PRE_REGISTRATION_EVALUATION, EVALUATION), REJECTED);

  private final boolean regulator;
  private final boolean needsNote;
  private final Set<ApplicationStatus> from;
  private final ApplicationStatus to;

  Action(boolean regulator, boolean needsNote, Set<ApplicationStatus> from, ApplicationStatus to) {
    this.regulator = regulator;
    this.needsNote = needsNote;
    this.from = from;
    this.to = to;
  }

  /** Badan POM takes this step (else the applicant). */
  public boolean byRegulator() {
    return regulator;
  }

  public boolean needsNote() {
    return needsNote;
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
