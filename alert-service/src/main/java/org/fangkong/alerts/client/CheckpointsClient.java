package org.fangkong.alerts.client;

import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.proto.checkpoints.v1.ActivateCordonPlanRequest;
import org.fangkong.proto.checkpoints.v1.CordonPlan;
import org.fangkong.proto.checkpoints.v1.FindNearestCheckpointsRequest;
import org.fangkong.proto.checkpoints.v1.FindNearestCheckpointsResponse;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.checkpoints.v1.ListCordonPlansRequest;
import org.fangkong.proto.checkpoints.v1.MutinyCheckpointServiceGrpc.MutinyCheckpointServiceStub;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;

/** checkpoint-service: the cordon plan a major incident calls for and its activation, and checkpoints to intercept at. */
@ApplicationScoped
public class CheckpointsClient {

    private final MutinyCheckpointServiceStub cordons;
    private final ServiceCalls calls;

    public CheckpointsClient(@GrpcClient("checkpoints") MutinyCheckpointServiceStub cordons, ServiceCalls calls) {
        this.cordons = cordons;
        this.calls = calls;
    }

    /** The plan of that name whose organisation covers {@code orgCode}, the closest one first. */
    public Uni<Optional<CordonPlan>> plan(String name, String orgCode) {
        OrgCode incidentOrg = OrgCode.of(orgCode);
        String province = incidentOrg.province() + "0000000000";
        return calls.as(null, cordons).chain(stub -> stub.listCordonPlans(ListCordonPlansRequest.newBuilder().setOrgCode(province).build()))
                .map(response -> response.getPlansList().stream()
                        .filter(plan -> plan.getName().equals(name) && OrgCode.of(plan.getOrgCode()).covers(incidentOrg))
                        .max(Comparator.comparingInt(plan -> OrgCode.of(plan.getOrgCode()).scopePrefix().length())));
    }

    /** Open checkpoints nearest a point (mobile ones where their unit is), within an organisation's scope. */
    public Uni<FindNearestCheckpointsResponse> nearest(GeoPoint point, double radiusM, int limit, String withinOrgCode) {
        return calls.as(null, cordons).chain(stub -> stub.findNearestCheckpoints(FindNearestCheckpointsRequest.newBuilder().setPoint(point)
                .setRadiusM(radiusM).setLimit(limit).setWithinOrgCode(withinOrgCode).build()));
    }

    public Uni<Void> activate(Caller caller, String planId, UUID incidentId, String reason) {
        return calls.as(caller, cordons).chain(stub -> stub.activateCordonPlan(ActivateCordonPlanRequest.newBuilder()
                .setPlanId(planId).setIncidentId(incidentId.toString()).setReason(reason).build())).replaceWithVoid();
    }
}
