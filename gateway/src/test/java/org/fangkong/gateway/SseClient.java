package org.fangkong.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.restassured.path.json.JsonPath;

/** A Server-Sent Events client as a phone or console runs one: reads the stream line by line and queues each event. */
final class SseClient implements AutoCloseable {

    /** One event: its id (empty when it had none), name and JSON data (parsed when asked for: a flood is read fast). */
    record Event(String id, String name, String json) {

        JsonPath data() {
            return new JsonPath(json);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile Stream<String> lines;
    private volatile int status;

    private SseClient(URI uri, String bearer, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(answer -> {
            status = answer.statusCode();
            lines = answer.body();
            Thread reader = new Thread(() -> read(answer.body()), "sse-client");
            reader.setDaemon(true);
            reader.start();
        });
    }

    static SseClient open(int port, String bearer, String lastEventId) {
        return new SseClient(URI.create("http://127.0.0.1:" + port + "/api/v1/events"), bearer, lastEventId);
    }

    static SseClient withTicket(int port, String ticket) {
        return new SseClient(URI.create("http://127.0.0.1:" + port + "/api/v1/events?ticket=" + ticket), null, null);
    }

    /** The HTTP status, once the answer's head has come. */
    int status() throws Exception {
        response.get(10, TimeUnit.SECONDS);
        return status;
    }

    private void read(Stream<String> body) {
        String id = "";
        String name = "message";
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) body::iterator) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(id, name, data.toString()));
                    }
                    id = "";
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        } catch (RuntimeException closed) {
            // the stream was closed by one side: nothing more comes
        }
    }

    /** The next event that matches, waiting up to the timeout; others before it are passed over. */
    Event next(Predicate<Event> matching, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = until - System.nanoTime();
            Event event = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no matching event within " + timeout);
            }
            if (matching.test(event)) {
                return event;
            }
        }
    }

    /** Every event that arrives within the window. */
    List<Event> during(Duration window) throws InterruptedException {
        List<Event> seen = new ArrayList<>();
        long until = System.nanoTime() + window.toNanos();
        while (true) {
            long left = until - System.nanoTime();
            Event event = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (event == null) {
                return seen;
            }
            seen.add(event);
        }
    }

    @Override
    public void close() {
        response.cancel(true);
        if (lines != null) {
            lines.close();
        }
    }
}
