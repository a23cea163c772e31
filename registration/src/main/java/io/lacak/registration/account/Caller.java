package io.lacak.registration.account;

import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.registration.web.Problem;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Who is calling, as the authenticator found it: a person logged in by JWT (seed 004's single
 * sign-on) or a machine with an API key bound to one facility. Regulator staff act for Badan POM.
 *
 * <p>{@code Facility f = Caller.of(ctx).actingFacility(body.getString("partnerId"), ref);}
 */
public record Caller(int accountId, String username, boolean regulator, List<Integer> facilities, int apiKeyId) {

  /** Key of the caller in the routing context. */
  public static final String KEY = "lacak.caller";

  /** The authenticated caller of a request; 401 when there is none. */
  public static Caller of(RoutingContext ctx) {
    Caller c = ctx.get(KEY);
    if (c == null) {
      throw Problem.unauthorized("log in (Authorization: Bearer <token>) or give an API key (X-API-Key)");
    }
    return c;
  }

  /** 403 unless the caller is regulator staff: only Badan POM approves and registers. */
  public Caller requireRegulator() {
    if (!regulator) {
      throw Problem.forbidden("REGULATOR_ONLY", "only Badan POM (regulator accounts) may do this");
    }
    return this;
  }

  /** 403 for a machine (API key): registration workflows are a person's, logged in (seed 004). */
  public Caller requirePerson() {
    if (apiKeyId != 0 || accountId == 0) {
      throw Problem.forbidden("PERSON_ONLY", "registration workflows are filed by a person logged in, not by an API key");
    }
    return this;
  }

  public boolean memberOf(int facilityRef) {
    return facilities.contains(facilityRef);
  }

  /**
   * The facility a report is made for: the one named by {@code partnerId}, which must be one of the
   * caller's; or, when none is named, the caller's only facility.
   */
  public Facility actingFacility(String partnerId, ReferenceData ref) {
    if (partnerId == null) {
      if (facilities.size() != 1) {
        throw Problem.badRequest("partnerId", "REQUIRED", facilities.isEmpty()
            ? "this account belongs to no facility" : "this account belongs to several facilities: name one as partnerId");
      }
      return ref.facility(facilities.get(0));
    }
    Facility f = ref.facility(partnerId);
    if (f == null || !memberOf(f.ref())) {
      throw Problem.forbidden("NOT_YOUR_FACILITY", "the caller may not act for facility " + partnerId);
    }
    return f;
  }
}
