package org.fangkong.alerts.incident.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.alerts.client.CheckpointsClient;
import org.fangkong.alerts.client.UnitsClient;
import org.fangkong.alerts.config.AlertsConfig;
import org.fangkong.alerts.incident.Incident;
import org.fangkong.alerts.incident.IncidentSource;
import org.fangkong.alerts.incident.IncidentType;
import org.fangkong.platform.errors.DatabaseConstraints;
import org.fangkong.platform.errors.PermissionDeniedException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.geo.GeoLocation;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.identity.Roles;
import org.fangkong.proto.units.v1.KeySite;
import org.fangkong.proto.units.v1.LocatePointResponse;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Intake: an incident is numbered, placed (key site and zone, asked of units-service), given its 1-3-5 targets and
 * stored with its first timeline line and event before the answer; then its clocks start, and a major incident
 * proposes (or activates) its cordon plan.
 */
@ApplicationScoped
public class IncidentIntake {

    private static final Logger LOG = Logger.getLogger(IncidentIntake.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final UnitsClient units;
    private final CheckpointsClient checkpoints;
    private final IncidentEvents events;
    private final Stopwatch stopwatch;
    private final DispatchDesk desk;
    private final AlertsConfig config;
    private final Clock clock;

    public IncidentIntake(UnitsClient units, CheckpointsClient checkpoints, IncidentEvents events, Stopwatch stopwatch, DispatchDesk desk,
            AlertsConfig config, Clock clock) {
        this.desk = desk;
        this.units = units;
        this.checkpoints = checkpoints;
        this.events = events;
        this.stopwatch = stopwatch;
        this.config = config;
        this.clock = clock;
    }

    /** What a report carries. */
    public record Report(String idempotencyKey, IncidentType type, int priority, String orgCode, double lat, double lon, String address,
            IncidentSource source, String description, boolean major) {
    }

    /** The incident, and whether this call created it (false when the idempotency key was seen before). */
    public record Outcome(Incident incident, boolean created) {
    }

    public Uni<Outcome> report(Caller caller, Report report) {
        Violations violations = new Violations()
                .externalId(report.idempotencyKey(), "idempotency_key")
                .require(report.type() != null, "type", "must name an incident type")
                .require(report.priority() >= 1 && report.priority() <= 4, "priority", "must be 1 (highest) to 4")
                .range(report.lat(), -90, 90, "location.lat")
                .range(report.lon(), -180, 180, "location.lon")
                .notBlank(report.address(), "address")
                .require(report.address() == null || report.address().length() <= 256, "address", "must be at most 256 characters")
                .require(report.source() != null, "source", "must name where the report came from")
                .require(report.description() == null || report.description().length() <= 1000, "description", "must be at most 1000 characters");
        violations.throwIfAny();
        if (caller.hasRole(Roles.OFFICER) && !caller.isService() && report.source() != IncidentSource.ON_VIEW
                && !caller.hasRole(Roles.DISPATCHER) && !caller.hasRole(Roles.COMMAND_CENTER) && !caller.hasRole(Roles.COMMANDER)) {
            throw new PermissionDeniedException("officers report what they see themselves: source must be ON_VIEW");
        }
        OrgCode org = report.orgCode() == null || report.orgCode().isBlank() ? caller.requireOrg() : OrgCode.parse("org_code", report.orgCode());
        caller.requireScope("org_code", org);
        String key = caller.subject() + ":" + report.idempotencyKey();
        return existing(key).chain(found -> found.isPresent() ? Uni.createFrom().item(new Outcome(found.get(), false))
                : create(caller, report, org, key));
    }

    private Uni<Optional<Incident>> existing(String key) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createQuery("from Incident where idempotencyKey = ?1", Incident.class).setParameter(1, key).getResultList()))
                .map(found -> found.stream().findFirst());
    }

    private Uni<Outcome> create(Caller caller, Report report, OrgCode org, String key) {
        return locate(org, report.lat(), report.lon())
                .chain(place -> Panache.withTransaction(() -> insert(caller, report, org, key, place)))
                .map(incident -> new Outcome(incident, true))
                .onFailure(failure -> DatabaseConstraints.violated(failure, "incident_idempotency_key"))
                .recoverWithUni(() -> existing(key).map(found -> new Outcome(found.orElseThrow(), false)))
                .call(outcome -> outcome.created() ? started(caller, outcome.incident()) : Uni.createFrom().voidItem());
    }

    /**
     * Stores a new incident in the current transaction: numbered, placed, given its targets, with its first timeline
     * line and event. {@link #started} must follow once the transaction has committed.
     */
    public Uni<Incident> insert(Caller caller, Report report, OrgCode org, String key, Optional<LocatePointResponse> place) {
        boolean major = report.major() || (report.priority() == 1 && config.major().types().contains(report.type().name()));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Optional<KeySite> site = place.flatMap(p -> p.getKeySitesList().stream().findFirst());
        return number(org, now).chain(number -> {
            Incident incident = new Incident(number, report.type(), report.priority(), org.value(), new GeoLocation(report.lat(), report.lon()),
                    report.address().strip(), report.source(), report.description() == null ? "" : report.description().strip(), major, key,
                    caller.auditName(), now);
            int p = report.priority() - 1;
            incident.place(site.map(s -> UUID.fromString(s.getId())).orElse(null), site.map(KeySite::getName).orElse(null),
                    place.filter(LocatePointResponse::hasZone).map(z -> UUID.fromString(z.getZone().getId())).orElse(null),
                    site.map(s -> Duration.ofSeconds(s.getReactTargetS())).orElse(config.targets().react().get(p)),
                    site.map(s -> Duration.ofSeconds(s.getArriveTargetS())).orElse(config.targets().arrive().get(p)),
                    site.map(s -> Duration.ofSeconds(s.getResolveTargetS())).orElse(config.targets().resolve().get(p)));
            String detail = report.source() + ", priority " + report.priority() + site.map(s -> ", key site " + s.getName()).orElse("")
                    + (place.isEmpty() ? ", key site and zone unknown: units-service did not answer" : "") + (major ? ", major" : "");
            return Panache.getSession().chain(session -> session.persist(incident).call(session::flush))
                    .chain(() -> events.record(incident, caller.auditName(), "reported", detail, List.of()))
                    .replaceWith(incident);
        });
    }

    /** After a new incident committed: its clocks start, a major one calls for its cordon, a key-site one may go out at once. */
    public Uni<Void> started(Caller caller, Incident incident) {
        return stopwatch.start(incident)
                .chain(() -> incident.isMajor() ? cordon(caller, incident) : Uni.createFrom().voidItem())
                .chain(() -> autoDispatch(incident) ? desk.autoDispatch(incident) : Uni.createFrom().voidItem());
    }

    private boolean autoDispatch(Incident incident) {
        return config.recommend().autoDispatchKeySites() && incident.getPriority() == 1 && incident.getKeySiteId() != null;
    }

    /** The zone and key sites of the point; empty when units-service cannot say (the incident is taken anyway). */
    public Uni<Optional<LocatePointResponse>> locate(OrgCode org, double lat, double lon) {
        String within = org.isBureau() ? org.value() : org.division() + "000000";
        return units.locate(lat, lon, within).map(Optional::of)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("locating an incident at %f,%f failed: %s", lat, lon, failure.getMessage());
                    return Optional.empty();
                });
    }

    /** {@code <org>-<local day>-<sequence>}, the sequence counted per organisation and day. */
    private Uni<String> number(OrgCode org, Instant now) {
        LocalDate day = now.atZone(clock.getZone()).toLocalDate();
        return Panache.getSession().chain(session -> session.createNativeQuery("insert into incident_number (org_code, day, last) values (?1, ?2, 1) "
                + "on conflict (org_code, day) do update set last = incident_number.last + 1 returning last", Integer.class)
                .setParameter(1, org.value()).setParameter(2, day).getSingleResult())
                .map(sequence -> org.value() + "-" + DAY.format(day) + "-" + String.format("%04d", sequence));
    }

    /**
     * A major incident calls for the configured cordon plan: proposed on the timeline for a commander, or activated in
     * checkpoint-service when so configured. The incident stands whatever happens here; the timeline says how it went.
     */
    private Uni<Void> cordon(Caller caller, Incident incident) {
        if (config.major().cordonPlan().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String name = config.major().cordonPlan().get();
        return checkpoints.plan(name, incident.getOrgCode())
                .chain(plan -> {
                    if (plan.isEmpty()) {
                        return note(incident, caller, "cordon-proposed", "no cordon plan named " + name + " covers " + incident.getOrgCode(), null, false);
                    }
                    String planId = plan.get().getId();
                    if (!config.major().activateCordon()) {
                        return note(incident, caller, "cordon-proposed", "plan " + plan.get().getName() + " proposed for a commander to activate", planId, false);
                    }
                    return checkpoints.activate(caller, planId, incident.getId(), "major incident " + incident.getNumber())
                            .chain(() -> note(incident, caller, "cordon-activated", "plan " + plan.get().getName() + " activated", planId, true));
                })
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("the cordon of incident %s failed: %s", incident.getNumber(), failure.getMessage());
                    return note(incident, caller, "cordon-failed", "checkpoint-service: " + failure.getMessage(), null, false);
                });
    }

    private Uni<Void> note(Incident incident, Caller caller, String what, String detail, String planId, boolean activated) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.find(Incident.class, incident.getId()))
                .chain(current -> {
                    if (planId != null) {
                        current.cordon(UUID.fromString(planId), activated);
                    }
                    return events.record(current, caller.auditName(), what, detail, List.of(),
                            planId == null ? null : changed -> changed.setCordonPlanId(planId));
                }));
    }
}
