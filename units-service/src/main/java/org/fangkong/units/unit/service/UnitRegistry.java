package org.fangkong.units.unit.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import org.fangkong.platform.errors.AbortedException;
import org.fangkong.platform.errors.ConflictException;
import org.fangkong.platform.errors.DatabaseConstraints;
import org.fangkong.platform.errors.InvalidArgumentException;
import org.fangkong.platform.errors.NotFoundException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.paging.Paging;
import org.fangkong.units.config.UnitsConfig;
import org.fangkong.units.unit.NewUnit;
import org.fangkong.units.unit.Unit;
import org.fangkong.units.unit.UnitTerminal;
import org.fangkong.units.unit.live.LiveStates;
import org.fangkong.units.unit.repository.UnitRepository;
import org.fangkong.units.unit.repository.UnitTerminalRepository;
import org.fangkong.units.zone.repository.ZoneRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Registers, changes and reads units within the caller's organisation scope. */
@ApplicationScoped
public class UnitRegistry {

    private static final String CALL_SIGN_CONSTRAINT = "unit_call_sign_per_org";
    private static final String TERMINAL_CONSTRAINT = "unit_terminal_pkey";

    private final UnitRepository units;
    private final UnitTerminalRepository terminals;
    private final ZoneRepository zones;
    private final LiveStates liveStates;
    private final Validator validator;
    private final Clock clock;
    private final UnitsConfig.Registry config;

    public UnitRegistry(UnitRepository units, UnitTerminalRepository terminals, ZoneRepository zones, LiveStates liveStates,
            Validator validator, Clock clock, UnitsConfig config) {
        this.units = units;
        this.terminals = terminals;
        this.zones = zones;
        this.liveStates = liveStates;
        this.validator = validator;
        this.clock = clock;
        this.config = config.registry();
    }

    /** What to change in an update: the fields the mask named, with their values. */
    public record Changes(Set<String> fields, NewUnit values, Long expectedVersion) {
    }

    public static final Set<String> UPDATABLE = Set.of("call_sign", "force_type", "tier", "head_count", "armed_count",
            "vehicle_plate", "home_zone_id", "terminal_ids");

    public Uni<Unit> register(Caller caller, NewUnit spec) {
        return importAll(caller, List.of(spec), "").map(created -> created.get(0));
    }

    /**
     * Registers every unit or none. Each row is checked on its own (named {@code <prefix>[i].field} for bulk imports)
     * and against the others: call signs unique per organisation, terminals unique across the province.
     */
    public Uni<List<Unit>> importAll(Caller caller, List<NewUnit> specs, String rowPrefix) {
        if (specs.size() > config.maxImport()) {
            throw new InvalidArgumentException("units", "must hold at most " + config.maxImport() + " units per call");
        }
        Violations violations = new Violations();
        Map<String, Integer> callSigns = new HashMap<>();
        Map<String, Integer> terminalIds = new HashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            NewUnit spec = specs.get(i);
            String prefix = specs.size() == 1 && rowPrefix.isEmpty() ? "" : rowPrefix + "[" + i + "].";
            checkRow(violations, spec, prefix);
            Integer earlier = callSigns.putIfAbsent(spec.orgCode() + "/" + spec.callSign(), i);
            violations.require(earlier == null, prefix + "call_sign", "repeats row " + earlier + " of this request");
            for (int t = 0; t < spec.terminalIds().size(); t++) {
                Integer other = terminalIds.putIfAbsent(spec.terminalIds().get(t), i);
                violations.require(other == null, prefix + "terminal_ids[" + t + "]", "is also given in row " + other);
            }
        }
        violations.throwIfAny();
        for (int i = 0; i < specs.size(); i++) {
            String prefix = specs.size() == 1 && rowPrefix.isEmpty() ? "" : rowPrefix + "[" + i + "].";
            caller.requireScope(prefix + "org_code", OrgCode.of(specs.get(i).orgCode()));
        }
        Instant now = now();
        return Panache.withTransaction(() -> checkHomeZones(specs)
                .chain(() -> checkCallSignsFree(specs))
                .chain(() -> checkTerminalsFree(terminalIds.keySet(), null))
                .chain(() -> {
                    List<Unit> created = new ArrayList<>(specs.size());
                    List<UnitTerminal> bound = new ArrayList<>();
                    for (NewUnit spec : specs) {
                        Unit unit = Unit.register(spec, caller.auditName(), now);
                        created.add(unit);
                        spec.terminalIds().forEach(id -> bound.add(new UnitTerminal(id, unit.getId(), now)));
                    }
                    return units.persist(created)
                            .chain(() -> terminals.bind(bound))
                            .replaceWith(created);
                }))
                // Two concurrent registrations of one call sign or terminal: the unique constraints decide.
                .onFailure(failure -> DatabaseConstraints.violated(failure, CALL_SIGN_CONSTRAINT))
                .transform(failure -> new ConflictException("a call sign of this request was registered concurrently"))
                .onFailure(failure -> DatabaseConstraints.violated(failure, TERMINAL_CONSTRAINT))
                .transform(failure -> new ConflictException("a terminal of this request was bound concurrently"))
                .call(created -> liveStates.putAll(created));
    }

    public Uni<Unit> update(Caller caller, UUID id, Changes changes) {
        Violations violations = new Violations();
        violations.require(!changes.fields().isEmpty(), "update_mask", "must name at least one field");
        for (String field : changes.fields()) {
            violations.require(UPDATABLE.contains(field), "update_mask", "names unknown field " + field + "; updatable: "
                    + String.join(", ", UPDATABLE.stream().sorted().toList()));
        }
        violations.throwIfAny();
        Instant now = now();
        return Panache.withTransaction(() -> require(caller, id)
                .call(unit -> {
                    if (changes.expectedVersion() != null && changes.expectedVersion() != unit.getVersion()) {
                        throw new AbortedException("unit " + id + " is at version " + unit.getVersion() + ", not "
                                + changes.expectedVersion() + "; read it again");
                    }
                    NewUnit merged = merge(unit, changes);
                    Violations checked = new Violations();
                    checkRow(checked, merged, "unit.");
                    checked.throwIfAny();
                    Uni<Void> checks = Uni.createFrom().voidItem();
                    if (changes.fields().contains("home_zone_id")) {
                        checks = checks.chain(() -> checkHomeZones(List.of(merged)));
                    }
                    if (changes.fields().contains("call_sign") && !merged.callSign().equals(unit.getCallSign())) {
                        checks = checks.chain(() -> checkCallSignsFree(List.of(merged)));
                    }
                    if (changes.fields().contains("terminal_ids")) {
                        checks = checks.chain(() -> checkTerminalsFree(new HashSet<>(merged.terminalIds()), unit.getId()))
                                .chain(() -> terminals.unbindAll(unit.getId()))
                                .chain(() -> terminals.getSession().chain(session -> session.flush()))
                                .chain(() -> terminals.bind(merged.terminalIds().stream()
                                        .map(t -> new UnitTerminal(t, unit.getId(), now)).toList()));
                    }
                    return checks.invoke(() -> apply(unit, merged, changes.fields()));
                })
                .call(unit -> units.flush()))
                .onFailure(failure -> DatabaseConstraints.violated(failure, CALL_SIGN_CONSTRAINT))
                .transform(failure -> new ConflictException("the call sign was taken concurrently"))
                .call(liveStates::put);
    }

    /** The unit, if it exists and lies within the caller's scope. */
    @WithSession
    public Uni<Optional<Unit>> find(Caller caller, UUID id) {
        return units.findById(id).map(unit -> unit == null ? Optional.<Unit>empty() : caller.visible(unit, Unit::getOrgCode));
    }

    /** The unit within the caller's scope, or NOT_FOUND (also for units outside it: their existence is not told). */
    public Uni<Unit> require(Caller caller, UUID id) {
        return units.findById(id).map(unit -> Optional.ofNullable(unit).flatMap(u -> caller.visible(u, Unit::getOrgCode))
                .orElseThrow(NotFoundException.of("unit", id.toString())));
    }

    /** The units that exist among the ids, whatever the scope (the caller filtered them already). */
    public Uni<List<Unit>> findAll(List<UUID> ids) {
        return units.findByIds(ids);
    }

    /** The unit whatever the scope (the caller's right to it was established otherwise, e.g. by its crew). */
    public Uni<Unit> findAny(UUID id) {
        return units.findById(id).onItem().ifNull().failWith(NotFoundException.of("unit", id.toString()));
    }

    @WithSession
    public Uni<Paging.Slice<Unit>> list(UnitRepository.Filter filter, Paging.Page page) {
        Paging.Key after = page.afterKey();
        return units.page(filter, after == null ? null : after.sortKey(), after == null ? null : after.id(), page.fetchSize())
                .map(found -> page.slice(found, Unit::getCallSign, Unit::getId));
    }

    /** The unit a terminal is bound to; NOT_FOUND for an unknown terminal (without echoing the secret). */
    @WithSession
    public Uni<Unit> resolveTerminal(String terminalId) {
        if (!UnitTerminal.valid(terminalId)) {
            throw new InvalidArgumentException("terminal_id", UnitTerminal.RULE);
        }
        return terminals.findById(UnitTerminal.hash(terminalId))
                .onItem().ifNull().failWith(() -> new NotFoundException("terminal ending", UnitTerminal.hint(terminalId)))
                .chain(bound -> units.findById(bound.getUnitId()));
    }

    private void checkRow(Violations violations, NewUnit spec, String prefix) {
        violations.bean(validator, spec, prefix);
        violations.require(spec.armedCount() <= spec.headCount(), prefix + "armed_count", "must not exceed head_count");
        for (int t = 0; t < spec.terminalIds().size(); t++) {
            violations.require(UnitTerminal.valid(spec.terminalIds().get(t)), prefix + "terminal_ids[" + t + "]", UnitTerminal.RULE);
        }
    }

    private Uni<Void> checkHomeZones(List<NewUnit> specs) {
        Set<UUID> zoneIds = new HashSet<>();
        specs.stream().map(NewUnit::homeZoneId).filter(z -> z != null).forEach(zoneIds::add);
        if (zoneIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return zones.findByIds(zoneIds).invoke(found -> {
            Map<UUID, String> orgOfZone = new HashMap<>();
            found.forEach(zone -> orgOfZone.put(zone.getId(), zone.getOrgCode()));
            Violations violations = new Violations();
            for (int i = 0; i < specs.size(); i++) {
                NewUnit spec = specs.get(i);
                if (spec.homeZoneId() == null) {
                    continue;
                }
                String zoneOrg = orgOfZone.get(spec.homeZoneId());
                String field = (specs.size() == 1 ? "" : "units[" + i + "].") + "home_zone_id";
                violations.require(zoneOrg != null, field, "names no zone");
                violations.require(zoneOrg == null || OrgCode.of(zoneOrg).province().equals(OrgCode.of(spec.orgCode()).province()),
                        field, "must be a zone of the unit's province");
            }
            violations.throwIfAny();
        }).replaceWithVoid();
    }

    private Uni<Void> checkCallSignsFree(List<NewUnit> specs) {
        Set<String> orgs = new HashSet<>();
        Set<String> signs = new HashSet<>();
        specs.forEach(spec -> {
            orgs.add(spec.orgCode());
            signs.add(spec.callSign());
        });
        return units.withCallSigns(orgs, signs).invoke(existing -> {
            Set<String> taken = new HashSet<>();
            existing.forEach(unit -> taken.add(unit.getOrgCode() + "/" + unit.getCallSign()));
            for (NewUnit spec : specs) {
                if (taken.contains(spec.orgCode() + "/" + spec.callSign())) {
                    throw new ConflictException("call_sign " + spec.callSign() + " is already used in organisation " + spec.orgCode());
                }
            }
        }).replaceWithVoid();
    }

    /** Terminals must be unbound, or already bound to {@code ownUnit} (an update keeping them). */
    private Uni<Void> checkTerminalsFree(Set<String> terminalIds, UUID ownUnit) {
        return terminals.bound(terminalIds.stream().map(UnitTerminal::hash).toList()).invoke(bound -> {
            for (UnitTerminal terminal : bound) {
                if (!terminal.getUnitId().equals(ownUnit)) {
                    throw new ConflictException("a terminal given is already bound to another unit");
                }
            }
        }).replaceWithVoid();
    }

    private static NewUnit merge(Unit unit, Changes changes) {
        Set<String> f = changes.fields();
        NewUnit v = changes.values();
        return new NewUnit(
                f.contains("call_sign") ? v.callSign() : unit.getCallSign(),
                unit.getOrgCode(),
                f.contains("force_type") ? v.forceType() : unit.getForceType(),
                f.contains("tier") ? v.tier() : unit.getTier(),
                f.contains("head_count") ? v.headCount() : unit.getHeadCount(),
                f.contains("armed_count") ? v.armedCount() : unit.getArmedCount(),
                f.contains("vehicle_plate") ? v.vehiclePlate() : unit.getVehiclePlate(),
                f.contains("home_zone_id") ? v.homeZoneId() : unit.getHomeZoneId(),
                f.contains("terminal_ids") ? v.terminalIds() : List.of());
    }

    private static void apply(Unit unit, NewUnit merged, Set<String> fields) {
        unit.rename(merged.callSign());
        unit.reclassify(merged.forceType(), merged.tier());
        unit.recount(merged.headCount(), merged.armedCount());
        unit.assignVehicle(merged.vehiclePlate());
        unit.assignHomeZone(merged.homeZoneId());
        if (fields.contains("terminal_ids")) {
            unit.rebindTerminals(merged.terminalIds());
        }
    }

    /** PostgreSQL keeps microseconds: what we answer must equal what a later read returns. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
