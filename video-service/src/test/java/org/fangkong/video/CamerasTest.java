package org.fangkong.video;

import static org.fangkong.infra.testing.AppContractTest.assertStatus;
import static org.fangkong.infra.testing.TestOrgs.NANJING;
import static org.fangkong.infra.testing.TestOrgs.GULOU;
import static org.fangkong.infra.testing.TestOrgs.QINHUAI;
import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.fangkong.infra.testing.Eventually;
import org.fangkong.infra.testing.ServiceTest;
import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.errors.FieldViolation;
import org.fangkong.platform.errors.GrpcStatuses;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.events.v1.Event;
import org.fangkong.proto.video.v1.Camera;
import org.fangkong.proto.video.v1.CameraHealth;
import org.fangkong.proto.video.v1.CameraKind;
import org.fangkong.proto.video.v1.CreateCameraRequest;
import org.fangkong.proto.video.v1.CreateVideoPointRequest;
import org.fangkong.proto.video.v1.GetCameraHealthRequest;
import org.fangkong.proto.video.v1.GetCameraRequest;
import org.fangkong.proto.video.v1.HeartbeatRequest;
import org.fangkong.proto.video.v1.ListCamerasRequest;
import org.fangkong.proto.video.v1.ListVideoPointsRequest;
import org.fangkong.proto.video.v1.PtzType;
import org.fangkong.proto.video.v1.VideoPoint;
import org.fangkong.proto.video.v1.VideoServiceGrpc.VideoServiceBlockingStub;
import org.fangkong.proto.video.v1.DeleteCameraRequest;
import org.fangkong.proto.video.v1.DeleteVideoPointRequest;
import org.fangkong.proto.video.v1.GetVideoPointRequest;
import org.fangkong.proto.video.v1.ListCamerasRequest;
import org.fangkong.proto.video.v1.ListVideoPointsRequest;
import org.fangkong.proto.video.v1.UpdateCameraRequest;
import org.fangkong.proto.video.v1.UpdateVideoPointRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.grpc.Status.Code;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;

/** Points and cameras by GB/T 28181 code, heartbeats and offline detection (test profile: 1 s beats, 2 missed). */
@QuarkusTest
@ServiceTest
class CamerasTest {

    private static final String ADMIN = TestTokens.user("admin-nanjing", NANJING, "admin");
    private static final String OPERATOR = TestTokens.user("video-1", NANJING, "video-operator");
    private static final String PLATFORM = TestTokens.service("video-platform");

    @Inject
    RedisDataSource redis;

    private VideoTestClient client;

    @BeforeEach
    void open() {
        client = new VideoTestClient(RestAssured.port);
    }

    @AfterEach
    void close() throws InterruptedException {
        client.close();
    }

    private VideoServiceBlockingStub as(String token) {
        return client.as(token);
    }

    private Camera camera() {
        VideoPoint point = as(ADMIN).createVideoPoint(CreateVideoPointRequest.newBuilder().setGbCode(VideoTestClient.code("121")).setName("新街口路口")
                .setOrgCode(XUANWU).setLocation(GeoPoint.newBuilder().setLat(32.04).setLon(118.78)).setPositionType(10).build());
        return as(ADMIN).createCamera(CreateCameraRequest.newBuilder().setGbCode(VideoTestClient.code("132")).setPointId(point.getId()).setName("东向卡口")
                .setKind(CameraKind.SMART_CAPTURE).setPtzType(PtzType.FIXED_BULLET).setStreamUrl("rtsp://10.1.2.3/stream1").build());
    }

    private void beat(Camera camera) {
        as(PLATFORM).heartbeat(HeartbeatRequest.newBuilder().addGbCodes(camera.getGbCode()).build());
    }

    private boolean online(Camera camera) {
        return as(OPERATOR).getCamera(GetCameraRequest.newBuilder().setId(camera.getId()).build()).getOnline();
    }

    private List<Event> events(Camera camera, String type) throws Exception {
        List<Event> found = new ArrayList<>();
        for (StreamMessage<String, String, byte[]> message : redis.stream(String.class, String.class, byte[].class)
                .xrange(RedisKeys.eventStream("camera-events"), StreamRange.of("-", "+"))) {
            Event event = Event.parseFrom(message.payload().get("event"));
            if (event.getCameraStateChanged().getCameraId().equals(camera.getId()) && event.getType().equals(type)) {
                found.add(event);
            }
        }
        return found;
    }

    private void await(String what, java.util.concurrent.Callable<Boolean> condition) {
        Eventually.until(what, Duration.ofSeconds(20), condition);
    }

    @Test
    void aMalformedCodeIsRefusedNamingThePartThatIsWrong() {
        CreateVideoPointRequest.Builder point = CreateVideoPointRequest.newBuilder().setName("x").setOrgCode(XUANWU)
                .setLocation(GeoPoint.newBuilder().setLat(32).setLon(118)).setPositionType(4);
        FieldViolation shortCode = GrpcStatuses.fieldViolations(assertStatus(Code.INVALID_ARGUMENT,
                () -> as(ADMIN).createVideoPoint(point.clone().setGbCode("3201020000132").build()))).get(0);
        assertEquals("gb_code", shortCode.field());
        assertTrue(shortCode.rule().contains("20 digits"), shortCode.rule());
        FieldViolation type = GrpcStatuses.fieldViolations(assertStatus(Code.INVALID_ARGUMENT,
                () -> as(ADMIN).createVideoPoint(point.clone().setGbCode(VideoTestClient.code("199")).build()))).get(0);
        assertTrue(type.rule().startsWith("type (digits 11-13) 199"), type.rule());
        FieldViolation network = GrpcStatuses.fieldViolations(assertStatus(Code.INVALID_ARGUMENT,
                () -> as(ADMIN).createVideoPoint(point.clone().setGbCode(VideoTestClient.code("132").substring(0, 13) + "9" + "000001").build()))).get(0);
        assertTrue(network.rule().startsWith("network (digit 14)"), network.rule());
        FieldViolation division = GrpcStatuses.fieldViolations(assertStatus(Code.INVALID_ARGUMENT,
                () -> as(ADMIN).createVideoPoint(point.clone().setGbCode("00" + VideoTestClient.code("132").substring(2)).build()))).get(0);
        assertTrue(division.rule().startsWith("division code (digits 1-8)"), division.rule());
        var positionType = assertStatus(Code.INVALID_ARGUMENT, () -> as(ADMIN).createVideoPoint(point.clone().setGbCode(VideoTestClient.code("121"))
                .setPositionType(11).build()));
        assertEquals("position_type", GrpcStatuses.fieldViolations(positionType).get(0).field());
    }

    @Test
    void aCameraThatStopsBeatingGoesOfflineOnceAndComesBackWithItsNextBeat() throws Exception {
        Camera camera = camera();
        assertFalse(camera.getOnline(), "offline until its first heartbeat");
        beat(camera);
        assertTrue(online(camera));
        await("the online event", () -> events(camera, "camera.online").size() == 1);

        // Silent for longer than two beats: offline, once.
        await("offline", () -> !online(camera));
        await("the offline event", () -> events(camera, "camera.offline").size() == 1);
        Eventually.holdsFor("the offline event announced once", Duration.ofMillis(2500), () -> events(camera, "camera.offline").size() == 1);
        assertEquals(1, as(OPERATOR).listCameras(ListCamerasRequest.newBuilder().setOrgCode(XUANWU).setOnline(false)
                .setPointId(camera.getPointId()).build()).getCamerasCount());

        beat(camera);
        assertTrue(online(camera));
        await("the online event", () -> events(camera, "camera.online").size() == 2);
        var unknown = as(PLATFORM).heartbeat(HeartbeatRequest.newBuilder().addGbCodes(camera.getGbCode()).addGbCodes(VideoTestClient.code("131")).build());
        assertEquals(1, unknown.getAccepted());
        assertEquals(1, unknown.getUnknownCodesCount());
        assertStatus(Code.PERMISSION_DENIED, () -> as(OPERATOR).heartbeat(HeartbeatRequest.newBuilder().addGbCodes(camera.getGbCode()).build()));
    }

    @Test
    void theOnlineRateIsCountedForTheSubtreeAndItsDistricts() throws Exception {
        Camera up = camera();
        camera();
        beat(up);
        CameraHealth health = as(OPERATOR).getCameraHealth(GetCameraHealthRequest.newBuilder().setOrgCode(NANJING).build());
        assertTrue(health.getTotal().getCameras() >= 2);
        var xuanwu = health.getChildrenList().stream().filter(r -> r.getOrgCode().equals(XUANWU)).findFirst().orElseThrow();
        assertTrue(xuanwu.getOnline() >= 1 && xuanwu.getOnline() < xuanwu.getCameras());
        assertEquals((double) xuanwu.getOnline() / xuanwu.getCameras(), xuanwu.getRate(), 1e-9);
        assertStatus(Code.PERMISSION_DENIED, () -> as(TestTokens.user("v", "320500000000", "video-operator"))
                .getCameraHealth(GetCameraHealthRequest.newBuilder().setOrgCode(NANJING).build()));
    }

    @Test
    void afterARedisFlushOfflineDetectionWorksAgainWithoutARestart() throws Exception {
        Camera camera = camera();
        beat(camera);
        redis.flushall();
        await("the online camera is back in Redis", () -> redis.hash(String.class).hget(RedisKeys.cameraStates(), camera.getId()) != null);
        await("offline after the flush", () -> !online(camera));
        await("the offline event", () -> events(camera, "camera.offline").size() == 1);
    }

    @Test
    void pointsAndCamerasAreChangedAndRetiredAndARetiredCameraIsWatchedNoMore() throws Exception {
        Camera camera = camera();
        VideoPoint gulou = as(ADMIN).createVideoPoint(CreateVideoPointRequest.newBuilder().setGbCode(VideoTestClient.code("121")).setName("鼓楼广场")
                .setOrgCode(GULOU).setLocation(GeoPoint.newBuilder().setLat(32.06).setLon(118.77)).setPositionType(4).build());

        Camera renamed = as(ADMIN).updateCamera(UpdateCameraRequest.newBuilder().setId(camera.getId()).setName("东向卡口二")
                .setStreamUrl("rtsp://10.1.2.4/main").build());
        assertEquals("东向卡口二", renamed.getName());
        assertEquals("rtsp://10.1.2.4/main", renamed.getStreamUrl());
        assertEquals(CameraKind.SMART_CAPTURE, renamed.getKind(), "fields not sent stay");
        Camera moved = as(ADMIN).updateCamera(UpdateCameraRequest.newBuilder().setId(camera.getId()).setPointId(gulou.getId()).build());
        assertEquals(GULOU, moved.getOrgCode(), "a camera moved to another point takes its organisation");
        var badUrl = assertStatus(Code.INVALID_ARGUMENT, () -> as(ADMIN).updateCamera(UpdateCameraRequest.newBuilder().setId(camera.getId())
                .setStreamUrl("ftp://x").build()));
        assertEquals("stream_url", GrpcStatuses.fieldViolations(badUrl).get(0).field());

        VideoPoint changed = as(ADMIN).updateVideoPoint(UpdateVideoPointRequest.newBuilder().setId(gulou.getId()).setName("鼓楼广场北")
                .setLocation(GeoPoint.newBuilder().setLat(32.061).setLon(118.771)).build());
        assertEquals("鼓楼广场北", changed.getName());
        assertEquals(32.061, changed.getLocation().getLat(), 1e-9);
        assertEquals(4, changed.getPositionType());
        var badType = assertStatus(Code.INVALID_ARGUMENT, () -> as(ADMIN).updateVideoPoint(UpdateVideoPointRequest.newBuilder().setId(gulou.getId())
                .setPositionType(0).build()));
        assertEquals("position_type", GrpcStatuses.fieldViolations(badType).get(0).field());

        assertStatus(Code.FAILED_PRECONDITION, () -> as(ADMIN).deleteVideoPoint(DeleteVideoPointRequest.newBuilder().setId(gulou.getId()).build()));
        beat(camera);
        assertTrue(online(camera));
        as(ADMIN).deleteCamera(DeleteCameraRequest.newBuilder().setId(camera.getId()).build());
        assertStatus(Code.NOT_FOUND, () -> as(ADMIN).getCamera(GetCameraRequest.newBuilder().setId(camera.getId()).build()));
        assertEquals(0, as(ADMIN).listCameras(ListCamerasRequest.newBuilder().setPointId(gulou.getId()).build()).getCamerasCount());
        assertEquals(List.of(camera.getGbCode()), as(PLATFORM).heartbeat(HeartbeatRequest.newBuilder().addGbCodes(camera.getGbCode()).build())
                .getUnknownCodesList(), "a retired camera's beats are not taken");
        as(ADMIN).deleteVideoPoint(DeleteVideoPointRequest.newBuilder().setId(gulou.getId()).build());
        assertStatus(Code.NOT_FOUND, () -> as(ADMIN).getVideoPoint(GetVideoPointRequest.newBuilder().setId(gulou.getId()).build()));

        Eventually.holdsFor("a retired camera does not go offline: it is out of service", Duration.ofSeconds(3),
                () -> events(camera, "camera.offline").isEmpty());
    }

    @Test
    void pointsAreListedByPositionTypeWithinTheSubtree() {
        VideoPoint station = as(ADMIN).createVideoPoint(CreateVideoPointRequest.newBuilder().setGbCode(VideoTestClient.code("121")).setName("南京南站")
                .setOrgCode(QINHUAI).setLocation(GeoPoint.newBuilder().setLat(31.97).setLon(118.8)).setPositionType(3).build());
        VideoPoint square = as(ADMIN).createVideoPoint(CreateVideoPointRequest.newBuilder().setGbCode(VideoTestClient.code("121")).setName("夫子庙广场")
                .setOrgCode(QINHUAI).setLocation(GeoPoint.newBuilder().setLat(32.02).setLon(118.79)).setPositionType(4).build());
        List<String> stations = as(OPERATOR).listVideoPoints(ListVideoPointsRequest.newBuilder().setOrgCode(QINHUAI).addPositionTypes(3).build())
                .getPointsList().stream().map(VideoPoint::getId).toList();
        assertTrue(stations.contains(station.getId()));
        assertFalse(stations.contains(square.getId()));
        var bad = assertStatus(Code.INVALID_ARGUMENT, () -> as(OPERATOR).listVideoPoints(ListVideoPointsRequest.newBuilder().addPositionTypes(11).build()));
        assertEquals("position_types[0]", GrpcStatuses.fieldViolations(bad).get(0).field());
    }
}
