package io.lacak.registration.product;

/**
 * Which 2D barcode a product carries (Pasal 3): authentication (serialised codes, Pasal 6) or
 * identification (one code per NIE, Pasal 14-16).
 *
 * <p>{@code TwoDMethod m = TwoDMethod.of(Category.DRUG, DrugClass.OTC, false); // IDENTIFICATION}
 */
public enum TwoDMethod {
    AUTHENTICATION,
    IDENTIFICATION;

    /**
     * Pasal 3(2): prescription drugs, biologics, narcotics and psychotropics are authenticated.
     * Pasal 3(4): so are special-diet foods, and the OTC and limited-OTC drugs the Head of Badan POM
     * designates on risk (Pasal 3(5): {@code designated}). Pasal 3(3): everything else is identified.
     */
    public static TwoDMethod of(Category category, DrugClass drugClass, boolean designated) {
        if (category == Category.SPECIAL_DIET_FOOD) {
            return AUTHENTICATION;
        }
        if (category != Category.DRUG || drugClass == null) {
            return IDENTIFICATION;
        }
        return switch (drugClass) {
            case PRESCRIPTION, BIOLOGIC, NARCOTIC, PSYCHOTROPIC -> AUTHENTICATION;
            case OTC, LIMITED_OTC -> designated ? AUTHENTICATION : IDENTIFICATION;
        };
    }
}
