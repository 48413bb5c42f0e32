package org.fangkong.gateway.device.rest;

import java.time.Clock;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fangkong.gateway.device.DeviceFix;
import org.fangkong.gateway.device.DeviceGate;
import org.fangkong.platform.errors.InvalidArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Positions from the Traccar Client phone app, unchanged (the OsmAnd protocol): point the app's server URL at
 * {@code https://<gateway>/osmand}. Each answer is 200 with an empty body, only once units-service stored the fix.
 */
@Path("/osmand")
@Tag(name = "Devices")
@PermitAll
public class OsmAndResource {

    private final DeviceGate gate;
    private final ObjectMapper json;
    private final Clock clock;

    public OsmAndResource(DeviceGate gate, ObjectMapper json, Clock clock) {
        this.gate = gate;
        this.json = json;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "A fix in query parameters: id, lat, lon (or location=lat,lon), timestamp, speed (knots), bearing, altitude, accuracy, batt")
    public Uni<Response> query(@Context UriInfo uri, @Context HttpServerRequest request) {
        return parameters(uri.getQueryParameters(), request);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "A fix in form (or query) parameters, as the GET form")
    public Uni<Response> form(@Context UriInfo uri, MultivaluedMap<String, String> form, @Context HttpServerRequest request) {
        MultivaluedMap<String, String> all = new jakarta.ws.rs.core.MultivaluedHashMap<>(uri.getQueryParameters());
        form.forEach(all::addAll);
        return parameters(all, request);
    }

    @POST
    @Consumes({ MediaType.WILDCARD, MediaType.TEXT_PLAIN })
    @Operation(summary = "A fix with its parameters in the query string and an empty body")
    public Uni<Response> bare(@Context UriInfo uri, @Context HttpServerRequest request) {
        return parameters(uri.getQueryParameters(), request);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A fix as JSON: {\"location\": {\"timestamp\", \"coords\": {\"latitude\", \"longitude\", \"speed\", \"heading\", \"accuracy\"}, \"battery\"}, \"device_id\"}")
    public Uni<Response> json(byte[] body, @Context HttpServerRequest request) {
        String address = address(request);
        return gate.admit(address).chain(() -> {
            DeviceFix fix;
            try {
                JsonNode tree = json.readTree(body);
                fix = DeviceFix.fromJson(tree, clock.instant());
            } catch (InvalidArgumentException e) {
                return gate.malformed(address, e).replaceWith(Response.ok().build());
            } catch (java.io.IOException e) {
                return gate.malformed(address, new InvalidArgumentException("body", "must be JSON")).replaceWith(Response.ok().build());
            }
            return gate.report(address, fix, 404).replaceWith(Response.ok().build());
        });
    }

    private Uni<Response> parameters(MultivaluedMap<String, String> parameters, HttpServerRequest request) {
        String address = address(request);
        return gate.admit(address).chain(() -> {
            DeviceFix fix;
            try {
                fix = DeviceFix.fromParameters(parameters::getFirst, clock.instant());
            } catch (InvalidArgumentException e) {
                return gate.malformed(address, e).replaceWith(Response.ok().build());
            }
            return gate.report(address, fix, 400).replaceWith(Response.ok().build());
        });
    }

    private static String address(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
