package org.fangkong.video.camera.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.outbox.Outbox;
import org.fangkong.platform.recovery.HotStateRebuilder;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.platform.redis.RedisScript;
import org.fangkong.platform.timers.TimerHandler;
import org.fangkong.platform.timers.Timers;
import org.fangkong.proto.events.v1.CameraStateChanged;
import org.fangkong.proto.events.v1.Event;
import org.fangkong.video.config.VideoConfig;
import org.fangkong.video.gb.DeviceCode;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Camera keep-alives. Each heartbeat is recorded in Redis and moves the camera's watchdog (a platform timer, queue
 * {@code camera-offline}) to one offline window ahead; when it fires without a newer heartbeat, the camera goes
 * OFFLINE in PostgreSQL (once: only an online camera can) and a {@code camera.offline} event goes out through the
 * outbox. The first heartbeat after that brings it back with {@code camera.online}.
 */
@ApplicationScoped
public class CameraHeartbeats implements TimerHandler, HotStateRebuilder {

    public static final String QUEUE = "camera-offline";
    public static final String CAMERA_EVENTS = "camera-events";
    private static final RedisScript HEARTBEAT = RedisScript.fromClasspath("/redis/camera-heartbeat.lua");

    private final Redis redis;
    private final Timers timers;
    private final Outbox outbox;
    private final Clock clock;
    private final VideoConfig config;

    public CameraHeartbeats(Redis redis, Timers timers, Outbox outbox, Clock clock, VideoConfig config) {
        this.redis = redis;
        this.timers = timers;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
    }

    /** Counts of one heartbeat call. */
    public record Outcome(int accepted, List<String> unknownCodes) {
    }

    public Uni<Outcome> beat(List<String> gbCodes) {
        Violations violations = new Violations()
                .require(!gbCodes.isEmpty(), "gb_codes", "must name at least one camera")
                .require(gbCodes.size() <= config.heartbeat().maxCodes(), "gb_codes", "must hold at most " + config.heartbeat().maxCodes() + " codes");
        violations.throwIfAny();
        Set<String> codes = new LinkedHashSet<>();
        for (int i = 0; i < gbCodes.size(); i++) {
            codes.add(DeviceCode.check(gbCodes.get(i), "gb_codes[" + i + "]"));
        }
        Instant now = now();
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select id, gb_code from camera where gb_code = any(cast(?1 as varchar[])) and retired_at is null", Object[].class)
                .setParameter(1, codes.toArray(String[]::new)).getResultList()))
                .chain(rows -> {
                    Map<String, UUID> byCode = new HashMap<>();
                    rows.forEach(row -> byCode.put((String) row[1], (UUID) row[0]));
                    List<String> unknown = codes.stream().filter(code -> !byCode.containsKey(code)).toList();
                    if (byCode.isEmpty()) {
                        return Uni.createFrom().item(new Outcome(0, unknown));
                    }
                    List<Object> args = new ArrayList<>();
                    args.add(now.toEpochMilli());
                    byCode.values().forEach(id -> args.add(id.toString()));
                    Map<String, Instant> due = new HashMap<>();
                    byCode.values().forEach(id -> due.put(id.toString(), now.plus(config.offlineAfter())));
                    return HEARTBEAT.run(redis, List.of(RedisKeys.cameraStates()), args)
                            .chain(revived -> timers.scheduleAll(QUEUE, due).replaceWith(revived))
                            .chain(revived -> {
                                List<UUID> back = new ArrayList<>();
                                revived.forEach(id -> back.add(UUID.fromString(id.toString())));
                                return back.isEmpty() ? Uni.createFrom().voidItem() : comeOnline(back, now);
                            })
                            .replaceWith(new Outcome(byCode.size(), unknown));
                });
    }

    /** Marks cameras online that were not, announcing each transition once. */
    private Uni<Void> comeOnline(List<UUID> ids, Instant now) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "update camera set online = true, last_heartbeat_at = ?2, version = version + 1 where id = any(cast(?1 as uuid[])) "
                        + "and not online returning id, gb_code, point_id, org_code", Object[].class)
                .setParameter(1, ids.toArray(UUID[]::new)).setParameter(2, now.atOffset(ZoneOffset.UTC)).getResultList())
                .chain(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(row -> announce("camera.online", (UUID) row[0], (String) row[1], (UUID) row[2],
                                (String) row[3], true, now, now))
                        .collect().last()))
                .replaceWithVoid();
    }

    @Override
    public String queue() {
        return QUEUE;
    }

    @Override
    public Uni<Void> fire(String key, Instant dueAt) {
        Instant now = now();
        return redis.send(Request.cmd(Command.HGET).arg(RedisKeys.cameraStates()).arg(key)).chain(state -> {
            Instant lastSeen = state == null ? null : Instant.ofEpochMilli(Long.parseLong(state.toString().substring(2)));
            if (lastSeen != null && lastSeen.plus(config.offlineAfter()).isAfter(now)) {
                return timers.schedule(QUEUE, key, lastSeen.plus(config.offlineAfter()));
            }
            Instant last = lastSeen == null ? dueAt.minus(config.offlineAfter()) : lastSeen;
            UUID id = UUID.fromString(key);
            return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                    "update camera set online = false, last_heartbeat_at = ?2, version = version + 1 where id = ?1 and online "
                            + "returning gb_code, point_id, org_code", Object[].class)
                    .setParameter(1, id).setParameter(2, last.atOffset(ZoneOffset.UTC)).getResultList())
                    .chain(rows -> rows.isEmpty() ? Uni.createFrom().voidItem()
                            : announce("camera.offline", id, (String) rows.get(0)[0], (UUID) rows.get(0)[1], (String) rows.get(0)[2], false, last, now)))
                    .chain(() -> redis.send(Request.cmd(Command.HSET).arg(RedisKeys.cameraStates()).arg(key).arg("0|" + last.toEpochMilli())))
                    .replaceWithVoid();
        });
    }

    /** After Redis lost its data: every online camera gets a fresh window to beat in. */
    @Override
    public Uni<List<Pending>> pending() {
        Instant due = now().plus(config.offlineAfter());
        return onlineCameras().map(ids -> ids.stream().map(id -> new Pending(id.toString(), due)).toList());
    }

    @Override
    public String name() {
        return "camera online states";
    }

    @Override
    public Uni<Void> rebuild() {
        Instant now = now();
        return onlineCameras().chain(ids -> {
            if (ids.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Request hset = Request.cmd(Command.HSET).arg(RedisKeys.cameraStates());
            ids.forEach(id -> hset.arg(id.toString()).arg("1|" + now.toEpochMilli()));
            return redis.send(hset).replaceWithVoid();
        });
    }

    /** A retired camera is watched no more. */
    public Uni<Void> forget(UUID cameraId) {
        return timers.cancel(QUEUE, cameraId.toString())
                .chain(() -> redis.send(Request.cmd(Command.HDEL).arg(RedisKeys.cameraStates()).arg(cameraId.toString())))
                .replaceWithVoid();
    }

    /** The latest heartbeat of each camera Redis knows, by id. */
    public Uni<Map<UUID, Instant>> lastHeartbeats(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Request hmget = Request.cmd(Command.HMGET).arg(RedisKeys.cameraStates());
        ids.forEach(id -> hmget.arg(id.toString()));
        return redis.send(hmget).map(values -> {
            Map<UUID, Instant> last = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                if (values.get(i) != null) {
                    last.put(ids.get(i), Instant.ofEpochMilli(Long.parseLong(values.get(i).toString().substring(2))));
                }
            }
            return last;
        });
    }

    private Uni<List<UUID>> onlineCameras() {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select id from camera where online", UUID.class).getResultList()));
    }

    private Uni<Void> announce(String type, UUID id, String gbCode, UUID pointId, String orgCode, boolean online, Instant lastHeartbeat,
            Instant now) {
        UUID eventId = UUID.randomUUID();
        Event event = Event.newBuilder()
                .setId(eventId.toString())
                .setType(type)
                .setOrgCode(orgCode)
                .setTime(Timestamps.of(now))
                .setCameraStateChanged(CameraStateChanged.newBuilder()
                        .setCameraId(id.toString())
                        .setGbCode(gbCode)
                        .setPointId(pointId.toString())
                        .setOnline(online)
                        .setLastHeartbeatAt(Timestamps.of(lastHeartbeat)))
                .build();
        return outbox.record(CAMERA_EVENTS, eventId, event.toByteArray());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
