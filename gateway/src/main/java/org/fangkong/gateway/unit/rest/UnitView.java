package org.fangkong.gateway.unit.rest;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A unit as phones and consoles see it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UnitView(String id, String callSign, String orgCode, String forceType, String tier, int headCount,
        int armedCount, String vehiclePlate, String status, Instant createdAt) {
}
