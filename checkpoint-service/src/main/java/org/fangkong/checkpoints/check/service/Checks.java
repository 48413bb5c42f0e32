package org.fangkong.checkpoints.check.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.audit.LookupAudit;
import org.fangkong.checkpoints.check.Inspection;
import org.fangkong.checkpoints.checkpoint.Checkpoint;
import org.fangkong.checkpoints.checkpoint.service.CheckpointRegistry;
import org.fangkong.checkpoints.config.CheckpointsConfig;
import org.fangkong.checkpoints.wanted.WantedEntry;
import org.fangkong.checkpoints.wanted.service.WantedList;
import org.fangkong.platform.errors.NotFoundException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.outbox.Outbox;
import org.fangkong.platform.wanted.IdNumbers;
import org.fangkong.platform.wanted.Plates;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.events.v1.CheckHit;
import org.fangkong.proto.events.v1.Event;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Checks of vehicles and people against the wanted list: recorded inspections at checkpoints, street checks by
 * patrols, and audited look-ups that record nothing. A recorded hit goes on the check hits stream through the
 * outbox, in the transaction that stores the check, so it reaches alert-service exactly when the check exists.
 */
@ApplicationScoped
public class Checks {

    /** The stream hits go out on. */
    public static final String CHECK_HITS = "check-hits";

    private final WantedList wanted;
    private final CheckpointRegistry checkpoints;
    private final LookupAudit audit;
    private final Outbox outbox;
    private final Clock clock;
    private final String idSecret;

    public Checks(WantedList wanted, CheckpointRegistry checkpoints, LookupAudit audit, Outbox outbox, Clock clock, CheckpointsConfig config) {
        this.wanted = wanted;
        this.checkpoints = checkpoints;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
        this.idSecret = config.wanted().idSecret();
    }

    /** What a check is about, as a request gives it. */
    public record Request(String plate, String plateColour, String idNumber, String reason) {
    }

    /** Where a recorded check happened: a checkpoint, or a street location in an organisation. */
    public record Place(UUID checkpointId, Double lat, Double lon, String orgCode) {
    }

    /** The answer: the matching entry on a hit, and the recorded check's id (null for a look-up). */
    public record Outcome(Optional<WantedEntry> hit, UUID checkId) {
    }

    /** Matches without recording a check; the reason is audited. */
    public Uni<Outcome> lookUp(Caller caller, Request request) {
        Inspection.Subject subject = subject(request);
        return audit.record(caller, "wanted-check", request.reason())
                .chain(() -> match(subject))
                .map(hit -> new Outcome(hit, null));
    }

    public Uni<Outcome> record(Caller caller, Request request, Place place) {
        Inspection.Subject subject = subject(request);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Uni<Place> located;
        if (place.checkpointId() != null) {
            located = Panache.withSession(() -> checkpoints.find(caller, place.checkpointId()))
                    .map(found -> found.map(Checks::placeOf).orElseThrow(NotFoundException.of("checkpoint", place.checkpointId().toString())));
        } else {
            new Violations().require(place.lat() != null, "location", "is required for a street check (no checkpoint_id)").throwIfAny();
            OrgCode org = caller.scopeFor("org_code", place.orgCode());
            located = Uni.createFrom().item(new Place(null, place.lat(), place.lon(), org.value()));
        }
        return located.chain(where -> match(subject).chain(hit -> Panache.withTransaction(() -> {
            Inspection inspection = new Inspection(where.checkpointId(), subject, request.reason().strip(),
                    hit.map(WantedEntry::id).orElse(null), where.orgCode(), where.lat(), where.lon(), now, caller.auditName());
            return Panache.getSession().chain(session -> session.persist(inspection))
                    .chain(() -> hit.isPresent() ? announce(inspection, hit.get(), where, caller, now) : Uni.createFrom().voidItem())
                    .map(done -> new Outcome(hit, inspection.getId()));
        })));
    }

    private Uni<Void> announce(Inspection inspection, WantedEntry entry, Place where, Caller caller, Instant now) {
        UUID eventId = UUID.randomUUID();
        CheckHit.Builder hit = CheckHit.newBuilder()
                .setCheckId(inspection.getId().toString())
                .setWantedEntryId(entry.id().toString())
                .setKind(entry.kind().name())
                .setSeverity(entry.severity())
                .setWantedReason(entry.reason())
                .setCheckedBy(caller.auditName())
                .setCheckedAt(Timestamps.of(now));
        if (entry.plate() != null) {
            hit.setPlate(entry.plate());
        }
        if (entry.plateColour() != null) {
            hit.setPlateColour(entry.plateColour().name());
        }
        if (entry.idMasked() != null) {
            hit.setIdMasked(entry.idMasked());
        }
        if (where.checkpointId() != null) {
            hit.setCheckpointId(where.checkpointId().toString());
        }
        if (where.lat() != null) {
            hit.setLocation(GeoPoint.newBuilder().setLat(where.lat()).setLon(where.lon()));
        }
        Event event = Event.newBuilder()
                .setId(eventId.toString())
                .setType("check.hit")
                .setOrgCode(where.orgCode())
                .setTime(Timestamps.of(now))
                .setCheckHit(hit)
                .build();
        return outbox.record(CHECK_HITS, eventId, event.toByteArray());
    }

    private Uni<Optional<WantedEntry>> match(Inspection.Subject subject) {
        return subject.plate() != null
                ? wanted.matchVehicle(subject.plate(), subject.plateColour() == null ? null : Plates.Colour.valueOf(subject.plateColour()))
                : wanted.matchPerson(subject.idHash());
    }

    /** Exactly one of a plate or an ID number, and a reason. */
    private Inspection.Subject subject(Request request) {
        boolean vehicle = !request.plate().isBlank();
        boolean person = !request.idNumber().isBlank();
        new Violations()
                .require(vehicle != person, vehicle ? "id_number" : "plate", "give either a plate or an id_number")
                .notBlank(request.reason(), "reason")
                .require(request.reason().length() <= 500, "reason", "must be at most 500 characters")
                .throwIfAny();
        if (vehicle) {
            Plates.Colour colour = Plates.colour(request.plateColour(), "plate_colour");
            return new Inspection.Subject("VEHICLE", Plates.normalise(request.plate(), "plate"), colour == null ? null : colour.name(), null, null);
        }
        String id = IdNumbers.normalise(request.idNumber(), "id_number");
        return new Inspection.Subject("PERSON", null, null, IdNumbers.hash(idSecret, id), IdNumbers.masked(id));
    }

    /** A mobile checkpoint's place is its unit's, which moves: the check records the checkpoint only. */
    private static Place placeOf(Checkpoint checkpoint) {
        return checkpoint.getLocation() == null ? new Place(checkpoint.getId(), null, null, checkpoint.getOrgCode())
                : new Place(checkpoint.getId(), checkpoint.getLocation().lat(), checkpoint.getLocation().lon(), checkpoint.getOrgCode());
    }
}
