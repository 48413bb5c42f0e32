package org.fangkong.gateway.console.rest;

import java.net.URI;
import java.time.ZoneId;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fangkong.gateway.config.GatewayConfig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the command console (static pages under {@code /console/}) reads before anyone signs in: where to sign in, with
 * which public client, and which map tiles to draw. Nothing here is secret.
 */
@Path("/")
@Tag(name = "Console")
@PermitAll
public class ConsoleResource {

    /** The same for every caller and fixed by configuration, so it is built once. */
    private final ObjectNode settings;

    public ConsoleResource(GatewayConfig config, @ConfigProperty(name = "quarkus.oidc.auth-server-url") String realmUrl,
            @ConfigProperty(name = "fangkong.time-zone") ZoneId timeZone, ObjectMapper json) {
        GatewayConfig.Console console = config.console();
        settings = json.createObjectNode();
        settings.put("oidcUrl", console.oidcUrl().orElse(realmUrl).replaceAll("/+$", ""));
        settings.put("clientId", console.clientId());
        // The platform's days (reports, incident numbers) are local days of this zone, whatever the browser's is.
        settings.put("timeZone", timeZone.getId());
        ObjectNode map = settings.putObject("map");
        map.put("tiles", console.tiles().orElse(null));
        map.put("tileCoordinates", console.tileCoordinates().name());
        map.put("attribution", console.tileAttribution().orElse(""));
        String[] center = console.center().split(",");
        map.putArray("center").add(Double.parseDouble(center[0].trim())).add(Double.parseDouble(center[1].trim()));
        map.put("zoom", console.zoom());
    }

    @GET
    @Operation(summary = "The console's start page")
    public Response root() {
        return Response.seeOther(URI.create("/console/")).build();
    }

    @GET
    @Path("/console/config.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The console's sign-in and map settings")
    public Response config() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        noStore.setNoTransform(false);
        return Response.ok(settings).cacheControl(noStore).build();
    }
}
