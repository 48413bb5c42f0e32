package org.fangkong.video;

import static io.restassured.RestAssured.given;
import static org.fangkong.infra.testing.AppContractTest.assertStatus;
import static org.fangkong.infra.testing.TestOrgs.GULOU;
import static org.fangkong.infra.testing.TestOrgs.NANJING;
import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.fangkong.infra.testing.Eventually;
import org.fangkong.infra.testing.ServiceTest;
import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.wanted.WantedListMirror;
import org.fangkong.proto.events.v1.Event;
import org.fangkong.proto.video.v1.Camera;
import org.fangkong.proto.video.v1.GetCameraRequest;
import org.fangkong.proto.video.v1.GetViidDeviceRequest;
import org.fangkong.proto.video.v1.SetViidDeviceRequest;
import org.fangkong.proto.video.v1.ViidDeviceKind;
import org.fangkong.proto.video.v1.VideoServiceGrpc.VideoServiceBlockingStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.grpc.Status.Code;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

/** GA/T 1400: devices register with HTTP Digest, keep alive, and post motor vehicle lists in the standard's JSON. */
@QuarkusTest
@ServiceTest
class ViidTest {

    // Relative to the management root path (/q).
    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    private static final String ADMIN = CaptureScene.ADMIN;
    private static final String PASSWORD = "capture-camera-secret-1";
    private static final DateTimeFormatter PASS_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");

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

    /** A capture camera allowed on the GA/T 1400 endpoints with {@link #PASSWORD}. */
    private Camera device() {
        Camera camera = scene.camera(XUANWU, 32.05, 118.79);
        as(ADMIN).setViidDevice(SetViidDeviceRequest.newBuilder().setDeviceId(camera.getGbCode()).setKind(ViidDeviceKind.CAPTURE_CAMERA)
                .setPassword(PASSWORD).build());
        return camera;
    }

    private static RequestSpecification viid(String deviceId) {
        return given().header("User-Identify", deviceId).contentType("application/VIID+JSON;charset=UTF-8");
    }

    private static ValidatableResponse register(String deviceId, String password) {
        RequestSpecification request = viid(deviceId);
        if (password != null) {
            request = request.auth().digest(deviceId, password);
        }
        return request.body("{\"RegisterObject\":{\"DeviceID\":\"" + deviceId + "\"}}").post("/VIID/System/Register").then();
    }

    private static ValidatableResponse post(String deviceId, String body) {
        return viid(deviceId).body(body).post("/VIID/MotorVehicles").then();
    }

    private static String vehicle(String id, String camera, String plate, Instant passTime) {
        return "{\"MotorVehicleID\":\"" + id + "\",\"InfoKind\":1,\"SourceID\":\"" + id + "\",\"DeviceID\":\"" + camera + "\","
                + "\"StorageUrl1\":\"http://10.32.1.9/viid/" + id + ".jpg\",\"HasPlate\":\"1\",\"PlateClass\":\"02\",\"PlateColor\":\"5\","
                + "\"PlateNo\":\"" + plate + "\",\"Speed\":58,\"Direction\":\"4\",\"LaneNo\":2,\"VehicleClass\":\"K33\",\"VehicleColor\":\"2\","
                + "\"PassTime\":\"" + PASS_TIME.format(passTime.atZone(LOCAL)) + "\"}";
    }

    private static String list(String... vehicles) {
        return "{\"MotorVehicleListObject\":{\"MotorVehicleObject\":[" + String.join(",", vehicles) + "]}}";
    }

    @Test
    void aDeviceRegistersWithDigestAuthenticationAndAnUnregisteredOneIsRefused() {
        Camera camera = device();
        String id = camera.getGbCode();

        register(id, null).statusCode(401)
                .header("WWW-Authenticate", startsWith("Digest realm=\"fangkong\""))
                .header("WWW-Authenticate", containsString("qop=\"auth\""))
                .body("ResponseStatusObject.StatusCode", equalTo("4"))
                .body("ResponseStatusObject.RequestURL", equalTo("/VIID/System/Register"));
        register(id, "not-the-password").statusCode(401).body("ResponseStatusObject.StatusCode", equalTo("4"));
        String unknown = VideoTestClient.code("132");
        register(unknown, PASSWORD).statusCode(401).body("ResponseStatusObject.StatusCode", equalTo("4"));

        String plate = CaptureScene.plate();
        post(id, list(vehicle("MV-" + UUID.randomUUID(), id, plate, Instant.now().minusSeconds(5)))).statusCode(401)
                .body("ResponseStatusObject.StatusCode", equalTo("4"))
                .body("ResponseStatusObject.StatusString", startsWith("Invalid Operation"));
        viid(id).body("{\"KeepaliveObject\":{\"DeviceID\":\"" + id + "\"}}").post("/VIID/System/Keepalive").then().statusCode(401);
        assertEquals(0, scene.stored(plate), "nothing from an unregistered device is stored");
        assertFalse(as(ADMIN).getViidDevice(GetViidDeviceRequest.newBuilder().setDeviceId(id).build()).getRegistered());

        register(id, PASSWORD).statusCode(200)
                .body("ResponseStatusObject.StatusCode", equalTo("0"))
                .body("ResponseStatusObject.StatusString", equalTo("OK"))
                .body("ResponseStatusObject.Id", equalTo(id))
                .body("ResponseStatusObject.RequestURL", equalTo("/VIID/System/Register"))
                .body("ResponseStatusObject.LocalTime", org.hamcrest.Matchers.matchesPattern("\\d{14}"));
        assertTrue(as(ADMIN).getViidDevice(GetViidDeviceRequest.newBuilder().setDeviceId(id).build()).getRegistered());

        viid(id).body("{\"KeepaliveObject\":{\"DeviceID\":\"" + id + "\"}}").post("/VIID/System/Keepalive").then().statusCode(200)
                .body("ResponseStatusObject.StatusCode", equalTo("0"));
        assertTrue(as(ADMIN).getCamera(GetCameraRequest.newBuilder().setId(camera.getId()).build()).getOnline(),
                "a capture camera's keep-alive is its heartbeat");

        // Another device's session is not this one's.
        viid(unknown).body("{\"KeepaliveObject\":{\"DeviceID\":\"" + unknown + "\"}}").post("/VIID/System/Keepalive").then().statusCode(401);
        viid(id).auth().digest(id, PASSWORD).body("{\"UnRegisterObject\":{\"DeviceID\":\"" + id + "\"}}").post("/VIID/System/UnRegister")
                .then().statusCode(200).body("ResponseStatusObject.StatusCode", equalTo("0"));
        post(id, list(vehicle("MV-" + UUID.randomUUID(), id, plate, Instant.now()))).statusCode(401);
        assertEquals(0, scene.stored(plate));
    }

    @Test
    void aMotorVehicleListIsStoredOnceAndAWantedPlateInItHitsExactlyOnce() throws Exception {
        Camera camera = device();
        String id = camera.getGbCode();
        register(id, PASSWORD).statusCode(200);
        String wantedPlate = CaptureScene.plate();
        scene.wanted(wantedPlate);
        Instant passed = Instant.now().minusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
        String wantedId = "MV-" + UUID.randomUUID();
        String body = list(vehicle("MV-" + UUID.randomUUID(), id, CaptureScene.plate(), passed.minusSeconds(10)),
                // Spelled as cameras often write it: separator dot, lower case letter.
                vehicle(wantedId, id, wantedPlate.substring(0, 2).toLowerCase() + "·" + wantedPlate.substring(2), passed),
                vehicle("MV-" + UUID.randomUUID(), id, "无车牌", passed.plusSeconds(1)));

        post(id, body).statusCode(200)
                .body("ResponseStatusListObject.ResponseStatusObject.size()", equalTo(3))
                .body("ResponseStatusListObject.ResponseStatusObject[1].Id", equalTo(wantedId))
                .body("ResponseStatusListObject.ResponseStatusObject[1].StatusCode", equalTo("0"))
                .body("ResponseStatusListObject.ResponseStatusObject[1].RequestURL", equalTo("/VIID/MotorVehicles"));
        post(id, body).statusCode(200).body("ResponseStatusListObject.ResponseStatusObject.size()", equalTo(3));

        assertEquals(1, scene.stored(wantedPlate), "the re-sent list stored nothing new");
        List<Event> hits = scene.settledHits(wantedPlate);
        assertEquals(1, hits.size(), "exactly one hit, the re-sent list added none");
        var hit = hits.get(0).getCaptureHit();
        assertEquals(wantedId, hit.getCaptureId());
        assertEquals("BLUE", hit.getPlateColour());
        assertEquals(passed, Timestamps.toInstant(hit.getPassTime()), "PassTime is device local time in Asia/Shanghai");
        assertEquals(32.05, hit.getLocation().getLat(), 1e-9);
        assertEquals(58, hit.getSpeedKmh(), 1e-9);
        assertEquals(0, hit.getDirectionDeg(), 1e-9, "direction 4 (south to north) is due north");
        assertEquals(List.of("http://10.32.1.9/viid/" + wantedId + ".jpg"), hit.getImageUrlsList());
    }

    @Test
    void aMalformedListGetsTheStandardErrorStatusAndStoresNothing() {
        Camera camera = device();
        String id = camera.getGbCode();
        register(id, PASSWORD).statusCode(200);
        String plate = CaptureScene.plate();
        String good = vehicle("MV-" + UUID.randomUUID(), id, plate, Instant.now().minusSeconds(5));

        post(id, "{\"MotorVehicleListObject\":{\"MotorVehicleObject\":[" + good).statusCode(400)
                .body("ResponseStatusObject.StatusCode", equalTo("7"))
                .body("ResponseStatusObject.StatusString", startsWith("Invalid JSON Format"));
        post(id, list(good, vehicle("MV-" + UUID.randomUUID(), id, CaptureScene.plate(), Instant.now()).replaceAll("\"PassTime\":\"\\d+\"",
                "\"PassTime\":\"2026-12-01 08:00:00\""))).statusCode(400)
                .body("ResponseStatusObject.StatusCode", equalTo("8"))
                .body("ResponseStatusObject.StatusString", startsWith("Invalid JSON Content"))
                .body("ResponseStatusObject.StatusString", containsString("MotorVehicleListObject.MotorVehicleObject[1].PassTime"));
        post(id, list(good, vehicle("MV-" + UUID.randomUUID(), id, "苏Z1", Instant.now()))).statusCode(400)
                .body("ResponseStatusObject.StatusString", containsString("MotorVehicleObject[1].PlateNo"));
        post(id, "{\"MotorVehicleListObject\":{\"MotorVehicleObject\":[]}}").statusCode(400)
                .body("ResponseStatusObject.StatusCode", equalTo("8"));

        // A capture camera posts for itself only.
        String other = scene.camera(XUANWU, 32.06, 118.8).getGbCode();
        post(id, list(good, vehicle("MV-" + UUID.randomUUID(), other, CaptureScene.plate(), Instant.now()))).statusCode(400)
                .body("ResponseStatusObject.StatusCode", equalTo("8"))
                .body("ResponseStatusObject.StatusString", containsString("MotorVehicleObject[1].DeviceID"));
        assertEquals(0, scene.stored(plate), "a refused list stores none of its objects");
    }

    @Test
    void aCollectionSystemPostsForTheCamerasOfItsSubtreeOnly() {
        String system = "32010200" + "00" + "200" + "5" + String.format("%06d", (int) (Math.random() * 1_000_000));
        as(ADMIN).setViidDevice(SetViidDeviceRequest.newBuilder().setDeviceId(system).setKind(ViidDeviceKind.COLLECTION_SYSTEM)
                .setOrgCode(XUANWU).setPassword(PASSWORD).build());
        register(system, PASSWORD).statusCode(200);
        String inXuanwu = scene.camera(XUANWU, 32.03, 118.8).getGbCode();
        String inGulou = scene.camera(GULOU, 32.07, 118.76).getGbCode();
        String plate = CaptureScene.plate();

        post(system, list(vehicle("MV-" + UUID.randomUUID(), inXuanwu, plate, Instant.now().minusSeconds(3)))).statusCode(200);
        post(system, list(vehicle("MV-" + UUID.randomUUID(), inGulou, CaptureScene.plate(), Instant.now()))).statusCode(400)
                .body("ResponseStatusObject.StatusString", containsString("MotorVehicleObject[0].DeviceID"));
        assertEquals(1, scene.stored(plate));

        // Access is granted within the admin's own scope only, and is refused naming the field otherwise.
        assertStatus(Code.PERMISSION_DENIED, () -> as(TestTokens.user("admin-suzhou", "320500000000", "admin"))
                .setViidDevice(SetViidDeviceRequest.newBuilder().setDeviceId(system).setKind(ViidDeviceKind.COLLECTION_SYSTEM)
                        .setOrgCode(NANJING).setPassword(PASSWORD).build()));
        assertStatus(Code.INVALID_ARGUMENT, () -> as(ADMIN).setViidDevice(SetViidDeviceRequest.newBuilder().setDeviceId(system)
                .setKind(ViidDeviceKind.COLLECTION_SYSTEM).setOrgCode(XUANWU).setPassword("short").build()));
    }

    @Test
    void afterARedisFlushHotlistMatchingWorksAgainWithoutARestart() throws Exception {
        Camera camera = device();
        String id = camera.getGbCode();
        register(id, PASSWORD).statusCode(200);
        redis.flushall();
        Eventually.until("ready again", Duration.ofSeconds(20), () -> given().get(readiness).statusCode() == 200);
        // checkpoint-service rebuilds the wanted-list mirror after the flush (tested there); here the test stands in for it.
        String wantedPlate = CaptureScene.plate();
        scene.wanted(wantedPlate);

        post(id, list(vehicle("MV-" + UUID.randomUUID(), id, wantedPlate, Instant.now().minusSeconds(2)))).statusCode(200);
        assertEquals(1, scene.settledHits(wantedPlate).size());
    }
}
