package org.fangkong.units;

import static org.fangkong.infra.testing.TestOrgs.NANJING;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.grpc.BearerToken;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.units.v1.CreateUnitRequest;
import org.fangkong.proto.units.v1.ForceType;
import org.fangkong.proto.units.v1.PatrolTier;
import org.fangkong.proto.units.v1.PositionFix;
import org.fangkong.proto.units.v1.ReportPositionsResponse;
import org.fangkong.proto.units.v1.SetUnitStatusRequest;
import org.fangkong.proto.units.v1.Unit;
import org.fangkong.proto.units.v1.UnitStatus;
import org.fangkong.proto.units.v1.UnitsServiceGrpc;
import org.fangkong.proto.units.v1.UnitsServiceGrpc.UnitsServiceBlockingStub;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

/** A gRPC client of the units-service under test, with the callers and scene-building steps tests share. */
final class UnitsTestClient implements AutoCloseable {

    static final String ADMIN = TestTokens.user("admin-nanjing", NANJING, "admin");
    static final String DISPATCHER = TestTokens.user("duty-nanjing", NANJING, "dispatcher");
    static final String COMMANDER = TestTokens.user("commander-nanjing", NANJING, "commander");
    /** alert-service's account, as the incident-linked moves need. */
    static final String ALERT_SERVICE = TestTokens.service("alert-service");
    /** The gateway's account, relaying devices' fixes. */
    static final String GATEWAY = TestTokens.service("gateway");

    private final ManagedChannel channel;

    UnitsTestClient(int port) {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    UnitsServiceBlockingStub as(String token) {
        return UnitsServiceGrpc.newBlockingStub(channel).withCallCredentials(BearerToken.of(token)).withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    /** Streams the fixes as a device does and waits for the answer; a refusal is thrown as its status. */
    ReportPositionsResponse report(String token, List<PositionFix> fixes) {
        java.util.concurrent.CompletableFuture<ReportPositionsResponse> answer = new java.util.concurrent.CompletableFuture<>();
        io.grpc.stub.StreamObserver<PositionFix> stream = UnitsServiceGrpc.newStub(channel)
                .withCallCredentials(BearerToken.of(token))
                .withDeadlineAfter(20, TimeUnit.SECONDS)
                .reportPositions(new io.grpc.stub.StreamObserver<>() {
                    @Override
                    public void onNext(ReportPositionsResponse response) {
                        answer.complete(response);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        answer.completeExceptionally(failure);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        fixes.forEach(stream::onNext);
        stream.onCompleted();
        try {
            return answer.get(25, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reports one fresh fix for the unit, through the gateway's account. */
    void at(Unit unit, double lat, double lon) {
        report(GATEWAY, List.of(fix(unit, lat, lon, Instant.now())));
    }

    Unit unit(String org, ForceType type, int armed, boolean car) {
        CreateUnitRequest.Builder request = CreateUnitRequest.newBuilder()
                .setCallSign("U-" + UUID.randomUUID().toString().substring(0, 8))
                .setOrgCode(org)
                .setForceType(type)
                .setTier(PatrolTier.MAIN_ROAD)
                .setHeadCount(Math.max(2, armed))
                .setArmedCount(armed);
        if (car) {
            request.setVehiclePlate("苏A" + ThreadLocalRandom.current().nextInt(10000, 99999));
        }
        return as(ADMIN).createUnit(request.build());
    }

    /** A unit signed on by the duty room. */
    Unit available(String org, ForceType type, int armed, boolean car) {
        Unit unit = unit(org, type, armed, car);
        return setStatus(COMMANDER, unit, UnitStatus.AVAILABLE);
    }

    Unit setStatus(String token, Unit unit, UnitStatus status) {
        return as(token).setUnitStatus(SetUnitStatusRequest.newBuilder().setUnitId(unit.getId()).setStatus(status).build());
    }

    static PositionFix fix(Unit unit, double lat, double lon, Instant at) {
        return PositionFix.newBuilder()
                .setUnitId(unit.getId())
                .setPoint(GeoPoint.newBuilder().setLat(lat).setLon(lon))
                .setRecordedAt(Timestamps.of(at))
                .build();
    }

    static GeoPoint point(double lat, double lon) {
        return GeoPoint.newBuilder().setLat(lat).setLon(lon).build();
    }

    private static final java.util.concurrent.atomic.AtomicInteger SPOTS = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A spot of its own for each test (0.1°, about 10 km, from any other), so searches within a few kilometres never
     * see another test's units. Every test that reports a position takes its spots from here.
     */
    static double[] freshSpot() {
        int spot = SPOTS.getAndIncrement();
        return new double[] {32.2 + (spot % 10) * 0.1, 119.0 + (spot / 10) * 0.1};
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
