package org.fangkong.checkpoints;

import static org.fangkong.infra.testing.TestOrgs.*;

import org.fangkong.infra.testing.ServiceTest;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;

import jakarta.inject.Inject;

import org.fangkong.infra.testing.ScopedReadContractTest;
import org.fangkong.platform.grpc.BearerToken;
import org.fangkong.proto.checkpoints.v1.CheckpointServiceGrpc;
import org.fangkong.proto.checkpoints.v1.CheckpointState;
import org.fangkong.proto.checkpoints.v1.CheckpointType;
import org.fangkong.proto.checkpoints.v1.GetCheckpointRequest;
import org.junit.jupiter.api.Test;

import io.grpc.ManagedChannel;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@ServiceTest
class CheckpointReadTest extends ScopedReadContractTest {

    @Inject
    Pool database;

    @Override
    protected String insert(String org) {
        UUID id = UUID.randomUUID();
        database.preparedQuery("insert into checkpoint (id, code, name, type, org_code, lat, lon, state, created_at) "
                + "values ($1, $2, '长江大桥南堡检查站', 'INSPECTION_STATION', $3, 32.1, 118.74, 'SEALED', now())")
                .execute(Tuple.of(id, "JC-" + id.toString().substring(0, 8), org))
                .await().indefinitely();
        return id.toString();
    }

    @Override
    protected String read(ManagedChannel channel, String token, String id) {
        return CheckpointServiceGrpc.newBlockingStub(channel).withCallCredentials(BearerToken.of(token))
                .getCheckpoint(GetCheckpointRequest.newBuilder().setId(id).build()).getId();
    }

    @Override
    protected String readerRole() {
        return "checkpoint";
    }

    @Test
    void theCheckpointComesBackAsStored() {
        String id = insert(XUANWU);
        var checkpoint = CheckpointServiceGrpc.newBlockingStub(channel)
                .withCallCredentials(BearerToken.of(org.fangkong.infra.testing.TestTokens.user("cmd", NANJING, "commander")))
                .getCheckpoint(GetCheckpointRequest.newBuilder().setId(id).build());
        assertEquals("长江大桥南堡检查站", checkpoint.getName());
        assertEquals(CheckpointType.INSPECTION_STATION, checkpoint.getType());
        assertEquals(CheckpointState.SEALED, checkpoint.getState());
        assertEquals(XUANWU, checkpoint.getOrgCode());
        assertEquals(32.1, checkpoint.getLocation().getLat(), 1e-9);
    }
}
