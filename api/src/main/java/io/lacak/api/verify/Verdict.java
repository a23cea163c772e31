package io.lacak.api.verify;

import io.vertx.core.json.JsonObject;

/**
 * What public verification says about a code (Pasal 24-25, Lampiran M.a), with its message in
 * Bahasa Indonesia and English. Authentication codes get one of the first nine; identification
 * codes (Pasal 14-15) get {@link #NIE_VALID}, {@link #NIE_INVALID}, {@link #NIE_EXPIRED} or
 * {@link #MISMATCH}.
 */
public enum Verdict {
    GENUINE(true, "Produk asli dan tercatat dalam rantai pasok.", "Genuine product, recorded in the supply chain."),
    SOLD(
            false,
            "Kemasan ini tercatat sudah dijual kepada konsumen. Jika Anda baru membelinya di apotek atau toko,"
                    + " itu wajar. Jika kemasan ini dijual kepada Anda sebagai stok baru, atau oleh pihak lain, laporkan.",
            "This pack was recorded as sold to a consumer. If you just bought it at a pharmacy or shop, that is expected."
                    + " If it was sold to you as new stock, or by someone else, report it."),
    RECALLED(
            false,
            "Bets produk ini ditarik dari peredaran. Jangan digunakan; hubungi tempat pembelian.",
            "This batch is recalled. Do not use it; contact the place of purchase."),
    EXPIRED(
            false,
            "Produk sudah melewati tanggal kedaluwarsa. Jangan digunakan.",
            "The product is past its expiry date. Do not use it."),
    NOT_ACTIVATED(
            false,
            "Kode ini diterbitkan tetapi belum pernah dilaporkan beredar.",
            "This code was issued but never reported as released."),
    REJECTED(
            false,
            "Kode ini ditolak pada saat produksi dan tidak boleh beredar.",
            "This code was rejected at production and must not be on sale."),
    UNKNOWN(
            false,
            "Kode tidak tercatat: kemungkinan produk palsu. NIE yang tercetak tidak membuktikan siapa pembuat"
                    + " kemasan ini. Periksa NIE atau sampaikan pengaduan.",
            "Unknown code: possibly counterfeit. The NIE printed on it does not prove who made this pack."
                    + " Check the NIE or file a complaint."),
    MISMATCH(
            false,
            "Data pada kode (bets, kedaluwarsa atau masa berlaku NIE) tidak sesuai dengan data terdaftar.",
            "The data on the code (batch, expiry or NIE validity) differ from what is registered."),
    NIE_INVALID(
            false,
            "Nomor izin edar (NIE) tidak terdaftar.",
            "The marketing authorisation number (NIE) is not registered."),
    NIE_EXPIRED(
            false, "Masa berlaku nomor izin edar (NIE) sudah habis.", "The marketing authorisation (NIE) has expired."),
    NIE_VALID(
            true,
            "Nomor izin edar (NIE) terdaftar dan masa berlakunya sesuai.",
            "The marketing authorisation number (NIE) is registered and its validity date matches.");

    private final boolean valid;
    private final JsonObject message;

    Verdict(boolean valid, String id, String en) {
        this.valid = valid;
        this.message = new PreEncoded(new JsonObject().put("id", id).put("en", en)); // issue 19: encoded once
    }

    /** Whether the code is valid; any other verdict offers NIE look-up and a complaint (Lampiran M.a.4.a). */
    public boolean valid() {
        return valid;
    }

    /** The message in both languages, {@code {"id": "...", "en": "..."}}: one shared object, never to be changed. */
    public JsonObject message() {
        return message;
    }
}
