package org.fangkong.checkpoints.check;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One check of a vehicle or person, at a checkpoint or on the street, with its result. */
@Entity
@Table(name = "inspection")
public class Inspection {

    @Id
    private UUID id;

    @Column(name = "checkpoint_id")
    private UUID checkpointId;

    private String kind;

    private String plate;

    @Column(name = "plate_colour")
    private String plateColour;

    @Column(name = "id_hash")
    private String idHash;

    @Column(name = "id_masked")
    private String idMasked;

    private String reason;

    private String result;

    @Column(name = "wanted_entry_id")
    private UUID wantedEntryId;

    @Column(name = "org_code")
    private String orgCode;

    private Double lat;

    private Double lon;

    @Column(name = "checked_at")
    private Instant checkedAt;

    @Column(name = "checked_by")
    private String checkedBy;

    protected Inspection() {
    }

    public Inspection(UUID checkpointId, Subject subject, String reason, UUID wantedEntryId, String orgCode, Double lat, Double lon,
            Instant checkedAt, String checkedBy) {
        this.id = UUID.randomUUID();
        this.checkpointId = checkpointId;
        this.kind = subject.kind();
        this.plate = subject.plate();
        this.plateColour = subject.plateColour();
        this.idHash = subject.idHash();
        this.idMasked = subject.idMasked();
        this.reason = reason;
        this.result = wantedEntryId == null ? "CLEAR" : "HIT";
        this.wantedEntryId = wantedEntryId;
        this.orgCode = orgCode;
        this.lat = lat;
        this.lon = lon;
        this.checkedAt = checkedAt;
        this.checkedBy = checkedBy;
    }

    /** What was checked: a vehicle (plate, colour) or a person (keyed hash and masked number). */
    public record Subject(String kind, String plate, String plateColour, String idHash, String idMasked) {
    }

    public UUID getId() {
        return id;
    }
}
