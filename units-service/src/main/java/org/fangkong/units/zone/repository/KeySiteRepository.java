package org.fangkong.units.zone.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.units.zone.KeySite;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class KeySiteRepository implements PanacheRepositoryBase<KeySite, UUID> {

    public Uni<List<KeySite>> page(String scopePrefix, String afterName, UUID afterId, int limit) {
        if (afterId == null) {
            return find("orgCode like ?1 order by name, id", scopePrefix + "%").page(0, limit).list();
        }
        return find("orgCode like ?1 and (name > ?2 or (name = ?2 and id > ?3)) order by name, id", scopePrefix + "%", afterName, afterId)
                .page(0, limit).list();
    }

    /** Sites whose centre lies within a latitude band around the point: candidates for the exact radius test. */
    public Uni<List<KeySite>> near(double lat, double latSpan, String scopePrefix) {
        return list("lat between ?1 and ?2 and orgCode like ?3", lat - latSpan, lat + latSpan, scopePrefix + "%");
    }
}
