package org.fangkong.video.point;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.fangkong.platform.geo.GeoLocation;

/** A monitoring point (监控点位) on the road network, where one or more cameras stand. */
@Entity
@Table(name = "video_point")
public class VideoPoint {

    @Id
    private UUID id;

    @NotNull
    @Pattern(regexp = "\\d{20}")
    @Column(name = "gb_code")
    private String gbCode;

    @NotBlank
    @Size(max = 128)
    private String name;

    @NotNull
    @Pattern(regexp = "\\d{12}")
    @Column(name = "org_code")
    private String orgCode;

    @NotNull
    @Valid
    @Embedded
    private GeoLocation location;

    /** GB position type: 1 provincial inspection station … 10 traffic arteries. */
    @Min(1)
    @Max(10)
    @Column(name = "position_type")
    private int positionType;

    @NotNull
    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "retired_at")
    private Instant retiredAt;

    @Version
    private long version;

    @Column(name = "created_by")
    private String createdBy;

    protected VideoPoint() {
    }

    public VideoPoint(String gbCode, String name, String orgCode, GeoLocation location, int positionType, String createdBy, Instant now) {
        this.id = UUID.randomUUID();
        this.gbCode = gbCode;
        this.name = name;
        this.orgCode = orgCode;
        this.location = location;
        this.positionType = positionType;
        this.createdAt = now;
        this.createdBy = createdBy;
    }

    /** Changes what is given (null keeps the current value). */
    public void update(String name, GeoLocation location, Integer positionType) {
        this.name = name != null ? name : this.name;
        this.location = location != null ? location : this.location;
        this.positionType = positionType != null ? positionType : this.positionType;
    }

    public void retire(Instant now) {
        this.retiredAt = now;
    }

    public boolean isRetired() {
        return retiredAt != null;
    }

    public UUID getId() {
        return id;
    }

    public String getGbCode() {
        return gbCode;
    }

    public String getName() {
        return name;
    }

    public String getOrgCode() {
        return orgCode;
    }

    public GeoLocation getLocation() {
        return location;
    }

    public int getPositionType() {
        return positionType;
    }
}
