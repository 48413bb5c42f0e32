package org.fangkong.units.unit;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A dispatchable unit: a call sign with its people, an optional vehicle, a force type and a tier. */
@Entity
@Table(name = "unit")
public class Unit {

    @Id
    private UUID id;

    @NotBlank
    @Size(max = 32)
    @Column(name = "call_sign")
    private String callSign;

    @NotNull
    @Pattern(regexp = "\\d{12}")
    @Column(name = "org_code")
    private String orgCode;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "force_type")
    private ForceType forceType;

    @NotNull
    @Enumerated(EnumType.STRING)
    private PatrolTier tier;

    @Min(1)
    @Max(500)
    @Column(name = "head_count")
    private int headCount;

    @Min(0)
    @Column(name = "armed_count")
    private int armedCount;

    @Size(max = 16)
    @Column(name = "vehicle_plate")
    private String vehiclePlate;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "duty_state")
    private DutyState dutyState;

    @NotNull
    @Column(name = "created_at")
    private Instant createdAt;

    @NotBlank
    @Column(name = "created_by")
    private String createdBy;

    @Version
    private long version;

    protected Unit() {
    }

    /** A new unit, off duty until its crew signs on. */
    public static Unit register(NewUnit spec, String createdBy, Instant now) {
        Unit unit = new Unit();
        unit.id = UUID.randomUUID();
        unit.callSign = spec.callSign();
        unit.orgCode = spec.orgCode();
        unit.forceType = spec.forceType();
        unit.tier = spec.tier();
        unit.headCount = spec.headCount();
        unit.armedCount = spec.armedCount();
        unit.vehiclePlate = spec.vehiclePlate() == null || spec.vehiclePlate().isBlank() ? null : spec.vehiclePlate();
        unit.dutyState = DutyState.OFF_DUTY;
        unit.createdAt = now;
        unit.createdBy = createdBy;
        return unit;
    }

    public UUID getId() {
        return id;
    }

    public String getCallSign() {
        return callSign;
    }

    public String getOrgCode() {
        return orgCode;
    }

    public ForceType getForceType() {
        return forceType;
    }

    public PatrolTier getTier() {
        return tier;
    }

    public int getHeadCount() {
        return headCount;
    }

    public int getArmedCount() {
        return armedCount;
    }

    public String getVehiclePlate() {
        return vehiclePlate;
    }

    public DutyState getDutyState() {
        return dutyState;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
