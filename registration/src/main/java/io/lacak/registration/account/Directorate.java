package io.lacak.registration.account;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Badan POM's supervision directorates (Lampiran B: a request goes to "Direktorat Pengawasan produk
 * terkait"; seed 004: a person of several chooses one after logging in), each with the commodities
 * routed to it: the product categories ({@code product.Category}, ASROT's {@code kbli.Commodity})
 * and the company form's commodities (seed 002). The one owner of that routing; the codes are the
 * {@code directorate} table's (V27).
 *
 * <p>{@code Directorate.of(List.of("KOSMETIK"))} is {@code [KOSMETIK]}.
 */
public enum Directorate {
    OBAT("Direktorat Pengawasan Obat", "Directorate of Drug Supervision", "DRUG", "OBAT"),
    OBAT_TRADISIONAL(
            "Direktorat Pengawasan Obat Tradisional",
            "Directorate of Traditional Medicine Supervision",
            "TRADITIONAL_MEDICINE",
            "OBAT_TRADISIONAL"),
    OBAT_KUASI("Direktorat Pengawasan Obat Kuasi", "Directorate of Quasi-Drug Supervision", "QUASI_DRUG", "OBAT_KUASI"),
    SUPLEMEN_KESEHATAN(
            "Direktorat Pengawasan Suplemen Kesehatan",
            "Directorate of Health Supplement Supervision",
            "HEALTH_SUPPLEMENT",
            "SUPLEMEN_KESEHATAN"),
    KOSMETIK("Direktorat Pengawasan Kosmetik", "Directorate of Cosmetics Supervision", "COSMETIC", "KOSMETIK"),
    PANGAN_OLAHAN(
            "Direktorat Pengawasan Pangan Olahan",
            "Directorate of Processed Food Supervision",
            "PROCESSED_FOOD",
            "SPECIAL_DIET_FOOD",
            "PANGAN_OLAHAN");

    private final String nameId;
    private final String nameEn;
    private final List<String> commodities;

    Directorate(String nameId, String nameEn, String... commodities) {
        this.nameId = nameId;
        this.nameEn = nameEn;
        this.commodities = List.of(commodities);
    }

    public String nameId() {
        return nameId;
    }

    public String nameEn() {
        return nameEn;
    }

    /** The commodity values (as stored) routed to this directorate. */
    public List<String> commodities() {
        return commodities;
    }

    /** Every commodity value the routing knows: an item of none of them is every directorate's. */
    public static String[] known() {
        return Arrays.stream(values()).flatMap(d -> d.commodities.stream()).toArray(String[]::new);
    }

    /** The directorate of code {@code code}, {@code null} when there is none. */
    public static Directorate byCode(String code) {
        for (Directorate d : values()) {
            if (d.name().equals(code)) {
                return d;
            }
        }
        return null;
    }

    /**
     * The directorates an item of these commodities goes to; every directorate when it names none
     * the routing knows (an item without a commodity is every directorate's).
     */
    public static Set<Directorate> of(Collection<String> itemCommodities) {
        Set<Directorate> out = EnumSet.noneOf(Directorate.class);
        for (Directorate d : values()) {
            if (itemCommodities != null && itemCommodities.stream().anyMatch(d.commodities::contains)) {
                out.add(d);
            }
        }
        return out.isEmpty() ? EnumSet.allOf(Directorate.class) : out;
    }
}
