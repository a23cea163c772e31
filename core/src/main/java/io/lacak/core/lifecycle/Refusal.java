package io.lacak.core.lifecycle;

/** Why a transition of a code is refused: stable codes, each with the rule it enforces. */
public enum Refusal {
  /** The code was never issued by Lacak for this product, nor reported as self-issued. */
  UNKNOWN_CODE("no such code has been issued or reported"),
  /** Lampiran G: a code is reported used once. */
  ALREADY_REPORTED("the code was already reported in a usage report"),
  /** Pasal 10(2): a code serves only the batch (and expiry) it was issued for. */
  BATCH_MISMATCH("the code was issued for another batch or expiry"),
  /** Lampiran C.2.b: the code was issued for another packaging level. */
  LEVEL_MISMATCH("the code was issued for another packaging level"),
  /** Pasal 7(2), Lampiran G: only the NIE holder reports usage and recalls. */
  NOT_NIE_HOLDER("only the NIE holder may do this"),
  /** Lampiran H: only the holder ships, returns or unpacks. */
  NOT_HOLDER("the reporting facility does not hold the code"),
  /** Lampiran I: only the addressee receives. */
  WRONG_ADDRESSEE("the code is not addressed to the reporting facility"),
  /** The code is not in a state that allows this (for example shipping a code in transit). */
  WRONG_STATE("the code's state does not allow this"),
  /** Lampiran G: rejected and retained-sample codes never enter circulation. */
  NOT_IN_CIRCULATION("the code was reported rejected or retained as a sample"),
  /** Lampiran J: only primary codes are sold. */
  NOT_PRIMARY("only primary codes are sold"),
  /** Lampiran J: only pharmacies, hospitals and clinics sell. */
  NOT_PHARMACY("only a pharmacy, hospital or clinic reports sales"),
  /** Lampiran J: a code is sold once; a second sale is a possible clone. */
  ALREADY_SOLD("the code was already sold"),
  /** Lampiran L: the batch is recalled; only recall shipments move it. */
  RECALLED("the batch is recalled"),
  /** Lampiran L.b: a recall shipment needs a recalled batch. */
  NOT_RECALLED("the batch is not recalled"),
  /** The product has expired. */
  EXPIRED("the product has expired"),
  /** Lampiran G: aggregation goes primary into secondary into tertiary. */
  WRONG_AGGREGATION("a code may only be packed into the next packaging level"),
  /** Pasal 8(2)e-f: a package holds at most the requested number of codes. */
  CAPACITY_EXCEEDED("the package would hold more codes than its requested capacity"),
  /** A code named twice in one report. */
  DUPLICATE_IN_REPORT("the code appears more than once in the report"),
  /** The addressee is not a registered facility. */
  UNKNOWN_FACILITY("no such facility is registered");

  private final String message;

  Refusal(String message) {
    this.message = message;
  }

  /** A plain-language explanation. */
  public String message() {
    return message;
  }
}
