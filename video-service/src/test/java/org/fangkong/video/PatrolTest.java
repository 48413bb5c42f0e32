package org.fangkong.video;

import static org.fangkong.infra.testing.AppContractTest.assertStatus;
import static org.fangkong.infra.testing.TestOrgs.NANJING;
import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.fangkong.infra.testing.Eventually;
import org.fangkong.infra.testing.ServiceTest;
import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.errors.GrpcStatuses;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.events.v1.Event;
import org.fangkong.proto.video.v1.CameraKind;
import org.fangkong.proto.video.v1.CreateCameraRequest;
import org.fangkong.proto.video.v1.CreatePatrolTourRequest;
import org.fangkong.proto.video.v1.CreateVideoPointRequest;
import org.fangkong.proto.video.v1.DeletePatrolTourRequest;
import org.fangkong.proto.video.v1.GetTourCoverageRequest;
import org.fangkong.proto.video.v1.Observation;
import org.fangkong.proto.video.v1.PatrolTour;
import org.fangkong.proto.video.v1.PtzType;
import org.fangkong.proto.video.v1.RecordCameraViewRequest;
import org.fangkong.proto.video.v1.RecordObservationRequest;
import org.fangkong.proto.video.v1.StartPatrolTourRequest;
import org.fangkong.proto.video.v1.TourCoverage;
import org.fangkong.proto.video.v1.VideoPoint;
import org.fangkong.proto.video.v1.VideoServiceGrpc.VideoServiceBlockingStub;
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

/** Video patrol: tours over cameras with a dwell time, their coverage, and observations for the duty room. */
@QuarkusTest
@ServiceTest
class PatrolTest {

    private static final String ADMIN = TestTokens.user("admin-nanjing", NANJING, "admin");
    private static final String OPERATOR = TestTokens.user("video-7", XUANWU, "video-operator");
    private static final String OTHER_OPERATOR = TestTokens.user("video-8", XUANWU, "video-operator");

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

    private String camera(double lat) {
        VideoPoint point = as(ADMIN).createVideoPoint(CreateVideoPointRequest.newBuilder().setGbCode(VideoTestClient.code("121")).setName("广场 " + lat)
                .setOrgCode(XUANWU).setLocation(GeoPoint.newBuilder().setLat(lat).setLon(118.78)).setPositionType(4).build());
        return as(ADMIN).createCamera(CreateCameraRequest.newBuilder().setGbCode(VideoTestClient.code("132")).setPointId(point.getId())
                .setName("球机").setKind(CameraKind.PANORAMIC_DOME).setPtzType(PtzType.DOME).build()).getId();
    }

    private PatrolTour tour(List<String> cameras) {
        Instant now = Instant.now();
        return as(OPERATOR).createPatrolTour(CreatePatrolTourRequest.newBuilder().setName("夜间巡看").setOrgCode(XUANWU).addAllCameraIds(cameras)
                .setDwellS(20).setShiftStart(Timestamps.of(now.minusSeconds(600))).setShiftEnd(Timestamps.of(now.plusSeconds(8 * 3600))).build());
    }

    private TourCoverage view(PatrolTour tour, String camera, int dwell) {
        return as(OPERATOR).recordCameraView(RecordCameraViewRequest.newBuilder().setTourId(tour.getId()).setCameraId(camera).setDwellS(dwell).build());
    }

    @Test
    void coverageCountsTheCamerasWatchedForTheDwellTime() {
        List<String> cameras = List.of(camera(32.01), camera(32.02), camera(32.03));
        PatrolTour tour = tour(cameras);
        assertEquals(cameras, tour.getCameraIdsList());
        assertStatus(Code.FAILED_PRECONDITION, () -> view(tour, cameras.get(0), 30));

        PatrolTour started = as(OPERATOR).startPatrolTour(StartPatrolTourRequest.newBuilder().setId(tour.getId()).build());
        assertEquals("video-7", started.getOperator());
        assertStatus(Code.FAILED_PRECONDITION, () -> as(OTHER_OPERATOR).startPatrolTour(StartPatrolTourRequest.newBuilder().setId(tour.getId()).build()));

        view(tour, cameras.get(0), 25);
        view(tour, cameras.get(1), 10);
        TourCoverage coverage = view(tour, cameras.get(1), 30);
        assertEquals(3, coverage.getPlanned());
        assertEquals(2, coverage.getViewed(), "a glance shorter than the dwell time does not count");
        assertEquals(List.of(cameras.get(2)), coverage.getMissingCameraIdsList());
        assertEquals(2.0 / 3, coverage.getRate(), 1e-9);
        assertEquals(coverage, as(TestTokens.user("duty", NANJING, "dispatcher")).getTourCoverage(GetTourCoverageRequest.newBuilder()
                .setTourId(tour.getId()).build()));
        assertStatus(Code.FAILED_PRECONDITION, () -> view(tour, camera(32.04), 30));
        assertStatus(Code.FAILED_PRECONDITION, () -> as(OPERATOR).deletePatrolTour(DeletePatrolTourRequest.newBuilder().setId(tour.getId()).build()));

        PatrolTour unused = tour(List.of(cameras.get(0)));
        as(OPERATOR).deletePatrolTour(DeletePatrolTourRequest.newBuilder().setId(unused.getId()).build());
        var repeated = assertStatus(Code.INVALID_ARGUMENT, () -> tour(List.of(cameras.get(0), cameras.get(0))));
        assertEquals("camera_ids[1]", GrpcStatuses.fieldViolations(repeated).get(0).field());
    }

    private List<Event> observationEvents(Observation observation) throws Exception {
        List<Event> found = new ArrayList<>();
        for (StreamMessage<String, String, byte[]> message : redis.stream(String.class, String.class, byte[].class)
                .xrange(RedisKeys.eventStream("video-events"), StreamRange.of("-", "+"))) {
            Event event = Event.parseFrom(message.payload().get("event"));
            if (event.getVideoObservation().getObservationId().equals(observation.getId())) {
                found.add(event);
            }
        }
        return found;
    }

    @Test
    void anObservationGoesOutForTheDutyRoomWithTheCamerasPlace() throws Exception {
        String camera = camera(32.05);
        Observation seen = as(OPERATOR).recordObservation(RecordObservationRequest.newBuilder().setCameraId(camera).setCategory("fight")
                .setDescription("two men fighting at the north gate").build());
        assertEquals(32.05, seen.getLocation().getLat(), 1e-9);
        Eventually.until("the observation on the video events stream", Duration.ofSeconds(10), () -> !observationEvents(seen).isEmpty());
        List<Event> found = observationEvents(seen);
        assertEquals(1, found.size());
        assertEquals("video.observation", found.get(0).getType());
        assertEquals("fight", found.get(0).getVideoObservation().getCategory());
        assertEquals(XUANWU, found.get(0).getOrgCode());
        var noText = assertStatus(Code.INVALID_ARGUMENT, () -> as(OPERATOR).recordObservation(RecordObservationRequest.newBuilder()
                .setCameraId(camera).setCategory("fight").build()));
        assertEquals("description", GrpcStatuses.fieldViolations(noText).get(0).field());
        assertTrue(seen.getObservedBy().equals("video-7"));
    }
}
