package io.lacak.registration.asrot;

/**
 * Where a product application stands in ASROT (seed 000, sections E and F), with the status text
 * ASROT shows.
 */
public enum ApplicationStatus {
    DRAFT("Draft"),
    PRE_REGISTRATION_PAYMENT("Pendaftar - Proses Pembayaran PraReg"),
    PRE_REGISTRATION_EVALUATION("Proses Evaluasi Pra Registrasi"),
    REGISTRATION_UPLOAD("Proses Upload & Submit Dokumen REGISTRASI Ke Loket"),
    COUNTER_CHECK("Proses Pemeriksaan Berkas"),
    RETURNED("Dikembalikan"),
    REGISTRATION_PAYMENT("Proses Pembayaran Registrasi"),
    EVALUATION("Proses Evaluasi Registrasi"),
    ADDITIONAL_DATA("Tambahan Data"),
    APPROVED("Disetujui"),
    REJECTED("Ditolak");

    private final String asrot;

    ApplicationStatus(String asrot) {
        this.asrot = asrot;
    }

    /** The status as ASROT words it. */
    public String asrot() {
        return asrot;
    }
}
