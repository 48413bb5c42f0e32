package org.fangkong.units.unit.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.units.unit.ForceType;
import org.fangkong.units.unit.Unit;
import org.fangkong.units.unit.UnitStatus;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class UnitRepository implements PanacheRepositoryBase<Unit, UUID> {

    public Uni<List<Unit>> findByIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("id in ?1", ids);
    }

    public Uni<Boolean> callSignTaken(String orgCode, String callSign) {
        return count("orgCode = ?1 and callSign = ?2", orgCode, callSign).map(count -> count > 0);
    }

    /** Units already holding any of the call signs in those organisations (a superset; callers match pairs). */
    public Uni<List<Unit>> withCallSigns(Collection<String> orgCodes, Collection<String> callSigns) {
        return list("orgCode in ?1 and callSign in ?2", orgCodes, callSigns);
    }

    /** A filtered page, by call sign then id, after the given key ("" for the first page). */
    public Uni<List<Unit>> page(Filter filter, String afterCallSign, UUID afterId, int limit) {
        StringBuilder where = new StringBuilder("orgCode like :scope");
        Map<String, Object> params = new HashMap<>();
        params.put("scope", filter.scopePrefix() + "%");
        if (!filter.forceTypes().isEmpty()) {
            where.append(" and forceType in :forceTypes");
            params.put("forceTypes", filter.forceTypes());
        }
        if (!filter.statuses().isEmpty()) {
            where.append(" and status in :statuses");
            params.put("statuses", filter.statuses());
        }
        if (filter.homeZoneId() != null) {
            where.append(" and homeZoneId = :zone");
            params.put("zone", filter.homeZoneId());
        }
        if (afterId != null) {
            where.append(" and (callSign > :afterCallSign or (callSign = :afterCallSign and id > :afterId))");
            params.put("afterCallSign", afterCallSign);
            params.put("afterId", afterId);
        }
        return find(where + " order by callSign, id", params).page(0, limit).list();
    }

    /** Every unit, a page at a time by id (rebuilding the Redis mirror). */
    public Uni<List<Unit>> pageById(UUID afterId, int limit) {
        return afterId == null
                ? find("order by id").page(0, limit).list()
                : find("id > ?1 order by id", afterId).page(0, limit).list();
    }

    /** Units on duty in a subtree. */
    public Uni<List<Unit>> onDuty(String scopePrefix) {
        return list("orgCode like ?1 and status <> ?2", scopePrefix + "%", UnitStatus.OFF_DUTY);
    }

    /** What listing filters on. */
    public record Filter(String scopePrefix, List<ForceType> forceTypes, List<UnitStatus> statuses, UUID homeZoneId) {
        public Filter {
            forceTypes = new ArrayList<>(forceTypes);
            statuses = new ArrayList<>(statuses);
        }
    }
}
