package org.fangkong.gateway;

import static org.fangkong.gateway.IncidentsApiTest.as;
import static org.fangkong.infra.testing.TestOrgs.NANJING;
import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.grpc.BearerToken;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.video.v1.Camera;
import org.fangkong.proto.video.v1.CameraKind;
import org.fangkong.proto.video.v1.CreateCameraRequest;
import org.fangkong.proto.video.v1.CreateVideoPointRequest;
import org.fangkong.proto.video.v1.PtzType;
import org.fangkong.proto.video.v1.VideoPoint;
import org.fangkong.proto.video.v1.VideoServiceGrpc;
import org.junit.jupiter.api.Test;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

/** The video desk through the gateway, against the real video-service. */
@GatewayTest
class VideoApiTest {

    private static String code(String type) {
        return "32010200" + "00" + type + "5" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }

    @Test
    void anOperatorFindsTheCamerasPatrolsThemAndRecordsAnObservation() throws InterruptedException {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", GatewayTestResources.video().port()).usePlaintext().build();
        try {
            var admin = VideoServiceGrpc.newBlockingStub(channel).withCallCredentials(BearerToken.of(TestTokens.user("admin-nanjing", NANJING, "admin")))
                    .withDeadlineAfter(20, TimeUnit.SECONDS);
            VideoPoint point = admin.createVideoPoint(CreateVideoPointRequest.newBuilder().setGbCode(code("121")).setName("新街口")
                    .setOrgCode(XUANWU).setLocation(GeoPoint.newBuilder().setLat(32.0415).setLon(118.7842)).setPositionType(6).build());
            Camera camera = admin.createCamera(CreateCameraRequest.newBuilder().setGbCode(code("132")).setPointId(point.getId()).setName("东北角球机")
                    .setKind(CameraKind.PANORAMIC_DOME).setPtzType(PtzType.DOME).build());
            String operator = TestTokens.user("video-desk-1", XUANWU, "video-operator");

            as(operator).queryParam("orgCode", XUANWU).queryParam("pointId", point.getId()).get("/api/v1/cameras").then()
                    .statusCode(200).body("cameras.id", hasItem(camera.getId())).body("cameras[0].online", equalTo(false));
            as(operator).queryParam("orgCode", XUANWU).queryParam("positionType", "6").get("/api/v1/video-points").then()
                    .statusCode(200).body("points.id", hasItem(point.getId()));

            Instant now = Instant.now();
            String tour = as(operator).body(Map.of("name", "商圈夜巡", "orgCode", XUANWU, "cameraIds", List.of(camera.getId()), "dwellS", 30,
                    "shiftStart", now.minusSeconds(600).toString(), "shiftEnd", now.plusSeconds(7200).toString()))
                    .post("/api/v1/patrol-tours").then().statusCode(201).extract().path("id");
            as(operator).post("/api/v1/patrol-tours/" + tour + "/start").then().statusCode(200).body("operator", equalTo("video-desk-1"));
            as(operator).body(Map.of("cameraId", camera.getId(), "dwellS", 45)).post("/api/v1/patrol-tours/" + tour + "/views").then()
                    .statusCode(200).body("viewed", equalTo(1)).body("planned", equalTo(1));
            as(operator).body(Map.of("cameraId", camera.getId(), "tourId", tour, "category", "fight", "description", "two men fighting"))
                    .post("/api/v1/observations").then().statusCode(200).body("location.lat", equalTo(32.0415f));
            as(operator).body(Map.of("cameraId", camera.getId(), "dwellS", -1)).post("/api/v1/patrol-tours/" + tour + "/views").then()
                    .statusCode(400).body("invalid-params.name[0]", equalTo("dwellS"));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
