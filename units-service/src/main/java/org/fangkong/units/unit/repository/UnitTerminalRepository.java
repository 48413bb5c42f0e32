package org.fangkong.units.unit.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.units.unit.UnitTerminal;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class UnitTerminalRepository implements PanacheRepositoryBase<UnitTerminal, String> {

    /** Terminals already bound (to any unit) among the given hashes. */
    public Uni<List<UnitTerminal>> bound(Collection<String> hashes) {
        if (hashes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("terminalHash in ?1", hashes);
    }

    /** Binds the terminals (none is fine). */
    public Uni<Void> bind(java.util.List<UnitTerminal> bound) {
        return bound.isEmpty() ? Uni.createFrom().voidItem() : persist(bound);
    }

    public Uni<Long> unbindAll(UUID unitId) {
        return delete("unitId", unitId);
    }
}
