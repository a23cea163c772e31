package io.lacak.registration.certification;

import io.lacak.core.refusal.Fields;
import io.lacak.core.refusal.Refusal;
import io.lacak.registration.certification.Certifications.Inspection;
import io.lacak.registration.certification.Certifications.Type;
import io.lacak.registration.document.Documents;
import io.lacak.registration.workflow.Decision;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The forms of a certification (seed 002), checked: every problem goes into one INVALID refusal.
 * The dosage forms named are looked up in the company profile through the store.
 */
final class CertificationForm {

    /** The application data of a form, checked, and the dosage forms it names. */
    record Application(Type type, String letterNumber, LocalDate letterDate, String rip, Integer[] forms) {}

    /** Badan POM's step: the decision, its note, the inspection's result and the SPB's amount where they apply. */
    record Ruling(Decision decision, String note, Inspection result, long amount) {}

    private static final Pattern TEXT = Pattern.compile("(?s).{1,300}");
    private static final Pattern NOTE = Pattern.compile("(?s).{1,2000}");
    private static final Set<Decision> DECISIONS = EnumSet.of(
            Decision.APPROVE, Decision.REVISE, Decision.INSPECTED, Decision.ACCEPT_CAPA, Decision.REVISE_CAPA);

    private CertificationForm() {}

    /**
     * The application of {@code companyId}: its fields, documents ({@code documentsRequired} on a
     * first submission) and dosage forms, each with a production licence in the company profile.
     */
    static Future<Application> application(
            CertificationStore store,
            long companyId,
            Certifications.Apply sent,
            List<Documents.Upload> docs,
            List<Refusal.Item> refusedDocuments,
            boolean documentsRequired) {
        Fields f = Fields.of();
        Type type = f.choice("type", sent.type(), Type.class);
        String letter =
                f.text("letterNumber", sent.letterNumber(), TEXT, "the number of the company's application letter");
        LocalDate letterDate = f.date("letterDate", sent.letterDate());
        String rip = f.text(
                "ripApprovalNumber", sent.ripApprovalNumber(), TEXT, "the RIP approval number (Nomor Persetujuan RIP)");
        List<String> formIds = sent.dosageForms() == null ? List.of() : sent.dosageForms();
        refusedDocuments.forEach(p -> f.add(p.field(), p.code(), p.message()));
        Set<String> kinds = new HashSet<>();
        for (Documents.Upload d : docs) {
            if (!Certifications.KINDS.contains(d.kind())) {
                f.add(
                        "documents." + d.kind(),
                        "DOCUMENT_KIND",
                        "documents are ADMINISTRATIVE, TECHNICAL or OPTIONAL, not " + d.kind());
            }
            kinds.add(d.kind());
        }
        if (documentsRequired) {
            for (String required : List.of("ADMINISTRATIVE", "TECHNICAL")) {
                if (!kinds.contains(required)
                        && refusedDocuments.stream().noneMatch(p -> p.field().equals("documents." + required))) {
                    f.add(
                            "documents." + required,
                            "REQUIRED",
                            "seed 002: the " + required.toLowerCase(Locale.ROOT) + " documents (PDF or Excel)");
                }
            }
        }
        List<Integer> ids = new ArrayList<>();
        if (formIds.isEmpty()) {
            f.add("dosageForms", "REQUIRED", "seed 002: choose the dosage forms (sediaan) to certify");
        }
        for (int i = 0; i < formIds.size(); i++) {
            try {
                ids.add(Integer.parseInt(formIds.get(i).strip()));
            } catch (NumberFormatException e) {
                f.add(
                        "dosageForms[" + i + "]",
                        "BAD_FORMAT",
                        "a dosage form id from the company profile, not '" + formIds.get(i) + "'");
            }
        }
        return store.licences(ids, companyId).map(licences -> {
            for (int i = 0; i < ids.size(); i++) {
                if (!licences.containsKey(ids.get(i))) {
                    f.add(
                            "dosageForms[" + i + "]",
                            "UNKNOWN_DOSAGE_FORM",
                            "your company profile has no dosage form " + ids.get(i));
                } else if (licences.get(ids.get(i)) == null) {
                    f.add(
                            "dosageForms[" + i + "]",
                            "NO_PRODUCTION_LICENCE",
                            "seed 002: dosage form " + ids.get(i)
                                    + " has no production licence; give its number and date (Edit Sediaan -> Izin Produksi) first");
                }
            }
            f.check();
            return new Application(
                    type, letter, letterDate, rip, ids.stream().distinct().toArray(Integer[]::new));
        });
    }

    /** Seed 002 "Upload Hasil CAPA": file field CAPA, and nothing else. */
    static void capa(List<Documents.Upload> docs, List<Refusal.Item> refusedDocuments) {
        Fields f = Fields.of();
        refusedDocuments.forEach(p -> f.add(p.field(), p.code(), p.message()));
        if (docs.stream().noneMatch(d -> d.kind().equals("CAPA")) && refusedDocuments.isEmpty()) {
            f.add("documents.CAPA", "REQUIRED", "the CAPA result as file field CAPA (PDF or Excel)");
        }
        docs.stream()
                .filter(d -> !d.kind().equals("CAPA"))
                .forEach(d ->
                        f.add("documents." + d.kind(), "DOCUMENT_KIND", "a CAPA upload carries file field CAPA only"));
        f.check();
    }

    /**
     * {@code APPROVE} with {@code amount}, {@code REVISE} with a note, {@code INSPECTED} with
     * {@code result}, {@code ACCEPT_CAPA}, {@code REVISE_CAPA} with a note.
     */
    static Ruling ruling(Certifications.Decide sent) {
        Fields f = Fields.of();
        Decision decision = Decision.read(f, sent.decision(), DECISIONS);
        String note = f.optionalText("note", sent.note(), NOTE, "up to 2000 characters");
        Inspection result = decision == Decision.INSPECTED ? f.choice("result", sent.result(), Inspection.class) : null;
        Number amount = sent.amount();
        if (decision == Decision.APPROVE && (amount == null || amount.longValue() <= 0)) {
            f.add("amount", "REQUIRED", "approval issues an SPB: its amount in whole rupiah, above 0");
        }
        if (decision != null && decision.isRevision() && note == null) {
            f.add("note", "REQUIRED", "a revision request says what to revise");
        }
        f.check();
        return new Ruling(decision, note, result, amount != null ? amount.longValue() : 0);
    }
}
