package org.fangkong.units.zone.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.units.zone.ZoneLevelChange;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ZoneLevelChangeRepository implements PanacheRepositoryBase<ZoneLevelChange, UUID> {

    public Uni<List<ZoneLevelChange>> ofZone(UUID zoneId) {
        return list("zoneId = ?1 order by changedAt desc", zoneId);
    }
}
