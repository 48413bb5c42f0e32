package org.fangkong.units.organisation.mapping;

import org.fangkong.units.organisation.Organisation;

/** Between the organisation messages and the registry's entity. */
public final class OrganisationMapping {

    private OrganisationMapping() {
    }

    public static org.fangkong.proto.units.v1.Organisation toProto(Organisation organisation) {
        return org.fangkong.proto.units.v1.Organisation.newBuilder()
                .setCode(organisation.getCode())
                .setName(organisation.getName())
                .setParentCode(organisation.getParentCode() == null ? "" : organisation.getParentCode())
                .addAllNeighbourCodes(organisation.getNeighbourCodes().stream().sorted().toList())
                .build();
    }
}
