package org.fangkong.checkpoints.wanted;

import java.time.Instant;
import java.util.UUID;

import org.fangkong.platform.wanted.Plates;
import org.fangkong.platform.wanted.WantedMark;

import io.vertx.mutiny.sqlclient.Row;

/** One entry of the wanted list as stored; a person's number appears only masked. */
public record WantedEntry(UUID id, Kind kind, String plate, Plates.Colour plateColour, String idMasked, String matchField,
        String reason, int severity, String issuingAgency, Instant validFrom, Instant validTo, String source,
        String externalRef, boolean removed, String createdBy) {

    public enum Kind {
        VEHICLE, PERSON
    }

    /** The columns {@link #of(Row)} reads. */
    public static final String COLUMNS = "id, kind, plate, plate_colour, id_masked, match_field, reason, severity, issuing_agency, "
            + "valid_from, valid_to, source, external_ref, removed_at, created_by";

    public static WantedEntry of(Row row) {
        String colour = row.getString("plate_colour");
        return new WantedEntry(row.getUUID("id"), Kind.valueOf(row.getString("kind")), row.getString("plate"),
                colour == null ? null : Plates.Colour.valueOf(colour), row.getString("id_masked"), row.getString("match_field"),
                row.getString("reason"), row.getInteger("severity"), row.getString("issuing_agency"),
                row.getOffsetDateTime("valid_from").toInstant(), row.getOffsetDateTime("valid_to").toInstant(),
                row.getString("source"), row.getString("external_ref"), row.getValue("removed_at") != null, row.getString("created_by"));
    }

    public WantedMark mark() {
        return new WantedMark(id, plateColour, severity, validFrom, validTo);
    }
}
