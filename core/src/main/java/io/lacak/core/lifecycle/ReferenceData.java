package io.lacak.core.lifecycle;

import io.lacak.core.gs1.Gs1Dates;
import io.lacak.core.gs1.Gs1Payload;
import io.lacak.core.serial.Issuance;
import java.time.LocalDate;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the lifecycle rules need to know besides the codes: facilities and their kind, products and
 * their NIE holder, batches with expiry and recall flag, and issuance ranges. Held in memory for
 * O(1) look-ups on the hot path and loaded from Postgres at start-up; thread-safe.
 */
public final class ReferenceData {

    /** Kinds of facility (Lampiran B): who may do what follows from it. */
    public enum FacilityType {
        MANUFACTURER,
        DISTRIBUTOR,
        PHARMACY,
        HOSPITAL,
        CLINIC;

        /** Lampiran J: pharmacies, hospitals and clinics dispense to patients. */
        public boolean dispenses() {
            return this == PHARMACY || this == HOSPITAL || this == CLINIC;
        }
    }

    public record Facility(int ref, String partnerId, FacilityType type) {}

    public record Product(int id, String nie, int holder) {}

    public record Batch(int ref, int productId, String batch, LocalDate expiry) {}

    private final Map<Integer, Facility> facilities = new ConcurrentHashMap<>();
    private final Map<String, Facility> facilitiesByPartner = new ConcurrentHashMap<>();
    private final Map<Integer, Product> products = new ConcurrentHashMap<>();
    private final Map<String, Product> productsByNie = new ConcurrentHashMap<>();
    private final Map<String, Product> productsByGtin = new ConcurrentHashMap<>();
    private final Map<Integer, Batch> batches = new ConcurrentHashMap<>();
    private final Map<String, Batch> batchesByName = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> recalled = new ConcurrentHashMap<>();
    private final Map<Integer, NavigableMap<Long, Issuance>> issuances = new ConcurrentHashMap<>();
    private final AtomicInteger nextBatch = new AtomicInteger(1);
    /** Per product, the serial key versions it has issuances under, highest first. */
    private final Map<Integer, int[]> keyVersions = new ConcurrentHashMap<>();

    private static final int[] NONE = new int[0];

    /** The highest facility ref, product id and issuance id known (issue 21: what a node has taken in). */
    private final AtomicInteger highestFacility = new AtomicInteger();

    private final AtomicInteger highestProduct = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong highestIssuance = new java.util.concurrent.atomic.AtomicLong();

    public void addFacility(Facility f) {
        facilities.put(f.ref(), f);
        facilitiesByPartner.put(f.partnerId(), f);
        highestFacility.accumulateAndGet(f.ref(), Math::max);
    }

    /**
     * Issue 21: {@code "facility,product,issuance"}, the highest ids this reference data knows; a
     * node given another's mark takes in what was made before it reads a request that node sent on
     * ({@link #covers}).
     */
    public String mark() {
        return highestFacility.get() + "," + highestProduct.get() + "," + highestIssuance.get();
    }

    public int highestFacility() {
        return highestFacility.get();
    }

    public int highestProduct() {
        return highestProduct.get();
    }

    public long highestIssuance() {
        return highestIssuance.get();
    }

    /** Whether this reference data knows ids as high as {@code mark}'s ({@link #mark}); an unreadable mark is covered. */
    public boolean covers(String mark) {
        String[] parts = mark == null ? new String[0] : mark.split(",");
        if (parts.length != 3) {
            return true;
        }
        try {
            return highestFacility.get() >= Integer.parseInt(parts[0].trim())
                    && highestProduct.get() >= Integer.parseInt(parts[1].trim())
                    && highestIssuance.get() >= Long.parseLong(parts[2].trim());
        } catch (NumberFormatException e) {
            return true;
        }
    }

    public Facility facility(int ref) {
        return facilities.get(ref);
    }

    public Facility facility(String partnerId) {
        return facilitiesByPartner.get(partnerId);
    }

    public void addProduct(Product p) {
        products.put(p.id(), p);
        productsByNie.put(p.nie(), p);
        highestProduct.accumulateAndGet(p.id(), Math::max);
    }

    /** Pasal 8(3): a GTIN the holder gave for one of its products. */
    public void addGtin(String gtin, int productId) {
        Product p = products.get(productId);
        if (p != null) {
            productsByGtin.put(gtin, p);
        }
    }

    /** The product a code names: by its (90) NIE, else by its (01) GTIN; {@code null} when unknown. */
    public Product productOf(String nie, String gtin) {
        Product p = nie == null ? null : productsByNie.get(nie);
        return p != null || gtin == null ? p : productsByGtin.get(gtin);
    }

    /**
     * The code a payload names, resolved to its registered product, with its batch and expiry
     * ({@code year} anchors the sliding century of two-digit years); {@code null} when no registered
     * product has the payload's NIE or GTIN. Every way in (JSON, CSV) resolves codes here.
     */
    public CodeRef codeRef(Gs1Payload p, int year) {
        Product product = productOf(p.nie(), p.gtin());
        return product == null
                ? null
                : new CodeRef(
                        product.id(),
                        p.serial(),
                        p.batch(),
                        p.expiry() == null ? null : Gs1Dates.resolve(p.expiry(), year));
    }

    public Product product(int id) {
        return products.get(id);
    }

    /** The reference the next new batch gets. */
    public int nextBatchRef() {
        return nextBatch.get();
    }

    /** The batch of a product, or {@code null} when none was reported. */
    public Batch findBatch(int productId, String batch) {
        return batchesByName.get(productId + "/" + batch);
    }

    /** Adds a batch (new, or loaded from storage); idempotent. */
    public synchronized Batch addBatch(Batch b) {
        batches.put(b.ref(), b);
        batchesByName.put(b.productId() + "/" + b.batch(), b);
        nextBatch.accumulateAndGet(b.ref() + 1, Math::max);
        return b;
    }

    /** Takes back a batch whose report was not journaled (a failed group commit). */
    public synchronized void forgetBatch(Batch b) {
        batches.remove(b.ref(), b);
        batchesByName.remove(b.productId() + "/" + b.batch(), b);
    }

    public Batch batch(int ref) {
        return batches.get(ref);
    }

    /** Lampiran L.a: the recall notice flags the batch; every code of it is recalled at once. */
    public void recall(int batchRef) {
        recalled.put(batchRef, Boolean.TRUE);
    }

    /** Takes back a recall whose notice was not journaled (a failed group commit). */
    public void unrecall(int batchRef) {
        recalled.remove(batchRef);
    }

    public boolean recalled(int batchRef) {
        return recalled.containsKey(batchRef);
    }

    /**
     * A new issuance (Pasal 8): its counter range, and the GTIN it was requested under (Pasal 8(3)),
     * known to the rules at once; idempotent.
     */
    public void issued(Issuance i) {
        addIssuance(i);
        if (i.gtin() != null) {
            addGtin(i.gtin(), i.productId());
        }
    }

    public void addIssuance(Issuance i) {
        issuances
                .computeIfAbsent(i.productId(), k -> new ConcurrentSkipListMap<>())
                .put(i.counterStart(), i);
        highestIssuance.accumulateAndGet(i.id(), Math::max);
        keyVersions.compute(i.productId(), (k, old) -> withVersion(old, i.keyVersion()));
    }

    /**
     * The serial key versions {@code productId} has issuances under, highest (the current) first;
     * as many as there were rotations, not issuances. The array is never changed: do not change it.
     */
    public int[] keyVersions(int productId) {
        return keyVersions.getOrDefault(productId, NONE);
    }

    private static int[] withVersion(int[] old, int version) {
        if (old == null) {
            return new int[] {version};
        }
        for (int v : old) {
            if (v == version) {
                return old;
            }
        }
        int[] grown = java.util.Arrays.copyOf(old, old.length + 1);
        grown[old.length] = version;
        java.util.Arrays.sort(grown);
        for (int a = 0, b = grown.length - 1; a < b; a++, b--) { // highest first
            int t = grown[a];
            grown[a] = grown[b];
            grown[b] = t;
        }
        return grown;
    }

    /** The issuance whose counter range holds {@code counter}, or {@code null}. */
    public Issuance issuance(int productId, long counter) {
        NavigableMap<Long, Issuance> ranges = issuances.get(productId);
        if (ranges == null) {
            return null;
        }
        Map.Entry<Long, Issuance> e = ranges.floorEntry(counter);
        return e != null && counter < e.getKey() + e.getValue().total() ? e.getValue() : null;
    }
}
