package org.fangkong.checkpoints.wanted;

import java.time.Instant;

import org.fangkong.platform.wanted.Plates;

/**
 * A validated entry to add: plate normalised, ID number reduced to its keyed hash and masked form. Validity is null
 * when the request gave none (new entries then run from now for the default validity).
 */
public record NewWantedEntry(WantedEntry.Kind kind, String plate, Plates.Colour plateColour, String idHash, String idMasked,
        String reason, int severity, String issuingAgency, Instant validFrom, Instant validTo, String externalRef) {

    public String matchField() {
        return kind == WantedEntry.Kind.VEHICLE ? org.fangkong.platform.wanted.WantedListReader.vehicleField(plate)
                : org.fangkong.platform.wanted.WantedListReader.personField(idHash);
    }
}
