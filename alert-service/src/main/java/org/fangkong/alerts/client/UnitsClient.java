package org.fangkong.alerts.client;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.identity.Caller;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.units.v1.ApplyIncidentMoveRequest;
import org.fangkong.proto.units.v1.CrewMember;
import org.fangkong.proto.units.v1.FindNearestUnitsRequest;
import org.fangkong.proto.units.v1.FindNearestUnitsResponse;
import org.fangkong.proto.units.v1.GetUnitRequest;
import org.fangkong.proto.units.v1.IncidentMove;
import org.fangkong.proto.units.v1.ListCrewRequest;
import org.fangkong.proto.units.v1.LocatePointRequest;
import org.fangkong.proto.units.v1.LocatePointResponse;
import org.fangkong.proto.units.v1.MutinyUnitsServiceGrpc.MutinyUnitsServiceStub;
import org.fangkong.proto.units.v1.Unit;
import org.fangkong.proto.common.v1.PageRequest;
import org.fangkong.proto.units.v1.GetOrganisationRequest;
import org.fangkong.proto.units.v1.GetZoneCoverageRequest;
import org.fangkong.proto.units.v1.GetZoneRequest;
import org.fangkong.proto.units.v1.GetZoneCoverageResponse;
import org.fangkong.proto.units.v1.ListZonesRequest;
import org.fangkong.proto.units.v1.SetZoneLevelRequest;
import org.fangkong.proto.units.v1.Zone;
import org.fangkong.proto.units.v1.ZoneCoverage;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;

/** units-service: where a point lies, who is near, who is on a crew, and the incident-linked unit moves. */
@ApplicationScoped
public class UnitsClient {

    private final MutinyUnitsServiceStub units;
    private final ServiceCalls calls;

    public UnitsClient(@GrpcClient("units") MutinyUnitsServiceStub units, ServiceCalls calls) {
        this.units = units;
        this.calls = calls;
    }

    public Uni<LocatePointResponse> locate(double lat, double lon, String orgCode) {
        return calls.as(null, units).chain(stub -> stub.locatePoint(LocatePointRequest.newBuilder()
                .setPoint(GeoPoint.newBuilder().setLat(lat).setLon(lon)).setWithinOrgCode(orgCode).build()));
    }

    public Uni<FindNearestUnitsResponse> nearest(Caller caller, FindNearestUnitsRequest request) {
        return calls.as(caller, units).chain(stub -> stub.findNearestUnits(request));
    }

    public Uni<Unit> unit(UUID id) {
        return calls.as(null, units).chain(stub -> stub.getUnit(GetUnitRequest.newBuilder().setId(id.toString()).build()));
    }

    /** Moves a unit for an incident; repeating a move that already happened changes nothing in units-service. */
    public Uni<Unit> move(Caller caller, UUID unitId, UUID incidentId, IncidentMove move, int priority, String reason) {
        return calls.as(caller, units).chain(stub -> stub.applyIncidentMove(ApplyIncidentMoveRequest.newBuilder()
                .setUnitId(unitId.toString()).setIncidentId(incidentId.toString()).setMove(move).setIncidentPriority(priority)
                .setReason(reason).build()));
    }

    /** Every zone of an organisation subtree, page after page. */
    public Uni<List<Zone>> zones(String orgCode) {
        return calls.as(null, units).chain(stub -> zonesFrom(stub, orgCode, "", new java.util.ArrayList<>()));
    }

    private static Uni<List<Zone>> zonesFrom(MutinyUnitsServiceStub stub, String orgCode, String token, List<Zone> found) {
        return stub.listZones(ListZonesRequest.newBuilder().setOrgCode(orgCode)
                .setPage(PageRequest.newBuilder().setPageSize(500).setPageToken(token)).build())
                .chain(page -> {
                    found.addAll(page.getZonesList());
                    return page.getPage().getNextPageToken().isEmpty() ? Uni.createFrom().item(found)
                            : zonesFrom(stub, orgCode, page.getPage().getNextPageToken(), found);
                });
    }

    public Uni<Zone> zone(String id) {
        return calls.as(null, units).chain(stub -> stub.getZone(GetZoneRequest.newBuilder().setId(id).build()));
    }

    public Uni<List<ZoneCoverage>> coverage(String orgCode) {
        return calls.as(null, units).chain(stub -> stub.getZoneCoverage(GetZoneCoverageRequest.newBuilder().setOrgCode(orgCode).build()))
                .map(GetZoneCoverageResponse::getZonesList);
    }

    public Uni<Zone> setZoneLevel(Caller caller, String zoneId, int level, String reason) {
        return calls.as(caller, units).chain(stub -> stub.setZoneLevel(SetZoneLevelRequest.newBuilder().setZoneId(zoneId).setPatrolLevel(level)
                .setReason(reason).build()));
    }

    /** The organisation's neighbours, by code; none when units-service does not know it. */
    public Uni<List<String>> neighbours(String orgCode) {
        return calls.as(null, units).chain(stub -> stub.getOrganisation(GetOrganisationRequest.newBuilder().setCode(orgCode).build()))
                .map(organisation -> List.copyOf(organisation.getNeighbourCodesList()))
                .onFailure(failure -> failure instanceof io.grpc.StatusRuntimeException status && status.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND)
                .recoverWithItem(List.<String>of());
    }

    /** Subjects of the users on the unit's crew now. */
    public Uni<List<String>> crew(UUID unitId) {
        return calls.as(null, units).chain(stub -> stub.listCrew(ListCrewRequest.newBuilder().setUnitId(unitId.toString()).build()))
                .map(response -> response.getMembersList().stream().map(CrewMember::getSubject).toList());
    }
}
