package org.fangkong.checkpoints.checkpoint;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

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

    @DecimalMin("-90")
    @DecimalMax("90")
    private double lat;

    @DecimalMin("-180")
    @DecimalMax("180")
    private double lon;

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

    public double getLat() {
        return lat;
    }

    public double getLon() {
        return lon;
    }

    public CheckpointState getState() {
        return state;
    }
}
