package org.fangkong.units;

import java.util.List;

import org.fangkong.infra.testing.ServiceContractTest;
import org.fangkong.platform.grpc.BearerToken;
import org.fangkong.proto.units.v1.GetUnitRequest;
import org.fangkong.proto.units.v1.UnitsServiceGrpc;

import io.grpc.ManagedChannel;

@UnitsServiceTest
class UnitsContractTest extends ServiceContractTest {

    @Override
    protected String grpcService() {
        return "fangkong.units.v1.UnitsService";
    }

    @Override
    protected List<String> readinessChecks() {
        return List.of("Reactive PostgreSQL connections health check", "Redis connection health check");
    }

    @Override
    protected void callProtectedMethod(ManagedChannel channel, String token) {
        UnitsServiceGrpc.UnitsServiceBlockingStub stub = UnitsServiceGrpc.newBlockingStub(channel);
        if (token != null) {
            stub = stub.withCallCredentials(BearerToken.of(token));
        }
        stub.getUnit(GetUnitRequest.newBuilder().setId("7f1c2d7e-0000-4000-8000-000000000000").build());
    }
}
