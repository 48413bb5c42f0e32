package org.fangkong.units.position.stale;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.outbox.Outbox;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.platform.timers.TimerHandler;
import org.fangkong.platform.timers.Timers;
import org.fangkong.proto.events.v1.Event;
import org.fangkong.proto.events.v1.UnitStale;
import org.fangkong.units.config.UnitsConfig;
import org.fangkong.units.position.service.PositionStore;
import org.fangkong.units.unit.Unit;
import org.fangkong.units.unit.UnitEvents;
import org.fangkong.units.unit.repository.UnitRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;

/**
 * The watchdog of each on-duty unit: a platform timer due {@code stale-after} past the unit's latest fix. Every
 * accepted fix moves it on; when it fires and no newer fix came, the unit is marked stale in Redis (left out of
 * recommendations) and a {@code unit.stale} event goes out. The next fix clears the mark.
 */
@ApplicationScoped
public class StaleUnits implements TimerHandler {

    public static final String QUEUE = "unit-stale";

    private final Timers timers;
    private final Redis redis;
    private final UnitRepository units;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration staleAfter;

    public StaleUnits(Timers timers, Redis redis, UnitRepository units, Outbox outbox, Clock clock, UnitsConfig config) {
        this.timers = timers;
        this.redis = redis;
        this.units = units;
        this.outbox = outbox;
        this.clock = clock;
        this.staleAfter = config.positions().staleAfter();
    }

    @Override
    public String queue() {
        return QUEUE;
    }

    /** Moves the watchdogs of units that just reported: one round trip for a whole batch. */
    public Uni<Void> reported(Map<String, Instant> latestFixByUnit) {
        Map<String, Instant> due = new java.util.HashMap<>();
        latestFixByUnit.forEach((unitId, at) -> due.put(unitId, at.plus(staleAfter)));
        return timers.scheduleAll(QUEUE, due);
    }

    /** Starts watching units that came on duty: each must report within {@code stale-after}; one round trip. */
    public Uni<Void> watchAll(List<Unit> units) {
        if (units.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant due = clock.instant().plus(staleAfter);
        Map<String, Instant> dueAtByKey = new java.util.HashMap<>();
        units.forEach(unit -> dueAtByKey.put(unit.getId().toString(), due));
        return timers.scheduleAll(QUEUE, dueAtByKey);
    }

    /** Stops watching units gone off duty: one round trip. */
    public Uni<Void> forgetAll(List<Unit> units) {
        return timers.cancelAll(QUEUE, units.stream().map(unit -> unit.getId().toString()).toList());
    }

    @Override
    public Uni<Void> fire(String key, Instant dueAt) {
        UUID unitId = UUID.fromString(key);
        return Panache.withSession(() -> units.findById(unitId)).chain(unit -> {
            if (unit == null || !unit.getStatus().onDuty()) {
                return Uni.createFrom().voidItem();
            }
            String province = OrgCode.of(unit.getOrgCode()).province();
            return redis.send(Request.cmd(Command.HGET).arg(RedisKeys.unitFixes(province)).arg(key)).chain(fix -> {
                Instant lastFix = lastFixOf(fix);
                Instant freshUntil = lastFix == null ? null : lastFix.plus(staleAfter);
                if (freshUntil != null && freshUntil.isAfter(clock.instant())) {
                    return timers.schedule(QUEUE, key, freshUntil);
                }
                return markStale(unit, province, lastFix);
            });
        });
    }

    /** The event goes out before the mark is set: a retry after a failure in between repeats the event, never loses it. */
    private Uni<Void> markStale(Unit unit, String province, Instant lastFix) {
        String stale = RedisKeys.staleUnits(province);
        return redis.send(Request.cmd(Command.SISMEMBER).arg(stale).arg(unit.getId().toString()))
                .chain(marked -> {
                    if (marked.toInteger() == 1) {
                        return Uni.createFrom().voidItem();
                    }
                    UUID eventId = UUID.randomUUID();
                    UnitStale.Builder payload = UnitStale.newBuilder()
                            .setUnitId(unit.getId().toString())
                            .setCallSign(unit.getCallSign());
                    if (lastFix != null) {
                        payload.setLastFixAt(Timestamps.of(lastFix));
                    }
                    Event event = Event.newBuilder()
                            .setId(eventId.toString())
                            .setType("unit.stale")
                            .setOrgCode(unit.getOrgCode())
                            .setTime(Timestamps.of(clock.instant()))
                            .setUnitStale(payload)
                            .build();
                    return Panache.withTransaction(() -> outbox.record(UnitEvents.STREAM, eventId, event.toByteArray()))
                            .chain(() -> redis.send(Request.cmd(Command.SADD).arg(stale).arg(unit.getId().toString())))
                            .replaceWithVoid();
                });
    }

    /** Every on-duty unit is watched again after Redis lost its data; positions refill from the next fixes. */
    @Override
    public Uni<List<Pending>> pending() {
        Instant due = clock.instant().plus(staleAfter);
        return Panache.withSession(() -> units.onDuty(""))
                .map(onDuty -> onDuty.stream().map(unit -> new Pending(unit.getId().toString(), due)).toList());
    }

    static Instant lastFixOf(Response fix) {
        return fix == null ? null : PositionStore.recordedAt(fix.toString());
    }
}
