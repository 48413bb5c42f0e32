package org.fangkong.units.organisation;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A node of the organisation tree: a bureau (province, city, district) or a station, squad or post. */
@Entity
@Table(name = "organisation")
public class Organisation {

    @Id
    private String code;

    @NotBlank
    @Size(max = 128)
    private String name;

    @Column(name = "parent_code")
    private String parentCode;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "organisation_neighbour", joinColumns = @JoinColumn(name = "code"))
    @Column(name = "neighbour_code")
    private Set<String> neighbourCodes = new LinkedHashSet<>();

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "created_by")
    private String createdBy;

    @Version
    private long version;

    protected Organisation() {
    }

    public Organisation(String code, String name, String parentCode, String createdBy, Instant createdAt) {
        this.code = code;
        this.name = name;
        this.parentCode = parentCode;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public void rename(String name) {
        this.name = name;
    }

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public String getParentCode() {
        return parentCode;
    }

    public Set<String> getNeighbourCodes() {
        return neighbourCodes;
    }
}
