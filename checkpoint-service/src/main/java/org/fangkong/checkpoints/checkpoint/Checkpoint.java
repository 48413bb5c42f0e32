package org.fangkong.checkpoints.checkpoint;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.fangkong.platform.geo.GeoLocation;

/** A point on the line layer where vehicles and people are checked. */
@Entity
@Table(name = "checkpoint")
public class Checkpoint {

    @Id
    private UUID id;

    @NotBlank
    @Size(max = 32)
    private String code;

    @NotBlank
    @Size(max = 128)
    private String name;

    @NotNull
    @Enumerated(EnumType.STRING)
    private CheckpointType type;

    @NotNull
    @Pattern(regexp = "\\d{12}")
    @Column(name = "org_code")
    private String orgCode;

    @NotNull
    @Valid
    @Embedded
    private GeoLocation location;

    @NotNull
    @Enumerated(EnumType.STRING)
    private CheckpointState state;

    @NotNull
    @Column(name = "created_at")
    private Instant createdAt;

    @Version
    private long version;

    protected Checkpoint() {
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
}
