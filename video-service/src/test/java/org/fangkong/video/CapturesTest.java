package org.fangkong.video;

import static org.fangkong.infra.testing.AppContractTest.assertStatus;
import static org.fangkong.infra.testing.TestOrgs.NANJING;
import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.fangkong.infra.testing.ServiceTest;
import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.errors.GrpcStatuses;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.wanted.WantedListMirror;
import org.fangkong.proto.events.v1.Event;
import org.fangkong.proto.video.v1.CaptureReport;
import org.fangkong.proto.video.v1.GetVehicleTrajectoryRequest;
import org.fangkong.proto.video.v1.ReportCapturesResponse;
import org.fangkong.proto.video.v1.VehicleTrajectory;
import org.fangkong.proto.video.v1.VideoServiceGrpc.VideoServiceBlockingStub;
import org.fangkong.proto.video.v1.Camera;
import org.fangkong.proto.video.v1.DeleteCameraRequest;
import org.fangkong.proto.video.v1.GetViidDeviceRequest;
import org.fangkong.proto.video.v1.SetViidDeviceRequest;
import org.fangkong.proto.video.v1.ViidDeviceKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.grpc.Status.Code;
import io.grpc.stub.StreamObserver;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/** Plate captures: stored once, matched against the wanted list, and traced by plate. */
@QuarkusTest
@ServiceTest
class CapturesTest {

    private static final String ADMIN = CaptureScene.ADMIN;
    private static final String OPERATOR = TestTokens.user("video-1", NANJING, "video-operator");
    private static final String PLATFORM = TestTokens.service("video-platform");

    @Inject
    RedisDataSource redis;

    @Inject
    Pool database;

    @Inject
    WantedListMirror wantedList;

    private VideoTestClient client;
    private CaptureScene scene;

    @BeforeEach
    void open() {
        client = new VideoTestClient(RestAssured.port);
        scene = new CaptureScene(client, redis, database, wantedList);
    }

    @AfterEach
    void close() throws InterruptedException {
        client.close();
    }

    private VideoServiceBlockingStub as(String token) {
        return client.as(token);
    }

    private String camera(double lat, double lon) {
        return scene.camera(XUANWU, lat, lon).getGbCode();
    }

    private static CaptureReport capture(String camera, String plate, Instant at) {
        return CaptureReport.newBuilder().setCaptureId("MV-" + UUID.randomUUID()).setCameraGbCode(camera).setPlate(plate)
                .setPlateColour("BLUE").setPassTime(Timestamps.of(at)).setLane(2).setDirectionDeg(90).setSpeedKmh(62)
                .setVehicleClass("K33").setVehicleColour("white").addImageUrls("http://10.1.2.3/img/1.jpg").build();
    }

    private ReportCapturesResponse report(List<CaptureReport> captures) throws Exception {
        CompletableFuture<ReportCapturesResponse> answer = new CompletableFuture<>();
        StreamObserver<CaptureReport> stream = client.streaming(PLATFORM).reportCaptures(new StreamObserver<>() {
                    public void onNext(ReportCapturesResponse response) {
                        answer.complete(response);
                    }

                    public void onError(Throwable failure) {
                        answer.completeExceptionally(failure);
                    }

                    public void onCompleted() {
                    }
                });
        captures.forEach(stream::onNext);
        stream.onCompleted();
        try {
            return answer.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    private static String plate() {
        return CaptureScene.plate();
    }

    private void wanted(String plate) {
        scene.wanted(plate);
    }

    private List<Event> hits(String plate) throws Exception {
        return scene.hits(plate);
    }

    private long stored(String plate) {
        return scene.stored(plate);
    }

    @Test
    void aBatchIsStoredOnceAndAWantedPlateInItHitsExactlyOnce() throws Exception {
        String camera = camera(32.04, 118.78);
        String wantedPlate = plate();
        wanted(wantedPlate);
        Instant now = Instant.now();
        List<CaptureReport> batch = List.of(capture(camera, plate(), now.minusSeconds(30)), capture(camera, wantedPlate, now.minusSeconds(20)),
                capture(camera, plate(), now.minusSeconds(10)), capture(camera, "", now.minusSeconds(5)));

        ReportCapturesResponse first = report(batch);
        assertEquals(4, first.getAccepted());
        assertEquals(1, first.getHits());
        ReportCapturesResponse again = report(batch);
        assertEquals(0, again.getAccepted(), "a re-sent batch stores nothing new");
        assertEquals(4, again.getDuplicates());
        assertEquals(1, stored(wantedPlate));

        List<Event> hits = scene.settledHits(wantedPlate);
        assertEquals(1, hits.size(), "exactly one hit, the re-sent batch added none");
        assertEquals(32.04, hits.get(0).getCaptureHit().getLocation().getLat(), 1e-9);
        assertEquals(camera, hits.get(0).getCaptureHit().getCameraGbCode());
        assertEquals(XUANWU, hits.get(0).getOrgCode());
    }

    @Test
    void eachWantedPlateOfABatchHitsWithItsOwnCapture() throws Exception {
        String camera = camera(32.041, 118.781);
        String first = plate();
        String second = plate();
        wanted(first);
        wanted(second);
        Instant now = Instant.now();
        List<CaptureReport> batch = List.of(capture(camera, second, now.minusSeconds(50)), capture(camera, plate(), now.minusSeconds(40)),
                capture(camera, "", now.minusSeconds(30)), capture(camera, first, now.minusSeconds(20)), capture(camera, plate(), now.minusSeconds(10)),
                capture(camera, second, now.minusSeconds(5)));

        ReportCapturesResponse answer = report(batch);

        assertEquals(6, answer.getAccepted());
        assertEquals(3, answer.getHits());
        assertEquals(List.of(batch.get(3).getCaptureId()), scene.settledHits(first).stream().map(e -> e.getCaptureHit().getCaptureId()).toList());
        assertEquals(java.util.Set.of(batch.get(0).getCaptureId(), batch.get(5).getCaptureId()),
                scene.settledHits(second).stream().map(e -> e.getCaptureHit().getCaptureId()).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void aMalformedBatchIsRefusedNamingTheCaptureAndStoresNothing() throws Exception {
        String camera = camera(32.05, 118.79);
        String plate = plate();
        Instant now = Instant.now();
        var badPlate = assertStatus(Code.INVALID_ARGUMENT, () -> {
            try {
                report(List.of(capture(camera, plate, now), capture(camera, "XX12", now)));
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        });
        assertEquals("captures[1].plate", GrpcStatuses.fieldViolations(badPlate).get(0).field());
        var unknownCamera = assertStatus(Code.INVALID_ARGUMENT, () -> {
            try {
                report(List.of(capture(camera, plate, now), capture(VideoTestClient.code("132"), plate(), now)));
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        });
        assertEquals("captures[1].camera_gb_code", GrpcStatuses.fieldViolations(unknownCamera).get(0).field());
        assertEquals(0, stored(plate), "nothing of a refused batch is stored");
    }

    @Test
    void aTrajectoryListsEveryPassInTimeOrderWithCameraLocationsAndNeedsAReason() throws Exception {
        String north = camera(32.10, 118.80);
        String middle = camera(32.06, 118.80);
        String south = camera(32.02, 118.80);
        String plate = plate();
        Instant start = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
        List<CaptureReport> passes = new ArrayList<>(List.of(capture(north, plate, start.plusSeconds(10)), capture(middle, plate, start.plusSeconds(300)),
                capture(south, plate, start.plusSeconds(600)), capture(middle, plate, start.plusSeconds(900)), capture(middle, plate(), start.plusSeconds(400))));
        Collections.shuffle(passes);
        report(passes);

        VehicleTrajectory trajectory = as(OPERATOR).getVehicleTrajectory(GetVehicleTrajectoryRequest.newBuilder().setPlate(plate.substring(0, 2) + " " + plate.substring(2))
                .setFrom(Timestamps.of(start)).setTo(Timestamps.of(start.plusSeconds(3600))).setReason("robbery 0412, suspect car").build());
        assertEquals(List.of(north, middle, south, middle), trajectory.getPassesList().stream().map(p -> p.getCameraGbCode()).toList());
        assertEquals(List.of(32.10, 32.06, 32.02, 32.06), trajectory.getPassesList().stream().map(p -> p.getLocation().getLat()).toList());
        assertEquals(start.plusSeconds(10), Timestamps.toInstant(trajectory.getPasses(0).getPassTime()));

        var noReason = assertStatus(Code.INVALID_ARGUMENT, () -> as(OPERATOR).getVehicleTrajectory(GetVehicleTrajectoryRequest.newBuilder()
                .setPlate(plate).setFrom(Timestamps.of(start)).setTo(Timestamps.of(start.plusSeconds(60))).build()));
        assertEquals("reason", GrpcStatuses.fieldViolations(noReason).get(0).field());
        assertEquals(0, as(TestTokens.user("v", "320500000000", "video-operator")).getVehicleTrajectory(GetVehicleTrajectoryRequest.newBuilder()
                .setPlate(plate).setFrom(Timestamps.of(start)).setTo(Timestamps.of(start.plusSeconds(3600))).setReason("x").build()).getPassesCount(),
                "another city's operator sees none of Nanjing's passes");
        long audited = database.preparedQuery("select count(*) from lookup_audit where what = 'vehicle-trajectory' and reason = $1")
                .execute(Tuple.of("robbery 0412, suspect car")).await().indefinitely().iterator().next().getLong(0);
        assertEquals(1, audited);
        assertTrue(trajectory.getPassesCount() == 4 && !trajectory.getTruncated());
    }

    @Test
    void capturesLandInTodaysPartitionAndTheComingDaysHaveTheirs() throws Exception {
        String camera = camera(32.07, 118.81);
        String plate = plate();
        report(List.of(capture(camera, plate, Instant.now())));
        String partition = database.preparedQuery("select tableoid::regclass::text from capture where plate = $1").execute(Tuple.of(plate))
                .await().indefinitely().iterator().next().getString(0);
        assertEquals("capture_" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd").format(java.time.LocalDate.now(java.time.ZoneOffset.UTC)),
                partition);
        long ahead = database.preparedQuery("select count(*) from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p "
                + "on p.oid = i.inhparent where p.relname = 'capture' and c.relname ~ '^capture_[0-9]{8}$'").execute()
                .await().indefinitely().iterator().next().getLong(0);
        assertTrue(ahead >= 4, "today and three days ahead: " + ahead);
    }

    @Test
    void aRetiredCameraKeepsItsPastPassesButTakesNoNewCapturesNorGaT1400Posts() throws Exception {
        Camera camera = scene.camera(XUANWU, 32.08, 118.82);
        as(ADMIN).setViidDevice(SetViidDeviceRequest.newBuilder().setDeviceId(camera.getGbCode()).setKind(ViidDeviceKind.CAPTURE_CAMERA)
                .setPassword("capture-camera-secret-2").build());
        String plate = plate();
        Instant passed = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        report(List.of(capture(camera.getGbCode(), plate, passed)));

        as(ADMIN).deleteCamera(DeleteCameraRequest.newBuilder().setId(camera.getId()).build());
        VehicleTrajectory trajectory = as(OPERATOR).getVehicleTrajectory(GetVehicleTrajectoryRequest.newBuilder().setPlate(plate)
                .setFrom(Timestamps.of(passed.minusSeconds(60))).setTo(Timestamps.of(passed.plusSeconds(60))).setReason("case 77").build());
        assertEquals(1, trajectory.getPassesCount(), "the retired camera's pass stays in the trajectory");
        assertEquals(32.08, trajectory.getPasses(0).getLocation().getLat(), 1e-9);
        var refused = assertStatus(Code.INVALID_ARGUMENT, () -> {
            try {
                report(List.of(capture(camera.getGbCode(), plate(), Instant.now())));
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        });
        assertEquals("captures[0].camera_gb_code", GrpcStatuses.fieldViolations(refused).get(0).field());
        assertStatus(Code.NOT_FOUND, () -> as(ADMIN).getViidDevice(GetViidDeviceRequest.newBuilder().setDeviceId(camera.getGbCode()).build()));
    }
}
