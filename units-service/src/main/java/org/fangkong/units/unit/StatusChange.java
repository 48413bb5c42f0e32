package org.fangkong.units.unit;

import java.util.UUID;

/** A move the lifecycle allowed: from and to, and the incident involved (null for duty moves). */
public record StatusChange(UnitStatus from, UnitStatus to, UUID incidentId) {
}
