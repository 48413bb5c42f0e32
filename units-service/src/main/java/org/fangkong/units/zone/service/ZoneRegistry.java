package org.fangkong.units.zone.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.errors.ConflictException;
import org.fangkong.platform.errors.DatabaseConstraints;
import org.fangkong.platform.errors.NotFoundException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.outbox.Outbox;
import org.fangkong.platform.paging.Paging;
import org.fangkong.proto.events.v1.Event;
import org.fangkong.proto.events.v1.ZoneLevelChanged;
import org.fangkong.units.config.UnitsConfig;
import org.fangkong.units.unit.UnitEvents;
import org.fangkong.units.zone.Zone;
import org.fangkong.units.zone.ZoneGeometry;
import org.fangkong.units.zone.ZoneLevelChange;
import org.fangkong.units.zone.repository.ZoneLevelChangeRepository;
import org.fangkong.units.zone.repository.ZoneRepository;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Patrol zones: their polygons, their patrol levels with history, and which zone holds a point. */
@ApplicationScoped
public class ZoneRegistry {

    private static final String NAME_CONSTRAINT = "zone_name_per_org";

    private final ZoneRepository zones;
    private final ZoneLevelChangeRepository levelChanges;
    private final Outbox outbox;
    private final Clock clock;
    private final UnitsConfig.Zones config;

    public ZoneRegistry(ZoneRepository zones, ZoneLevelChangeRepository levelChanges, Outbox outbox, Clock clock, UnitsConfig config) {
        this.zones = zones;
        this.levelChanges = levelChanges;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config.zones();
    }

    /** Units the zone's level requires to be visible in it. */
    public int requiredUnits(Zone zone) {
        return config.requiredUnits().get(zone.getPatrolLevel() - 1);
    }

    @WithTransaction
    public Uni<Zone> create(Caller caller, String name, String orgCode, List<ZoneGeometry.LatLon> ring, int level) {
        int patrolLevel = level == 0 ? 4 : level;
        Violations violations = checkName(new Violations(), name)
                .require(patrolLevel >= 1 && patrolLevel <= 4, "patrol_level", "must be between 1 and 4 (0 for 4)");
        violations.throwIfAny();
        OrgCode org = OrgCode.parse("org_code", orgCode);
        caller.requireScope("org_code", org);
        Polygon polygon = ZoneGeometry.polygon(ring, config.maxVertices(), "polygon");
        Zone zone = new Zone(name.strip(), org.value(), polygon, patrolLevel, caller.auditName(), now());
        return zones.persist(zone).call(() -> zones.flush())
                .onFailure(failure -> DatabaseConstraints.violated(failure, NAME_CONSTRAINT))
                .transform(failure -> new ConflictException("zone name " + name.strip() + " is already used in organisation " + orgCode));
    }

    @WithTransaction
    public Uni<Zone> update(Caller caller, UUID id, String name, List<ZoneGeometry.LatLon> ring) {
        if (!name.isEmpty()) {
            checkName(new Violations(), name).throwIfAny();
        }
        Polygon polygon = ring.isEmpty() ? null : ZoneGeometry.polygon(ring, config.maxVertices(), "polygon");
        return require(caller, id).call(zone -> {
            if (!name.isEmpty()) {
                zone.rename(name.strip());
            }
            if (polygon != null) {
                zone.reshape(polygon);
            }
            return zones.flush();
        }).onFailure(failure -> DatabaseConstraints.violated(failure, NAME_CONSTRAINT))
                .transform(failure -> new ConflictException("zone name " + name.strip() + " is already used in its organisation"));
    }

    @WithSession
    public Uni<Zone> get(Caller caller, UUID id) {
        return require(caller, id);
    }

    @WithSession
    public Uni<Paging.Slice<Zone>> list(OrgCode scope, Paging.Page page) {
        Paging.Key after = page.afterKey();
        return zones.page(scope.scopePrefix(), after == null ? null : after.sortKey(), after == null ? null : after.id(), page.fetchSize())
                .map(found -> page.slice(found, Zone::getName, Zone::getId));
    }

    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID id) {
        return require(caller, id).call(zones::delete).replaceWithVoid();
    }

    /** Sets the level with its reason in the history, and announces it on the unit events stream. */
    @WithTransaction
    public Uni<Zone> setLevel(Caller caller, UUID id, int level, String reason) {
        new Violations()
                .require(level >= 1 && level <= 4, "patrol_level", "must be between 1 and 4")
                .notBlank(reason, "reason")
                .require(reason == null || reason.length() <= 500, "reason", "must be at most 500 characters")
                .throwIfAny();
        Instant now = now();
        return require(caller, id).call(zone -> {
            if (zone.getPatrolLevel() == level) {
                return Uni.createFrom().voidItem();
            }
            int previous = zone.changeLevel(level, caller.auditName(), now);
            UUID eventId = UUID.randomUUID();
            Event event = Event.newBuilder()
                    .setId(eventId.toString())
                    .setType("zone.level")
                    .setOrgCode(zone.getOrgCode())
                    .setTime(Timestamps.of(now))
                    .setZoneLevelChanged(ZoneLevelChanged.newBuilder()
                            .setZoneId(zone.getId().toString())
                            .setZoneName(zone.getName())
                            .setFromLevel(previous)
                            .setToLevel(level)
                            .setRequiredUnits(requiredUnits(zone))
                            .setChangedBy(caller.auditName())
                            .setReason(reason.strip()))
                    .build();
            return levelChanges.persist(new ZoneLevelChange(zone.getId(), previous, level, caller.auditName(), now, reason.strip()))
                    .chain(() -> outbox.record(UnitEvents.STREAM, eventId, event.toByteArray()));
        });
    }

    @WithSession
    public Uni<List<ZoneLevelChange>> history(Caller caller, UUID id) {
        return require(caller, id).chain(zone -> levelChanges.ofZone(id));
    }

    /** The zone whose polygon holds the point, within the scope; the smallest if zones overlap. */
    public Uni<Optional<Zone>> at(double lat, double lon, OrgCode scope) {
        Point point = ZoneGeometry.point(lat, lon);
        return zones.boxesHolding(lat, lon, scope.scopePrefix()).map(candidates -> candidates.stream()
                .filter(zone -> zone.polygon().covers(point))
                .min(Comparator.comparingDouble(zone -> zone.polygon().getArea())));
    }

    public Uni<Zone> require(Caller caller, UUID id) {
        return zones.findById(id).map(zone -> Optional.ofNullable(zone).flatMap(z -> caller.visible(z, Zone::getOrgCode))
                .orElseThrow(NotFoundException.of("zone", id.toString())));
    }

    private static Violations checkName(Violations violations, String name) {
        return violations.notBlank(name, "name")
                .require(name == null || name.strip().length() <= 128, "name", "must be at most 128 characters");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
