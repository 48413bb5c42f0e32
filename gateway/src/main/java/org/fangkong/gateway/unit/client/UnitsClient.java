package org.fangkong.gateway.unit.client;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.gateway.config.GatewayConfig;
import org.fangkong.platform.grpc.BearerToken;
import org.fangkong.proto.units.v1.CreateUnitRequest;
import org.fangkong.proto.units.v1.FindNearestUnitsRequest;
import org.fangkong.proto.units.v1.FindNearestUnitsResponse;
import org.fangkong.proto.units.v1.GetUnitRequest;
import org.fangkong.proto.units.v1.MutinyUnitsServiceGrpc.MutinyUnitsServiceStub;
import org.fangkong.proto.units.v1.Unit;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;

/** units-service over gRPC, on behalf of the caller whose token is passed along, always with a deadline. */
@ApplicationScoped
public class UnitsClient {

    private final MutinyUnitsServiceStub units;
    private final GatewayConfig config;

    public UnitsClient(@GrpcClient("units") MutinyUnitsServiceStub units, GatewayConfig config) {
        this.units = units;
        this.config = config;
    }

    public Uni<Unit> create(String token, CreateUnitRequest request) {
        return as(token).createUnit(request);
    }

    public Uni<Unit> get(String token, String id) {
        return as(token).getUnit(GetUnitRequest.newBuilder().setId(id).build());
    }

    public Uni<FindNearestUnitsResponse> findNearest(String token, FindNearestUnitsRequest request) {
        return as(token).findNearestUnits(request);
    }

    private MutinyUnitsServiceStub as(String token) {
        return units.withCallCredentials(BearerToken.of(token))
                .withDeadlineAfter(config.callDeadline().toMillis(), TimeUnit.MILLISECONDS);
    }
}
