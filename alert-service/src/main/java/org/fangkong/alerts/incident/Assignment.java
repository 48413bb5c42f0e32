package org.fangkong.alerts.incident;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.fangkong.platform.errors.FailedPreconditionException;

/** A unit sent to an incident, and how far its crew has got. */
@Entity
@Table(name = "incident_assignment")
@IdClass(Assignment.Key.class)
public class Assignment {

    public enum State {
        ASSIGNED, DELIVERED, ACKNOWLEDGED_BY_UNIT, UNIT_ON_SCENE, RELEASED
    }

    public static class Key implements Serializable {
        UUID incidentId;
        UUID unitId;

        public Key() {
        }

        public Key(UUID incidentId, UUID unitId) {
            this.incidentId = incidentId;
            this.unitId = unitId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && other.incidentId.equals(incidentId) && other.unitId.equals(unitId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(incidentId, unitId);
        }
    }

    @Id
    @Column(name = "incident_id")
    private UUID incidentId;

    @Id
    @Column(name = "unit_id")
    private UUID unitId;

    @Column(name = "call_sign")
    private String callSign;

    @Column(name = "force_type")
    private String forceType;

    @Enumerated(EnumType.STRING)
    private State state;

    @Column(name = "dispatched_at")
    private Instant dispatchedAt;

    @Column(name = "dispatched_by")
    private String dispatchedBy;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    @Column(name = "arrived_at")
    private Instant arrivedAt;

    @Column(name = "released_at")
    private Instant releasedAt;

    @Version
    private long version;

    protected Assignment() {
    }

    public Assignment(UUID incidentId, UUID unitId, String callSign, String forceType, String dispatchedBy, Instant now) {
        this.incidentId = incidentId;
        this.unitId = unitId;
        this.callSign = callSign;
        this.forceType = forceType;
        this.dispatchedBy = dispatchedBy;
        this.dispatchedAt = now;
        this.state = State.ASSIGNED;
    }

    public boolean isReleased() {
        return state == State.RELEASED;
    }

    /** The order reached the phone; true the first time. */
    public boolean delivered(Instant now) {
        requireActive("confirm delivery");
        if (deliveredAt != null) {
            return false;
        }
        deliveredAt = now;
        if (state == State.ASSIGNED) {
            state = State.DELIVERED;
        }
        return true;
    }

    /** The crew took the order; true the first time. */
    public boolean acknowledged(Instant now) {
        requireActive("acknowledge");
        if (acknowledgedAt != null) {
            return false;
        }
        acknowledgedAt = now;
        if (state == State.ASSIGNED || state == State.DELIVERED) {
            state = State.ACKNOWLEDGED_BY_UNIT;
        }
        return true;
    }

    /** The crew is on scene; true the first time. */
    public boolean arrived(Instant now) {
        requireActive("arrive");
        if (arrivedAt != null) {
            return false;
        }
        arrivedAt = now;
        if (acknowledgedAt == null) {
            acknowledgedAt = now;
        }
        state = State.UNIT_ON_SCENE;
        return true;
    }

    public void release(Instant now) {
        if (!isReleased()) {
            releasedAt = now;
            state = State.RELEASED;
        }
    }

    private void requireActive(String step) {
        if (isReleased()) {
            throw new FailedPreconditionException("unit " + callSign + " was released from this incident: it cannot " + step);
        }
    }

    public UUID getIncidentId() {
        return incidentId;
    }

    public UUID getUnitId() {
        return unitId;
    }

    public String getCallSign() {
        return callSign;
    }

    public String getForceType() {
        return forceType;
    }

    public State getState() {
        return state;
    }

    public Instant getDispatchedAt() {
        return dispatchedAt;
    }

    public Instant getDeliveredAt() {
        return deliveredAt;
    }

    public Instant getAcknowledgedAt() {
        return acknowledgedAt;
    }

    public Instant getArrivedAt() {
        return arrivedAt;
    }

    public Instant getReleasedAt() {
        return releasedAt;
    }
}
