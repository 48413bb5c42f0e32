package org.fangkong.units.crew;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user on a unit for one shift. */
@Entity
@Table(name = "crew_member")
public class CrewMember {

    @Id
    private UUID id;

    @Column(name = "unit_id")
    private UUID unitId;

    private String subject;

    @Column(name = "shift_start")
    private Instant shiftStart;

    @Column(name = "shift_end")
    private Instant shiftEnd;

    @Column(name = "assigned_at")
    private Instant assignedAt;

    @Column(name = "assigned_by")
    private String assignedBy;

    protected CrewMember() {
    }

    public CrewMember(UUID unitId, String subject, Instant shiftStart, Instant shiftEnd, Instant assignedAt, String assignedBy) {
        this.id = UUID.randomUUID();
        this.unitId = unitId;
        this.subject = subject;
        this.shiftStart = shiftStart;
        this.shiftEnd = shiftEnd;
        this.assignedAt = assignedAt;
        this.assignedBy = assignedBy;
    }

    /** Ends a running shift now; a shift that has not started is removed by the caller instead. */
    public void endAt(Instant now) {
        this.shiftEnd = now;
    }

    public boolean startsAfter(Instant now) {
        return shiftStart.isAfter(now);
    }

    public UUID getUnitId() {
        return unitId;
    }

    public String getSubject() {
        return subject;
    }

    public Instant getShiftStart() {
        return shiftStart;
    }

    public Instant getShiftEnd() {
        return shiftEnd;
    }

    public String getAssignedBy() {
        return assignedBy;
    }
}
