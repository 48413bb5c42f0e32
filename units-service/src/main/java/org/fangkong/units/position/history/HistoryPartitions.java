package org.fangkong.units.position.history;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.fangkong.platform.background.BackgroundRound;
import org.fangkong.platform.partitions.DailyPartitions;
import org.fangkong.units.config.UnitsConfig;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Position history in daily partitions: made ahead at start and hourly, dropped past the retention. */
@ApplicationScoped
public class HistoryPartitions {

    private static final Logger LOG = Logger.getLogger(HistoryPartitions.class);

    private final DailyPartitions partitions;

    public HistoryPartitions(Pool database, Clock clock, UnitsConfig config) {
        this.partitions = new DailyPartitions(database, clock, "position_fix", "recorded_at", config.positions().retention(),
                config.positions().partitionsAhead());
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
        return BackgroundRound.run(LOG, "History partition round", maintain().replaceWithVoid());
    }

    public Uni<DailyPartitions.Round> maintain() {
        return partitions.maintain();
    }
}
