package org.fangkong.alerts.analysis;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.alerts.compliance.ComplianceReports;
import org.fangkong.alerts.config.AlertsConfig;
import org.fangkong.platform.errors.InvalidArgumentException;
import org.fangkong.platform.identity.OrgCode;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Situation analysis (研判) over local days in the configured time zone. Counts leave cancelled incidents out. A change
 * is {@code (count - base) / base × 100} against the previous period of the same length and the same dates a year
 * before, NaN when the base is 0. Hotspots are grid cells of {@code analysis.cell-deg} degrees by incident count.
 * The intelligence-led share is, of the incidents resolved in the period, those that came from wanted hits
 * (checkpoint and capture hits).
 */
@ApplicationScoped
public class SituationAnalysis {

    private final ComplianceReports compliance;
    private final AlertsConfig config;
    private final Clock clock;

    public SituationAnalysis(ComplianceReports compliance, AlertsConfig config, Clock clock) {
        this.compliance = compliance;
        this.config = config;
        this.clock = clock;
    }

    /** Local days [first, last], and the instants bounding them. */
    public record Period(LocalDate first, LocalDate last, Instant from, Instant to) {
    }

    public record Change(String key, int count, int previous, int yearBefore) {
        public double vsPrevious() {
            return pct(count, previous);
        }

        public double vsYearBefore() {
            return pct(count, yearBefore);
        }

        private static double pct(int count, int base) {
            return base == 0 ? Double.NaN : (count - base) * 100.0 / base;
        }
    }

    public record Cell(double cornerLat, double cornerLon, double sizeDeg, int incidents) {
    }

    public record Report(String orgCode, Period period, Change total, List<Change> byType, List<Change> byZone, List<Cell> hotspots,
            ComplianceReports.Row compliance, int closed, int closedByIntelligence) {
        public double intelligenceShare() {
            return closed == 0 ? 0 : (double) closedByIntelligence / closed;
        }
    }

    /** The period of {@code days} local days ending with {@code day} (yesterday when empty). */
    public Period period(String day, int days) {
        if (days < 0 || days > 31) {
            throw new InvalidArgumentException("days", "must be between 1 and 31 (0 means 1)");
        }
        LocalDate last;
        try {
            last = day == null || day.isBlank() ? LocalDate.now(clock).minusDays(1) : LocalDate.parse(day.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidArgumentException("day", "must be a date as YYYY-MM-DD");
        }
        return period(last.minusDays(Math.max(1, days) - 1L), last);
    }

    private Period period(LocalDate first, LocalDate last) {
        return new Period(first, last, first.atStartOfDay(clock.getZone()).toInstant(), last.plusDays(1).atStartOfDay(clock.getZone()).toInstant());
    }

    public Uni<Report> report(OrgCode scope, Period period) {
        long length = period.last().toEpochDay() - period.first().toEpochDay() + 1;
        Period previous = period(period.first().minusDays(length), period.first().minusDays(1));
        Period yearBefore = period(period.first().minusYears(1), period.last().minusYears(1));
        String prefix = scope.scopePrefix() + "%";
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "select type, coalesce(zone_id::text, ''), "
                        + "count(*) filter (where reported_at >= ?2 and reported_at < ?3), "
                        + "count(*) filter (where reported_at >= ?4 and reported_at < ?5), "
                        + "count(*) filter (where reported_at >= ?6 and reported_at < ?7) "
                        + "from incident where org_code like ?1 and status <> 'CANCELLED' and ((reported_at >= ?2 and reported_at < ?3) "
                        + "or (reported_at >= ?4 and reported_at < ?5) or (reported_at >= ?6 and reported_at < ?7)) group by 1, 2", Object[].class)
                .setParameter(1, prefix)
                .setParameter(2, period.from().atOffset(ZoneOffset.UTC)).setParameter(3, period.to().atOffset(ZoneOffset.UTC))
                .setParameter(4, previous.from().atOffset(ZoneOffset.UTC)).setParameter(5, previous.to().atOffset(ZoneOffset.UTC))
                .setParameter(6, yearBefore.from().atOffset(ZoneOffset.UTC)).setParameter(7, yearBefore.to().atOffset(ZoneOffset.UTC))
                .getResultList()
                .chain(counts -> hotspots(prefix, period, config.analysis().hotspots())
                        .chain(cells -> session.createNativeQuery("select count(*), count(*) filter (where source in ('CHECKPOINT_HIT', 'CAPTURE_HIT')) "
                                + "from incident where org_code like ?1 and resolved_at >= ?2 and resolved_at < ?3", Object[].class)
                                .setParameter(1, prefix).setParameter(2, period.from().atOffset(ZoneOffset.UTC))
                                .setParameter(3, period.to().atOffset(ZoneOffset.UTC)).getSingleResult()
                                .chain(closed -> compliance.report(scope, period.from(), period.to())
                                        .map(rows -> assemble(scope, period, counts, cells, rows.get(0), closed)))))));
    }

    private Report assemble(OrgCode scope, Period period, List<Object[]> counts, List<Cell> cells, ComplianceReports.Row compliance, Object[] closed) {
        Map<String, int[]> byType = new TreeMap<>();
        Map<String, int[]> byZone = new TreeMap<>();
        int[] total = new int[3];
        for (Object[] row : counts) {
            int[] n = {((Number) row[2]).intValue(), ((Number) row[3]).intValue(), ((Number) row[4]).intValue()};
            add(byType.computeIfAbsent((String) row[0], k -> new int[3]), n);
            if (!((String) row[1]).isEmpty()) {
                add(byZone.computeIfAbsent((String) row[1], k -> new int[3]), n);
            }
            add(total, n);
        }
        return new Report(scope.value(), period, new Change("total", total[0], total[1], total[2]), changes(byType), changes(byZone), cells,
                compliance, ((Number) closed[0]).intValue(), ((Number) closed[1]).intValue());
    }

    private static void add(int[] into, int[] n) {
        for (int i = 0; i < 3; i++) {
            into[i] += n[i];
        }
    }

    private static List<Change> changes(Map<String, int[]> counts) {
        List<Change> changes = new ArrayList<>();
        counts.forEach((key, n) -> changes.add(new Change(key, n[0], n[1], n[2])));
        changes.sort(Comparator.comparingInt(Change::count).reversed().thenComparing(Change::key));
        return changes;
    }

    /** The busiest grid cells of the period, busiest first. */
    public Uni<List<Cell>> hotspots(String scopePrefixPattern, Period period, int limit) {
        double cell = config.analysis().cellDeg();
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "select floor(lat / ?4), floor(lon / ?4), count(*) from incident where org_code like ?1 and status <> 'CANCELLED' "
                        + "and reported_at >= ?2 and reported_at < ?3 group by 1, 2 order by 3 desc, 1, 2 limit ?5", Object[].class)
                .setParameter(1, scopePrefixPattern).setParameter(2, period.from().atOffset(ZoneOffset.UTC))
                .setParameter(3, period.to().atOffset(ZoneOffset.UTC)).setParameter(4, cell).setParameter(5, limit).getResultList()))
                .map(rows -> rows.stream().map(row -> new Cell(((Number) row[0]).doubleValue() * cell, ((Number) row[1]).doubleValue() * cell, cell,
                        ((Number) row[2]).intValue())).toList());
    }

    /** Incidents per zone over the last {@code days} days up to now. */
    public Uni<Map<String, Integer>> incidentsByZone(OrgCode scope, int days) {
        Instant to = clock.instant();
        Instant from = to.minus(java.time.Duration.ofDays(days));
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "select zone_id::text, count(*) from incident where org_code like ?1 and status <> 'CANCELLED' and zone_id is not null "
                        + "and reported_at >= ?2 and reported_at < ?3 group by 1", Object[].class)
                .setParameter(1, scope.scopePrefix() + "%").setParameter(2, from.atOffset(ZoneOffset.UTC)).setParameter(3, to.atOffset(ZoneOffset.UTC))
                .getResultList()))
                .map(rows -> {
                    Map<String, Integer> counts = new TreeMap<>();
                    rows.forEach(row -> counts.put((String) row[0], ((Number) row[1]).intValue()));
                    return counts;
                });
    }
}
