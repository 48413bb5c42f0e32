package org.fangkong.alerts;

import static org.fangkong.infra.testing.TestOrgs.NANJING;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.fangkong.infra.testing.Eventually;
import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.grpc.BearerToken;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.proto.alerts.v1.AlertServiceGrpc;
import org.fangkong.proto.alerts.v1.AlertServiceGrpc.AlertServiceBlockingStub;
import org.fangkong.proto.alerts.v1.Incident;
import org.fangkong.proto.alerts.v1.IncidentSource;
import org.fangkong.proto.alerts.v1.IncidentType;
import org.fangkong.proto.alerts.v1.ReportIncidentRequest;
import org.fangkong.proto.checkpoints.v1.CheckpointServiceGrpc;
import org.fangkong.proto.checkpoints.v1.CheckpointServiceGrpc.CheckpointServiceBlockingStub;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.events.v1.Event;
import org.fangkong.proto.units.v1.AssignCrewMemberRequest;
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
import org.fangkong.proto.video.v1.VideoServiceGrpc;
import org.fangkong.proto.video.v1.VideoServiceGrpc.VideoServiceBlockingStub;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.StreamObserver;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;

/** Clients of alert-service and of the real services around it, with the scene-building steps tests share. */
final class AlertScene implements AutoCloseable {

    static final String ADMIN = TestTokens.user("admin-nanjing", NANJING, "admin");
    static final String COMMANDER = TestTokens.user("commander-nanjing", NANJING, "commander");
    static final String COMMAND_CENTER = TestTokens.user("centre-nanjing", NANJING, "command-center");
    static final String GATEWAY = TestTokens.service("gateway");

    private static final AtomicInteger SPOTS = new AtomicInteger();

    private final ManagedChannel alerts;
    private final ManagedChannel units;
    private final ManagedChannel checkpoints;
    private final ManagedChannel video;

    AlertScene(int alertsPort) {
        alerts = channel(alertsPort);
        units = channel(AlertTestResources.units().port());
        checkpoints = channel(AlertTestResources.checkpoints().port());
        video = channel(AlertTestResources.video().port());
    }

    private static ManagedChannel channel(int port) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    private static <S extends AbstractStub<S>> S as(S stub, String token) {
        return stub.withCallCredentials(BearerToken.of(token)).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    AlertServiceBlockingStub alerts(String token) {
        return as(AlertServiceGrpc.newBlockingStub(alerts), token);
    }

    UnitsServiceBlockingStub units(String token) {
        return as(UnitsServiceGrpc.newBlockingStub(units), token);
    }

    CheckpointServiceBlockingStub checkpoints(String token) {
        return as(CheckpointServiceGrpc.newBlockingStub(checkpoints), token);
    }

    VideoServiceBlockingStub video(String token) {
        return as(VideoServiceGrpc.newBlockingStub(video), token);
    }

    static String dispatcher(String org) {
        return TestTokens.user("duty-" + org, org, "dispatcher");
    }

    static String officer(String subject, String org) {
        return TestTokens.user(subject, org, "officer");
    }

    /**
     * A place of its own for each test (about 30 km from any other), so the nearest searches of one test (10 km for
     * units) never see another's units.
     */
    static double[] freshSpot() {
        int spot = SPOTS.getAndIncrement();
        return new double[] {31.1 + (spot % 10) * 0.3, 118.2 + (spot / 10) * 0.3};
    }

    /** An available armed patrol car with the officer given on its crew this shift, standing at the point. */
    Unit crewedUnit(String org, String officer, double lat, double lon) {
        Unit unit = units(ADMIN).createUnit(CreateUnitRequest.newBuilder().setCallSign("AL-" + UUID.randomUUID().toString().substring(0, 8))
                .setOrgCode(org).setForceType(ForceType.SPECIAL_PATROL).setTier(PatrolTier.MAIN_ROAD).setHeadCount(3).setArmedCount(2)
                .setVehiclePlate("苏A" + ThreadLocalRandom.current().nextInt(10000, 99999)).build());
        units(COMMANDER).setUnitStatus(SetUnitStatusRequest.newBuilder().setUnitId(unit.getId()).setStatus(UnitStatus.AVAILABLE).build());
        Instant now = Instant.now();
        units(ADMIN).assignCrewMember(AssignCrewMemberRequest.newBuilder().setUnitId(unit.getId()).setSubject(officer)
                .setShiftStart(Timestamps.of(now.minusSeconds(3600))).setShiftEnd(Timestamps.of(now.plusSeconds(8 * 3600))).build());
        at(unit, lat, lon);
        return unit;
    }

    /** One fresh fix for the unit, relayed through the gateway's account. */
    void at(Unit unit, double lat, double lon) {
        CompletableFuture<ReportPositionsResponse> answer = new CompletableFuture<>();
        StreamObserver<PositionFix> stream = UnitsServiceGrpc.newStub(units).withCallCredentials(BearerToken.of(GATEWAY))
                .withDeadlineAfter(20, TimeUnit.SECONDS).reportPositions(new StreamObserver<>() {
                    public void onNext(ReportPositionsResponse response) {
                        answer.complete(response);
                    }

                    public void onError(Throwable failure) {
                        answer.completeExceptionally(failure);
                    }

                    public void onCompleted() {
                    }
                });
        stream.onNext(PositionFix.newBuilder().setUnitId(unit.getId()).setPoint(GeoPoint.newBuilder().setLat(lat).setLon(lon))
                .setRecordedAt(Timestamps.of(Instant.now())).build());
        stream.onCompleted();
        answer.orTimeout(20, TimeUnit.SECONDS).join();
    }

    UnitStatus unitStatus(Unit unit) {
        return units(ADMIN).getUnit(org.fangkong.proto.units.v1.GetUnitRequest.newBuilder().setId(unit.getId()).build()).getStatus();
    }

    static ReportIncidentRequest.Builder report(String org, IncidentType type, int priority, double lat, double lon) {
        return ReportIncidentRequest.newBuilder().setIdempotencyKey("call-" + UUID.randomUUID()).setType(type).setPriority(priority)
                .setOrgCode(org).setLocation(GeoPoint.newBuilder().setLat(lat).setLon(lon)).setAddress("中山路 " + lat)
                .setSource(IncidentSource.CALL_110).setDescription("a caller reports it");
    }

    /** The events of one incident on the incident events stream, of the type given. */
    static List<Event> events(RedisDataSource redis, String incidentId, String type) throws Exception {
        List<Event> found = new ArrayList<>();
        for (StreamMessage<String, String, byte[]> message : redis.stream(String.class, String.class, byte[].class)
                .xrange(RedisKeys.eventStream("incident-events"), StreamRange.of("-", "+"))) {
            Event event = Event.parseFrom(message.payload().get("event"));
            if (event.getIncidentChanged().getIncidentId().equals(incidentId) && event.getType().equals(type)) {
                found.add(event);
            }
        }
        return found;
    }

    static void await(String what, Callable<Boolean> condition) {
        Eventually.until(what, Duration.ofSeconds(30), condition);
    }

    static List<String> timeline(Incident incident) {
        return incident.getTimelineList().stream().map(e -> e.getWhat()).toList();
    }

    @Override
    public void close() throws InterruptedException {
        for (ManagedChannel channel : List.of(alerts, units, checkpoints, video)) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
