package org.fangkong.alerts.incident.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.alerts.incident.Incident;
import org.fangkong.platform.time.SqlTimes;
import org.fangkong.platform.timers.TimerHandler;
import org.fangkong.platform.timers.Timers;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The 1-3-5 stopwatch on server time. Each running clock of an open incident is a platform timer (queue
 * {@code incident-clock}, key {@code <incident>:<clock>}) due at its target; firing it while the clock still runs
 * records the breach once (guarded by {@code incident_breach}) and publishes {@code incident.breached} at that moment.
 * After Redis loses its data, the timers of every running, unbreached clock are rebuilt from PostgreSQL.
 */
@ApplicationScoped
public class Stopwatch implements TimerHandler {

    public static final String QUEUE = "incident-clock";
    static final String SYSTEM = "alert-service";

    private final Timers timers;
    private final IncidentEvents events;
    private final Clock clock;

    public Stopwatch(Timers timers, IncidentEvents events, Clock clock) {
        this.timers = timers;
        this.events = events;
        this.clock = clock;
    }

    static String key(UUID incident, Incident.Clock which) {
        return incident + ":" + which.key();
    }

    /** Starts the clocks of a new incident. */
    public Uni<Void> start(Incident incident) {
        Map<String, Instant> due = new HashMap<>();
        for (Incident.Clock which : Incident.Clock.values()) {
            if (incident.stopped(which) == null) {
                due.put(key(incident.getId(), which), incident.due(which));
            }
        }
        return timers.scheduleAll(QUEUE, due);
    }

    /** Forgets the clocks that stopped (or every clock, once the incident is over). */
    public Uni<Void> stopped(Incident incident) {
        List<String> keys = Arrays.stream(Incident.Clock.values())
                .filter(which -> !incident.isOpen() || incident.stopped(which) != null)
                .map(which -> key(incident.getId(), which)).toList();
        return timers.cancelAll(QUEUE, keys);
    }

    @Override
    public String queue() {
        return QUEUE;
    }

    @Override
    public Uni<Void> fire(String key, Instant dueAt) {
        int colon = key.indexOf(':');
        UUID id = UUID.fromString(key.substring(0, colon));
        Incident.Clock which = Incident.Clock.valueOf(key.substring(colon + 1).toUpperCase());
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.find(Incident.class, id).chain(incident -> {
            if (incident == null || !incident.isOpen() || incident.stopped(which) != null) {
                return Uni.createFrom().voidItem();
            }
            Instant now = clock.instant();
            return session.createNativeQuery("insert into incident_breach (incident_id, clock, breached_at) values (?1, ?2, ?3) "
                    + "on conflict do nothing")
                    .setParameter(1, id).setParameter(2, which.key()).setParameter(3, now.atOffset(ZoneOffset.UTC))
                    .executeUpdate()
                    .chain(inserted -> inserted == 0 ? Uni.createFrom().voidItem()
                            : events.record(incident, SYSTEM, "breached", which.key() + " target of " + incident.target(which).toSeconds()
                                    + " s passed", List.of(), changed -> changed.setClock(which.key())
                                            .setTargetS((int) incident.target(which).toSeconds())));
        })));
    }

    /** Every running clock of an open incident that has not breached yet. */
    @Override
    public Uni<List<Pending>> pending() {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "select i.id, i.reported_at, i.react_target_s, i.arrive_target_s, i.resolve_target_s, i.reacted_at, i.arrived_at, "
                        + "i.resolved_at, coalesce(array_to_string(array_agg(b.clock), ','), '') from incident i "
                        + "left join incident_breach b on b.incident_id = i.id "
                        + "where i.status in ('NEW', 'DISPATCHED', 'ACKNOWLEDGED', 'ON_SCENE') group by i.id", Object[].class)
                .getResultList()))
                .map(rows -> {
                    List<Pending> pending = new ArrayList<>();
                    for (Object[] row : rows) {
                        UUID id = (UUID) row[0];
                        Instant reported = SqlTimes.instant(row[1]);
                        Set<String> breached = Set.of(((String) row[8]).split(","));
                        for (Incident.Clock which : Incident.Clock.values()) {
                            int i = which.ordinal();
                            if (row[5 + i] == null && !breached.contains(which.key())) {
                                pending.add(new Pending(key(id, which), reported.plusSeconds(((Number) row[2 + i]).longValue())));
                            }
                        }
                    }
                    return pending;
                });
    }
}
