package org.fangkong.gateway.live;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.fangkong.gateway.api.ProtoJson;
import org.jboss.logging.Logger;

import com.google.protobuf.Message;

import io.vertx.core.http.HttpServerResponse;

/**
 * One client's stream. Events it may see are written as they come; while the client catches up from its
 * {@code Last-Event-ID}, live ones wait in a bounded buffer. A client that leaves more than the configured number of
 * events unwritten is dropped with a reason, so one slow phone never holds memory or slows the others.
 */
public final class LiveSession implements LiveListener {

    private static final Logger LOG = Logger.getLogger(LiveSession.class);

    private final Audience audience;
    private final SseEventSink sink;
    private final Sse sse;
    private final HttpServerResponse response;
    private final int maxUnwritten;
    private final AtomicInteger unwritten = new AtomicInteger();
    private final List<LiveEvent> waiting = new ArrayList<>();
    private LiveCursor caughtUpTo;
    private boolean live;
    private volatile String closedBecause;
    private Runnable onClose = () -> {
    };

    public LiveSession(Audience audience, SseEventSink sink, Sse sse, HttpServerResponse response, int maxUnwritten) {
        this.audience = audience;
        this.sink = sink;
        this.sse = sse;
        this.response = response;
        this.maxUnwritten = maxUnwritten;
    }

    public Audience audience() {
        return audience;
    }

    @Override
    public void onClose(Runnable action) {
        this.onClose = action;
    }

    @Override
    public boolean isClosed() {
        return closedBecause != null || sink.isClosed();
    }

    /** An event from the feed: written now, or held while the client catches up. */
    @Override
    public synchronized void offer(LiveEvent event) {
        if (isClosed() || !audience.sees(event.event())) {
            return;
        }
        if (live) {
            write(event);
        } else if (waiting.size() >= maxUnwritten) {
            drop("the client fell too far behind while catching up");
        } else {
            waiting.add(event);
        }
    }

    /** The client has seen everything up to this cursor (its Last-Event-ID). */
    @Override
    public synchronized void resumeFrom(LiveCursor cursor) {
        caughtUpTo = cursor;
    }

    /** An event replayed from a stream while catching up; the cursor moves past it whether the client may see it or not. */
    @Override
    public synchronized void replay(LiveEvent event) {
        caughtUpTo = event.cursor();
        if (!isClosed() && audience.sees(event.event())) {
            write(event);
        }
    }

    /** Caught up to where the feed stood at registration: the held live events follow, and the session goes live. */
    @Override
    public synchronized void goLive() {
        for (LiveEvent event : waiting) {
            if (caughtUpTo == null || caughtUpTo.before(event.stream(), event.entryId())) {
                write(event);
            }
        }
        waiting.clear();
        live = true;
    }

    /** A message that is not a stream entry (a dispatch order resent, a keep-alive): no id, so resuming is unaffected. */
    public synchronized void send(String name, Message payload) {
        if (!isClosed()) {
            write(sse.newEventBuilder().name(name).mediaType(MediaType.APPLICATION_JSON_TYPE).data(ProtoJson.write(payload)).build());
        }
    }

    @Override
    public synchronized void keepAlive() {
        if (!isClosed()) {
            write(sse.newEventBuilder().comment("keep-alive").build());
        }
    }

    private void write(LiveEvent event) {
        write(sse.newEventBuilder().id(event.cursor().toString()).name(event.event().getType()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(ProtoJson.write(event.event())).build());
    }

    private void write(OutboundSseEvent event) {
        if (unwritten.incrementAndGet() > maxUnwritten) {
            drop("the client does not read its events fast enough");
            return;
        }
        sink.send(event).whenComplete((done, failure) -> {
            unwritten.decrementAndGet();
            if (failure != null) {
                close("the connection failed: " + failure.getMessage());
            }
        });
    }

    /** Ends the stream with a last event saying why (the client reconnects with its Last-Event-ID). */
    @Override
    public synchronized void close(String reason) {
        if (closedBecause != null) {
            return;
        }
        closedBecause = reason;
        if (!sink.isClosed()) {
            sink.send(sse.newEventBuilder().name("stream.closed").mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data("{\"reason\":\"" + reason.replace("\"", "'") + "\"}").build())
                    .whenComplete((done, failure) -> sink.close());
        }
        onClose.run();
    }

    /** Cuts a client that does not read: its connection is closed at once, whatever is still unwritten. */
    private void drop(String reason) {
        if (closedBecause != null) {
            return;
        }
        LOG.infof("live stream of %s dropped: %s", audience.subject(), reason);
        closedBecause = reason;
        onClose.run();
        response.close();
    }
}
