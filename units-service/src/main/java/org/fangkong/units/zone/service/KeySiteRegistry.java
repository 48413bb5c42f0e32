package org.fangkong.units.zone.service;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.errors.NotFoundException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.geo.GreatCircle;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.paging.Paging;
import org.fangkong.units.unit.Unit;
import org.fangkong.units.unit.repository.UnitRepository;
import org.fangkong.units.zone.KeySite;
import org.fangkong.units.zone.KeySiteSpec;
import org.fangkong.units.zone.repository.KeySiteRepository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Key sites: their circles, posted units and response targets, and which sites hold a point. */
@ApplicationScoped
public class KeySiteRegistry {

    /** The 1-3-5 standard: react in 60 s, arrive in 180 s, resolve in 300 s. */
    public static final int DEFAULT_REACT_S = 60;
    public static final int DEFAULT_ARRIVE_S = 180;
    public static final int DEFAULT_RESOLVE_S = 300;
    private static final double MAX_RADIUS_M = 5000;

    private final KeySiteRepository sites;
    private final UnitRepository units;
    private final Clock clock;

    public KeySiteRegistry(KeySiteRepository sites, UnitRepository units, Clock clock) {
        this.sites = sites;
        this.units = units;
        this.clock = clock;
    }

    /** Checks a spec and fills the default targets; {@code prefix} names nested fields. */
    public static KeySiteSpec validated(KeySiteSpec spec, String prefix) {
        Violations violations = new Violations()
                .notBlank(spec.name(), prefix + "name")
                .require(spec.name() == null || spec.name().strip().length() <= 128, prefix + "name", "must be at most 128 characters")
                .require(spec.category() != null, prefix + "category", "must name a key site category")
                .range(spec.lat(), -90, 90, prefix + "center.lat")
                .range(spec.lon(), -180, 180, prefix + "center.lon")
                .require(spec.radiusMeters() >= 10 && spec.radiusMeters() <= MAX_RADIUS_M, prefix + "radius_m", "must be between 10 and 5000")
                .require(spec.postedUnitIds().size() <= 200, prefix + "posted_unit_ids", "may hold at most 200 units");
        int react = target(violations, spec.reactTargetSeconds(), DEFAULT_REACT_S, prefix + "react_target_s");
        int arrive = target(violations, spec.arriveTargetSeconds(), DEFAULT_ARRIVE_S, prefix + "arrive_target_s");
        int resolve = target(violations, spec.resolveTargetSeconds(), DEFAULT_RESOLVE_S, prefix + "resolve_target_s");
        violations.require(react <= arrive && arrive <= resolve, prefix + "arrive_target_s",
                "targets must not decrease: react <= arrive <= resolve");
        violations.throwIfAny();
        return new KeySiteSpec(spec.name().strip(), spec.category(), spec.lat(), spec.lon(), spec.radiusMeters(),
                List.copyOf(new java.util.LinkedHashSet<>(spec.postedUnitIds())), react, arrive, resolve);
    }

    @WithTransaction
    public Uni<KeySite> create(Caller caller, String orgCode, KeySiteSpec spec) {
        KeySiteSpec checked = validated(spec, "");
        OrgCode org = OrgCode.parse("org_code", orgCode);
        caller.requireScope("org_code", org);
        return checkPostedUnits(caller, checked.postedUnitIds(), "posted_unit_ids")
                .chain(() -> sites.persist(new KeySite(org.value(), checked, caller.auditName(), clock.instant().truncatedTo(ChronoUnit.MICROS))));
    }

    @WithTransaction
    public Uni<KeySite> update(Caller caller, UUID id, KeySiteSpec spec) {
        KeySiteSpec checked = validated(spec, "site.");
        return require(caller, id)
                .call(() -> checkPostedUnits(caller, checked.postedUnitIds(), "site.posted_unit_ids"))
                .invoke(site -> site.revise(checked))
                .call(() -> sites.flush());
    }

    @WithSession
    public Uni<KeySite> get(Caller caller, UUID id) {
        return require(caller, id);
    }

    @WithSession
    public Uni<Paging.Slice<KeySite>> list(OrgCode scope, Paging.Page page) {
        Paging.Key after = page.afterKey();
        return sites.page(scope.scopePrefix(), after == null ? null : after.sortKey(), after == null ? null : after.id(), page.fetchSize())
                .map(found -> page.slice(found, KeySite::getName, KeySite::getId));
    }

    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID id) {
        return require(caller, id).call(sites::delete).replaceWithVoid();
    }

    /** Sites whose circle holds the point, nearest centre first. */
    public Uni<List<KeySite>> at(double lat, double lon, OrgCode scope) {
        double latSpan = GreatCircle.latitudeSpan(MAX_RADIUS_M);
        return sites.near(lat, latSpan, scope.scopePrefix()).map(candidates -> candidates.stream()
                .filter(site -> GreatCircle.meters(lat, lon, site.getLat(), site.getLon()) <= site.getRadiusMeters())
                .sorted(Comparator.comparingDouble(site -> GreatCircle.meters(lat, lon, site.getLat(), site.getLon())))
                .toList());
    }


    private Uni<KeySite> require(Caller caller, UUID id) {
        return sites.findById(id).map(site -> Optional.ofNullable(site).flatMap(s -> caller.visible(s, KeySite::getOrgCode))
                .orElseThrow(NotFoundException.of("key site", id.toString())));
    }

    /** Posted units must exist within the caller's scope. */
    private Uni<Void> checkPostedUnits(Caller caller, List<UUID> unitIds, String field) {
        return units.findByIds(unitIds).invoke(found -> {
            HashSet<UUID> visible = new HashSet<>();
            found.stream().filter(unit -> caller.canSee(OrgCode.of(unit.getOrgCode()))).map(Unit::getId).forEach(visible::add);
            Violations violations = new Violations();
            for (int i = 0; i < unitIds.size(); i++) {
                violations.require(visible.contains(unitIds.get(i)), field + "[" + i + "]", "names no unit within your scope");
            }
            violations.throwIfAny();
        }).replaceWithVoid();
    }

    private static int target(Violations violations, int seconds, int fallback, String field) {
        violations.require(seconds >= 0 && seconds <= 86_400, field, "must be between 1 and 86400 seconds (0 for the default)");
        return seconds == 0 ? fallback : seconds;
    }
}
