package org.fangkong.platform.wanted;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the Redis mirror of the active wanted list holds for one entry: enough to decide a match without the owning
 * service (id, plate colour, severity, validity); the rest is read from checkpoint-service by entry id.
 */
public record WantedMark(UUID entryId, Plates.Colour colour, int severity, Instant validFrom, Instant validTo) {

    /** Whether the entry matches at {@code at} for a reading of {@code colour} (null: colour unknown, any matches). */
    public boolean matches(Plates.Colour reading, Instant at) {
        return !at.isBefore(validFrom) && at.isBefore(validTo) && (reading == null || colour == null || colour == reading);
    }

    String encode() {
        return entryId + "|" + (colour == null ? "" : colour.name()) + "|" + severity + "|" + validFrom.toEpochMilli() + "|"
                + validTo.toEpochMilli();
    }

    static WantedMark decode(String value) {
        String[] parts = value.split("\\|", -1);
        return new WantedMark(UUID.fromString(parts[0]), parts[1].isEmpty() ? null : Plates.Colour.valueOf(parts[1]),
                Integer.parseInt(parts[2]), Instant.ofEpochMilli(Long.parseLong(parts[3])), Instant.ofEpochMilli(Long.parseLong(parts[4])));
    }

    /** Several entries may name one plate or person: their marks share a field, separated by ';'. */
    static List<WantedMark> decodeAll(String value) {
        List<WantedMark> marks = new ArrayList<>();
        if (value != null && !value.isEmpty()) {
            for (String one : value.split(";")) {
                marks.add(decode(one));
            }
        }
        return marks;
    }

    static String encodeAll(List<WantedMark> marks) {
        return String.join(";", marks.stream().map(WantedMark::encode).toList());
    }
}
