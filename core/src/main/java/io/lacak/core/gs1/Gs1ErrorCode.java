package io.lacak.core.gs1;

/**
 * Stable codes of the problems the GS1 codec reports. Clients may switch on them; the messages
 * beside them are for people and may change.
 */
public enum Gs1ErrorCode {
    /** Nothing to parse (null, empty or only white space). */
    EMPTY("kode kosong"),
    /** The input is longer than any 2D symbol can carry. */
    INPUT_TOO_LONG("kode terlalu panjang"),
    /** The text does not follow the form it claims (brackets, AI digits, stray characters). */
    SYNTAX("susunan kode tidak sesuai format"),
    /** A symbology identifier other than {@code ]d2}, {@code ]Q3} or {@code ]C1}. */
    SYMBOLOGY("jenis simbol tidak dikenal"),
    /** A GS separator where none belongs (empty field, separator in bracketed text). */
    SEPARATOR("pemisah (GS) di tempat yang salah"),
    /** An application identifier that the GS1 dictionary does not define. */
    AI_UNKNOWN("pengenal aplikasi (AI) tidak dikenal"),
    /** The same application identifier twice. */
    AI_DUPLICATE("pengenal aplikasi (AI) berulang"),
    /** An application identifier the payload needs is absent. */
    AI_MISSING("data wajib tidak ada (NIE, bets, kedaluwarsa atau nomor seri)"),
    /** An application identifier that may not stand with another one present. */
    AI_NOT_ALLOWED("pengenal aplikasi (AI) tidak boleh ada bersama yang lain"),
    /** A field with no value. */
    VALUE_EMPTY("ada isian yang kosong"),
    /** A value shorter than its fixed length. */
    VALUE_TOO_SHORT("ada isian yang terlalu pendek"),
    /** A value longer than its maximum length. */
    VALUE_TOO_LONG("ada isian yang terlalu panjang"),
    /** A character outside the field's character set. */
    CHARSET("ada karakter yang tidak diizinkan"),
    /** A GTIN whose mod-10 check digit is wrong. */
    GTIN_CHECK_DIGIT("digit periksa GTIN salah"),
    /** An SSCC whose mod-10 check digit is wrong. */
    SSCC_CHECK_DIGIT("digit periksa SSCC salah"),
    /** Another GS1 key whose check digit is wrong. */
    CHECK_DIGIT("digit periksa salah"),
    /** Not a real calendar date (or time), or day 00 where the profile forbids it. */
    DATE_INVALID("tanggal tidak sah"),
    /** A value that breaks another content rule of the GS1 dictionary. */
    VALUE_INVALID("isian tidak sah"),
    /** A GS1 Digital Link URI that is not well formed. */
    DIGITAL_LINK("tautan GS1 Digital Link tidak sah");

    private final String messageId;

    Gs1ErrorCode(String messageId) {
        this.messageId = messageId;
    }

    /**
     * What the problem is, in Bahasa Indonesia, without the bad value (the codec's messages, in
     * English, name it): {@code e.code().messageId()}. The public page's {@code app.js} shows the
     * same words for these codes.
     */
    public String messageId() {
        return messageId;
    }
}
