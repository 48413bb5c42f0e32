package org.fangkong.video.capture.service;

import java.time.Clock;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.fangkong.platform.background.BackgroundRound;
import org.fangkong.platform.partitions.DailyPartitions;
import org.fangkong.video.config.VideoConfig;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Captures in daily partitions, made ahead and dropped past the retention with the ids they recorded. */
@ApplicationScoped
public class CapturePartitions {

    private static final Logger LOG = Logger.getLogger(CapturePartitions.class);

    private final DailyPartitions partitions;
    private final Pool database;
    private final Clock clock;
    private final VideoConfig.Captures config;

    public CapturePartitions(Pool database, Clock clock, VideoConfig config) {
        this.partitions = new DailyPartitions(database, clock, "capture", "pass_time", config.captures().retention(),
                config.captures().partitionsAhead());
        this.database = database;
        this.clock = clock;
        this.config = config.captures();
    }

    void onStart(@Observes StartupEvent start) {
        try {
            maintain().await().indefinitely();
        } catch (RuntimeException e) {
            LOG.warnf("Capture partitions not maintained at start, retrying on schedule: %s", e.toString());
        }
    }

    @Scheduled(every = "1h", delayed = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRound() {
        return BackgroundRound.run(LOG, "Capture partition round", maintain().replaceWithVoid());
    }

    /** Also forgets ids of captures past the retention: a capture that old could not be stored again anyway. */
    public Uni<DailyPartitions.Round> maintain() {
        return partitions.maintain().call(() -> database.preparedQuery("delete from capture_id_seen where pass_time < $1")
                .execute(Tuple.of(clock.instant().minus(config.retention()).atOffset(ZoneOffset.UTC))));
    }
}
