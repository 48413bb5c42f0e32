package org.fangkong.units.unit.service;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.identity.OrgCode;
import org.fangkong.units.unit.ForceType;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** People, cars and firearms on duty by force type for a subtree: the "13,000 police, 5,300 cars" view. */
@ApplicationScoped
public class DutyStrength {

    private static final String SELECT = "select force_type, count(*) as units, sum(head_count) as people, "
            + "count(vehicle_plate) as cars, sum(armed_count) as firearms from unit "
            + "where org_code like $1 and status <> 'OFF_DUTY' group by force_type";

    private final Pool database;

    public DutyStrength(Pool database) {
        this.database = database;
    }

    public record Strength(ForceType forceType, int units, int people, int cars, int firearms) {
        Strength plus(Strength other) {
            return new Strength(null, units + other.units, people + other.people, cars + other.cars, firearms + other.firearms);
        }
    }

    public record Report(List<Strength> byForceType, Strength total) {
    }

    /** Every force type appears, with zeros where none is on duty, in the order of the enum. */
    public Uni<Report> of(OrgCode scope) {
        return database.preparedQuery(SELECT).execute(Tuple.of(scope.scopePrefix() + "%")).map(rows -> {
            Map<ForceType, Strength> byType = new EnumMap<>(ForceType.class);
            for (ForceType type : ForceType.values()) {
                byType.put(type, new Strength(type, 0, 0, 0, 0));
            }
            for (Row row : rows) {
                ForceType type = ForceType.valueOf(row.getString("force_type"));
                byType.put(type, new Strength(type, row.getLong("units").intValue(), row.getLong("people").intValue(),
                        row.getLong("cars").intValue(), row.getLong("firearms").intValue()));
            }
            Strength total = new Strength(null, 0, 0, 0, 0);
            for (Strength strength : byType.values()) {
                total = total.plus(strength);
            }
            return new Report(new ArrayList<>(byType.values()), total);
        });
    }
}
