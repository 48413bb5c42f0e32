package org.fangkong.gateway.agency;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.fangkong.platform.errors.PermissionDeniedException;
import org.fangkong.platform.identity.OrgCode;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;

/** An agency as its token says: who, and the regions (organisation subtrees) it is granted in its "regions" claim. */
public record AgencyGrant(String agency, List<OrgCode> regions) {

    public static final String REGIONS_CLAIM = "regions";

    public static AgencyGrant of(SecurityIdentity identity) {
        List<OrgCode> regions = new ArrayList<>();
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object claim = jwt.getClaim(REGIONS_CLAIM);
            if (claim instanceof JsonArray array) {
                array.forEach(value -> {
                    String code = value instanceof JsonString text ? text.getString() : value.toString().replace("\"", "");
                    if (OrgCode.isValid(code)) {
                        regions.add(OrgCode.of(code));
                    }
                });
            } else if (claim != null) {
                for (String code : claim.toString().replace("\"", "").replace("[", "").replace("]", "").split("[,\\s]+")) {
                    if (OrgCode.isValid(code)) {
                        regions.add(OrgCode.of(code));
                    }
                }
            }
        }
        if (regions.isEmpty()) {
            throw new PermissionDeniedException("the agency's token grants no region (claim 'regions')");
        }
        return new AgencyGrant(identity.getPrincipal().getName(), List.copyOf(regions));
    }

    /** Whether an organisation lies within a granted region. */
    public boolean covers(String orgCode) {
        return OrgCode.isValid(orgCode) && regions.stream().anyMatch(region -> region.covers(OrgCode.of(orgCode)));
    }

    /** The region asked for (which must lie within a grant), or the first granted one. */
    public String region(String asked, String field) {
        if (asked == null || asked.isBlank()) {
            return regions.get(0).value();
        }
        OrgCode code = OrgCode.parse(field, asked.strip());
        if (!covers(code.value())) {
            throw new PermissionDeniedException(field + " " + code + " is outside the regions granted to this agency");
        }
        return code.value();
    }
}
