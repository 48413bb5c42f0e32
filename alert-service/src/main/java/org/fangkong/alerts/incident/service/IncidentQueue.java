package org.fangkong.alerts.incident.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;

import org.fangkong.alerts.incident.Assignment;
import org.fangkong.alerts.incident.Incident;
import org.fangkong.alerts.incident.IncidentStatus;
import org.fangkong.alerts.incident.IncidentType;
import org.fangkong.alerts.incident.TimelineEntry;
import org.fangkong.alerts.incident.repository.IncidentRepository;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.paging.Paging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Reads incidents within the caller's organisation scope: one in full, or pages of the queue. */
@ApplicationScoped
public class IncidentQueue {

    private final IncidentRepository incidents;

    public IncidentQueue(IncidentRepository incidents) {
        this.incidents = incidents;
    }

    /** An incident with its units, timeline and breached clocks. */
    public record View(Incident incident, List<Assignment> assignments, List<TimelineEntry> timeline, List<String> breached) {
    }

    @WithSession
    public Uni<Optional<Incident>> find(@NotNull Caller caller, @NotNull UUID id) {
        return incidents.findById(id).map(found -> caller.visible(found, Incident::getOrgCode));
    }

    /** The whole incident; callers check visibility first (or act as the service). */
    public Uni<View> view(UUID id) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.find(Incident.class, id)
                .chain(incident -> session.createQuery("from Assignment where incidentId = ?1 order by dispatchedAt, unitId", Assignment.class)
                        .setParameter(1, id).getResultList()
                        .chain(assignments -> session.createQuery("from TimelineEntry where incidentId = ?1 order by id", TimelineEntry.class)
                                .setParameter(1, id).getResultList()
                                .chain(timeline -> breached(List.of(id)).map(breaches -> new View(incident, assignments, timeline,
                                        breaches.getOrDefault(id, List.of()))))))));
    }

    /** A page of the subtree's incidents, newest report first. */
    public Uni<Paging.Slice<Incident>> list(OrgCode scope, List<IncidentStatus> statuses, List<IncidentType> types, Instant from, Instant to,
            Paging.Page page) {
        StringBuilder where = new StringBuilder("orgCode like :scope");
        Map<String, Object> params = new HashMap<>();
        params.put("scope", scope.scopePrefix() + "%");
        if (!statuses.isEmpty()) {
            where.append(" and status in :statuses");
            params.put("statuses", statuses);
        }
        if (!types.isEmpty()) {
            where.append(" and type in :types");
            params.put("types", types);
        }
        if (from != null) {
            where.append(" and reportedAt >= :from");
            params.put("from", from);
        }
        if (to != null) {
            where.append(" and reportedAt < :to");
            params.put("to", to);
        }
        Paging.Key after = page.afterKey();
        if (after != null) {
            where.append(" and (reportedAt < :afterTime or (reportedAt = :afterTime and id < :afterId))");
            params.put("afterTime", parseTime(after.sortKey()));
            params.put("afterId", after.id());
        }
        return Panache.withSession(() -> incidents.find(where + " order by reportedAt desc, id desc", params).page(0, page.fetchSize()).list())
                .map(found -> page.slice(found, i -> i.getReportedAt().toString(), Incident::getId));
    }

    private static Instant parseTime(String value) {
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new org.fangkong.platform.errors.InvalidArgumentException("page.page_token", "is not a token this list returned");
        }
    }

    /** Breached clocks by incident. */
    public Uni<Map<UUID, List<String>>> breached(List<UUID> ids) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "select incident_id, clock from incident_breach where incident_id = any(cast(?1 as uuid[])) order by breached_at", Object[].class)
                .setParameter(1, ids.toArray(UUID[]::new)).getResultList()))
                .map(rows -> {
                    Map<UUID, List<String>> byIncident = new HashMap<>();
                    rows.forEach(row -> byIncident.computeIfAbsent((UUID) row[0], k -> new java.util.ArrayList<>()).add((String) row[1]));
                    return byIncident;
                });
    }
}
