package org.fangkong.units.position.history;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.fangkong.platform.background.BackgroundRound;
import org.fangkong.units.config.UnitsConfig;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Keeps position history in daily partitions (UTC days): creates the coming days' partitions ahead of time and
 * drops those past the retention, so old history goes in one cheap statement instead of a huge delete. Replicas
 * take turns through an advisory lock; a day whose rows already sit in the default partition keeps them there.
 */
@ApplicationScoped
public class HistoryPartitions {

    private static final Logger LOG = Logger.getLogger(HistoryPartitions.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final String PREFIX = "position_fix_";
    /** Any constant shared by the replicas: the lock that serialises partition maintenance. */
    private static final long LOCK = 0x706f736974696f6eL;

    private final Pool database;
    private final Clock clock;
    private final UnitsConfig.Positions config;

    public HistoryPartitions(Pool database, Clock clock, UnitsConfig config) {
        this.database = database;
        this.clock = clock;
        this.config = config.positions();
    }

    void onStart(@Observes StartupEvent start) {
        try {
            maintain().await().indefinitely();
        } catch (RuntimeException e) {
            LOG.warnf("History partitions not maintained at start, retrying on schedule: %s", e.toString());
        }
    }

    @Scheduled(every = "1h", delayed = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRound() {
        return BackgroundRound.run(LOG, "History partition round", maintain());
    }

    /** What one round did, for logs and tests. */
    public record Round(List<String> created, List<String> dropped) {
    }

    public Uni<Round> maintain() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate oldestKept = today.minusDays(config.retention().toDays());
        return database.withTransaction(connection -> connection.preparedQuery("select pg_try_advisory_xact_lock($1) as locked")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(LOCK))
                .chain(rows -> rows.iterator().next().getBoolean("locked")
                        ? createAhead(connection, today).chain(created -> dropBefore(connection, oldestKept)
                                .map(dropped -> new Round(created, dropped)))
                        : Uni.createFrom().item(new Round(List.of(), List.of()))))
                .invoke(round -> {
                    if (!round.created().isEmpty() || !round.dropped().isEmpty()) {
                        LOG.infof("History partitions created %s, dropped %s", round.created(), round.dropped());
                    }
                });
    }

    private Uni<List<String>> createAhead(SqlConnection connection, LocalDate today) {
        List<LocalDate> days = new ArrayList<>();
        for (int i = 0; i <= config.partitionsAhead(); i++) {
            days.add(today.plusDays(i));
        }
        return existing(connection).chain(existing -> Multi.createFrom().iterable(days)
                .filter(day -> !existing.contains(PREFIX + SUFFIX.format(day)))
                .onItem().transformToUniAndConcatenate(day -> create(connection, day))
                .filter(name -> !name.isEmpty())
                .collect().asList());
    }

    /** Creates one day's partition inside a savepoint: rows of that day already in the default partition refuse it. */
    private Uni<String> create(SqlConnection connection, LocalDate day) {
        String name = PREFIX + SUFFIX.format(day);
        String sql = "create table " + name + " partition of position_fix for values from ('" + day + "') to ('" + day.plusDays(1) + "')";
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
                    .filter(name -> name.matches(PREFIX + "\\d{8}"))
                    .filter(name -> LocalDate.parse(name.substring(PREFIX.length()), SUFFIX).isBefore(oldestKept))
                    .sorted()
                    .toList();
            return Multi.createFrom().iterable(old)
                    .onItem().transformToUniAndConcatenate(name -> connection.query("drop table " + name).execute().replaceWith(name))
                    .collect().asList()
                    .call(() -> connection.preparedQuery("delete from position_fix_default where recorded_at < $1")
                            .execute(io.vertx.mutiny.sqlclient.Tuple.of(oldestKept.atStartOfDay().atOffset(ZoneOffset.UTC))));
        });
    }

    private static Uni<List<String>> existing(SqlConnection connection) {
        return connection.query("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid "
                + "join pg_class p on p.oid = i.inhparent where p.relname = 'position_fix'").execute()
                .map(rows -> {
                    List<String> names = new ArrayList<>();
                    for (Row row : rows) {
                        names.add(row.getString(0));
                    }
                    return names;
                });
    }
}
