package org.fangkong.video;

import static org.fangkong.infra.testing.TestOrgs.*;

import org.fangkong.infra.testing.ServiceTest;

import io.quarkus.test.junit.QuarkusTest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.fangkong.infra.testing.ScopedReadContractTest;
import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.grpc.BearerToken;
import org.fangkong.proto.video.v1.GetVideoPointRequest;
import org.fangkong.proto.video.v1.VideoPoint;
import org.fangkong.proto.video.v1.VideoServiceGrpc;
import org.junit.jupiter.api.Test;

import io.grpc.ManagedChannel;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@ServiceTest
class VideoPointReadTest extends ScopedReadContractTest {

    @Inject
    Pool database;

    @Override
    protected String insert(String org) {
        UUID id = UUID.randomUUID();
        // 320102 division, 00 industry, 131 camera, 1 network, random serial.
        String gbCode = "32010200131" + "1" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        database.preparedQuery("insert into video_point (id, gb_code, name, org_code, lat, lon, position_type, created_at) "
                + "values ($1, $2, '新街口广场东', $3, 32.042, 118.784, 4, now())")
                .execute(Tuple.of(id, gbCode, org))
                .await().indefinitely();
        return id.toString();
    }

    @Override
    protected String read(ManagedChannel channel, String token, String id) {
        return get(token, id).getId();
    }

    private VideoPoint get(String token, String id) {
        return VideoServiceGrpc.newBlockingStub(channel).withCallCredentials(BearerToken.of(token))
                .getVideoPoint(GetVideoPointRequest.newBuilder().setId(id).build());
    }

    @Override
    protected String readerRole() {
        return "video-operator";
    }

    @Test
    void thePointComesBackAsStored() {
        VideoPoint point = get(TestTokens.user("duty", NANJING, "dispatcher"), insert(XUANWU));
        assertEquals("新街口广场东", point.getName());
        assertEquals(4, point.getPositionType());
        assertEquals(20, point.getGbCode().length());
        assertEquals(118.784, point.getLocation().getLon(), 1e-9);
    }
}
