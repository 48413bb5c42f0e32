package org.fangkong.units.zone;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One change of a zone's patrol level: who, when and why. */
@Entity
@Table(name = "zone_level_change")
public class ZoneLevelChange {

    @Id
    private UUID id;

    @Column(name = "zone_id")
    private UUID zoneId;

    @Column(name = "from_level")
    private int fromLevel;

    @Column(name = "to_level")
    private int toLevel;

    @Column(name = "changed_by")
    private String changedBy;

    @Column(name = "changed_at")
    private Instant changedAt;

    private String reason;

    protected ZoneLevelChange() {
    }

    public ZoneLevelChange(UUID zoneId, int fromLevel, int toLevel, String changedBy, Instant changedAt, String reason) {
        this.id = UUID.randomUUID();
        this.zoneId = zoneId;
        this.fromLevel = fromLevel;
        this.toLevel = toLevel;
        this.changedBy = changedBy;
        this.changedAt = changedAt;
        this.reason = reason;
    }

    public int getFromLevel() {
        return fromLevel;
    }

    public int getToLevel() {
        return toLevel;
    }

    public String getChangedBy() {
        return changedBy;
    }

    public Instant getChangedAt() {
        return changedAt;
    }

    public String getReason() {
        return reason;
    }
}
