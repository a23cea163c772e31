package io.lacak.registration.facility;

import java.util.regex.Pattern;

/**
 * Format rules for registration fields (issue 4; Lampiran B, seed 002): NIB 13 digits, NPWP 15 or
 * 16 digits (dots and dashes of the printed form allowed), KBLI 5 digits, e-mail, phone.
 */
public final class Formats {

    public static final Pattern NIB = Pattern.compile("\\d{13}");
    /** 15 digits (the old NPWP) or 16 (the NIK-based one since 2024), printed with dots and dashes or not. */
    public static final Pattern NPWP = Pattern.compile("(\\d[.-]?){14}\\d(\\d)?");

    public static final Pattern KBLI = Pattern.compile("\\d{5}");
    public static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
    public static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{5,19}");
    /** ID rekanan: the partner ID every report names. */
    public static final Pattern PARTNER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{2,31}");

    private Formats() {}

    /** The digits of an NPWP as stored. */
    public static String npwpDigits(String npwp) {
        return npwp.replaceAll("[.-]", "");
    }
}
