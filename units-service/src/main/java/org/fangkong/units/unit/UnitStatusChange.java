package org.fangkong.units.unit;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One entry of a unit's status history. */
@Entity
@Table(name = "unit_status_change")
public class UnitStatusChange {

    @Id
    private UUID id;

    @Column(name = "unit_id")
    private UUID unitId;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    private UnitStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    private UnitStatus toStatus;

    @Column(name = "incident_id")
    private UUID incidentId;

    @Column(name = "changed_at")
    private Instant changedAt;

    @Column(name = "changed_by")
    private String changedBy;

    private String reason;

    protected UnitStatusChange() {
    }

    public UnitStatusChange(UUID unitId, StatusChange change, Instant changedAt, String changedBy, String reason) {
        this.id = UUID.randomUUID();
        this.unitId = unitId;
        this.fromStatus = change.from();
        this.toStatus = change.to();
        this.incidentId = change.incidentId();
        this.changedAt = changedAt;
        this.changedBy = changedBy;
        this.reason = reason;
    }

    public UUID getId() {
        return id;
    }
}
