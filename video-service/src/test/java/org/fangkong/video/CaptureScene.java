package org.fangkong.video;

import static org.fangkong.infra.testing.TestOrgs.NANJING;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.fangkong.infra.testing.Eventually;
import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.platform.wanted.Plates;
import org.fangkong.platform.wanted.WantedListMirror;
import org.fangkong.platform.wanted.WantedListReader;
import org.fangkong.platform.wanted.WantedMark;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.events.v1.Event;
import org.fangkong.proto.video.v1.Camera;
import org.fangkong.proto.video.v1.CameraKind;
import org.fangkong.proto.video.v1.CreateCameraRequest;
import org.fangkong.proto.video.v1.CreateVideoPointRequest;
import org.fangkong.proto.video.v1.PtzType;
import org.fangkong.proto.video.v1.VideoPoint;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Capture cameras, wanted plates and what became of captures: the shared ground of the capture tests. */
final class CaptureScene {

    static final String ADMIN = TestTokens.user("admin-nanjing", NANJING, "admin");

    private final VideoTestClient client;
    private final RedisDataSource redis;
    private final Pool database;
    /** checkpoint-service writes the wanted-list mirror; here the test stands in for it. */
    private final WantedListMirror wantedList;

    CaptureScene(VideoTestClient client, RedisDataSource redis, Pool database, WantedListMirror wantedList) {
        this.client = client;
        this.redis = redis;
        this.database = database;
        this.wantedList = wantedList;
    }

    static String plate() {
        return "苏A" + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));
    }

    /** A capture camera of the organisation given, at its own point. */
    Camera camera(String orgCode, double lat, double lon) {
        VideoPoint point = client.as(ADMIN).createVideoPoint(CreateVideoPointRequest.newBuilder().setGbCode(VideoTestClient.code("121"))
                .setName("卡口 " + lat).setOrgCode(orgCode).setLocation(GeoPoint.newBuilder().setLat(lat).setLon(lon)).setPositionType(10).build());
        return client.as(ADMIN).createCamera(CreateCameraRequest.newBuilder().setGbCode(VideoTestClient.code("132")).setPointId(point.getId())
                .setName("抓拍").setKind(CameraKind.SMART_CAPTURE).setPtzType(PtzType.FIXED_BULLET).build());
    }

    void wanted(String plate) {
        Instant now = Instant.now();
        wantedList.write(Map.of(WantedListReader.vehicleField(plate), List.of(new WantedMark(UUID.randomUUID(), Plates.Colour.BLUE, 1,
                now.minusSeconds(60), now.plusSeconds(3600))))).await().indefinitely();
    }

    /** The capture hits on the stream for a plate. */
    List<Event> hits(String plate) throws Exception {
        List<Event> found = new ArrayList<>();
        for (StreamMessage<String, String, byte[]> message : redis.stream(String.class, String.class, byte[].class)
                .xrange(RedisKeys.eventStream("capture-hits"), StreamRange.of("-", "+"))) {
            Event event = Event.parseFrom(message.payload().get("event"));
            if (event.getCaptureHit().getPlate().equals(plate)) {
                found.add(event);
            }
        }
        return found;
    }

    /** Waits for the first hit of a plate, then long enough for any second one to show. */
    List<Event> settledHits(String plate) throws Exception {
        Eventually.until("a hit of " + plate, Duration.ofSeconds(10), () -> !hits(plate).isEmpty());
        int first = hits(plate).size();
        Eventually.holdsFor("no further hit of " + plate, Duration.ofMillis(800), () -> hits(plate).size() == first);
        return hits(plate);
    }

    long stored(String plate) {
        return database.preparedQuery("select count(*) from capture where plate = $1").execute(Tuple.of(plate))
                .await().indefinitely().iterator().next().getLong(0);
    }
}
