package io.lacak.core.gs1;

/**
 * Stable codes of the problems the GS1 codec reports. Clients may switch on them; the messages
 * beside them are for people and may change.
 */
public enum Gs1ErrorCode {
    /** Nothing to parse (null, empty or only white space). */
    EMPTY,
    /** The input is longer than any 2D symbol can carry. */
    INPUT_TOO_LONG,
    /** The text does not follow the form it claims (brackets, AI digits, stray characters). */
    SYNTAX,
    /** A symbology identifier other than {@code ]d2}, {@code ]Q3} or {@code ]C1}. */
    SYMBOLOGY,
    /** A GS separator where none belongs (empty field, separator in bracketed text). */
    SEPARATOR,
    /** An application identifier that the GS1 dictionary does not define. */
    AI_UNKNOWN,
    /** The same application identifier twice. */
    AI_DUPLICATE,
    /** An application identifier the payload needs is absent. */
    AI_MISSING,
    /** An application identifier that may not stand with another one present. */
    AI_NOT_ALLOWED,
    /** A field with no value. */
    VALUE_EMPTY,
    /** A value shorter than its fixed length. */
    VALUE_TOO_SHORT,
    /** A value longer than its maximum length. */
    VALUE_TOO_LONG,
    /** A character outside the field's character set. */
    CHARSET,
    /** A GTIN whose mod-10 check digit is wrong. */
    GTIN_CHECK_DIGIT,
    /** An SSCC whose mod-10 check digit is wrong. */
    SSCC_CHECK_DIGIT,
    /** Another GS1 key whose check digit is wrong. */
    CHECK_DIGIT,
    /** Not a real calendar date (or time), or day 00 where the profile forbids it. */
    DATE_INVALID,
    /** A value that breaks another content rule of the GS1 dictionary. */
    VALUE_INVALID,
    /** A GS1 Digital Link URI that is not well formed. */
    DIGITAL_LINK
}
