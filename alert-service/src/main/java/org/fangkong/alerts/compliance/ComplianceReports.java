package org.fangkong.alerts.compliance;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.identity.OrgCode;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * 1-3-5 compliance: of the incidents reported in a time range (cancelled ones left out), how many reacted, arrived
 * and resolved within their targets, overall and by key site, zone and the force type of the units sent. A rate is
 * taken over the incidents whose clock has been decided (stopped, or breached).
 */
@ApplicationScoped
public class ComplianceReports {

    private static final Duration LONGEST = Duration.ofDays(366);

    public record Row(String group, String key, int incidents, int reactedInTime, int arrivedInTime, int resolvedInTime, double reactRate,
            double arriveRate, double resolveRate) {
    }

    public Uni<List<Row>> report(OrgCode scope, Instant from, Instant to) {
        new Violations().require(from != null, "from", "is required").require(to != null, "to", "is required")
                .require(from == null || to == null || from.isBefore(to), "to", "must be after from")
                .require(from == null || to == null || Duration.between(from, to).compareTo(LONGEST) <= 0, "to", "must be at most 366 days after from")
                .throwIfAny();
        String clocks = "i.id, i.key_site_id, i.zone_id, "
                + "coalesce(i.reacted_at <= i.reported_at + make_interval(secs => i.react_target_s), false) as react_ok, "
                + "coalesce(i.arrived_at <= i.reported_at + make_interval(secs => i.arrive_target_s), false) as arrive_ok, "
                + "coalesce(i.resolved_at <= i.reported_at + make_interval(secs => i.resolve_target_s), false) as resolve_ok, "
                + "(i.reacted_at is not null or exists (select 1 from incident_breach b where b.incident_id = i.id and b.clock = 'react')) as react_done, "
                + "(i.arrived_at is not null or exists (select 1 from incident_breach b where b.incident_id = i.id and b.clock = 'arrive')) as arrive_done, "
                + "(i.resolved_at is not null or exists (select 1 from incident_breach b where b.incident_id = i.id and b.clock = 'resolve')) as resolve_done";
        String sql = "with scoped as (select " + clocks + " from incident i where i.org_code like ?1 and i.reported_at >= ?2 "
                + "and i.reported_at < ?3 and i.status <> 'CANCELLED'), "
                + "grouped as (select s.*, 'total' as grp, '' as key from scoped s "
                + "union all select s.*, 'key_site', s.key_site_id::text from scoped s where s.key_site_id is not null "
                + "union all select s.*, 'zone', s.zone_id::text from scoped s where s.zone_id is not null "
                + "union all select distinct s.*, 'force_type', a.force_type from scoped s join incident_assignment a on a.incident_id = s.id) "
                + "select grp, key, count(*), count(*) filter (where react_ok), count(*) filter (where arrive_ok), "
                + "count(*) filter (where resolve_ok), count(*) filter (where react_done), count(*) filter (where arrive_done), "
                + "count(*) filter (where resolve_done) from grouped group by grp, key order by grp <> 'total', grp, key";
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                .setParameter(1, scope.scopePrefix() + "%").setParameter(2, from.atOffset(ZoneOffset.UTC)).setParameter(3, to.atOffset(ZoneOffset.UTC))
                .getResultList()))
                .map(rows -> {
                    List<Row> report = new java.util.ArrayList<>();
                    for (Object[] row : rows) {
                        int[] n = new int[7];
                        for (int i = 0; i < 7; i++) {
                            n[i] = ((Number) row[2 + i]).intValue();
                        }
                        report.add(new Row((String) row[0], (String) row[1], n[0], n[1], n[2], n[3], rate(n[1], n[4]), rate(n[2], n[5]), rate(n[3], n[6])));
                    }
                    if (report.isEmpty() || !report.get(0).group().equals("total")) {
                        report.add(0, new Row("total", "", 0, 0, 0, 0, 0, 0, 0));
                    }
                    return report;
                });
    }

    private static double rate(int inTime, int decided) {
        return decided == 0 ? 0 : (double) inTime / decided;
    }
}
