package org.fangkong.platform.geo;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

/** A WGS-84 position stored as {@code lat}/{@code lon} columns. */
@Embeddable
public class GeoLocation {

    @DecimalMin("-90")
    @DecimalMax("90")
    @Column(name = "lat")
    private double lat;

    @DecimalMin("-180")
    @DecimalMax("180")
    @Column(name = "lon")
    private double lon;

    protected GeoLocation() {
    }

    public GeoLocation(double lat, double lon) {
        this.lat = lat;
        this.lon = lon;
    }

    public double lat() {
        return lat;
    }

    public double lon() {
        return lon;
    }
}
