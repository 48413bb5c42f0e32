package org.fangkong.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The embedded Keycloak's admin API, for the one setting that depends on where this launch listens: the console's
 * address. A browser signing in to the console is sent back there, and asks the token endpoint from there (CORS),
 * so the console's public client must know the gateway's address, which {@code --free-ports} picks at random.
 */
final class RealmAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private RealmAdmin() {
    }

    /** Adds each origin (scheme, host, port) to the console client's redirect URIs and web origins. */
    static void allowConsoleAt(String realmUrl, List<String> origins) {
        String server = realmUrl.substring(0, realmUrl.indexOf("/realms/"));
        String realm = realmUrl.substring(realmUrl.indexOf("/realms/") + "/realms/".length());
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        try {
            String form = "grant_type=password&client_id=admin-cli&username=admin&password=admin";
            JsonNode token = send(http, HttpRequest.newBuilder(URI.create(server + "/realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
            String bearer = "Bearer " + token.path("access_token").asText();
            String clients = server + "/admin/realms/" + realm + "/clients";
            JsonNode found = send(http, HttpRequest.newBuilder(URI.create(clients + "?clientId="
                    + URLEncoder.encode(DemoRealm.CONSOLE_CLIENT, StandardCharsets.UTF_8))).header("Authorization", bearer).GET());
            if (found.size() != 1) {
                throw new IllegalStateException("the realm has no client " + DemoRealm.CONSOLE_CLIENT);
            }
            ObjectNode client = (ObjectNode) found.get(0);
            ArrayNode redirects = client.withArray("redirectUris");
            ArrayNode webOrigins = client.withArray("webOrigins");
            for (String origin : origins) {
                addOnce(redirects, origin + "/*");
                addOnce(webOrigins, origin);
            }
            send(http, HttpRequest.newBuilder(URI.create(clients + "/" + client.path("id").asText())).header("Authorization", bearer)
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(client))));
        } catch (IOException e) {
            throw new IllegalStateException("could not register the console's address with the realm at " + realmUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while registering the console's address", e);
        }
    }

    private static void addOnce(ArrayNode values, String value) {
        for (JsonNode present : values) {
            if (present.asText().equals(value)) {
                return;
            }
        }
        values.add(value);
    }

    private static JsonNode send(HttpClient http, HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(response.request().method() + " " + response.request().uri() + ": " + response.statusCode() + " " + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }
}
