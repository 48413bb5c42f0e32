package org.fangkong.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * The gateway's public REST API, called as a console or a phone does: JSON, with the caller's bearer token. A good
 * client: an answer that says "not now" (429, or 503 from a service that is down or a breaker that is open) is tried
 * again after the wait its {@code Retry-After} asks for (else a growing one), up to {@link #ATTEMPTS} times.
 */
public final class GatewayApi {

    public static final ObjectMapper JSON = new ObjectMapper();
    /** Tries of one call before a 429 or 503 is the answer. */
    static final int ATTEMPTS = 8;
    /** The longest wait between two tries, whatever {@code Retry-After} says. */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    /** The shortest wait before the second try; it doubles with each further one. */
    static final Duration FIRST_WAIT = Duration.ofMillis(250);

    private final String baseUrl;
    private final HttpClient http;
    private final Duration firstWait;
    private final AtomicLong waits = new AtomicLong();

    /** A refusal or failure from the gateway, with its problem+json body. */
    public static final class ApiException extends RuntimeException {
        private final int status;
        private final String body;

        ApiException(String call, int status, String body) {
            super(call + " answered " + status + ": " + body);
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public String body() {
            return body;
        }
    }

    public GatewayApi(String baseUrl) {
        this(baseUrl, FIRST_WAIT);
    }

    GatewayApi(String baseUrl, Duration firstWait) {
        this.baseUrl = baseUrl;
        this.firstWait = firstWait;
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

    /** How many times the gateway has asked this client to wait (429 or 503) so far. */
    public long waits() {
        return waits.get();
    }

    /** Counts a wait the gateway asked for on a call made with {@link #sendAsync}. */
    void waited() {
        waits.incrementAndGet();
    }

    /**
     * How long to wait before try {@code attempt + 1}: at least what {@code Retry-After} says (seconds), and at least
     * {@link #FIRST_WAIT} doubling with each try; at most {@link #MAX_WAIT}, plus up to a quarter more so many clients
     * do not come back at once.
     */
    static Duration waitBefore(int attempt, Optional<String> retryAfter) {
        return waitBefore(attempt, retryAfter, FIRST_WAIT);
    }

    static Duration waitBefore(int attempt, Optional<String> retryAfter, Duration firstWait) {
        long millis = firstWait.toMillis() << Math.min(attempt - 1, 10);
        if (retryAfter.isPresent()) {
            try {
                millis = Math.max(millis, Math.max(0, Long.parseLong(retryAfter.get().strip())) * 1000);
            } catch (NumberFormatException httpDate) {
                // An HTTP date: the growing wait stands in for it.
            }
        }
        millis = Math.min(millis, MAX_WAIT.toMillis());
        return Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(millis / 4 + 1));
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
            long began = System.nanoTime();
            for (int attempt = 1;; attempt++) {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if ((status == 429 || status == 503) && attempt < ATTEMPTS) {
                    waits.incrementAndGet();
                    Thread.sleep(waitBefore(attempt, response.headers().firstValue("Retry-After"), firstWait).toMillis());
                    continue;
                }
                if (status >= 300) {
                    String tries = attempt == 1 ? "" : String.format(" (after %d tries over %.0f s)", attempt, (System.nanoTime() - began) / 1e9);
                    throw new ApiException(method + " " + path + tries, status, response.body());
                }
                return response.body().isEmpty() ? NullNode.instance : JSON.readTree(response.body());
            }
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
