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
    private UnitStatus status;

    @Column(name = "status_changed_at")
    private Instant statusChangedAt;

    @Column(name = "incident_id")
    private UUID incidentId;

    @Column(name = "incident_priority")
    private Integer incidentPriority;

    @Column(name = "home_zone_id")
    private UUID homeZoneId;

    /** Comma-separated last four characters of each bound terminal, for display. */
    @Column(name = "terminal_hints")
    private String terminalHints = "";

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
        unit.vehiclePlate = blankToNull(spec.vehiclePlate());
        unit.homeZoneId = spec.homeZoneId();
        unit.terminalHints = hints(spec.terminalIds());
        unit.status = UnitStatus.OFF_DUTY;
        unit.statusChangedAt = now;
        unit.createdAt = now;
        unit.createdBy = createdBy;
        return unit;
    }

    public void rename(String callSign) {
        this.callSign = callSign;
    }

    public void reclassify(ForceType forceType, PatrolTier tier) {
        this.forceType = forceType;
        this.tier = tier;
    }

    /** Head and armed counts change together: armed never exceeds heads. */
    public void recount(int headCount, int armedCount) {
        this.headCount = headCount;
        this.armedCount = armedCount;
    }

    public void assignVehicle(String vehiclePlate) {
        this.vehiclePlate = blankToNull(vehiclePlate);
    }

    public void assignHomeZone(UUID homeZoneId) {
        this.homeZoneId = homeZoneId;
    }

    public void rebindTerminals(java.util.List<String> terminalIds) {
        this.terminalHints = hints(terminalIds);
    }

    /**
     * Duty and availability: OFF_DUTY ⇄ AVAILABLE ⇄ UNAVAILABLE (and UNAVAILABLE → OFF_DUTY). Asking for the current
     * state changes nothing (a phone retrying); a unit on an incident must be released first.
     */
    public java.util.Optional<StatusChange> setDutyStatus(UnitStatus target, Instant now) {
        if (!UnitStatus.DUTY_STATES.contains(target)) {
            throw new IllegalArgumentException(target + " follows an incident");
        }
        if (status == target) {
            return java.util.Optional.empty();
        }
        if (status.onIncident()) {
            throw refused(target, "it is " + status + " on incident " + incidentId + " and must be released first");
        }
        return java.util.Optional.of(move(target, null, null, now));
    }

    /**
     * An incident-linked move. Repeating a move already made for the same incident changes nothing (alert-service
     * retrying), and so does releasing a unit that has since left that incident.
     */
    public java.util.Optional<StatusChange> apply(IncidentMove move, UUID incident, int priority, Instant now) {
        boolean sameIncident = incident.equals(incidentId);
        switch (move) {
            case DISPATCH -> {
                if (sameIncident) {
                    return java.util.Optional.empty();
                }
                if (status == UnitStatus.AVAILABLE) {
                    return java.util.Optional.of(move(UnitStatus.DISPATCHED, incident, priority, now));
                }
                if ((status == UnitStatus.DISPATCHED || status == UnitStatus.EN_ROUTE) && priority < incidentPriority) {
                    return java.util.Optional.of(move(UnitStatus.DISPATCHED, incident, priority, now));
                }
                if (status == UnitStatus.DISPATCHED || status == UnitStatus.EN_ROUTE) {
                    throw refused(UnitStatus.DISPATCHED, "it is " + status + " on incident " + incidentId + " of priority "
                            + incidentPriority + "; only a higher priority (a lower number) takes it");
                }
                throw refused(UnitStatus.DISPATCHED, "it is " + status);
            }
            case SET_OUT -> {
                requireOn(incident, UnitStatus.EN_ROUTE);
                if (status == UnitStatus.EN_ROUTE || status == UnitStatus.ON_SCENE) {
                    return java.util.Optional.empty();
                }
                return java.util.Optional.of(move(UnitStatus.EN_ROUTE, incident, incidentPriority, now));
            }
            case ARRIVE -> {
                requireOn(incident, UnitStatus.ON_SCENE);
                if (status == UnitStatus.ON_SCENE) {
                    return java.util.Optional.empty();
                }
                return java.util.Optional.of(move(UnitStatus.ON_SCENE, incident, incidentPriority, now));
            }
            case RELEASE -> {
                if (!sameIncident) {
                    return java.util.Optional.empty();
                }
                StatusChange change = new StatusChange(status, UnitStatus.AVAILABLE, incident);
                move(UnitStatus.AVAILABLE, null, null, now);
                return java.util.Optional.of(change);
            }
            default -> throw new IllegalArgumentException("unknown move " + move);
        }
    }

    private void requireOn(UUID incident, UnitStatus target) {
        if (!status.onIncident() || !incident.equals(incidentId)) {
            throw refused(target, status.onIncident() ? "it is on incident " + incidentId + ", not " + incident
                    : "it is " + status + " and not dispatched to incident " + incident);
        }
    }

    private StatusChange move(UnitStatus target, UUID incident, Integer priority, Instant now) {
        StatusChange change = new StatusChange(status, target, incident);
        status = target;
        incidentId = incident;
        incidentPriority = priority;
        statusChangedAt = now;
        return change;
    }

    private org.fangkong.platform.errors.FailedPreconditionException refused(UnitStatus target, String why) {
        return new org.fangkong.platform.errors.FailedPreconditionException(
                "unit " + callSign + " cannot become " + target + ": " + why);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String hints(java.util.List<String> terminalIds) {
        return terminalIds == null ? "" : String.join(",", terminalIds.stream().map(UnitTerminal::hint).toList());
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

    public UnitStatus getStatus() {
        return status;
    }

    public Instant getStatusChangedAt() {
        return statusChangedAt;
    }

    public UUID getIncidentId() {
        return incidentId;
    }

    public UUID getHomeZoneId() {
        return homeZoneId;
    }

    public java.util.List<String> getTerminalHints() {
        return terminalHints.isEmpty() ? java.util.List.of() : java.util.List.of(terminalHints.split(","));
    }

    public boolean hasVehicle() {
        return vehiclePlate != null;
    }

    public long getVersion() {
        return version;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
