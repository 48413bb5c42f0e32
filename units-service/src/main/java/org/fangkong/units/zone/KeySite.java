package org.fangkong.units.zone;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A key site (重点部位): a point and radius with its posted units and 1-3-5 response targets. */
@Entity
@Table(name = "key_site")
public class KeySite {

    @Id
    private UUID id;

    private String name;

    @Enumerated(EnumType.STRING)
    private KeySiteCategory category;

    @Column(name = "org_code")
    private String orgCode;

    private double lat;

    private double lon;

    @Column(name = "radius_m")
    private double radiusMeters;

    @Column(name = "react_target_s")
    private int reactTargetSeconds;

    @Column(name = "arrive_target_s")
    private int arriveTargetSeconds;

    @Column(name = "resolve_target_s")
    private int resolveTargetSeconds;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "key_site_unit", joinColumns = @JoinColumn(name = "key_site_id"))
    @Column(name = "unit_id")
    private Set<UUID> postedUnitIds = new LinkedHashSet<>();

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "created_by")
    private String createdBy;

    @Version
    private long version;

    protected KeySite() {
    }

    public KeySite(String orgCode, KeySiteSpec spec, String createdBy, Instant now) {
        this.id = UUID.randomUUID();
        this.orgCode = orgCode;
        this.createdAt = now;
        this.createdBy = createdBy;
        revise(spec);
    }

    public void revise(KeySiteSpec spec) {
        this.name = spec.name();
        this.category = spec.category();
        this.lat = spec.lat();
        this.lon = spec.lon();
        this.radiusMeters = spec.radiusMeters();
        this.reactTargetSeconds = spec.reactTargetSeconds();
        this.arriveTargetSeconds = spec.arriveTargetSeconds();
        this.resolveTargetSeconds = spec.resolveTargetSeconds();
        this.postedUnitIds.clear();
        this.postedUnitIds.addAll(spec.postedUnitIds());
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public KeySiteCategory getCategory() {
        return category;
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

    public double getRadiusMeters() {
        return radiusMeters;
    }

    public int getReactTargetSeconds() {
        return reactTargetSeconds;
    }

    public int getArriveTargetSeconds() {
        return arriveTargetSeconds;
    }

    public int getResolveTargetSeconds() {
        return resolveTargetSeconds;
    }

    public Set<UUID> getPostedUnitIds() {
        return postedUnitIds;
    }
}
