package org.fangkong.gateway.unit.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Registers a unit. units-service validates every field and names the ones it refuses. */
public record NewUnitRequest(
        @Schema(example = "XW-01", description = "unique within the organisation") String callSign,
        @Schema(example = "320102000000", description = "12-digit organisation code") String orgCode,
        @Schema(example = "SPECIAL_PATROL", enumeration = { "SPECIAL_PATROL", "AUXILIARY", "STATION", "HQ_SUPPORT",
                "ARMED_POLICE", "RAPID_RESPONSE", "VOLUNTEER" }) String forceType,
        @Schema(example = "MAIN_ROAD", enumeration = { "MAIN_ROAD", "COMMUNITY", "KEY_SITE" }) String tier,
        @Schema(example = "3", minimum = "1") Integer headCount,
        @Schema(example = "2", minimum = "0") Integer armedCount,
        @Schema(example = "苏A12345", description = "empty for foot patrols") String vehiclePlate) {
}
