package org.fangkong.checkpoints.checkpoint;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.fangkong.platform.geo.GeoLocation;

/** A point on the line layer where vehicles and people are checked; a mobile one goes where its unit goes. */
@Entity
@Table(name = "checkpoint")
public class Checkpoint {

    @Id
    private UUID id;

    private String code;

    private String name;

    @Enumerated(EnumType.STRING)
    private CheckpointType type;

    @Column(name = "org_code")
    private String orgCode;

    /** Null for a mobile checkpoint: its unit's live position stands in. */
    @Embedded
    private GeoLocation location;

    @Enumerated(EnumType.STRING)
    private CheckpointState state;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "checkpoint_ring", joinColumns = @JoinColumn(name = "checkpoint_id"))
    @Column(name = "ring")
    private Set<String> rings = new LinkedHashSet<>();

    private int lanes;

    @Column(name = "staffed_head_count")
    private int staffedHeadCount;

    @Column(name = "unit_id")
    private UUID unitId;

    @Enumerated(EnumType.STRING)
    @Column(name = "state_before_cordon")
    private CheckpointState stateBeforeCordon;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "created_by")
    private String createdBy;

    @Version
    private long version;

    protected Checkpoint() {
    }

    public Checkpoint(NewCheckpoint spec, String createdBy, Instant now) {
        this.id = UUID.randomUUID();
        this.code = spec.code();
        this.name = spec.name();
        this.type = spec.type();
        this.orgCode = spec.orgCode();
        this.location = spec.location();
        this.state = CheckpointState.NORMAL;
        this.rings.addAll(spec.rings());
        this.lanes = spec.lanes();
        this.staffedHeadCount = spec.staffedHeadCount();
        this.unitId = spec.unitId();
        this.createdAt = now;
        this.createdBy = createdBy;
    }

    /** Changes what may change after registration; code, type and organisation stay. */
    public void revise(String name, GeoLocation location, Set<String> rings, int lanes, int staffedHeadCount) {
        this.name = name;
        if (location != null) {
            this.location = location;
        }
        this.rings.clear();
        this.rings.addAll(rings);
        this.lanes = lanes;
        this.staffedHeadCount = staffedHeadCount;
    }

    /** A state set by hand; while a cordon holds the checkpoint, it is what the checkpoint returns to when lifted. */
    public void setState(CheckpointState state) {
        if (stateBeforeCordon != null) {
            stateBeforeCordon = state;
        } else {
            this.state = state;
        }
    }

    public boolean isMobile() {
        return type == CheckpointType.MOBILE_CHECKPOINT;
    }

    public UUID getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public CheckpointType getType() {
        return type;
    }

    public String getOrgCode() {
        return orgCode;
    }

    public GeoLocation getLocation() {
        return location;
    }

    public CheckpointState getState() {
        return state;
    }

    public Set<String> getRings() {
        return rings;
    }

    public int getLanes() {
        return lanes;
    }

    public int getStaffedHeadCount() {
        return staffedHeadCount;
    }

    public UUID getUnitId() {
        return unitId;
    }

    public long getVersion() {
        return version;
    }
}
