package org.fangkong.units.position.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.errors.NotFoundException;
import org.fangkong.platform.errors.OverloadedException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.proto.events.v1.Event;
import org.fangkong.proto.events.v1.UnitPosition;
import org.fangkong.proto.units.v1.PositionFix;
import org.fangkong.units.config.UnitsConfig;
import org.fangkong.units.position.stale.StaleUnits;
import org.fangkong.units.unit.UnitTerminal;
import org.fangkong.units.unit.repository.UnitOwners;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureFailure;

/**
 * Takes a device's stream of fixes: validates each, drops fixes older than the unit's stored one, and in one Redis
 * script per batch updates the live state and appends to the positions stream. Only then is the stream answered,
 * so an acknowledged fix is never lost.
 */
@ApplicationScoped
public class PositionIngest {

    /** Redis GEO accepts latitudes within ±85.05112878°. */
    private static final double MAX_GEO_LAT = 85.05112878;
    private static final Logger LOG = Logger.getLogger(PositionIngest.class);
    private static final int MAX_PENDING_BATCHES = 16;

    private final UnitOwners owners;
    private final PositionStore store;
    private final StaleUnits staleUnits;
    private final Clock clock;
    private final UnitsConfig.Positions config;

    public PositionIngest(UnitOwners owners, PositionStore store, StaleUnits staleUnits, Clock clock, UnitsConfig config) {
        this.owners = owners;
        this.store = store;
        this.staleUnits = staleUnits;
        this.clock = clock;
        this.config = config.positions();
    }

    /** Counts of one device stream. */
    public record Outcome(int accepted, int outOfOrder) {
        Outcome plus(Outcome other) {
            return new Outcome(accepted + other.accepted, outOfOrder + other.outOfOrder);
        }
    }

    private record Numbered(int index, PositionFix fix) {
    }

    public Uni<Outcome> ingest(Caller caller, Multi<PositionFix> fixes) {
        int[] counter = {0};
        // Fixes are numbered a batch at a time: a function per fix in a Mutiny operator is wrapped for context
        // propagation (OpenTelemetry, MDC), which cost more than the numbering (bench profile).
        return fixes
                .group().intoLists().of(config.batchSize(), config.batchWait())
                // A timed flush may come while the previous batch is still being stored: hold a bounded number.
                .onOverflow().buffer(MAX_PENDING_BATCHES)
                .onItem().transformToUniAndConcatenate(batch -> {
                    List<Numbered> numbered = new ArrayList<>(batch.size());
                    batch.forEach(fix -> numbered.add(new Numbered(counter[0]++, fix)));
                    return ingestBatch(caller, numbered);
                })
                .onFailure(BackPressureFailure.class).transform(failure -> new OverloadedException(
                        "fixes arrive faster than they can be stored; retry with backoff"))
                .collect().with(Collectors.reducing(new Outcome(0, 0), Outcome::plus));
    }

    private Uni<Outcome> ingestBatch(Caller caller, List<Numbered> batch) {
        validate(caller, batch);
        Map<String, String> terminalHashes = new LinkedHashMap<>();
        Set<UUID> unitIds = new LinkedHashSet<>();
        for (Numbered numbered : batch) {
            PositionFix fix = numbered.fix();
            if (fix.getTerminalId().isEmpty()) {
                unitIds.add(UUID.fromString(fix.getUnitId()));
            } else {
                terminalHashes.computeIfAbsent(fix.getTerminalId(), UnitTerminal::hash);
            }
        }
        return Uni.combine().all().unis(owners.ofUnits(unitIds), owners.ofTerminals(terminalHashes.values())).asTuple().map(found -> {
            Map<String, List<Object>> argsByProvince = new LinkedHashMap<>();
            for (Numbered numbered : batch) {
                PositionFix fix = numbered.fix();
                UnitOwners.Owner owner;
                if (fix.getTerminalId().isEmpty()) {
                    owner = found.getItem1().get(UUID.fromString(fix.getUnitId()));
                    if (owner == null || !caller.canSee(OrgCode.of(owner.orgCode()))) {
                        throw new NotFoundException("unit", fix.getUnitId());
                    }
                } else {
                    // An unknown terminal fails the batch without echoing the secret.
                    owner = found.getItem2().get(terminalHashes.get(fix.getTerminalId()));
                    if (owner == null || !caller.canSee(OrgCode.of(owner.orgCode()))) {
                        throw new NotFoundException("terminal ending", UnitTerminal.hint(fix.getTerminalId()));
                    }
                }
                String province = OrgCode.of(owner.orgCode()).province();
                argsByProvince.computeIfAbsent(province, p -> new ArrayList<>()).addAll(scriptArgs(owner, fix));
            }
            return argsByProvince;
        }).chain(argsByProvince -> Multi.createFrom().iterable(argsByProvince.entrySet())
                .onItem().transformToUniAndConcatenate(entry -> store.store(entry.getKey(), entry.getValue())
                        .call(stored -> staleUnits.reported(stored.latestByUnit())
                                // The fixes are stored; a watchdog that did not move fires early and re-checks the fix.
                                .onFailure().invoke(failure -> LOG.warnf("Stale watchdogs not moved: %s", failure.toString()))
                                .onFailure().recoverWithNull())
                        .map(stored -> new Outcome(stored.accepted(), stored.outOfOrder())))
                .collect().with(Collectors.reducing(new Outcome(0, 0), Outcome::plus)));
    }

    /** Checks every fix of the batch, failing with all violations at once. */
    private void validate(Caller caller, List<Numbered> batch) {
        Instant latest = clock.instant().plus(config.maxFutureSkew());
        Violations violations = new Violations();
        for (Numbered numbered : batch) {
            PositionFix fix = numbered.fix();
            String at = "fixes[" + numbered.index() + "].";
            if (fix.getTerminalId().isEmpty()) {
                violations.uuid(fix.getUnitId(), at + "unit_id");
            } else {
                violations.require(fix.getUnitId().isEmpty(), at + "unit_id", "must be empty when terminal_id is given");
                violations.require(caller.isService(), at + "terminal_id", "is accepted from relaying services only");
                violations.require(UnitTerminal.valid(fix.getTerminalId()), at + "terminal_id", UnitTerminal.RULE);
            }
            violations.require(fix.hasPoint(), at + "point", "is required");
            violations.range(fix.getPoint().getLat(), -MAX_GEO_LAT, MAX_GEO_LAT, at + "point.lat");
            violations.range(fix.getPoint().getLon(), -180, 180, at + "point.lon");
            violations.require(fix.hasRecordedAt() && fix.getRecordedAt().getSeconds() > 0, at + "recorded_at", "is required");
            violations.require(!Timestamps.toInstant(fix.getRecordedAt()).isAfter(latest), at + "recorded_at",
                    "must not be more than " + config.maxFutureSkew().toSeconds() + "s in the future");
            violations.range(fix.getAccuracyM(), 0, 100_000, at + "accuracy_m");
            violations.range(fix.getSpeedMps(), 0, 200, at + "speed_mps");
            violations.range(fix.getHeadingDeg(), 0, 360, at + "heading_deg");
        }
        violations.throwIfAny();
    }

    private List<Object> scriptArgs(UnitOwners.Owner unit, PositionFix fix) {
        Instant recordedAt = Timestamps.toInstant(fix.getRecordedAt());
        Event event = Event.newBuilder()
                .setId(UUID.randomUUID().toString())
                .setType("unit.position")
                .setOrgCode(unit.orgCode())
                .setTime(Timestamps.of(clock.instant()))
                .setUnitPosition(UnitPosition.newBuilder()
                        .setUnitId(unit.unitId().toString())
                        .setPoint(fix.getPoint())
                        .setRecordedAt(fix.getRecordedAt())
                        .setAccuracyM(fix.getAccuracyM())
                        .setSpeedMps(fix.getSpeedMps())
                        .setHeadingDeg(fix.getHeadingDeg()))
                .build();
        String meta = fix.getAccuracyM() + "|" + fix.getSpeedMps() + "|" + fix.getHeadingDeg();
        return List.of(unit.unitId().toString(), fix.getPoint().getLon(), fix.getPoint().getLat(), recordedAt.toEpochMilli(),
                meta, unit.orgCode(), event.toByteArray());
    }
}
