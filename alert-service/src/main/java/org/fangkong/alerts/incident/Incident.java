package org.fangkong.alerts.incident;

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
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.fangkong.platform.geo.GeoLocation;

/** An incident (警情): something reported that the command room must answer. */
@Entity
@Table(name = "incident")
public class Incident {

    @Id
    private UUID id;

    @NotBlank
    @Size(max = 40)
    private String number;

    @NotBlank
    @Size(max = 32)
    private String type;

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

    @Version
    private long version;

    protected Incident() {
    }

    public UUID getId() {
        return id;
    }

    public String getNumber() {
        return number;
    }

    public String getType() {
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
}
