package org.fangkong.checkpoints.wanted.mapping;

import java.time.Instant;

import org.fangkong.checkpoints.wanted.NewWantedEntry;
import org.fangkong.checkpoints.wanted.WantedEntry;
import org.fangkong.platform.errors.InvalidArgumentException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.wanted.IdNumbers;
import org.fangkong.platform.wanted.Plates;
import org.fangkong.proto.checkpoints.v1.WantedKind;

/** Between the wanted-list messages and the service's own types. */
public final class WantedMapping {

    private WantedMapping() {
    }

    /**
     * Validates one entry as a request gives it; violations are named under {@code prefix} (e.g. {@code entries[12].}).
     * A person's number leaves here only as its keyed hash and masked form.
     */
    public static NewWantedEntry toNew(org.fangkong.proto.checkpoints.v1.NewWantedEntry entry, String prefix, String idSecret,
            Instant now, java.time.Duration defaultValidity, Violations violations) {
        WantedEntry.Kind kind = switch (entry.getKind()) {
            case VEHICLE -> WantedEntry.Kind.VEHICLE;
            case PERSON -> WantedEntry.Kind.PERSON;
            default -> null;
        };
        violations.require(kind != null, prefix + "kind", "must be VEHICLE or PERSON");
        String plate = null;
        Plates.Colour colour = null;
        String idHash = null;
        String idMasked = null;
        try {
            if (kind == WantedEntry.Kind.VEHICLE) {
                plate = Plates.normalise(entry.getPlate(), prefix + "plate");
                colour = Plates.colour(entry.getPlateColour(), prefix + "plate_colour");
            } else if (kind == WantedEntry.Kind.PERSON) {
                String id = IdNumbers.normalise(entry.getIdNumber(), prefix + "id_number");
                idHash = IdNumbers.hash(idSecret, id);
                idMasked = IdNumbers.masked(id);
            }
        } catch (InvalidArgumentException e) {
            e.violations().forEach(v -> violations.require(false, v.field(), v.rule()));
        }
        violations.notBlank(entry.getReason(), prefix + "reason")
                .require(entry.getReason().length() <= 500, prefix + "reason", "must be at most 500 characters")
                .require(entry.getSeverity() >= 1 && entry.getSeverity() <= 4, prefix + "severity", "must be between 1 and 4")
                .notBlank(entry.getIssuingAgency(), prefix + "issuing_agency")
                .require(entry.getIssuingAgency().length() <= 128, prefix + "issuing_agency", "must be at most 128 characters")
                .require(entry.getExternalRef().length() <= 128, prefix + "external_ref", "must be at most 128 characters");
        // No validity given: null, so a sync keeps the validity an entry was first given instead of renewing it.
        Instant from = null;
        Instant to = null;
        if (entry.hasValidFrom() || entry.hasValidTo()) {
            from = entry.hasValidFrom() ? Timestamps.toInstant(entry.getValidFrom()) : now;
            to = entry.hasValidTo() ? Timestamps.toInstant(entry.getValidTo()) : from.plus(defaultValidity);
            violations.require(to.isAfter(from), prefix + "valid_to", "must be after valid_from");
        }
        return new NewWantedEntry(kind, plate, colour, idHash, idMasked, entry.getReason().strip(), entry.getSeverity(),
                entry.getIssuingAgency().strip(), from, to, entry.getExternalRef().isBlank() ? null : entry.getExternalRef().strip());
    }

    public static org.fangkong.proto.checkpoints.v1.WantedEntry toProto(WantedEntry entry) {
        org.fangkong.proto.checkpoints.v1.WantedEntry.Builder builder = org.fangkong.proto.checkpoints.v1.WantedEntry.newBuilder()
                .setId(entry.id().toString())
                .setKind(entry.kind() == WantedEntry.Kind.VEHICLE ? WantedKind.VEHICLE : WantedKind.PERSON)
                .setReason(entry.reason())
                .setSeverity(entry.severity())
                .setIssuingAgency(entry.issuingAgency())
                .setValidFrom(Timestamps.of(entry.validFrom()))
                .setValidTo(Timestamps.of(entry.validTo()))
                .setSource(entry.source())
                .setRemoved(entry.removed())
                .setCreatedBy(entry.createdBy());
        if (entry.plate() != null) {
            builder.setPlate(entry.plate());
        }
        if (entry.plateColour() != null) {
            builder.setPlateColour(entry.plateColour().name());
        }
        if (entry.idMasked() != null) {
            builder.setIdMasked(entry.idMasked());
        }
        if (entry.externalRef() != null) {
            builder.setExternalRef(entry.externalRef());
        }
        return builder.build();
    }
}
