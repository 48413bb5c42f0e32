package org.fangkong.checkpoints.checkpoint;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user working a checkpoint for one shift; "my checkpoint" comes from here. */
@Entity
@Table(name = "checkpoint_staff")
public class CheckpointStaff {

    @Id
    private UUID id;

    @Column(name = "checkpoint_id")
    private UUID checkpointId;

    private String subject;

    @Column(name = "shift_start")
    private Instant shiftStart;

    @Column(name = "shift_end")
    private Instant shiftEnd;

    @Column(name = "assigned_at")
    private Instant assignedAt;

    @Column(name = "assigned_by")
    private String assignedBy;

    protected CheckpointStaff() {
    }

    public CheckpointStaff(UUID checkpointId, String subject, Instant shiftStart, Instant shiftEnd, Instant assignedAt, String assignedBy) {
        this.id = UUID.randomUUID();
        this.checkpointId = checkpointId;
        this.subject = subject;
        this.shiftStart = shiftStart;
        this.shiftEnd = shiftEnd;
        this.assignedAt = assignedAt;
        this.assignedBy = assignedBy;
    }

    public UUID getCheckpointId() {
        return checkpointId;
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
}
