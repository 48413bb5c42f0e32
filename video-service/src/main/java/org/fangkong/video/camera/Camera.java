package org.fangkong.video.camera;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A camera at a video point. {@code online} changes on transitions only; heartbeats themselves live in Redis. */
@Entity
@Table(name = "camera")
public class Camera {

    public enum Kind {
        SMART_CAPTURE, PANORAMIC_DOME, FIXED
    }

    public enum PtzType {
        DOME, HALF_DOME, FIXED_BULLET, REMOTE_BULLET
    }

    @Id
    private UUID id;

    @Column(name = "gb_code")
    private String gbCode;

    @Column(name = "point_id")
    private UUID pointId;

    @Column(name = "org_code")
    private String orgCode;

    private String name;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Kind kind;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(name = "ptz_type")
    private PtzType ptzType;

    @Column(name = "stream_url")
    private String streamUrl;

    private boolean online;

    @Column(name = "last_heartbeat_at")
    private Instant lastHeartbeatAt;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "retired_at")
    private Instant retiredAt;

    @Version
    private long version;

    protected Camera() {
    }

    public Camera(String gbCode, UUID pointId, String orgCode, String name, Kind kind, PtzType ptzType, String streamUrl, String createdBy,
            Instant now) {
        this.id = UUID.randomUUID();
        this.gbCode = gbCode;
        this.pointId = pointId;
        this.orgCode = orgCode;
        this.name = name;
        this.kind = kind;
        this.ptzType = ptzType;
        this.streamUrl = streamUrl;
        this.createdAt = now;
        this.createdBy = createdBy;
    }

    /** Changes what is given (null keeps the current value). */
    public void update(String name, Kind kind, PtzType ptzType, String streamUrl) {
        this.name = name != null ? name : this.name;
        this.kind = kind != null ? kind : this.kind;
        this.ptzType = ptzType != null ? ptzType : this.ptzType;
        this.streamUrl = streamUrl != null ? streamUrl : this.streamUrl;
    }

    /** Stands the camera at another point, which brings it into that point's organisation. */
    public void moveTo(UUID pointId, String orgCode) {
        this.pointId = pointId;
        this.orgCode = orgCode;
    }

    /** Out of service: offline, and kept only so that past captures keep their place. */
    public void retire(Instant now) {
        this.retiredAt = now;
        this.online = false;
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

    public UUID getPointId() {
        return pointId;
    }

    public String getOrgCode() {
        return orgCode;
    }

    public String getName() {
        return name;
    }

    public Kind getKind() {
        return kind;
    }

    public PtzType getPtzType() {
        return ptzType;
    }

    public String getStreamUrl() {
        return streamUrl;
    }

    public boolean isOnline() {
        return online;
    }

    public Instant getLastHeartbeatAt() {
        return lastHeartbeatAt;
    }
}
