package org.fangkong.alerts.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
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
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.fangkong.platform.errors.FailedPreconditionException;
import org.fangkong.platform.geo.GeoLocation;

/**
 * An incident (警情): something reported that the command room must answer. Its status follows its units (the first
 * acknowledgement, the first arrival) and the desk (resolve, close, cancel); the 1-3-5 clocks run from the report
 * on server time and stop at the first acknowledgement, the first arrival and the resolution.
 */
@Entity
@Table(name = "incident")
public class Incident {

    /** The three clocks of the 1-3-5 standard. */
    public enum Clock {
        REACT, ARRIVE, RESOLVE;

        public String key() {
            return name().toLowerCase();
        }
    }

    /** Statuses in which an incident is still being worked. */
    public static final Set<IncidentStatus> OPEN = EnumSet.of(IncidentStatus.NEW, IncidentStatus.DISPATCHED, IncidentStatus.ACKNOWLEDGED,
            IncidentStatus.ON_SCENE);

    @Id
    private UUID id;

    @NotBlank
    @Size(max = 40)
    private String number;

    @NotNull
    @Enumerated(EnumType.STRING)
    private IncidentType type;

    @Min(1)
    @Max(4)
    private int priority;

    @NotNull
    @Pattern(regexp = "\\d{12}")
    @Column(name = "org_code")
    private String orgCode;

    @NotNull
    @Valid
    @Embedded
    private GeoLocation location;

    @NotNull
    @Size(max = 256)
    private String address;

    @NotNull
    @Enumerated(EnumType.STRING)
    private IncidentStatus status;

    @NotNull
    @Column(name = "reported_at")
    private Instant reportedAt;

    @Column(name = "reported_by")
    private String reportedBy;

    @Enumerated(EnumType.STRING)
    private IncidentSource source;

    @Size(max = 1000)
    private String description;

    @Column(name = "key_site_id")
    private UUID keySiteId;

    @Column(name = "key_site_name")
    private String keySiteName;

    @Column(name = "zone_id")
    private UUID zoneId;

    @Column(name = "react_target_s")
    private int reactTargetS;

    @Column(name = "arrive_target_s")
    private int arriveTargetS;

    @Column(name = "resolve_target_s")
    private int resolveTargetS;

    @Column(name = "reacted_at")
    private Instant reactedAt;

    @Column(name = "arrived_at")
    private Instant arrivedAt;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    private boolean major;

    @Column(name = "cordon_plan_id")
    private UUID cordonPlanId;

    @Column(name = "cordon_activated")
    private boolean cordonActivated;

    @Column(name = "idempotency_key")
    private String idempotencyKey;

    @Version
    private long version;

    protected Incident() {
    }

    public Incident(String number, IncidentType type, int priority, String orgCode, GeoLocation location, String address, IncidentSource source,
            String description, boolean major, String idempotencyKey, String reportedBy, Instant now) {
        this.id = UUID.randomUUID();
        this.number = number;
        this.type = type;
        this.priority = priority;
        this.orgCode = orgCode;
        this.location = location;
        this.address = address;
        this.source = source;
        this.description = description;
        this.major = major;
        this.idempotencyKey = idempotencyKey;
        this.reportedBy = reportedBy;
        this.reportedAt = now;
        this.status = IncidentStatus.NEW;
    }

    /** Where it falls and the targets it is held to. */
    public void place(UUID keySiteId, String keySiteName, UUID zoneId, Duration react, Duration arrive, Duration resolve) {
        this.keySiteId = keySiteId;
        this.keySiteName = keySiteName;
        this.zoneId = zoneId;
        this.reactTargetS = (int) react.toSeconds();
        this.arriveTargetS = (int) arrive.toSeconds();
        this.resolveTargetS = (int) resolve.toSeconds();
    }

    public boolean isOpen() {
        return OPEN.contains(status);
    }

    /** Units may be sent while it is open. */
    public void requireOpen(String step) {
        if (!isOpen()) {
            throw new FailedPreconditionException("incident " + number + " is " + status + ": it cannot be " + step);
        }
    }

    public void dispatched() {
        requireOpen("dispatched");
        if (status == IncidentStatus.NEW) {
            status = IncidentStatus.DISPATCHED;
        }
    }

    /** The first acknowledgement stops the react clock; later ones change nothing here. */
    public boolean acknowledged(Instant now) {
        if (reactedAt != null) {
            return false;
        }
        reactedAt = now;
        if (status == IncidentStatus.DISPATCHED) {
            status = IncidentStatus.ACKNOWLEDGED;
        }
        return true;
    }

    /** The first arrival stops the arrive clock (and the react clock, if nobody acknowledged first). */
    public boolean arrived(Instant now) {
        acknowledged(now);
        if (arrivedAt != null) {
            return false;
        }
        arrivedAt = now;
        if (status == IncidentStatus.DISPATCHED || status == IncidentStatus.ACKNOWLEDGED) {
            status = IncidentStatus.ON_SCENE;
        }
        return true;
    }

    public void resolve(Instant now) {
        if (status == IncidentStatus.NEW) {
            throw new FailedPreconditionException("incident " + number + " has no unit dispatched: it cannot be resolved yet");
        }
        requireOpen("resolved");
        resolvedAt = now;
        status = IncidentStatus.RESOLVED;
    }

    public void close(Instant now) {
        if (status != IncidentStatus.RESOLVED) {
            throw new FailedPreconditionException("incident " + number + " is " + status + ": only a resolved incident can be closed");
        }
        closedAt = now;
        status = IncidentStatus.CLOSED;
    }

    public void cancel(Instant now) {
        requireOpen("cancelled");
        closedAt = now;
        status = IncidentStatus.CANCELLED;
    }

    public void cordon(UUID planId, boolean activated) {
        this.cordonPlanId = planId;
        this.cordonActivated = activated;
    }

    /** When the clock stopped, or null while it runs. */
    public Instant stopped(Clock clock) {
        return switch (clock) {
            case REACT -> reactedAt;
            case ARRIVE -> arrivedAt;
            case RESOLVE -> resolvedAt;
        };
    }

    public Duration target(Clock clock) {
        return Duration.ofSeconds(switch (clock) {
            case REACT -> reactTargetS;
            case ARRIVE -> arriveTargetS;
            case RESOLVE -> resolveTargetS;
        });
    }

    public Instant due(Clock clock) {
        return reportedAt.plus(target(clock));
    }

    public UUID getId() {
        return id;
    }

    public String getNumber() {
        return number;
    }

    public IncidentType getType() {
        return type;
    }

    public int getPriority() {
        return priority;
    }

    public String getOrgCode() {
        return orgCode;
    }

    public GeoLocation getLocation() {
        return location;
    }

    public String getAddress() {
        return address;
    }

    public IncidentStatus getStatus() {
        return status;
    }

    public Instant getReportedAt() {
        return reportedAt;
    }

    public IncidentSource getSource() {
        return source;
    }

    public String getDescription() {
        return description;
    }

    public UUID getKeySiteId() {
        return keySiteId;
    }

    public String getKeySiteName() {
        return keySiteName;
    }

    public UUID getZoneId() {
        return zoneId;
    }

    public boolean isMajor() {
        return major;
    }

    public UUID getCordonPlanId() {
        return cordonPlanId;
    }

    public boolean isCordonActivated() {
        return cordonActivated;
    }

    public long getVersion() {
        return version;
    }
}
