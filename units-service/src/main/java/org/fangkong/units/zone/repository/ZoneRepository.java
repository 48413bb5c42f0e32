package org.fangkong.units.zone.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.units.zone.Zone;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ZoneRepository implements PanacheRepositoryBase<Zone, UUID> {

    public Uni<List<Zone>> findByIds(Collection<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", ids);
    }

    /** Zones of a subtree by name then id, after the given key. */
    public Uni<List<Zone>> page(String scopePrefix, String afterName, UUID afterId, int limit) {
        if (afterId == null) {
            return find("orgCode like ?1 order by name, id", scopePrefix + "%").page(0, limit).list();
        }
        return find("orgCode like ?1 and (name > ?2 or (name = ?2 and id > ?3)) order by name, id", scopePrefix + "%", afterName, afterId)
                .page(0, limit).list();
    }

    /** Every zone of a subtree (coverage of a whole organisation). */
    public Uni<List<Zone>> inScope(String scopePrefix) {
        return list("orgCode like ?1 order by name, id", scopePrefix + "%");
    }

    /** Zones whose bounding box holds the point: the candidates for an exact polygon test. */
    public Uni<List<Zone>> boxesHolding(double lat, double lon, String scopePrefix) {
        return list("minLat <= ?1 and maxLat >= ?1 and minLon <= ?2 and maxLon >= ?2 and orgCode like ?3", lat, lon, scopePrefix + "%");
    }
}
