package org.fangkong.units.organisation.service;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.errors.ConflictException;
import org.fangkong.platform.errors.FailedPreconditionException;
import org.fangkong.platform.errors.InvalidArgumentException;
import org.fangkong.platform.errors.NotFoundException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.units.organisation.Organisation;
import org.fangkong.units.organisation.repository.OrganisationRepository;
import org.fangkong.units.unit.repository.UnitRepository;
import org.fangkong.units.zone.repository.KeySiteRepository;
import org.fangkong.units.zone.repository.ZoneRepository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The organisation tree. A province bureau is a root; every other organisation hangs under a bureau whose scope
 * covers its code (a district under its city, a station under its district). Neighbours are kept symmetric.
 */
@ApplicationScoped
public class OrganisationRegistry {

    private final OrganisationRepository organisations;
    private final UnitRepository units;
    private final ZoneRepository zones;
    private final KeySiteRepository keySites;
    private final Clock clock;

    public OrganisationRegistry(OrganisationRepository organisations, UnitRepository units, ZoneRepository zones,
            KeySiteRepository keySites, Clock clock) {
        this.organisations = organisations;
        this.units = units;
        this.zones = zones;
        this.keySites = keySites;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Organisation> rename(Caller caller, String code, String name) {
        new Violations().notBlank(name, "name")
                .require(name == null || name.strip().length() <= 128, "name", "must be at most 128 characters")
                .throwIfAny();
        caller.requireScope("code", OrgCode.parse("code", code));
        return organisations.findById(code)
                .onItem().ifNull().failWith(() -> new NotFoundException("organisation", code))
                .invoke(found -> found.rename(name.strip()));
    }

    /** Removes an organisation nothing hangs on, and takes it out of its neighbours' lists. */
    @WithTransaction
    public Uni<Void> delete(Caller caller, String code) {
        caller.requireScope("code", OrgCode.parse("code", code));
        return organisations.findById(code)
                .onItem().ifNull().failWith(() -> new NotFoundException("organisation", code))
                .call(found -> organisations.count("parentCode", code)
                        .chain(children -> units.count("orgCode", code).chain(unitCount -> zones.count("orgCode", code)
                                .chain(zoneCount -> keySites.count("orgCode", code).invoke(siteCount -> {
                                    List<String> left = new java.util.ArrayList<>();
                                    addIfAny(left, children, "child organisations");
                                    addIfAny(left, unitCount, "units");
                                    addIfAny(left, zoneCount, "zones");
                                    addIfAny(left, siteCount, "key sites");
                                    if (!left.isEmpty()) {
                                        throw new FailedPreconditionException("organisation " + code + " still has "
                                                + String.join(", ", left) + "; move or remove them first");
                                    }
                                })))))
                .call(found -> organisations.findByCodes(found.getNeighbourCodes())
                        .invoke(neighbours -> neighbours.forEach(n -> n.getNeighbourCodes().remove(code))))
                .call(found -> {
                    found.getNeighbourCodes().clear();
                    return organisations.delete(found);
                })
                .replaceWithVoid();
    }

    private static void addIfAny(List<String> left, long count, String what) {
        if (count > 0) {
            left.add(count + " " + what);
        }
    }

    @WithTransaction
    public Uni<Organisation> create(Caller caller, String code, String name, String parentCode) {
        Violations violations = new Violations().notBlank(name, "name")
                .require(name == null || name.length() <= 128, "name", "must be at most 128 characters");
        OrgCode org = OrgCode.parse("code", code);
        boolean province = org.isBureau() && org.scopePrefix().length() == 2;
        violations.require(!province || parentCode.isEmpty(), "parent_code", "must be empty for a province bureau");
        violations.require(province || !parentCode.isEmpty(), "parent_code", "is required below province level");
        violations.throwIfAny();
        caller.requireScope("code", org);
        Uni<Void> parentChecked = province ? Uni.createFrom().voidItem() : requireParent(org, parentCode);
        return parentChecked
                .chain(() -> organisations.findById(code))
                .chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().failure(new ConflictException("organisation " + code + " already exists"));
                    }
                    return organisations.persist(new Organisation(code, name.strip(), province ? null : parentCode,
                            caller.auditName(), clock.instant().truncatedTo(ChronoUnit.MICROS)));
                });
    }

    private Uni<Void> requireParent(OrgCode org, String parentCode) {
        OrgCode parent = OrgCode.parse("parent_code", parentCode);
        if (!parent.isBureau() || parent.equals(org) || !parent.covers(org)) {
            throw new InvalidArgumentException("parent_code", "must be a bureau whose scope covers " + org);
        }
        return organisations.findById(parentCode).map(found -> {
            if (found == null) {
                throw new InvalidArgumentException("parent_code", "must name an existing organisation");
            }
            return null;
        });
    }

    @WithSession
    public Uni<Optional<Organisation>> find(String code) {
        OrgCode.parse("code", code);
        return organisations.findById(code).map(Optional::ofNullable);
    }

    /** The subtree under {@code rootCode}, itself included, parents before children. */
    @WithSession
    public Uni<List<Organisation>> subtree(String rootCode) {
        return organisations.subtree(OrgCode.parse("root_code", rootCode).scopePrefix());
    }

    /** Replaces the organisation's neighbours, updating the other side of every pair. */
    @WithTransaction
    public Uni<Organisation> setNeighbours(Caller caller, String code, List<String> neighbourCodes) {
        OrgCode org = OrgCode.parse("code", code);
        caller.requireScope("code", org);
        Set<String> wanted = new LinkedHashSet<>();
        Violations violations = new Violations();
        for (int i = 0; i < neighbourCodes.size(); i++) {
            String neighbour = neighbourCodes.get(i);
            violations.require(OrgCode.isValid(neighbour), "neighbour_codes[" + i + "]", OrgCode.RULE);
            violations.require(!code.equals(neighbour), "neighbour_codes[" + i + "]", "must not be the organisation itself");
            wanted.add(neighbour);
        }
        violations.throwIfAny();
        return organisations.findById(code)
                .onItem().ifNull().failWith(() -> new NotFoundException("organisation", code))
                .chain(self -> organisations.findByCodes(wanted).chain(added -> {
                    Set<String> found = added.stream().map(Organisation::getCode).collect(Collectors.toSet());
                    List<String> unknown = wanted.stream().filter(c -> !found.contains(c)).toList();
                    if (!unknown.isEmpty()) {
                        throw new InvalidArgumentException("neighbour_codes", "unknown organisations " + unknown);
                    }
                    return organisations.findByCodes(self.getNeighbourCodes()).map(removed -> {
                        removed.forEach(old -> old.getNeighbourCodes().remove(code));
                        added.forEach(now -> now.getNeighbourCodes().add(code));
                        self.getNeighbourCodes().clear();
                        self.getNeighbourCodes().addAll(wanted);
                        return self;
                    });
                }));
    }
}
