package org.fangkong.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * The launcher as an API client, against a stand-in HTTP server that answers as the gateway does when it is busy
 * (429) or a service behind it is down (503), each with {@code Retry-After}.
 */
class GatewayApiTest {

    private HttpServer server;

    /** A server whose first {@code refusals} answers are {@code status} with {@code Retry-After: retryAfter}, then 200. */
    private String serve(int refusals, int status, String retryAfter, List<Long> arrivals) throws IOException {
        AtomicInteger calls = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/units/status", exchange -> {
            arrivals.add(System.nanoTime());
            byte[] body;
            if (calls.incrementAndGet() <= refusals) {
                body = "{\"status\":%d,\"title\":\"not now\"}".formatted(status).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                exchange.sendResponseHeaders(status, body.length);
            } else {
                body = "{\"changed\":3}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
            }
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aRefusedCallIsSentAgainAfterTheWaitRetryAfterAsksFor() throws Exception {
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        GatewayApi api = new GatewayApi(serve(2, 429, "1", arrivals));
        assertEquals(3, api.put("/api/v1/units/status", "token", java.util.Map.of("unitIds", List.of())).path("changed").asInt());
        assertEquals(3, arrivals.size());
        assertEquals(2, api.waits(), "each wait the gateway asked for is counted");
        for (int i = 1; i < arrivals.size(); i++) {
            assertTrue(arrivals.get(i) - arrivals.get(i - 1) >= Duration.ofSeconds(1).toNanos(), "waited a second as Retry-After said");
        }
    }

    @Test
    void aServiceThatStaysDownIsGivenUpOnAfterABoundedNumberOfTriesWithWhatItSaid() throws Exception {
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        GatewayApi api = new GatewayApi(serve(Integer.MAX_VALUE, 503, "0", arrivals), Duration.ofMillis(1));
        GatewayApi.ApiException refused = assertThrows(GatewayApi.ApiException.class, () -> api.put("/api/v1/units/status", "token",
                java.util.Map.of("unitIds", List.of())));
        assertEquals(503, refused.status());
        assertEquals(GatewayApi.ATTEMPTS, arrivals.size());
        assertTrue(refused.getMessage().contains("after " + GatewayApi.ATTEMPTS + " tries"), refused.getMessage());
        // The waits grow: the last is longer than the first.
        assertTrue(arrivals.get(7) - arrivals.get(6) > arrivals.get(1) - arrivals.get(0), "backed off");
    }

    @Test
    void waitsFollowRetryAfterGrowAndAreBounded() {
        Duration told = GatewayApi.waitBefore(1, Optional.of("5"), Duration.ofMillis(250));
        assertTrue(told.toMillis() >= 5_000 && told.toMillis() <= 6_250, told.toString());
        Duration third = GatewayApi.waitBefore(3, Optional.empty(), Duration.ofMillis(250));
        assertTrue(third.toMillis() >= 1_000 && third.toMillis() <= 1_250, third.toString());
        Duration date = GatewayApi.waitBefore(1, Optional.of("Wed, 21 Oct 2026 07:28:00 GMT"), Duration.ofMillis(250));
        assertTrue(date.toMillis() >= 250 && date.toMillis() <= 313, date.toString());
        Duration longest = GatewayApi.waitBefore(20, Optional.of("3600"), Duration.ofMillis(250));
        assertTrue(longest.compareTo(GatewayApi.MAX_WAIT.plus(GatewayApi.MAX_WAIT.dividedBy(4))) <= 0, longest.toString());
    }
}
