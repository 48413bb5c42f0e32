package org.fangkong.units.position.history;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.errors.Violations;
import org.fangkong.units.config.UnitsConfig;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** A unit's stored fixes between two times, from the partitioned history (partitions outside the window are pruned). */
@ApplicationScoped
public class UnitTrack {

    private static final String SELECT = "select recorded_at, lat, lon, accuracy_m, speed_mps, heading_deg from position_fix "
            + "where unit_id = $1 and recorded_at >= $2 and recorded_at < $3 order by recorded_at limit $4";

    private final Pool database;
    private final UnitsConfig.Positions config;

    public UnitTrack(Pool database, UnitsConfig config) {
        this.database = database;
        this.config = config.positions();
    }

    public record Fix(Instant recordedAt, double lat, double lon, double accuracyMeters, double speedMps, double headingDeg) {
    }

    public record Track(List<Fix> fixes, boolean truncated) {
    }

    /** Checks the window and limit; 0 means the default limit. */
    public int checkedLimit(Instant from, Instant to, int limit) {
        Violations violations = new Violations()
                .require(from != null, "from", "is required")
                .require(to != null, "to", "is required");
        violations.throwIfAny();
        violations.require(to.isAfter(from), "to", "must be after from")
                .require(!to.isAfter(from.plus(config.maxTrackWindow())), "to",
                        "must be at most " + config.maxTrackWindow().toDays() + " days after from")
                .require(limit >= 0 && limit <= config.maxTrackLimit(), "limit",
                        "must be between 1 and " + config.maxTrackLimit() + " (0 for the default)");
        violations.throwIfAny();
        return limit == 0 ? config.defaultTrackLimit() : limit;
    }

    public Uni<Track> between(UUID unitId, Instant from, Instant to, int limit) {
        return database.preparedQuery(SELECT)
                .execute(Tuple.of(unitId, utc(from), utc(to), limit + 1))
                .map(rows -> {
                    List<Fix> fixes = new ArrayList<>();
                    for (Row row : rows) {
                        fixes.add(new Fix(row.getOffsetDateTime("recorded_at").toInstant(), row.getDouble("lat"), row.getDouble("lon"),
                                row.getFloat("accuracy_m"), row.getFloat("speed_mps"), row.getFloat("heading_deg")));
                    }
                    boolean truncated = fixes.size() > limit;
                    return new Track(truncated ? fixes.subList(0, limit) : fixes, truncated);
                });
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
