package org.fangkong.units.position.history;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.platform.streams.StreamEntry;
import org.fangkong.platform.streams.StreamHandler;
import org.fangkong.proto.events.v1.Event;
import org.fangkong.proto.events.v1.UnitPosition;
import org.fangkong.units.config.UnitsConfig;

import com.google.protobuf.InvalidProtocolBufferException;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Moves accepted fixes from the positions stream into PostgreSQL, a read batch per insert, as the consumer group
 * {@code units-service-history}. Fixes were acknowledged to devices once on the stream, so a crash here loses none:
 * unacknowledged entries are read again, and replays insert nothing twice.
 */
@ApplicationScoped
public class PositionHistoryWriter implements StreamHandler {

    private static final String INSERT = "insert into position_fix "
            + "(unit_id, recorded_at, org_code, lat, lon, accuracy_m, speed_mps, heading_deg) "
            + "values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing";

    private final Pool database;
    private final String stream;

    public PositionHistoryWriter(Pool database, UnitsConfig config) {
        this.database = database;
        this.stream = RedisKeys.positionsStream(config.province());
    }

    @Override
    public String stream() {
        return stream;
    }

    @Override
    public String group() {
        return "units-service-history";
    }

    @Override
    public Uni<Void> handle(StreamEntry entry) {
        return handleBatch(List.of(entry));
    }

    @Override
    public Uni<Void> handleBatch(List<StreamEntry> entries) {
        List<Tuple> rows = new ArrayList<>(entries.size());
        for (StreamEntry entry : entries) {
            rows.add(row(entry));
        }
        return database.preparedQuery(INSERT).executeBatch(rows).replaceWithVoid();
    }

    private static Tuple row(StreamEntry entry) {
        try {
            Event event = Event.parseFrom(entry.event());
            UnitPosition fix = event.getUnitPosition();
            if (!event.hasUnitPosition()) {
                throw new IllegalArgumentException("entry " + entry.id() + " is a " + event.getType() + " event, not a position");
            }
            return Tuple.tuple(List.of(UUID.fromString(fix.getUnitId()),
                    OffsetDateTime.ofInstant(Timestamps.toInstant(fix.getRecordedAt()), ZoneOffset.UTC),
                    event.getOrgCode(), fix.getPoint().getLat(), fix.getPoint().getLon(),
                    (float) fix.getAccuracyM(), (float) fix.getSpeedMps(), (float) fix.getHeadingDeg()));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("entry " + entry.id() + " is not an event: " + e.getMessage(), e);
        }
    }
}
