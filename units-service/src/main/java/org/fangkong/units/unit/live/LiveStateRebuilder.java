package org.fangkong.units.unit.live;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.recovery.HotStateRebuilder;
import org.fangkong.units.unit.Unit;
import org.fangkong.units.unit.repository.UnitRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Refills the Redis mirror of unit states from PostgreSQL after Redis lost its data (and at start). Positions are
 * not rebuilt: they refill from the next fixes; stale watchdogs come back through the platform's timer rebuild.
 */
@ApplicationScoped
public class LiveStateRebuilder implements HotStateRebuilder {

    private static final int PAGE = 2000;

    private final UnitRepository units;
    private final LiveStates liveStates;

    public LiveStateRebuilder(UnitRepository units, LiveStates liveStates) {
        this.units = units;
        this.liveStates = liveStates;
    }

    @Override
    public String name() {
        return "unit live states";
    }

    @Override
    public Uni<Void> rebuild() {
        return pageAfter(null);
    }

    private Uni<Void> pageAfter(UUID after) {
        return Panache.withSession(() -> units.pageById(after, PAGE)).chain(page -> {
            if (page.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<Unit> batch = page;
            Uni<Void> written = liveStates.putAll(batch);
            return page.size() < PAGE ? written : written.chain(() -> pageAfter(batch.get(batch.size() - 1).getId()));
        });
    }
}
