package org.fangkong.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

/** The gateway's public REST API, called as a console or a phone does: JSON, with the caller's bearer token. */
public final class GatewayApi {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http;

    /** A refusal or failure from the gateway, with its problem+json body. */
    public static final class ApiException extends RuntimeException {
        private final int status;

        ApiException(String call, int status, String body) {
            super(call + " answered " + status + ": " + body);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public GatewayApi(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public JsonNode get(String path, String token) {
        return send("GET", path, token, null, "application/json");
    }

    public JsonNode post(String path, String token, Object body) {
        return send("POST", path, token, body, "application/json");
    }

    public JsonNode put(String path, String token, Object body) {
        return send("PUT", path, token, body, "application/json");
    }

    /** A body sent as it is, of the given media type (NDJSON imports). */
    public JsonNode postRaw(String path, String token, String body, String mediaType) {
        return send("POST", path, token, body, mediaType);
    }

    /** A request whose answer is awaited by the caller (the simulator's many small calls). */
    public CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    public URI uri(String pathAndQuery) {
        return URI.create(baseUrl + pathAndQuery);
    }

    private JsonNode send(String method, String path, String token, Object body, String mediaType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", mediaType).method(method, HttpRequest.BodyPublishers.ofString(
                    body instanceof String text ? text : write(body), StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new ApiException(method + " " + path, response.statusCode(), response.body());
            }
            return response.body().isEmpty() ? NullNode.instance : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
