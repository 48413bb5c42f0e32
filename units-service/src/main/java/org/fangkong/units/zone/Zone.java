package org.fangkong.units.zone;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;

/** A patrol zone: a polygon of a city with a patrol level that sets how many units must be visible in it. */
@Entity
@Table(name = "zone")
public class Zone {

    @Id
    private UUID id;

    private String name;

    @Column(name = "org_code")
    private String orgCode;

    @Column(name = "polygon_wkt")
    private String polygonWkt;

    @Column(name = "min_lat")
    private double minLat;

    @Column(name = "max_lat")
    private double maxLat;

    @Column(name = "min_lon")
    private double minLon;

    @Column(name = "max_lon")
    private double maxLon;

    @Column(name = "patrol_level")
    private int patrolLevel;

    @Column(name = "level_changed_at")
    private Instant levelChangedAt;

    @Column(name = "level_changed_by")
    private String levelChangedBy;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "created_by")
    private String createdBy;

    @Version
    private long version;

    @Transient
    private Polygon polygon;

    protected Zone() {
    }

    public Zone(String name, String orgCode, Polygon polygon, int patrolLevel, String createdBy, Instant now) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.orgCode = orgCode;
        reshape(polygon);
        this.patrolLevel = patrolLevel;
        this.levelChangedAt = now;
        this.levelChangedBy = createdBy;
        this.createdAt = now;
        this.createdBy = createdBy;
    }

    public void rename(String name) {
        this.name = name;
    }

    public void reshape(Polygon polygon) {
        this.polygon = polygon;
        this.polygonWkt = polygon.toText();
        Envelope box = polygon.getEnvelopeInternal();
        this.minLat = box.getMinY();
        this.maxLat = box.getMaxY();
        this.minLon = box.getMinX();
        this.maxLon = box.getMaxX();
    }

    /** Sets the level; returns the previous one. */
    public int changeLevel(int level, String by, Instant now) {
        int previous = patrolLevel;
        patrolLevel = level;
        levelChangedAt = now;
        levelChangedBy = by;
        return previous;
    }

    /** The polygon, parsed once per loaded instance (x = longitude, y = latitude). */
    public Polygon polygon() {
        if (polygon == null) {
            polygon = ZoneGeometry.fromWkt(polygonWkt);
        }
        return polygon;
    }

    public boolean boxContains(double lat, double lon) {
        return lat >= minLat && lat <= maxLat && lon >= minLon && lon <= maxLon;
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

    public int getPatrolLevel() {
        return patrolLevel;
    }

    public Instant getLevelChangedAt() {
        return levelChangedAt;
    }

    public String getLevelChangedBy() {
        return levelChangedBy;
    }

    public double getMinLat() {
        return minLat;
    }

    public double getMaxLat() {
        return maxLat;
    }

    public double getMinLon() {
        return minLon;
    }

    public double getMaxLon() {
        return maxLon;
    }
}
