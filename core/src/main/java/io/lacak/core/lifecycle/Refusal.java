package io.lacak.core.lifecycle;

/** Why a transition of a code is refused: stable codes, each with the rule it enforces. */
public enum Refusal {
    /** The code was never issued by Lacak for this product, nor reported as self-issued. */
    UNKNOWN_CODE("kode ini belum pernah diterbitkan atau dilaporkan", "no such code has been issued or reported"),
    /** Lampiran G: a code is reported used once. */
    ALREADY_REPORTED(
            "kode ini sudah dilaporkan dalam laporan penggunaan", "the code was already reported in a usage report"),
    /** Pasal 10(2): a code serves only the batch (and expiry) it was issued for. */
    BATCH_MISMATCH(
            "kode ini diterbitkan untuk bets atau tanggal kedaluwarsa lain",
            "the code was issued for another batch or expiry"),
    /** Lampiran C.2.b: the code was issued for another packaging level. */
    LEVEL_MISMATCH(
            "kode ini diterbitkan untuk tingkat kemasan lain", "the code was issued for another packaging level"),
    /** Pasal 7(2), Lampiran G: only the NIE holder reports usage and recalls. */
    NOT_NIE_HOLDER("hanya pemegang NIE yang boleh melakukan ini", "only the NIE holder may do this"),
    /** Lampiran H: only the holder ships, returns or unpacks (told to the addressee; anyone else: {@link #NOT_HELD}). */
    NOT_HOLDER("fasilitas pelapor tidak memegang kode ini", "the reporting facility does not hold the code"),
    /**
     * The reporting facility neither holds the code nor is it addressed to it: one answer whatever
     * the code's state (in stock elsewhere, in transit to another, sold, recalled...), so that a
     * refusal tells nothing of another facility's stock, as {@code GET /codes/state} answers 404.
     */
    NOT_HELD(
            "kode ini tidak dipegang oleh fasilitas pelapor dan tidak ditujukan kepadanya",
            "the code is neither held by nor addressed to the reporting facility"),
    /** Lampiran I: only the addressee receives. */
    WRONG_ADDRESSEE(
            "kode ini tidak ditujukan kepada fasilitas pelapor", "the code is not addressed to the reporting facility"),
    /** The code is not in a state that allows this (for example shipping a code in transit). */
    WRONG_STATE("status kode ini tidak memungkinkan tindakan ini", "the code's state does not allow this"),
    /** Lampiran G: rejected and retained-sample codes never enter circulation. */
    NOT_IN_CIRCULATION(
            "kode ini dilaporkan ditolak atau disimpan sebagai sampel pertinggal",
            "the code was reported rejected or retained as a sample"),
    /** Lampiran J: only primary codes are sold. */
    NOT_PRIMARY("hanya kode kemasan primer yang dijual", "only primary codes are sold"),
    /** Lampiran J: only pharmacies, hospitals and clinics sell. */
    NOT_PHARMACY(
            "hanya apotek, rumah sakit atau klinik yang melaporkan penjualan",
            "only a pharmacy, hospital or clinic reports sales"),
    /** Lampiran J: a code is sold once; a second sale is a possible clone. */
    ALREADY_SOLD("kode ini sudah terjual", "the code was already sold"),
    /** Lampiran L: the batch is recalled; only recall shipments move it. */
    RECALLED("bets ini ditarik dari peredaran", "the batch is recalled"),
    /** Lampiran L.b: a recall shipment needs a recalled batch. */
    NOT_RECALLED("bets ini tidak sedang ditarik dari peredaran", "the batch is not recalled"),
    /** The product has expired. */
    EXPIRED("produk sudah kedaluwarsa", "the product has expired"),
    /**
     * Pasal 10(2), Lampiran L: a container holds codes of the batch its own code names, and no other,
     * so that a recall stops every container that holds the batch (Lacak's container codes are issued
     * for one batch; a self-issued container code names its batch in (10) too).
     */
    MIXED_BATCH(
            "kemasan hanya boleh berisi kode dari bets yang tertera pada kodenya sendiri",
            "a package may only hold codes of the batch its own code names"),
    /** Lampiran L.a: a batch is recalled once; a second notice for it is not sent again. */
    ALREADY_RECALLED(
            "bets ini sudah ditarik dari peredaran; pemberitahuan penarikan sudah dikirim",
            "the batch is already recalled; its recall notice was already sent"),
    /** Lampiran G: aggregation goes primary into secondary into tertiary. */
    WRONG_AGGREGATION(
            "kode hanya boleh dikemas ke dalam tingkat kemasan berikutnya",
            "a code may only be packed into the next packaging level"),
    /** Pasal 8(2)e-f: a package holds at most the requested number of codes. */
    CAPACITY_EXCEEDED(
            "kemasan akan berisi lebih banyak kode daripada kapasitas yang diminta",
            "the package would hold more codes than its requested capacity"),
    /** A code named twice in one report. */
    DUPLICATE_IN_REPORT(
            "kode ini muncul lebih dari sekali dalam laporan", "the code appears more than once in the report"),
    /** The addressee is not a registered facility. */
    UNKNOWN_FACILITY("tidak ada fasilitas terdaftar seperti itu", "no such facility is registered");

    private final String messageId;
    private final String message;

    Refusal(String messageId, String message) {
        this.messageId = messageId;
        this.message = message;
    }

    /** A plain-language explanation, in English. */
    public String message() {
        return message;
    }

    /** The same explanation in Bahasa Indonesia. */
    public String messageId() {
        return messageId;
    }
}
