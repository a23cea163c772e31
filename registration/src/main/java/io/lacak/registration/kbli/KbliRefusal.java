package io.lacak.registration.kbli;

/** A registration the KBLI table of seed 000 does not allow, with the rule that says so. */
public record KbliRefusal(Rule rule, String message) {

    /** The rules of the seed 000 KBLI table and its notes. */
    public enum Rule {
        /** The KBLI is not in the table: it may register none of these commodities. */
        KBLI_NOT_ELIGIBLE,
        /** The table's last column does not list the commodity for this KBLI. */
        COMMODITY_NOT_ALLOWED,
        /** Note 1: UMOT registers traditional medicine only, as param, tapel, pilis, external liquid or rajangan. */
        UMOT_LIMITS,
        /** Note 2: UKOT registers no traditional medicine as tablet, effervescent, suppository, soft capsule or external aerosol. */
        UKOT_EXCLUDED_FORM,
        /** Note 3: beverage and food KBLIs register health supplements as oral liquid, powder served as liquid or gummy only. */
        FOOD_KBLI_FORMS,
        /** UMOT and UKOT are scales of KBLI 21022 (traditional medicine industry) only. */
        SCALE_NOT_FOR_KBLI
    }
}
