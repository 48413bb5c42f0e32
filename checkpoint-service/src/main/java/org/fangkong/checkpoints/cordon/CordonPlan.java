package org.fangkong.checkpoints.cordon;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A "close the city gates" plan: its member checkpoints (listed and whole rings) and their time to confirm. */
@Entity
@Table(name = "cordon_plan")
public class CordonPlan {

    @Id
    private UUID id;

    private String name;

    @Column(name = "org_code")
    private String orgCode;

    @Column(name = "confirm_within_s")
    private int confirmWithinSeconds;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "cordon_plan_checkpoint", joinColumns = @JoinColumn(name = "plan_id"))
    @Column(name = "checkpoint_id")
    private Set<UUID> checkpointIds = new LinkedHashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "cordon_plan_ring", joinColumns = @JoinColumn(name = "plan_id"))
    @Column(name = "ring")
    private Set<String> rings = new LinkedHashSet<>();

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "created_by")
    private String createdBy;

    @Version
    private long version;

    protected CordonPlan() {
    }

    public CordonPlan(String name, String orgCode, Set<UUID> checkpointIds, Set<String> rings, int confirmWithinSeconds,
            String createdBy, Instant now) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.orgCode = orgCode;
        this.checkpointIds.addAll(checkpointIds);
        this.rings.addAll(rings);
        this.confirmWithinSeconds = confirmWithinSeconds;
        this.createdAt = now;
        this.createdBy = createdBy;
    }

    /** Replaces what the plan is; an active activation keeps the members it started with. */
    public void revise(String name, Set<UUID> checkpointIds, Set<String> rings, int confirmWithinSeconds) {
        this.name = name;
        this.checkpointIds.clear();
        this.checkpointIds.addAll(checkpointIds);
        this.rings.clear();
        this.rings.addAll(rings);
        this.confirmWithinSeconds = confirmWithinSeconds;
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getOrgCode() {
        return orgCode;
    }

    public int getConfirmWithinSeconds() {
        return confirmWithinSeconds;
    }

    public Set<UUID> getCheckpointIds() {
        return checkpointIds;
    }

    public Set<String> getRings() {
        return rings;
    }
}
