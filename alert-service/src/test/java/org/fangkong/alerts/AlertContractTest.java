package org.fangkong.alerts;

import java.util.List;

import org.fangkong.infra.testing.ServiceContractTest;
import org.fangkong.platform.grpc.BearerToken;
import org.fangkong.proto.alerts.v1.AlertServiceGrpc;
import org.fangkong.proto.alerts.v1.GetIncidentRequest;

import io.grpc.ManagedChannel;

@AlertServiceTest
class AlertContractTest extends ServiceContractTest {

    @Override
    protected String grpcService() {
        return "fangkong.alerts.v1.AlertService";
    }

    @Override
    protected List<String> readinessChecks() {
        return List.of("Reactive PostgreSQL connections health check", "Redis connection health check");
    }

    @Override
    protected void callProtectedMethod(ManagedChannel channel, String token) {
        AlertServiceGrpc.AlertServiceBlockingStub stub = AlertServiceGrpc.newBlockingStub(channel);
        if (token != null) {
            stub = stub.withCallCredentials(BearerToken.of(token));
        }
        stub.getIncident(GetIncidentRequest.newBuilder().setId("7f1c2d7e-0000-4000-8000-000000000000").build());
    }
}
