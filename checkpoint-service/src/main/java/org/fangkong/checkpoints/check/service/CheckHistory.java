package org.fangkong.checkpoints.check.service;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.paging.Paging;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads of recorded checks: the history (audited by the caller) and the throughput and hit statistics. */
@ApplicationScoped
public class CheckHistory {

    private static final Duration MAX_WINDOW = Duration.ofDays(31);
    private static final String COLUMNS = "id, checkpoint_id, kind, plate, plate_colour, id_masked, reason, result, wanted_entry_id, "
            + "lat, lon, checked_at, checked_by, org_code";

    private final Pool database;

    public CheckHistory(Pool database) {
        this.database = database;
    }

    public record Check(UUID id, UUID checkpointId, String kind, String plate, String plateColour, String idMasked, String reason,
            boolean hit, UUID wantedEntryId, Double lat, Double lon, Instant checkedAt, String checkedBy, String orgCode) {
    }

    public record Throughput(UUID checkpointId, String code, int checks, int hits) {
    }

    public record Hour(Instant hour, int checks, int hits) {
    }

    public record Statistics(List<Throughput> checkpoints, List<Hour> hours, int streetChecks, int streetHits) {
    }

    /** Checks of a subtree, newest first, optionally of one checkpoint or plate, or hits only. */
    public Uni<Paging.Slice<Check>> list(OrgCode scope, UUID checkpointId, String plate, boolean hitsOnly, Paging.Page page) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from inspection where org_code like $1");
        List<Object> params = new ArrayList<>(List.of(scope.scopePrefix() + "%"));
        if (checkpointId != null) {
            params.add(checkpointId);
            sql.append(" and checkpoint_id = $").append(params.size());
        }
        if (plate != null) {
            params.add(plate);
            sql.append(" and plate = $").append(params.size());
        }
        if (hitsOnly) {
            sql.append(" and result = 'HIT'");
        }
        Paging.Key after = page.afterKey();
        if (after != null) {
            params.add(OffsetDateTime.parse(after.sortKey()));
            params.add(after.id());
            sql.append(" and (checked_at, id) < ($").append(params.size() - 1).append(", $").append(params.size()).append(")");
        }
        sql.append(" order by checked_at desc, id desc limit ").append(page.fetchSize());
        return database.preparedQuery(sql.toString()).execute(Tuple.tuple(params)).map(rows -> {
            List<Check> checks = new ArrayList<>();
            Map<UUID, String> keys = new HashMap<>();
            for (Row row : rows) {
                Check check = new Check(row.getUUID("id"), row.getUUID("checkpoint_id"), row.getString("kind"), row.getString("plate"),
                        row.getString("plate_colour"), row.getString("id_masked"), row.getString("reason"), "HIT".equals(row.getString("result")),
                        row.getUUID("wanted_entry_id"), row.getDouble("lat"), row.getDouble("lon"),
                        row.getOffsetDateTime("checked_at").toInstant(), row.getString("checked_by"), row.getString("org_code"));
                checks.add(check);
                keys.put(check.id(), row.getOffsetDateTime("checked_at").toString());
            }
            return page.slice(checks, c -> keys.get(c.id()), Check::id);
        });
    }

    public Uni<Statistics> statistics(OrgCode scope, Instant from, Instant to) {
        Violations violations = new Violations().require(from != null, "from", "is required").require(to != null, "to", "is required");
        violations.throwIfAny();
        violations.require(to.isAfter(from), "to", "must be after from")
                .require(!to.isAfter(from.plus(MAX_WINDOW)), "to", "must be at most 31 days after from")
                .throwIfAny();
        Tuple window = Tuple.of(scope.scopePrefix() + "%", OffsetDateTime.ofInstant(from, ZoneOffset.UTC), OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        String where = " from inspection i where i.org_code like $1 and i.checked_at >= $2 and i.checked_at < $3";
        Uni<List<Throughput>> perCheckpoint = database.preparedQuery("select i.checkpoint_id, c.code, count(*) as checks, "
                + "count(*) filter (where i.result = 'HIT') as hits" + where.replace(" from inspection i", " from inspection i join checkpoint c on c.id = i.checkpoint_id")
                + " group by i.checkpoint_id, c.code order by checks desc, c.code").execute(window).map(rows -> {
                    List<Throughput> found = new ArrayList<>();
                    rows.forEach(row -> found.add(new Throughput(row.getUUID(0), row.getString(1), row.getLong(2).intValue(), row.getLong(3).intValue())));
                    return found;
                });
        Uni<List<Hour>> perHour = database.preparedQuery("select date_trunc('hour', i.checked_at at time zone 'UTC') as hour, count(*), "
                + "count(*) filter (where i.result = 'HIT')" + where + " group by 1 order by 1").execute(window).map(rows -> {
                    List<Hour> found = new ArrayList<>();
                    rows.forEach(row -> found.add(new Hour(row.getLocalDateTime(0).toInstant(ZoneOffset.UTC), row.getLong(1).intValue(),
                            row.getLong(2).intValue())));
                    return found;
                });
        Uni<int[]> street = database.preparedQuery("select count(*), count(*) filter (where i.result = 'HIT')" + where
                + " and i.checkpoint_id is null").execute(window)
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new int[] {row.getLong(0).intValue(), row.getLong(1).intValue()};
                });
        return perCheckpoint.chain(checkpoints -> perHour.chain(hours -> street.map(s -> new Statistics(checkpoints, hours, s[0], s[1]))));
    }
}
