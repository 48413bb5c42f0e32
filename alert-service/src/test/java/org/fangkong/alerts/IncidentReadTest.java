package org.fangkong.alerts;

import static org.fangkong.infra.testing.TestOrgs.*;


import io.quarkus.test.junit.QuarkusTest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import jakarta.inject.Inject;

import org.fangkong.infra.testing.ScopedReadContractTest;
import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.grpc.BearerToken;
import org.fangkong.proto.alerts.v1.AlertServiceGrpc;
import org.fangkong.proto.alerts.v1.GetIncidentRequest;
import org.fangkong.proto.alerts.v1.Incident;
import org.fangkong.proto.alerts.v1.IncidentStatus;
import org.junit.jupiter.api.Test;

import io.grpc.ManagedChannel;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@AlertTest
class IncidentReadTest extends ScopedReadContractTest {

    @Inject
    Pool database;

    @Override
    protected String insert(String org) {
        UUID id = UUID.randomUUID();
        database.preparedQuery("insert into incident (id, number, type, priority, org_code, lat, lon, address, status, reported_at) "
                + "values ($1, $2, 'ROBBERY', 1, $3, 32.0415, 118.7842, '中山路 18 号', 'NEW', now())")
                .execute(Tuple.of(id, org + "-20261128-" + id.toString().substring(0, 6), org))
                .await().indefinitely();
        return id.toString();
    }

    @Override
    protected String read(ManagedChannel channel, String token, String id) {
        return get(token, id).getId();
    }

    private Incident get(String token, String id) {
        return AlertServiceGrpc.newBlockingStub(channel).withCallCredentials(BearerToken.of(token))
                .getIncident(GetIncidentRequest.newBuilder().setId(id).build());
    }

    @Override
    protected String readerRole() {
        return "dispatcher";
    }

    @Test
    void theIncidentComesBackAsStored() {
        Incident incident = get(TestTokens.user("cc", NANJING, "command-center"), insert(XUANWU));
        assertEquals(org.fangkong.proto.alerts.v1.IncidentType.ROBBERY, incident.getType());
        assertEquals(1, incident.getPriority());
        assertEquals(IncidentStatus.NEW, incident.getStatus());
        assertEquals("中山路 18 号", incident.getAddress());
        assertEquals(true, incident.getNumber().startsWith(XUANWU + "-20261128-"));
    }
}
