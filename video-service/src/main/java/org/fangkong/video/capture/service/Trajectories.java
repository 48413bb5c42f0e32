package org.fangkong.video.capture.service;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.time.SqlTimes;
import org.fangkong.platform.wanted.Plates;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The passes of a plate between two times, oldest first, with where each camera stands. */
@ApplicationScoped
public class Trajectories {

    private static final Duration MAX_WINDOW = Duration.ofDays(31);
    private static final int MAX_PASSES = 10_000;

    public record Pass(String captureId, UUID cameraId, String cameraCode, double lat, double lon, Instant passTime, double speedKmh,
            double directionDeg) {
    }

    public record Trajectory(String plate, List<Pass> passes, boolean truncated) {
    }

    /** @param scopePrefix the caller's organisation scope ("" for services) */
    public Uni<Trajectory> of(String scopePrefix, String plate, Plates.Colour colour, Instant from, Instant to) {
        Violations violations = new Violations().require(from != null, "from", "is required").require(to != null, "to", "is required");
        violations.throwIfAny();
        violations.require(to.isAfter(from), "to", "must be after from")
                .require(!to.isAfter(from.plus(MAX_WINDOW)), "to", "must be at most 31 days after from")
                .throwIfAny();
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "select c.capture_id, c.camera_id, cam.gb_code, p.lat, p.lon, c.pass_time, c.speed_kmh, c.direction_deg from capture c "
                        + "join camera cam on cam.id = c.camera_id join video_point p on p.id = cam.point_id "
                        + "where c.plate = ?1 and (cast(?2 as varchar) is null or c.plate_colour is null or c.plate_colour = ?2) "
                        + "and c.pass_time >= ?3 and c.pass_time < ?4 and c.org_code like ?5 order by c.pass_time, c.capture_id limit ?6",
                Object[].class)
                .setParameter(1, plate).setParameter(2, colour == null ? null : colour.name())
                .setParameter(3, from.atOffset(ZoneOffset.UTC)).setParameter(4, to.atOffset(ZoneOffset.UTC))
                .setParameter(5, scopePrefix + "%").setParameter(6, MAX_PASSES + 1).getResultList()))
                .map(rows -> {
                    List<Pass> passes = new ArrayList<>();
                    for (Object[] row : rows) {
                        passes.add(new Pass((String) row[0], (UUID) row[1], (String) row[2], ((Number) row[3]).doubleValue(),
                                ((Number) row[4]).doubleValue(), SqlTimes.instant(row[5]), ((Number) row[6]).doubleValue(), ((Number) row[7]).doubleValue()));
                    }
                    boolean truncated = passes.size() > MAX_PASSES;
                    return new Trajectory(plate, truncated ? passes.subList(0, MAX_PASSES) : passes, truncated);
                });
    }

}
