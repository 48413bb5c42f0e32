package org.fangkong.platform.partitions;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps a time-partitioned table (partitioned by range on a timestamptz column, with a {@code <table>_default}
 * partition) in daily partitions (UTC days): creates the coming days' partitions ahead of time and drops those past the
 * retention, so old rows go in one cheap statement instead of a huge delete. Replicas take turns through an advisory
 * lock; a day whose rows already sit in the default partition keeps them there (and they are deleted past retention).
 *
 * <pre>{@code
 * DailyPartitions history = new DailyPartitions(pool, clock, "position_fix", "recorded_at", Duration.ofDays(90), 3);
 * history.maintain();   // at start and hourly, from a @Scheduled method of the owning service
 * }</pre>
 */
public class DailyPartitions {

    private static final Logger LOG = Logger.getLogger(DailyPartitions.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final Pool database;
    private final Clock clock;
    private final String table;
    private final String timeColumn;
    private final Duration retention;
    private final int ahead;

    public DailyPartitions(Pool database, Clock clock, String table, String timeColumn, Duration retention, int ahead) {
        if (!table.matches("[a-z_]+") || !timeColumn.matches("[a-z_]+")) {
            throw new IllegalArgumentException("table and column names are plain identifiers");
        }
        this.database = database;
        this.clock = clock;
        this.table = table;
        this.timeColumn = timeColumn;
        this.retention = retention;
        this.ahead = ahead;
    }

    /** What one round did, for logs and tests. */
    public record Round(List<String> created, List<String> dropped) {
    }

    public Uni<Round> maintain() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate oldestKept = today.minusDays(retention.toDays());
        return database.withTransaction(connection -> connection.preparedQuery("select pg_try_advisory_xact_lock(hashtext($1)) as locked")
                .execute(Tuple.of("partitions:" + table))
                .chain(rows -> rows.iterator().next().getBoolean("locked")
                        ? createAhead(connection, today).chain(created -> dropBefore(connection, oldestKept)
                                .map(dropped -> new Round(created, dropped)))
                        : Uni.createFrom().item(new Round(List.of(), List.of()))))
                .invoke(round -> {
                    if (!round.created().isEmpty() || !round.dropped().isEmpty()) {
                        LOG.infof("Partitions of %s created %s, dropped %s", table, round.created(), round.dropped());
                    }
                });
    }

    private String prefix() {
        return table + "_";
    }

    private Uni<List<String>> createAhead(SqlConnection connection, LocalDate today) {
        List<LocalDate> days = new ArrayList<>();
        for (int i = 0; i <= ahead; i++) {
            days.add(today.plusDays(i));
        }
        return existing(connection).chain(existing -> Multi.createFrom().iterable(days)
                .filter(day -> !existing.contains(prefix() + SUFFIX.format(day)))
                .onItem().transformToUniAndConcatenate(day -> create(connection, day))
                .filter(name -> !name.isEmpty())
                .collect().asList());
    }

    /** Creates one day's partition inside a savepoint: rows of that day already in the default partition refuse it. */
    private Uni<String> create(SqlConnection connection, LocalDate day) {
        String name = prefix() + SUFFIX.format(day);
        String sql = "create table " + name + " partition of " + table + " for values from ('" + day + "') to ('" + day.plusDays(1) + "')";
        return connection.query("savepoint partition_day").execute()
                .chain(() -> connection.query(sql).execute())
                .chain(() -> connection.query("release savepoint partition_day").execute())
                .replaceWith(name)
                .onFailure().call(failure -> {
                    LOG.warnf("Partition %s not created (its rows stay in the default partition): %s", name, failure.getMessage());
                    return connection.query("rollback to savepoint partition_day").execute();
                })
                .onFailure().recoverWithItem("");
    }

    private Uni<List<String>> dropBefore(SqlConnection connection, LocalDate oldestKept) {
        return existing(connection).chain(existing -> {
            List<String> old = existing.stream()
                    .filter(name -> name.matches(prefix() + "\\d{8}"))
                    .filter(name -> LocalDate.parse(name.substring(prefix().length()), SUFFIX).isBefore(oldestKept))
                    .sorted()
                    .toList();
            return Multi.createFrom().iterable(old)
                    .onItem().transformToUniAndConcatenate(name -> connection.query("drop table " + name).execute().replaceWith(name))
                    .collect().asList()
                    .call(() -> connection.preparedQuery("delete from " + table + "_default where " + timeColumn + " < $1")
                            .execute(Tuple.of(oldestKept.atStartOfDay().atOffset(ZoneOffset.UTC))));
        });
    }

    private Uni<List<String>> existing(SqlConnection connection) {
        return connection.preparedQuery("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid "
                + "join pg_class p on p.oid = i.inhparent where p.relname = $1").execute(Tuple.of(table))
                .map(rows -> {
                    List<String> names = new ArrayList<>();
                    for (Row row : rows) {
                        names.add(row.getString(0));
                    }
                    return names;
                });
    }
}
