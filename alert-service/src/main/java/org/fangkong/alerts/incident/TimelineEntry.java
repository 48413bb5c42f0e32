package org.fangkong.alerts.incident;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One line of an incident's append-only timeline: who, when (server time), what. */
@Entity
@Table(name = "incident_timeline")
public class TimelineEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "incident_id")
    private UUID incidentId;

    private Instant at;

    private String actor;

    private String what;

    private String detail;

    protected TimelineEntry() {
    }

    public TimelineEntry(UUID incidentId, Instant at, String actor, String what, String detail) {
        this.incidentId = incidentId;
        this.at = at;
        this.actor = actor;
        this.what = what;
        this.detail = detail.length() > 1000 ? detail.substring(0, 1000) : detail;
    }

    public Long getId() {
        return id;
    }

    public Instant getAt() {
        return at;
    }

    public String getActor() {
        return actor;
    }

    public String getWhat() {
        return what;
    }

    public String getDetail() {
        return detail;
    }
}
