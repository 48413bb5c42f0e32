package org.fangkong.units;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.fangkong.infra.AppProcess;
import org.fangkong.infra.testing.Eventually;
import org.fangkong.infra.testing.TestInfrastructure;
import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.grpc.BearerToken;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.units.v1.MutinyUnitsServiceGrpc;
import org.fangkong.proto.units.v1.PositionFix;
import org.fangkong.proto.units.v1.ReportPositionsResponse;
import org.fangkong.proto.units.v1.Unit;
import org.fangkong.proto.units.v1.UnitsServiceGrpc;
import org.junit.jupiter.api.Test;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.smallrye.mutiny.Multi;

/** Fixes acknowledged to a device just before units-service is killed are in the history once it is back. */
class PositionHistoryIT {

    @Test
    void fixesAcknowledgedBeforeACrashReachTheHistoryAfterRestart() throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        Map<String, String> config = infra.serviceConfig("units");
        Path app = Path.of("target/quarkus-app");
        // The first instance dies before its history writer's next round: nothing of the batch is in PostgreSQL yet.
        Map<String, String> slowReader = new java.util.HashMap<>(config);
        slowReader.put("fangkong.streams.poll-interval", "1h");
        AppProcess first = AppProcess.start("units-service", app, slowReader, Path.of("target/history-it-1.log"), Duration.ofSeconds(120));
        UUID unitId;
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", first.port()).usePlaintext().build();
        try {
            Unit unit = UnitsServiceGrpc.newBlockingStub(channel).withCallCredentials(BearerToken.of(TestTokens.user("it", "320100000000", "admin")))
                    .createUnit(UnitRegistryTest.patrolCar("320102000000").build());
            unitId = UUID.fromString(unit.getId());
            List<PositionFix> fixes = new ArrayList<>();
            Instant start = Instant.now().minusSeconds(600);
            for (int i = 0; i < 500; i++) {
                fixes.add(PositionFix.newBuilder().setUnitId(unit.getId())
                        .setPoint(GeoPoint.newBuilder().setLat(32.0 + i * 1e-4).setLon(118.7))
                        .setRecordedAt(Timestamps.of(start.plusSeconds(i))).build());
            }
            ReportPositionsResponse acknowledged = MutinyUnitsServiceGrpc.newMutinyStub(channel)
                    .withCallCredentials(BearerToken.of(TestTokens.user("officer", "320100000000", "officer")))
                    .reportPositions(Multi.createFrom().iterable(fixes)).await().atMost(Duration.ofSeconds(30));
            assertEquals(500, acknowledged.getAccepted());
        } finally {
            channel.shutdownNow();
            first.kill();
        }
        assertEquals(0, history(infra, unitId), "the crash came before any history was written");

        try (AppProcess second = AppProcess.start("units-service", app, config, Path.of("target/history-it-2.log"), Duration.ofSeconds(120))) {
            Eventually.until("the 500 fixes in the history", Duration.ofSeconds(30), () -> history(infra, unitId) >= 500);
            assertEquals(500, history(infra, unitId));
        }
    }

    private static long history(TestInfrastructure infra, UUID unitId) throws Exception {
        try (Connection connection = DriverManager.getConnection(infra.postgres().jdbcUrl("units"), "units", "units");
                PreparedStatement query = connection.prepareStatement("select count(*) from position_fix where unit_id = ?")) {
            query.setObject(1, unitId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
