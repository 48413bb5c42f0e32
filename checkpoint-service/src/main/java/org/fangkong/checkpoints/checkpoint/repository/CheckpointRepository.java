package org.fangkong.checkpoints.checkpoint.repository;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.checkpoints.checkpoint.Checkpoint;
import org.fangkong.checkpoints.checkpoint.CheckpointState;
import org.fangkong.checkpoints.checkpoint.CheckpointType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CheckpointRepository implements PanacheRepositoryBase<Checkpoint, UUID> {

    public Uni<List<Checkpoint>> findByIds(Collection<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", ids);
    }

    public Uni<Boolean> codeTaken(String code) {
        return count("code", code).map(count -> count > 0);
    }

    /** A filtered page of a subtree, by code, after the given code ("" for the first page). */
    public Uni<List<Checkpoint>> page(String scopePrefix, List<CheckpointType> types, String ring, List<CheckpointState> states,
            String afterCode, int limit) {
        StringBuilder where = new StringBuilder("orgCode like :scope and code > :after");
        Map<String, Object> params = new HashMap<>();
        params.put("scope", scopePrefix + "%");
        params.put("after", afterCode);
        if (!types.isEmpty()) {
            where.append(" and type in :types");
            params.put("types", types);
        }
        if (!states.isEmpty()) {
            where.append(" and state in :states");
            params.put("states", states);
        }
        if (ring != null) {
            where.append(" and :ring member of rings");
            params.put("ring", ring);
        }
        return find(where + " order by code", params).page(0, limit).list();
    }

    /** Open checkpoints of a subtree with a fixed place inside a box, and every open mobile one (placed live). */
    public Uni<List<Checkpoint>> openNear(String scopePrefix, double minLat, double maxLat, double minLon, double maxLon) {
        return list("orgCode like ?1 and state <> ?2 and ((location.lat between ?3 and ?4 and location.lon between ?5 and ?6) "
                + "or type = ?7)", scopePrefix + "%", CheckpointState.OUT_OF_SERVICE, minLat, maxLat, minLon, maxLon,
                CheckpointType.MOBILE_CHECKPOINT);
    }

    /** The plan's members: listed ones and every checkpoint of its rings, within its organisation's scope. */
    public Uni<List<Checkpoint>> members(Collection<UUID> listed, Collection<String> rings, String scopePrefix) {
        if (listed.isEmpty() && rings.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("select distinct c from Checkpoint c left join c.rings r where c.orgCode like ?1 and (c.id in ?2 or r in ?3)",
                scopePrefix + "%", listed.isEmpty() ? List.of(new UUID(0, 0)) : listed, rings.isEmpty() ? List.of("") : rings);
    }
}
