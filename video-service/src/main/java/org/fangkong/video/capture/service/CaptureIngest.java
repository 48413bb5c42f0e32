package org.fangkong.video.capture.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.errors.InvalidArgumentException;
import org.fangkong.platform.errors.OverloadedException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.outbox.Outbox;
import org.fangkong.platform.outbox.OutboxRelay;
import org.fangkong.platform.wanted.Plates;
import org.fangkong.platform.wanted.WantedListReader;
import org.fangkong.platform.wanted.WantedMark;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.events.v1.CaptureHit;
import org.fangkong.proto.events.v1.Event;
import org.fangkong.proto.video.v1.CaptureReport;
import org.fangkong.video.gb.DeviceCode;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureFailure;

/**
 * Plate captures in: each batch is validated, deduplicated by capture id (through {@code capture_id_seen}, since the
 * partitioned table cannot hold a unique index without its partition key), matched against the wanted list through
 * the platform reader, and stored with its hits' events (outbox) in one transaction before the answer.
 */
@ApplicationScoped
public class CaptureIngest {

    public static final String CAPTURE_HITS = "capture-hits";
    private static final int BATCH = 500;
    private static final Duration BATCH_WAIT = Duration.ofMillis(100);
    private static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);
    private static final int MAX_PENDING_BATCHES = 16;

    private final WantedListReader wanted;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;

    public CaptureIngest(WantedListReader wanted, Outbox outbox, OutboxRelay relay, Clock clock) {
        this.wanted = wanted;
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
    }

    public record Outcome(int accepted, int duplicates, int hits) {
        Outcome plus(Outcome other) {
            return new Outcome(accepted + other.accepted, duplicates + other.duplicates, hits + other.hits);
        }
    }

    /** A capture as validated: plate normalised (null when unread). */
    public record Capture(String captureId, String cameraCode, String plate, Plates.Colour colour, Instant passTime, int lane,
            double directionDeg, double speedKmh, String vehicleClass, String vehicleColour, List<String> imageUrls) {
    }

    private record Camera(UUID id, String orgCode, double lat, double lon) {
    }

    public Uni<Outcome> ingest(Multi<CaptureReport> reports) {
        int[] counter = {0};
        // Checked a batch at a time: a function per capture in a Mutiny operator is wrapped for context propagation
        // (OpenTelemetry, MDC), which cost more than the check (bench profile).
        return reports
                .group().intoLists().of(BATCH, BATCH_WAIT)
                .onOverflow().buffer(MAX_PENDING_BATCHES)
                .onItem().transformToUniAndConcatenate(batch -> {
                    List<Capture> valid = new ArrayList<>(batch.size());
                    batch.forEach(report -> valid.add(validate(report, counter[0]++)));
                    return store(valid);
                })
                .onFailure(BackPressureFailure.class).transform(failure -> new OverloadedException(
                        "captures arrive faster than they can be stored; retry with backoff"))
                .collect().with(Collectors.reducing(new Outcome(0, 0, 0), Outcome::plus));
    }

    /** Stores a batch (the GA/T 1400 endpoint calls this directly). */
    public Uni<Outcome> store(List<Capture> batch) {
        Set<String> codes = batch.stream().map(Capture::cameraCode).collect(Collectors.toSet());
        return Panache.withTransaction(() -> cameras(codes).chain(byCode -> {
            Violations violations = new Violations();
            for (int i = 0; i < batch.size(); i++) {
                violations.require(byCode.containsKey(batch.get(i).cameraCode()), "captures[" + i + "].camera_gb_code", "names no registered camera");
            }
            violations.throwIfAny();
            return wanted.vehicles(batch.stream().map(Capture::plate).toList(), batch.stream().map(Capture::colour).toList())
                    .chain(marks -> insert(batch, byCode).chain(fresh -> {
                        List<Uni<Void>> announced = new ArrayList<>();
                        int hits = 0;
                        for (int i = 0; i < batch.size(); i++) {
                            Capture capture = batch.get(i);
                            if (fresh.contains(capture.captureId()) && marks.get(i).isPresent()) {
                                hits++;
                                announced.add(announce(capture, marks.get(i).get(), byCode.get(capture.cameraCode())));
                            }
                        }
                        Outcome outcome = new Outcome(fresh.size(), batch.size() - fresh.size(), hits);
                        return announced.isEmpty() ? Uni.createFrom().item(outcome)
                                : Uni.join().all(announced).andFailFast().replaceWith(outcome);
                    }));
        })).invoke(outcome -> {
            if (outcome.hits() > 0) {
                relay.soon(); // someone waits for a wanted hit: not until the next scheduled round
            }
        });
    }

    /** Inserts the captures whose id was never stored; returns those ids. */
    private Uni<Set<String>> insert(List<Capture> batch, Map<String, Camera> byCode) {
        Map<String, Capture> unique = new HashMap<>();
        batch.forEach(c -> unique.putIfAbsent(c.captureId(), c));
        List<Capture> rows = new ArrayList<>(unique.values());
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "insert into capture_id_seen (capture_id, pass_time) select * from unnest(cast(?1 as varchar[]), cast(cast(?2 as text[]) as timestamptz[])) "
                        + "on conflict do nothing returning capture_id", String.class)
                // Timestamps go as ISO text: Hibernate turns OffsetDateTime arrays into Instant arrays the driver refuses.
                .setParameter(1, rows.stream().map(Capture::captureId).toArray(String[]::new))
                .setParameter(2, rows.stream().map(c -> c.passTime().toString()).toArray(String[]::new))
                .getResultList()
                .chain(fresh -> {
                    Set<String> stored = new HashSet<>(fresh);
                    List<Capture> toInsert = rows.stream().filter(c -> stored.contains(c.captureId())).toList();
                    if (toInsert.isEmpty()) {
                        return Uni.createFrom().item(stored);
                    }
                    OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
                    return session.createNativeQuery("insert into capture (capture_id, camera_id, plate, plate_colour, pass_time, lane, "
                            + "direction_deg, speed_kmh, vehicle_class, vehicle_colour, image_urls, org_code, received_at) select *, ?13 from unnest("
                            + "cast(?1 as varchar[]), cast(?2 as uuid[]), cast(?3 as varchar[]), cast(?4 as varchar[]), cast(cast(?5 as text[]) as timestamptz[]), "
                            + "cast(?6 as integer[]), cast(?7 as real[]), cast(?8 as real[]), cast(?9 as varchar[]), cast(?10 as varchar[]), "
                            + "cast(?11 as text[]), cast(?12 as varchar[]))")
                            .setParameter(1, toInsert.stream().map(Capture::captureId).toArray(String[]::new))
                            .setParameter(2, toInsert.stream().map(c -> byCode.get(c.cameraCode()).id()).toArray(UUID[]::new))
                            .setParameter(3, toInsert.stream().map(Capture::plate).toArray(String[]::new))
                            .setParameter(4, toInsert.stream().map(c -> c.colour() == null ? null : c.colour().name()).toArray(String[]::new))
                            .setParameter(5, toInsert.stream().map(c -> c.passTime().toString()).toArray(String[]::new))
                            .setParameter(6, toInsert.stream().map(Capture::lane).toArray(Integer[]::new))
                            .setParameter(7, toInsert.stream().map(c -> (float) c.directionDeg()).toArray(Float[]::new))
                            .setParameter(8, toInsert.stream().map(c -> (float) c.speedKmh()).toArray(Float[]::new))
                            .setParameter(9, toInsert.stream().map(Capture::vehicleClass).toArray(String[]::new))
                            .setParameter(10, toInsert.stream().map(Capture::vehicleColour).toArray(String[]::new))
                            .setParameter(11, toInsert.stream().map(c -> String.join(" ", c.imageUrls())).toArray(String[]::new))
                            .setParameter(12, toInsert.stream().map(c -> byCode.get(c.cameraCode()).orgCode()).toArray(String[]::new))
                            .setParameter(13, now)
                            .executeUpdate()
                            .replaceWith(stored);
                }));
    }

    private Uni<Map<String, Camera>> cameras(Set<String> codes) {
        return Panache.getSession().chain(session -> session.createNativeQuery("select c.gb_code, c.id, c.org_code, p.lat, p.lon from camera c "
                + "join video_point p on p.id = c.point_id where c.gb_code = any(cast(?1 as varchar[])) and c.retired_at is null", Object[].class)
                .setParameter(1, codes.toArray(String[]::new)).getResultList())
                .map(rows -> {
                    Map<String, Camera> byCode = new HashMap<>();
                    rows.forEach(row -> byCode.put((String) row[0], new Camera((UUID) row[1], (String) row[2],
                            ((Number) row[3]).doubleValue(), ((Number) row[4]).doubleValue())));
                    return byCode;
                });
    }

    private Uni<Void> announce(Capture capture, WantedMark mark, Camera camera) {
        UUID eventId = UUID.randomUUID();
        CaptureHit.Builder hit = CaptureHit.newBuilder()
                .setCaptureId(capture.captureId())
                .setWantedEntryId(mark.entryId().toString())
                .setPlate(capture.plate())
                .setSeverity(mark.severity())
                .setCameraId(camera.id().toString())
                .setCameraGbCode(capture.cameraCode())
                .setLocation(GeoPoint.newBuilder().setLat(camera.lat()).setLon(camera.lon()))
                .setPassTime(Timestamps.of(capture.passTime()))
                .setSpeedKmh(capture.speedKmh())
                .setDirectionDeg(capture.directionDeg())
                .addAllImageUrls(capture.imageUrls());
        if (capture.colour() != null) {
            hit.setPlateColour(capture.colour().name());
        }
        Event event = Event.newBuilder().setId(eventId.toString()).setType("capture.hit").setOrgCode(camera.orgCode())
                .setTime(Timestamps.of(clock.instant())).setCaptureHit(hit).build();
        return outbox.record(CAPTURE_HITS, eventId, event.toByteArray());
    }

    /** Checks one report, naming its fields {@code captures[i].…}. */
    public Capture validate(CaptureReport report, int index) {
        String at = "captures[" + index + "].";
        Violations violations = new Violations()
                .externalId(report.getCaptureId(), at + "capture_id")
                .require(report.hasPassTime(), at + "pass_time", "is required")
                .require(report.getLane() >= 0 && report.getLane() <= 99, at + "lane", "must be between 0 and 99")
                .range(report.getDirectionDeg(), 0, 360, at + "direction_deg")
                .range(report.getSpeedKmh(), 0, 400, at + "speed_kmh")
                .require(report.getImageUrlsCount() <= 8, at + "image_urls", "may hold at most 8 addresses")
                .require(report.getVehicleClass().length() <= 32, at + "vehicle_class", "must be at most 32 characters")
                .require(report.getVehicleColour().length() <= 16, at + "vehicle_colour", "must be at most 16 characters");
        String code = null;
        String plate = null;
        Plates.Colour colour = null;
        try {
            code = DeviceCode.check(report.getCameraGbCode(), at + "camera_gb_code");
            if (!report.getPlate().isBlank()) {
                plate = Plates.normalise(report.getPlate(), at + "plate");
                colour = Plates.colour(report.getPlateColour(), at + "plate_colour");
            }
        } catch (InvalidArgumentException e) {
            e.violations().forEach(v -> violations.require(false, v.field(), v.rule()));
        }
        Instant passTime = report.hasPassTime() ? Timestamps.toInstant(report.getPassTime()) : null;
        violations.require(passTime == null || !passTime.isAfter(clock.instant().plus(MAX_FUTURE_SKEW)), at + "pass_time",
                "must not be more than " + MAX_FUTURE_SKEW.toMinutes() + " minutes in the future");
        violations.throwIfAny();
        return new Capture(report.getCaptureId(), code, plate, colour, passTime, report.getLane(), report.getDirectionDeg(),
                report.getSpeedKmh(), report.getVehicleClass(), report.getVehicleColour(), report.getImageUrlsList());
    }
}
