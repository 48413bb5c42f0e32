package org.fangkong.gateway.live;

import java.time.Instant;
import java.util.Set;

import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.identity.Roles;
import org.fangkong.proto.events.v1.Event;

/**
 * Who is listening, and so which events they get: dispatch orders to the crew of the unit dispatched, incident changes
 * to the dispatching desks, cordon orders to the member checkpoints' staff and to commanders, unit and camera changes
 * and positions to the consoles, always within the caller's organisation scope.
 *
 * @param unitId the unit the caller is on this shift (null when none)
 * @param checkpointId the checkpoint the caller is posted to this shift (null when none)
 * @param expiresAt when the caller's token expires, and with it the stream
 */
public record Audience(String subject, Set<String> roles, OrgCode org, String unitId, String checkpointId, Instant expiresAt) {

    public Audience {
        roles = Set.copyOf(roles);
    }

    public boolean sees(Event event) {
        return switch (event.getPayloadCase()) {
            case INCIDENT_CHANGED -> desk() && inScope(event) || unitId != null && event.getIncidentChanged().getUnitIdsList().contains(unitId);
            case COMMAND_MODE_CHANGED -> (desk() || has(Roles.ANALYST) || has(Roles.ADMIN)) && inScope(event);
            case UNIT_STATUS_CHANGED -> desk() && inScope(event) || event.getUnitStatusChanged().getUnitId().equals(unitId);
            case UNIT_STALE -> desk() && inScope(event) || event.getUnitStale().getUnitId().equals(unitId);
            case ZONE_LEVEL_CHANGED, UNIT_POSITION -> desk() && inScope(event);
            case CORDON_CHANGED -> (has(Roles.COMMANDER) || has(Roles.COMMAND_CENTER)) && inScope(event) || member(event);
            case CAMERA_STATE_CHANGED -> (desk() || has(Roles.VIDEO_OPERATOR)) && inScope(event);
            default -> false;
        };
    }

    /** The dispatching desks, whose consoles show incidents, units and cameras move. */
    private boolean desk() {
        return has(Roles.DISPATCHER) || has(Roles.COMMAND_CENTER) || has(Roles.COMMANDER);
    }

    /** A cordon order for the checkpoint the caller staffs. */
    private boolean member(Event event) {
        if (checkpointId == null) {
            return false;
        }
        var cordon = event.getCordonChanged();
        return cordon.getCheckpointIdsList().contains(checkpointId) || cordon.getCheckpointId().equals(checkpointId);
    }

    private boolean inScope(Event event) {
        return org != null && OrgCode.isValid(event.getOrgCode()) && org.covers(OrgCode.of(event.getOrgCode()));
    }

    private boolean has(String role) {
        return roles.contains(role);
    }
}
