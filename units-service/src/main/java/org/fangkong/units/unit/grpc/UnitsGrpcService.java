package org.fangkong.units.unit.grpc;


import jakarta.annotation.security.RolesAllowed;

import org.fangkong.platform.errors.NotFoundException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.identity.CurrentCaller;
import org.fangkong.platform.identity.Roles;
import org.fangkong.proto.units.v1.CreateOrganisationRequest;
import org.fangkong.proto.units.v1.CreateUnitRequest;
import org.fangkong.proto.units.v1.FindNearestUnitsRequest;
import org.fangkong.proto.units.v1.FindNearestUnitsResponse;
import org.fangkong.proto.units.v1.GetOrganisationRequest;
import org.fangkong.proto.units.v1.GetUnitRequest;
import org.fangkong.proto.units.v1.ListOrganisationsRequest;
import org.fangkong.proto.units.v1.ListOrganisationsResponse;
import org.fangkong.proto.units.v1.Organisation;
import org.fangkong.proto.units.v1.PositionFix;
import org.fangkong.proto.units.v1.ReportPositionsResponse;
import org.fangkong.proto.units.v1.SetNeighboursRequest;
import org.fangkong.proto.units.v1.Unit;
import org.fangkong.proto.units.v1.UnitsService;
import org.fangkong.units.organisation.mapping.OrganisationMapping;
import org.fangkong.units.organisation.service.OrganisationRegistry;
import org.fangkong.units.position.service.NearestUnits;
import org.fangkong.units.position.service.PositionIngest;
import org.fangkong.units.unit.mapping.UnitMapping;
import org.fangkong.units.unit.service.UnitRegistry;

import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@GrpcService
public class UnitsGrpcService implements UnitsService {

    private final CurrentCaller caller;
    private final UnitRegistry registry;
    private final PositionIngest positions;
    private final NearestUnits nearest;
    private final OrganisationRegistry organisations;

    public UnitsGrpcService(CurrentCaller caller, UnitRegistry registry, PositionIngest positions, NearestUnits nearest,
            OrganisationRegistry organisations) {
        this.caller = caller;
        this.registry = registry;
        this.positions = positions;
        this.nearest = nearest;
        this.organisations = organisations;
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<Unit> createUnit(CreateUnitRequest request) {
        return caller.get()
                .chain(who -> registry.register(who, UnitMapping.toNewUnit(request)))
                .map(UnitMapping::toProto);
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.SERVICE })
    public Uni<Unit> getUnit(GetUnitRequest request) {
        return caller.get()
                .chain(who -> registry.find(who, Violations.requireUuid(request.getId(), "id")))
                .map(found -> found.map(UnitMapping::toProto).orElseThrow(NotFoundException.of("unit", request.getId())));
    }

    @Override
    @RolesAllowed({ Roles.OFFICER, Roles.SERVICE })
    public Uni<ReportPositionsResponse> reportPositions(Multi<PositionFix> fixes) {
        return caller.get()
                .chain(who -> positions.ingest(who, fixes))
                .map(outcome -> ReportPositionsResponse.newBuilder()
                        .setAccepted(outcome.accepted())
                        .setOutOfOrder(outcome.outOfOrder())
                        .build());
    }

    @Override
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.SERVICE })
    public Uni<FindNearestUnitsResponse> findNearestUnits(FindNearestUnitsRequest request) {
        NearestUnits.Query query = new NearestUnits.Query(request.getPoint().getLat(), request.getPoint().getLon(),
                request.getRadiusM(), request.getLimit(), request.getWithinOrgCode());
        return caller.get()
                .chain(who -> nearest.find(who, query))
                .map(found -> FindNearestUnitsResponse.newBuilder()
                        .addAllUnits(found.stream().map(UnitMapping::toProto).toList())
                        .build());
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<Organisation> createOrganisation(CreateOrganisationRequest request) {
        return caller.get()
                .chain(who -> organisations.create(who, request.getCode(), request.getName(), request.getParentCode().strip()))
                .map(OrganisationMapping::toProto);
    }

    @Override
    @Authenticated
    public Uni<Organisation> getOrganisation(GetOrganisationRequest request) {
        return organisations.find(request.getCode())
                .map(found -> found.map(OrganisationMapping::toProto).orElseThrow(NotFoundException.of("organisation", request.getCode())));
    }

    @Override
    @Authenticated
    public Uni<ListOrganisationsResponse> listOrganisations(ListOrganisationsRequest request) {
        return organisations.subtree(request.getRootCode())
                .map(found -> ListOrganisationsResponse.newBuilder()
                        .addAllOrganisations(found.stream().map(OrganisationMapping::toProto).toList())
                        .build());
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<Organisation> setNeighbours(SetNeighboursRequest request) {
        return caller.get()
                .chain(who -> organisations.setNeighbours(who, request.getCode(), request.getNeighbourCodesList()))
                .map(OrganisationMapping::toProto);
    }
}
