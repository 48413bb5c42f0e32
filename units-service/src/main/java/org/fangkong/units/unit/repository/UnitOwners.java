package org.fangkong.units.unit.repository;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The unit and organisation behind each fix of a batch, read as plain rows through the reactive SQL client: position
 * ingest asks this for every batch, and loading whole {@code Unit} entities through Hibernate for it took most of
 * units-service's CPU under load (bench profile). One array parameter keeps one prepared statement for any batch size.
 */
@ApplicationScoped
public class UnitOwners {

    /** A unit as position ingest needs it. */
    public record Owner(UUID unitId, String orgCode) {
    }

    private final Pool database;

    public UnitOwners(Pool database) {
        this.database = database;
    }

    /** Owners of the units that exist among {@code unitIds}, by unit id. */
    public Uni<Map<UUID, Owner>> ofUnits(Collection<UUID> unitIds) {
        if (unitIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return database.preparedQuery("select id, org_code from unit where id = any($1)")
                .execute(Tuple.of(unitIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Owner> owners = new HashMap<>();
                    for (Row row : rows) {
                        owners.put(row.getUUID(0), new Owner(row.getUUID(0), row.getString(1)));
                    }
                    return owners;
                });
    }

    /** Owners of the units the bound terminals among {@code terminalHashes} belong to, by terminal hash. */
    public Uni<Map<String, Owner>> ofTerminals(Collection<String> terminalHashes) {
        if (terminalHashes.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return database.preparedQuery("select t.terminal_hash, u.id, u.org_code from unit_terminal t join unit u on u.id = t.unit_id "
                + "where t.terminal_hash = any($1)")
                .execute(Tuple.of(terminalHashes.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Owner> owners = new HashMap<>();
                    for (Row row : rows) {
                        owners.put(row.getString(0), new Owner(row.getUUID(1), row.getString(2)));
                    }
                    return owners;
                });
    }
}
