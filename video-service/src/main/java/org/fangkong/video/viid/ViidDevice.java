package org.fangkong.video.viid;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A device allowed on the GA/T 1400 endpoints, with its Digest HA1 and its session. */
@Entity
@Table(name = "viid_device")
public class ViidDevice {

    public enum Kind {
        /** A capture camera (APE): posts its own captures only. */
        CAPTURE_CAMERA,
        /** A collection system (APS): posts for the cameras of its organisation subtree. */
        COLLECTION_SYSTEM
    }

    @Id
    @Column(name = "device_id")
    private String deviceId;

    @Enumerated(EnumType.STRING)
    private Kind kind;

    @Column(name = "org_code")
    private String orgCode;

    @Column(name = "digest_ha1")
    private String digestHa1;

    private String realm;

    @Column(name = "registered_at")
    private Instant registeredAt;

    @Column(name = "last_keepalive_at")
    private Instant lastKeepaliveAt;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "created_by")
    private String createdBy;

    @Version
    private long version;

    protected ViidDevice() {
    }

    public ViidDevice(String deviceId, String createdBy, Instant now) {
        this.deviceId = deviceId;
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    /** New access terms; any session under the old password ends. */
    public void grant(Kind kind, String orgCode, String realm, String digestHa1) {
        this.kind = kind;
        this.orgCode = orgCode;
        this.realm = realm;
        this.digestHa1 = digestHa1;
        endSession();
    }

    public void register(Instant now) {
        registeredAt = now;
        lastKeepaliveAt = now;
    }

    public void keepAlive(Instant now) {
        lastKeepaliveAt = now;
    }

    public void endSession() {
        registeredAt = null;
        lastKeepaliveAt = null;
    }

    public boolean registered(Instant now, Duration timeout) {
        return registeredAt != null && lastKeepaliveAt.plus(timeout).isAfter(now);
    }

    public String getDeviceId() {
        return deviceId;
    }

    public Kind getKind() {
        return kind;
    }

    public String getOrgCode() {
        return orgCode;
    }

    public String getDigestHa1() {
        return digestHa1;
    }

    public String getRealm() {
        return realm;
    }

    public Instant getRegisteredAt() {
        return registeredAt;
    }

    public Instant getLastKeepaliveAt() {
        return lastKeepaliveAt;
    }
}
