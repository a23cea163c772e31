package io.lacak.core.serial;

import io.lacak.core.serial.impl.PgIssuanceService;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Clock;

/**
 * Serial issuance (Pasal 7-10, Lampiran F): checks a code request against the product register,
 * reserves a counter range for it in one statement, and stores one record, so that issuing ten
 * million codes costs what issuing ten does.
 *
 * <p>{@code service.request(new CodeRequest()...).map(issuance -> service.listing(issuance, PRIMARY, BRACKETED))}
 */
public interface IssuanceService {

  /** Most primary codes one request may ask for. */
  long MAX_PRIMARIES = 1_000_000_000L;
  /** Largest capacity of a secondary or tertiary package. */
  int MAX_CAPACITY = 1_000_000;

  static IssuanceService create(Pool pool, SerialKeys keys, Clock clock) {
    return new PgIssuanceService(pool, keys, clock);
  }

  /**
   * Issues codes, or fails with {@link IssuanceRefused}. A repeated idempotency key from the same
   * requester returns the first issuance unchanged.
   */
  Future<Issuance> request(CodeRequest request);

  /** The requester's issuances, newest first, with ids below {@code beforeId} (paging). */
  Future<java.util.List<Issuance>> list(String requester, long beforeId, int limit);

  /** One issuance by id; fails with {@link IssuanceRefused} when it is not the requester's. */
  Future<Issuance> get(long id, String requester);

  /** The codes of one level of an issuance, written on demand. */
  CodeListing listing(Issuance issuance, PackagingLevel level, CodeListing.Format format);
}
