package org.fangkong.video.patrol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.errors.FailedPreconditionException;
import org.fangkong.platform.errors.NotFoundException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.time.SqlTimes;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.outbox.Outbox;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.events.v1.Event;
import org.fangkong.proto.events.v1.VideoObservation;
import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Video patrol (视频巡逻): tours over cameras with a dwell time per shift, the views that make up their coverage, and
 * observations, which go on the video events stream (through the outbox) for the duty room to turn into incidents.
 */
@ApplicationScoped
public class VideoPatrol {

    public static final String VIDEO_EVENTS = "video-events";

    private final Outbox outbox;
    private final Clock clock;

    public VideoPatrol(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public record Tour(UUID id, String name, String orgCode, List<UUID> cameraIds, int dwellSeconds, Instant shiftStart, Instant shiftEnd,
            String operator, Instant startedAt) {
    }

    public record Coverage(UUID tourId, int planned, List<UUID> missing) {
        public int viewed() {
            return planned - missing.size();
        }

        public double rate() {
            return planned == 0 ? 0 : (double) viewed() / planned;
        }
    }

    public record Seen(UUID id, UUID cameraId, UUID tourId, String category, String description, double lat, double lon, Instant at, String by) {
    }

    public Uni<Tour> create(Caller caller, String name, String orgCode, List<String> cameraIds, int dwell, Instant start, Instant end) {
        Violations violations = new Violations().notBlank(name, "name")
                .require(name.length() <= 128, "name", "must be at most 128 characters")
                .require(!cameraIds.isEmpty() && cameraIds.size() <= 500, "camera_ids", "must list 1 to 500 cameras")
                .require(dwell >= 5 && dwell <= 3600, "dwell_s", "must be between 5 and 3600")
                .require(start != null, "shift_start", "is required").require(end != null, "shift_end", "is required");
        Set<UUID> ids = new LinkedHashSet<>();
        for (int i = 0; i < cameraIds.size(); i++) {
            UUID id = violations.uuid(cameraIds.get(i), "camera_ids[" + i + "]");
            if (id != null) {
                violations.require(ids.add(id), "camera_ids[" + i + "]", "repeats an earlier camera");
            }
        }
        violations.throwIfAny();
        violations.require(end.isAfter(start), "shift_end", "must be after shift_start")
                .require(!end.isAfter(start.plus(Duration.ofHours(24))), "shift_end", "must be at most 24h after shift_start")
                .throwIfAny();
        OrgCode org = caller.scopeFor("org_code", orgCode);
        UUID id = UUID.randomUUID();
        List<UUID> ordered = new ArrayList<>(ids);
        return Panache.withTransaction(() -> session().chain(session -> session.createNativeQuery(
                "select id from camera where id = any(cast(?1 as uuid[])) and org_code like ?2 and retired_at is null", UUID.class)
                .setParameter(1, ordered.toArray(UUID[]::new)).setParameter(2, org.scopePrefix() + "%").getResultList()
                .chain(found -> {
                    Set<UUID> known = new HashSet<>(found);
                    Violations unknown = new Violations();
                    for (int i = 0; i < ordered.size(); i++) {
                        unknown.require(known.contains(ordered.get(i)), "camera_ids[" + i + "]", "names no camera of organisation " + org);
                    }
                    unknown.throwIfAny();
                    return session.createNativeQuery("insert into patrol_tour (id, name, org_code, dwell_s, shift_start, shift_end, created_at, "
                            + "created_by) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                            .setParameter(1, id).setParameter(2, name.strip()).setParameter(3, org.value()).setParameter(4, dwell)
                            .setParameter(5, start.atOffset(ZoneOffset.UTC)).setParameter(6, end.atOffset(ZoneOffset.UTC))
                            .setParameter(7, now().atOffset(ZoneOffset.UTC)).setParameter(8, caller.auditName()).executeUpdate()
                            .chain(() -> session.createNativeQuery("insert into patrol_tour_camera (tour_id, camera_id, position) "
                                    + "select ?1, camera, position from unnest(cast(?2 as uuid[])) with ordinality as t(camera, position)")
                                    .setParameter(1, id).setParameter(2, ordered.toArray(UUID[]::new)).executeUpdate());
                }))).chain(() -> get(caller, id));
    }

    public Uni<Tour> get(Caller caller, UUID id) {
        return Panache.withSession(() -> session().chain(session -> session.createNativeQuery("select name, org_code, dwell_s, shift_start, "
                + "shift_end, operator, started_at from patrol_tour where id = ?1", Object[].class).setParameter(1, id).getResultList()
                .chain(rows -> {
                    if (rows.isEmpty() || !caller.canSee(OrgCode.of((String) rows.get(0)[1]))) {
                        throw new NotFoundException("patrol tour", id.toString());
                    }
                    Object[] row = rows.get(0);
                    return session.createNativeQuery("select camera_id from patrol_tour_camera where tour_id = ?1 order by position", UUID.class)
                            .setParameter(1, id).getResultList()
                            .map(cameras -> new Tour(id, (String) row[0], (String) row[1], cameras, ((Number) row[2]).intValue(),
                                    SqlTimes.instant(row[3]), SqlTimes.instant(row[4]), (String) row[5], SqlTimes.instant(row[6])));
                })));
    }

    public Uni<Void> delete(Caller caller, UUID id) {
        return get(caller, id).chain(tour -> {
            if (tour.startedAt() != null) {
                throw new FailedPreconditionException("tour " + tour.name() + " was started by " + tour.operator() + "; it stays on record");
            }
            return Panache.withTransaction(() -> session().chain(session -> session.createNativeQuery("delete from patrol_tour where id = ?1")
                    .setParameter(1, id).executeUpdate())).replaceWithVoid();
        });
    }

    /** The calling operator takes the tour; taking one already taken by someone else is refused. */
    public Uni<Tour> start(Caller caller, UUID id) {
        return get(caller, id).chain(tour -> {
            if (tour.operator() != null && !tour.operator().equals(caller.auditName())) {
                throw new FailedPreconditionException("tour " + tour.name() + " is already taken by " + tour.operator());
            }
            if (tour.startedAt() != null) {
                return Uni.createFrom().item(tour);
            }
            return Panache.withTransaction(() -> session().chain(session -> session.createNativeQuery(
                    "update patrol_tour set operator = ?2, started_at = ?3 where id = ?1 and started_at is null")
                    .setParameter(1, id).setParameter(2, caller.auditName()).setParameter(3, now().atOffset(ZoneOffset.UTC)).executeUpdate()))
                    .chain(() -> get(caller, id));
        });
    }

    public Uni<Coverage> recordView(Caller caller, UUID tourId, UUID cameraId, int dwell) {
        new Violations().require(dwell >= 0 && dwell <= 86_400, "dwell_s", "must be between 0 and 86400").throwIfAny();
        return get(caller, tourId).chain(tour -> {
            if (!tour.cameraIds().contains(cameraId)) {
                throw new FailedPreconditionException("camera " + cameraId + " is not on tour " + tour.name());
            }
            if (tour.startedAt() == null) {
                throw new FailedPreconditionException("tour " + tour.name() + " has not been started");
            }
            return Panache.withTransaction(() -> session().chain(session -> session.createNativeQuery("insert into tour_view (id, tour_id, "
                    + "camera_id, dwell_s, viewed_at, viewed_by) values (?1, ?2, ?3, ?4, ?5, ?6)")
                    .setParameter(1, UUID.randomUUID()).setParameter(2, tourId).setParameter(3, cameraId).setParameter(4, dwell)
                    .setParameter(5, now().atOffset(ZoneOffset.UTC)).setParameter(6, caller.auditName()).executeUpdate()))
                    .chain(() -> coverage(tour));
        });
    }

    public Uni<Coverage> coverage(Caller caller, UUID tourId) {
        return get(caller, tourId).chain(this::coverage);
    }

    /** Planned cameras watched at least the dwell time within the shift. */
    private Uni<Coverage> coverage(Tour tour) {
        return Panache.withSession(() -> session().chain(session -> session.createNativeQuery("select distinct camera_id from tour_view "
                + "where tour_id = ?1 and dwell_s >= ?2 and viewed_at >= ?3 and viewed_at < ?4", UUID.class)
                .setParameter(1, tour.id()).setParameter(2, tour.dwellSeconds())
                .setParameter(3, tour.shiftStart().atOffset(ZoneOffset.UTC)).setParameter(4, tour.shiftEnd().atOffset(ZoneOffset.UTC))
                .getResultList()))
                .map(viewed -> new Coverage(tour.id(), tour.cameraIds().size(),
                        tour.cameraIds().stream().filter(id -> !viewed.contains(id)).toList()));
    }

    public Uni<Seen> observe(Caller caller, UUID cameraId, UUID tourId, String category, String description) {
        new Violations().notBlank(category, "category").require(category.length() <= 64, "category", "must be at most 64 characters")
                .notBlank(description, "description").require(description.length() <= 1000, "description", "must be at most 1000 characters")
                .throwIfAny();
        Instant now = now();
        UUID id = UUID.randomUUID();
        Uni<Void> tourChecked = tourId == null ? Uni.createFrom().voidItem() : get(caller, tourId).replaceWithVoid();
        return tourChecked.chain(() -> Panache.withTransaction(() -> session().chain(session -> session.createNativeQuery(
                "select c.org_code, p.lat, p.lon, c.gb_code from camera c join video_point p on p.id = c.point_id where c.id = ?1", Object[].class)
                .setParameter(1, cameraId).getResultList()
                .chain(rows -> {
                    if (rows.isEmpty() || !caller.canSee(OrgCode.of((String) rows.get(0)[0]))) {
                        throw new NotFoundException("camera", cameraId.toString());
                    }
                    Object[] row = rows.get(0);
                    Seen seen = new Seen(id, cameraId, tourId, category.strip(), description.strip(), ((Number) row[1]).doubleValue(),
                            ((Number) row[2]).doubleValue(), now, caller.auditName());
                    return session.createNativeQuery("insert into observation (id, camera_id, tour_id, category, description, observed_at, "
                            + "observed_by) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                            .setParameter(1, id).setParameter(2, cameraId).setParameter(3, tourId).setParameter(4, seen.category())
                            .setParameter(5, seen.description()).setParameter(6, now.atOffset(ZoneOffset.UTC)).setParameter(7, seen.by())
                            .executeUpdate()
                            .chain(() -> announce(seen, (String) row[0], (String) row[3]))
                            .replaceWith(seen);
                }))));
    }

    private Uni<Void> announce(Seen seen, String orgCode, String cameraCode) {
        UUID eventId = UUID.randomUUID();
        VideoObservation.Builder observation = VideoObservation.newBuilder()
                .setObservationId(seen.id().toString())
                .setCameraId(seen.cameraId().toString())
                .setCameraGbCode(cameraCode)
                .setCategory(seen.category())
                .setDescription(seen.description())
                .setLocation(GeoPoint.newBuilder().setLat(seen.lat()).setLon(seen.lon()))
                .setObservedBy(seen.by())
                .setObservedAt(Timestamps.of(seen.at()));
        if (seen.tourId() != null) {
            observation.setTourId(seen.tourId().toString());
        }
        Event event = Event.newBuilder().setId(eventId.toString()).setType("video.observation").setOrgCode(orgCode)
                .setTime(Timestamps.of(seen.at())).setVideoObservation(observation).build();
        return outbox.record(VIDEO_EVENTS, eventId, event.toByteArray());
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
