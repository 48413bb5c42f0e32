package org.fangkong.units.unit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.fangkong.platform.identity.OrgCode;

/** What registering a unit takes. Field names match the API's, so violations name the field the caller sent. */
public record NewUnit(
        @NotBlank @Size(max = 32) @Pattern(regexp = "[\\p{L}\\p{N} ._-]*", message = "may hold letters, digits, spaces, '.', '_' and '-' only")
        String callSign,
        @NotNull @Pattern(regexp = "[1-9]\\d{11}", message = OrgCode.RULE)
        String orgCode,
        @NotNull(message = "must name a force type")
        ForceType forceType,
        @NotNull(message = "must name a patrol tier")
        PatrolTier tier,
        @Min(1) @Max(500)
        int headCount,
        @Min(0) @Max(500)
        int armedCount,
        @Size(max = 16) @Pattern(regexp = "[\\p{L}\\p{N}·-]*", message = "may hold letters and digits only")
        String vehiclePlate,
        java.util.UUID homeZoneId,
        @NotNull @Size(max = 8, message = "may bind at most 8 terminals")
        java.util.List<String> terminalIds) {
}
