package io.lacak.api.facility;

import io.lacak.api.http.Authentication;
import io.lacak.api.http.Problem;
import io.lacak.api.http.Replies;
import io.lacak.core.lifecycle.ReferenceData.FacilityType;
import io.lacak.registration.facility.Facilities;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** Facilities over HTTP: registration by the regulator (Lampiran B), the directory for choosing destinations. */
public final class FacilityRoutes {

    private final Facilities facilities;

    public FacilityRoutes(Facilities facilities) {
        this.facilities = facilities;
    }

    public void mount(RouterBuilder b) {
        b.getRoute("registerFacility").addHandler(this::register);
        b.getRoute("listFacilities").addHandler(this::directory);
        b.getRoute("getFacility").addHandler(this::get);
    }

    private void register(RoutingContext ctx) {
        Authentication.caller(ctx).requireRegulator();
        Replies.json(
                ctx,
                201,
                facilities.register(FacilityJson.register(Replies.body(ctx))).map(FacilityJson::entry));
    }

    private void directory(RoutingContext ctx) {
        Authentication.caller(ctx);
        String type = ctx.request().getParam("type");
        FacilityType t = null;
        if (type != null) {
            try {
                t = FacilityType.valueOf(type.strip().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw Problem.badRequest(
                        "type", "BAD_VALUE", "type must be one of " + java.util.Arrays.toString(FacilityType.values()));
            }
        }
        Replies.json(
                ctx,
                200,
                facilities
                        .directory(t, ctx.request().getParam("name"), Replies.intParam(ctx, "limit", 100, 1, 1000))
                        .map(FacilityJson::directory));
    }

    private void get(RoutingContext ctx) {
        Authentication.caller(ctx);
        Replies.json(ctx, 200, facilities.get(ctx.pathParam("partnerId")).map(FacilityJson::details));
    }
}
