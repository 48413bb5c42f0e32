package org.fangkong.gateway.live;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.fangkong.gateway.config.GatewayConfig;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.streams.StreamEntry;
import org.fangkong.platform.streams.StreamTail;
import org.fangkong.proto.events.v1.Event;
import org.jboss.logging.Logger;

import com.google.protobuf.InvalidProtocolBufferException;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.RedisConnection;

/**
 * This replica's reader of the streams: one blocking {@code XREAD} over all of them on a connection of its own (no
 * consumer group, so every replica sees every event), handing each entry to the sessions connected here. Positions
 * are thinned to one per unit per configured interval. A session that resumes reads what it missed with
 * {@code XRANGE} from its cursor to where the feed stood when it joined, then takes the feed's events from there.
 */
@ApplicationScoped
public class LiveFeed {

    private static final Logger LOG = Logger.getLogger(LiveFeed.class);
    private static final int REPLAY_PAGE = 500;

    private final StreamTail tail;
    private final GatewayConfig.Live config;
    private final Map<LiveStream, String> keys = new LinkedHashMap<>();
    private final Map<String, LiveStream> byKey = new ConcurrentHashMap<>();
    private final Set<LiveListener> sessions = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> lastPosition = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private LiveCursor cursor;
    private volatile boolean running;
    private long keepAliveTimer = -1;

    public LiveFeed(StreamTail tail, GatewayConfig config, Vertx vertx, MeterRegistry meters) {
        this.tail = tail;
        this.config = config.live();
        this.vertx = vertx;
        Gauge.builder("fangkong.gateway.live.sessions", sessions, Set::size)
                .description("Live event streams and agency subscriptions open on this replica").register(meters);
        for (LiveStream stream : LiveStream.values()) {
            keys.put(stream, stream.key(config.province()));
            byKey.put(stream.key(config.province()), stream);
        }
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        keepAliveTimer = vertx.setPeriodic(config.keepAlive().toMillis(), id -> sessions.forEach(LiveListener::keepAlive));
        try {
            // Where the streams stand is known before the app is ready, so the first client can join at once.
            positionAtNewest().await().atMost(Duration.ofSeconds(30));
            connectAndRead();
        } catch (RuntimeException failure) {
            retry(failure);
        }
    }

    private Uni<Void> positionAtNewest() {
        return tail.lastIds(List.copyOf(keys.values())).invoke(last -> {
            Map<LiveStream, String> ids = new LinkedHashMap<>();
            keys.forEach((stream, key) -> ids.put(stream, last.get(key)));
            synchronized (this) {
                cursor = LiveCursor.of(ids);
            }
        }).replaceWithVoid();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (keepAliveTimer >= 0) {
            vertx.cancelTimer(keepAliveTimer);
        }
        sessions.forEach(listener -> listener.close("the gateway is shutting down"));
    }

    private void connectAndRead() {
        if (!running) {
            return;
        }
        tail.connect().subscribe().with(this::read, this::retry);
    }

    private void read(RedisConnection connection) {
        if (!running) {
            connection.close();
            return;
        }
        Map<String, String> after = new LinkedHashMap<>();
        LiveCursor from = current();
        keys.forEach((stream, key) -> after.put(key, from.id(stream)));
        tail.readMany(connection, after, config.readBatch(), config.block())
                .subscribe().with(found -> {
                    dispatch(found);
                    read(connection);
                }, failure -> {
                    connection.close();
                    retry(failure);
                });
    }

    private void retry(Throwable failure) {
        if (!running) {
            return;
        }
        LOG.warnf("reading the streams failed, again in a second: %s", failure.getMessage());
        vertx.setTimer(1000, id -> {
            if (current() == null) {
                positionAtNewest().subscribe().with(ready -> connectAndRead(), this::retry);
            } else {
                connectAndRead();
            }
        });
    }

    private synchronized void dispatch(Map<String, List<StreamEntry>> found) {
        found.forEach((key, entries) -> {
            LiveStream stream = byKey.get(key);
            for (StreamEntry entry : entries) {
                cursor = cursor.with(stream, entry.id());
                decode(entry).filter(event -> stream != LiveStream.POSITIONS || due(event))
                        .ifPresent(event -> {
                            LiveEvent live = new LiveEvent(stream, entry.id(), cursor, event);
                            sessions.forEach(session -> session.offer(live));
                        });
            }
        });
    }

    /** Whether a unit's position is due for the consoles: at most one per unit per interval. */
    private boolean due(Event event) {
        Instant at = Timestamps.toInstant(event.getUnitPosition().getRecordedAt());
        String unit = event.getUnitPosition().getUnitId();
        Instant last = lastPosition.get(unit);
        if (last != null && at.isBefore(last.plus(config.positionInterval()))) {
            return false;
        }
        lastPosition.put(unit, at);
        return true;
    }

    private static java.util.Optional<Event> decode(StreamEntry entry) {
        try {
            return java.util.Optional.of(Event.parseFrom(entry.event()));
        } catch (InvalidProtocolBufferException e) {
            LOG.warnf("stream entry %s is not an event; skipped", entry.id());
            return java.util.Optional.empty();
        }
    }

    private synchronized LiveCursor current() {
        return cursor;
    }

    /**
     * Joins a session: it gets every event after {@code from} (or, without one, from now on), each once. What lies
     * between {@code from} and the feed's position is replayed from the streams first; live events meanwhile wait.
     */
    public Uni<Void> join(LiveListener session, LiveCursor from) {
        LiveCursor joinedAt;
        synchronized (this) {
            if (cursor == null) {
                return Uni.createFrom().failure(new IllegalStateException("the live feed is not reading the streams yet"));
            }
            joinedAt = cursor;
            sessions.add(session);
        }
        session.onClose(() -> sessions.remove(session));
        if (from == null) {
            session.goLive();
            return Uni.createFrom().voidItem();
        }
        session.resumeFrom(from);
        Uni<Void> replay = Uni.createFrom().voidItem();
        LiveCursor[] at = { from };
        for (LiveStream stream : LiveStream.values()) {
            if (stream == LiveStream.POSITIONS) {
                // Positions are a live picture, not a history to catch up on: a console reloads the current one.
                at[0] = at[0].with(stream, joinedAt.id(stream));
                continue;
            }
            replay = replay.chain(() -> replayStream(session, stream, at, joinedAt.id(stream)));
        }
        return replay.invoke(session::goLive);
    }

    private Uni<Void> replayStream(LiveListener session, LiveStream stream, LiveCursor[] at, String to) {
        String after = at[0].id(stream);
        if (session.isClosed() || LiveCursor.compare(after, to) >= 0) {
            return Uni.createFrom().voidItem();
        }
        return tail.range(keys.get(stream), after, to, REPLAY_PAGE).chain(entries -> {
            for (StreamEntry entry : entries) {
                at[0] = at[0].with(stream, entry.id());
                LiveCursor position = at[0];
                decode(entry).ifPresent(event -> session.replay(new LiveEvent(stream, entry.id(), position, event)));
            }
            return entries.size() < REPLAY_PAGE ? Uni.createFrom().voidItem() : replayStream(session, stream, at, to);
        });
    }

    /** How long a session may stay open: until its token expires. */
    public Duration remaining(Audience audience) {
        return Duration.between(Instant.now(), audience.expiresAt());
    }
}
