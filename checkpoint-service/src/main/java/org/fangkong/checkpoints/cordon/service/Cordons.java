package org.fangkong.checkpoints.cordon.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.checkpoints.checkpoint.Checkpoint;
import org.fangkong.checkpoints.checkpoint.repository.CheckpointRepository;
import org.fangkong.checkpoints.checkpoint.service.CheckpointRegistry;
import org.fangkong.checkpoints.cordon.CordonPlan;
import org.fangkong.checkpoints.cordon.CordonStatus;
import org.fangkong.platform.errors.FailedPreconditionException;
import org.fangkong.platform.errors.InvalidArgumentException;
import org.fangkong.platform.errors.NotFoundException;
import org.fangkong.platform.errors.PermissionDeniedException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.time.SqlTimes;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.identity.Roles;
import org.fangkong.platform.outbox.Outbox;
import org.fangkong.platform.outbox.OutboxRelay;
import org.fangkong.platform.recovery.HotStateRebuilder;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.platform.timers.TimerHandler;
import org.fangkong.platform.timers.Timers;
import org.fangkong.proto.events.v1.CordonChanged;
import org.fangkong.proto.events.v1.Event;
import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * "Close the city gates": plans, their activation in one call, each member's confirmation, escalation of members
 * that do not confirm in time (a platform timer per member, firing once), and deactivation that returns members to
 * their state before the plan unless another active plan still holds them. PostgreSQL is the truth; the live
 * status is mirrored in Redis and every change goes out on the cordon events stream through the outbox.
 */
@ApplicationScoped
public class Cordons implements TimerHandler, HotStateRebuilder {

    public static final String CORDON_EVENTS = "cordon-events";
    public static final String QUEUE = "cordon-confirm";
    private static final int DEFAULT_CONFIRM_WITHIN_S = 300;

    private final CheckpointRepository checkpoints;
    private final CheckpointRegistry registry;
    private final org.fangkong.checkpoints.checkpoint.service.CheckpointStates states;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Timers timers;
    private final Redis redis;
    private final Clock clock;

    public Cordons(CheckpointRepository checkpoints, CheckpointRegistry registry,
            org.fangkong.checkpoints.checkpoint.service.CheckpointStates states, Outbox outbox, OutboxRelay relay, Timers timers, Redis redis, Clock clock) {
        this.checkpoints = checkpoints;
        this.registry = registry;
        this.states = states;
        this.outbox = outbox;
        this.relay = relay;
        this.timers = timers;
        this.redis = redis;
        this.clock = clock;
    }

    public record Plan(CordonPlan plan, int memberCount) {
    }

    /** What a plan is made of, as a request gives it. */
    public record PlanSpec(String name, List<String> checkpointIds, List<String> rings, int confirmWithinSeconds) {
    }

    public Uni<Plan> createPlan(Caller caller, String orgCode, PlanSpec spec) {
        OrgCode org = caller.scopeFor("org_code", orgCode);
        return Panache.withTransaction(() -> checked(org, spec, "").chain(valid -> {
            CordonPlan plan = new CordonPlan(valid.name(), org.value(), valid.ids(), valid.rings(), valid.confirmWithin(), caller.auditName(), now());
            return Panache.getSession().chain(session -> session.persist(plan)).replaceWith(new Plan(plan, valid.members()));
        }));
    }

    public Uni<Plan> updatePlan(Caller caller, UUID id, PlanSpec spec) {
        return Panache.withTransaction(() -> requirePlan(caller, id).chain(plan -> checked(OrgCode.of(plan.getOrgCode()), spec, "plan.")
                .map(valid -> {
                    plan.revise(valid.name(), valid.ids(), valid.rings(), valid.confirmWithin());
                    return new Plan(plan, valid.members());
                })));
    }

    /** Removes a plan that is not active, with its past activations. */
    public Uni<Void> deletePlan(Caller caller, UUID id) {
        return Panache.withTransaction(() -> requirePlan(caller, id).chain(plan -> activeActivation(id).chain(active -> {
            if (active.isPresent()) {
                throw new FailedPreconditionException("plan " + plan.getName() + " is active: deactivate it first");
            }
            return session().chain(session -> session.createNativeQuery("delete from cordon_member where activation_id in "
                    + "(select id from cordon_activation where plan_id = ?1)").setParameter(1, id).executeUpdate()
                    .chain(() -> session.createNativeQuery("delete from cordon_activation where plan_id = ?1").setParameter(1, id).executeUpdate())
                    .chain(() -> session.remove(plan)));
        })));
    }

    private record ValidPlan(String name, Set<UUID> ids, Set<String> rings, int confirmWithin, int members) {
    }

    /** The spec checked for an organisation: listed checkpoints exist in its scope and the plan has members. */
    private Uni<ValidPlan> checked(OrgCode org, PlanSpec spec, String prefix) {
        Violations violations = new Violations().notBlank(spec.name(), prefix + "name")
                .require(spec.name() == null || spec.name().strip().length() <= 128, prefix + "name", "must be at most 128 characters")
                .require(!spec.checkpointIds().isEmpty() || !spec.rings().isEmpty(), prefix + "checkpoint_ids",
                        "a plan needs member checkpoints: list some or name rings")
                .require(spec.confirmWithinSeconds() >= 0 && spec.confirmWithinSeconds() <= 3600, prefix + "confirm_within_s",
                        "must be between 1 and 3600 (0 for 300)");
        Set<UUID> ids = new LinkedHashSet<>();
        for (int i = 0; i < spec.checkpointIds().size(); i++) {
            UUID id = violations.uuid(spec.checkpointIds().get(i), prefix + "checkpoint_ids[" + i + "]");
            if (id != null) {
                ids.add(id);
            }
        }
        violations.throwIfAny();
        Set<String> rings = new LinkedHashSet<>(spec.rings().stream().map(String::strip).toList());
        return checkpoints.findByIds(ids).chain(found -> {
            Set<UUID> visible = new java.util.HashSet<>();
            found.stream().filter(c -> org.covers(OrgCode.of(c.getOrgCode()))).forEach(c -> visible.add(c.getId()));
            Violations unknown = new Violations();
            for (int i = 0; i < spec.checkpointIds().size(); i++) {
                unknown.require(visible.contains(UUID.fromString(spec.checkpointIds().get(i))), prefix + "checkpoint_ids[" + i + "]",
                        "names no checkpoint of organisation " + org);
            }
            unknown.throwIfAny();
            return checkpoints.members(ids, rings, org.scopePrefix()).map(members -> {
                if (members.isEmpty()) {
                    throw new InvalidArgumentException(prefix + "rings",
                            "no checkpoint of organisation " + org + " belongs to these rings: the plan would be empty");
                }
                return new ValidPlan(spec.name().strip(), ids, rings,
                        spec.confirmWithinSeconds() == 0 ? DEFAULT_CONFIRM_WITHIN_S : spec.confirmWithinSeconds(), members.size());
            });
        });
    }

    public Uni<Plan> getPlan(Caller caller, UUID id) {
        return Panache.withSession(() -> requirePlan(caller, id).chain(plan -> checkpoints
                .members(plan.getCheckpointIds(), plan.getRings(), OrgCode.of(plan.getOrgCode()).scopePrefix())
                .map(members -> new Plan(plan, members.size()))));
    }

    /** Orders every member sealed, pending confirmation. An active plan is left as it is. */
    public Uni<CordonStatus> activate(Caller caller, UUID planId, String reason, UUID incidentId) {
        checkReason(reason);
        Instant now = now();
        boolean[] activated = {false};
        return Panache.withTransaction(() -> requirePlan(caller, planId).chain(plan -> activeActivation(planId).chain(active -> {
            if (active.isPresent()) {
                return Uni.createFrom().item(plan);
            }
            return checkpoints.members(plan.getCheckpointIds(), plan.getRings(), OrgCode.of(plan.getOrgCode()).scopePrefix()).chain(members -> {
                if (members.isEmpty()) {
                    throw new FailedPreconditionException("plan " + plan.getName() + " has no member checkpoints now");
                }
                UUID activation = UUID.randomUUID();
                UUID[] ids = members.stream().map(Checkpoint::getId).toArray(UUID[]::new);
                activated[0] = true;
                return session().chain(session -> session.createNativeQuery("insert into cordon_activation (id, plan_id, activated_at, "
                        + "activated_by, reason, incident_id) values (?1, ?2, ?3, ?4, ?5, ?6)")
                        .setParameter(1, activation).setParameter(2, planId).setParameter(3, now.atOffset(ZoneOffset.UTC))
                        .setParameter(4, caller.auditName()).setParameter(5, reason.strip()).setParameter(6, incidentId)
                        .executeUpdate()
                        .chain(() -> session.createNativeQuery("insert into cordon_member (activation_id, checkpoint_id) "
                                + "select ?1, unnest(cast(?2 as uuid[]))").setParameter(1, activation).setParameter(2, ids).executeUpdate())
                        // A checkpoint not yet held by another plan remembers the state it returns to.
                        .chain(() -> session.createNativeQuery("update checkpoint set state_before_cordon = state, version = version + 1 "
                                + "where id = any(cast(?1 as uuid[])) and state_before_cordon is null").setParameter(1, ids).executeUpdate()))
                        .chain(() -> announce("cordon.activated", plan, null, caller, reason, incidentId, List.of(ids), now))
                        .replaceWith(plan);
            });
        }))).invoke(relay::soon).chain(plan -> status(planId).call(status -> activated[0] ? afterActivation(plan, status) : Uni.createFrom().voidItem()));
    }

    /** A member reports itself sealed; a repeated confirmation changes nothing. */
    public Uni<CordonStatus> confirm(Caller caller, UUID planId, UUID checkpointId) {
        boolean desk = caller.isService() || caller.hasRole(Roles.COMMANDER) || caller.hasRole(Roles.COMMAND_CENTER);
        Instant now = now();
        UUID[] activationId = {null};
        return Panache.withTransaction(() -> requirePlan(caller, planId).chain(plan -> activeActivation(planId).chain(active -> {
            if (active.isEmpty()) {
                throw new FailedPreconditionException("plan " + plan.getName() + " is not active");
            }
            activationId[0] = active.get();
            Uni<Boolean> allowed = desk ? Uni.createFrom().item(true) : registry.worksAt(caller.subject(), checkpointId);
            return allowed.chain(ok -> {
                if (!ok) {
                    throw new PermissionDeniedException("checkpoint staff confirm for their own checkpoint only");
                }
                return session().chain(session -> session.createNativeQuery("update cordon_member set confirmed_at = ?3, confirmed_by = ?4 "
                        + "where activation_id = ?1 and checkpoint_id = ?2 and confirmed_at is null")
                        .setParameter(1, active.get()).setParameter(2, checkpointId).setParameter(3, now.atOffset(ZoneOffset.UTC))
                        .setParameter(4, caller.auditName()).executeUpdate()
                        .chain(updated -> updated == 0 ? isMember(session, active.get(), checkpointId).invoke(member -> {
                            if (!member) {
                                throw new FailedPreconditionException("checkpoint " + checkpointId + " is not a member of plan " + plan.getName());
                            }
                        }).replaceWith(false) : session.createNativeQuery("update checkpoint set state = 'SEALED', version = version + 1 where id = ?1")
                                .setParameter(1, checkpointId).executeUpdate().replaceWith(true)));
            }).chain(confirmedNow -> !confirmedNow ? Uni.createFrom().voidItem() : status(planId).chain(status -> {
                Uni<Void> confirmed = announce("cordon.confirmed", plan, checkpointId, caller, "", null, List.of(), now, status);
                return status.pending() == 0 ? confirmed.chain(() -> announce("cordon.sealed", plan, null, caller, "", null, List.of(), now, status))
                        : confirmed;
            }));
        }))).invoke(relay::soon).chain(() -> status(planId))
                .call(status -> timers.cancel(QUEUE, activationId[0] + ":" + checkpointId).chain(() -> mirror(status))
                        .chain(() -> states.refresh(List.of(checkpointId))));
    }

    /** Lifts the order; members go back to their state before the plan unless another active plan holds them. */
    public Uni<CordonStatus> deactivate(Caller caller, UUID planId, String reason) {
        checkReason(reason);
        Instant now = now();
        return Panache.withTransaction(() -> requirePlan(caller, planId).chain(plan -> activeActivation(planId).chain(active -> {
            if (active.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return session().chain(session -> session.createNativeQuery("update cordon_activation set deactivated_at = ?2, deactivated_by = ?3, "
                    + "deactivate_reason = ?4 where id = ?1").setParameter(1, active.get()).setParameter(2, now.atOffset(ZoneOffset.UTC))
                    .setParameter(3, caller.auditName()).setParameter(4, reason.strip()).executeUpdate()
                    .chain(() -> session.createNativeQuery("update checkpoint c set state = coalesce(c.state_before_cordon, c.state), "
                            + "state_before_cordon = null, version = c.version + 1 where c.id in (select checkpoint_id from cordon_member "
                            + "where activation_id = ?1) and not exists (select 1 from cordon_member m join cordon_activation a "
                            + "on a.id = m.activation_id where m.checkpoint_id = c.id and a.deactivated_at is null)")
                            .setParameter(1, active.get()).executeUpdate())
                    .chain(() -> memberIds(session, active.get())))
                    .chain(ids -> announce("cordon.deactivated", plan, null, caller, reason, null, ids, now)
                            .chain(() -> timers.cancelAll(QUEUE, ids.stream().map(id -> active.get() + ":" + id).toList())));
        }))).invoke(relay::soon).chain(() -> status(planId)).call(this::mirror)
                .call(status -> states.refresh(status.members().stream().map(CordonStatus.Member::checkpointId).toList()));
    }

    /** Plans of a subtree, by name, with their members as of now. */
    public Uni<List<Plan>> listPlans(OrgCode scope) {
        return Panache.withSession(() -> session().chain(session -> session.createSelectionQuery(
                "from CordonPlan where orgCode like ?1 order by name, id", CordonPlan.class).setParameter(1, scope.scopePrefix() + "%")
                .getResultList())
                .chain(plans -> Multi.createFrom().iterable(plans)
                        .onItem().transformToUniAndConcatenate(plan -> checkpoints.members(plan.getCheckpointIds(), plan.getRings(),
                                OrgCode.of(plan.getOrgCode()).scopePrefix()).map(members -> new Plan(plan, members.size())))
                        .collect().asList()));
    }

    /** The plan's latest activation and its members, as PostgreSQL has them. */
    public Uni<CordonStatus> status(Caller caller, UUID planId) {
        return Panache.withSession(() -> requirePlan(caller, planId)).chain(() -> status(planId));
    }

    private Uni<CordonStatus> status(UUID planId) {
        return Panache.withSession(() -> session().chain(session -> session.createNativeQuery("select id, deactivated_at is null, activated_at, "
                + "activated_by, reason, incident_id from cordon_activation where plan_id = ?1 order by activated_at desc limit 1", Object[].class)
                .setParameter(1, planId).getResultList()
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(CordonStatus.never(planId));
                    }
                    Object[] row = rows.get(0);
                    UUID activation = (UUID) row[0];
                    return session.createNativeQuery("select m.checkpoint_id, c.code, m.confirmed_at, m.escalated_at is not null from cordon_member m "
                            + "join checkpoint c on c.id = m.checkpoint_id where m.activation_id = ?1 order by c.code", Object[].class)
                            .setParameter(1, activation).getResultList()
                            .map(members -> new CordonStatus(planId, activation, (Boolean) row[1], SqlTimes.instant(row[2]), (String) row[3], (String) row[4],
                                    (UUID) row[5], members.stream().map(m -> new CordonStatus.Member((UUID) m[0], (String) m[1], SqlTimes.instant(m[2]),
                                            (Boolean) m[3])).toList()));
                })));
    }

    // --- Escalation: a member that has not confirmed in time, once ---

    @Override
    public String queue() {
        return QUEUE;
    }

    @Override
    public Uni<Void> fire(String key, Instant dueAt) {
        UUID activation = UUID.fromString(key.substring(0, key.indexOf(':')));
        UUID checkpointId = UUID.fromString(key.substring(key.indexOf(':') + 1));
        Instant now = now();
        return Panache.withTransaction(() -> session().chain(session -> session.createNativeQuery("update cordon_member m set escalated_at = ?3 "
                + "from cordon_activation a where a.id = m.activation_id and m.activation_id = ?1 and m.checkpoint_id = ?2 "
                + "and m.confirmed_at is null and m.escalated_at is null and a.deactivated_at is null returning a.plan_id", UUID.class)
                .setParameter(1, activation).setParameter(2, checkpointId).setParameter(3, now.atOffset(ZoneOffset.UTC)).getResultList()
                .chain(planIds -> planIds.isEmpty() ? Uni.createFrom().voidItem()
                        : session.find(CordonPlan.class, planIds.get(0)).chain(plan -> status(plan.getId()).chain(status -> announce(
                                "cordon.escalated", plan, checkpointId, null, "not confirmed within " + plan.getConfirmWithinSeconds() + " s",
                                null, List.of(), now, status).call(() -> mirror(status)))))));
    }

    /** Pending members of active plans, due at their activation plus the plan's time to confirm. */
    @Override
    public Uni<List<Pending>> pending() {
        return Panache.withSession(() -> session().chain(session -> session.createNativeQuery("select m.activation_id, m.checkpoint_id, "
                + "a.activated_at + p.confirm_within_s * interval '1 second' from cordon_member m join cordon_activation a on a.id = m.activation_id "
                + "join cordon_plan p on p.id = a.plan_id where a.deactivated_at is null and m.confirmed_at is null and m.escalated_at is null",
                Object[].class).getResultList()))
                .map(rows -> rows.stream().map(row -> new Pending(row[0] + ":" + row[1], SqlTimes.instant(row[2]))).toList());
    }

    // --- Redis mirror of live status ---

    @Override
    public String name() {
        return "cordon live status";
    }

    @Override
    public Uni<Void> rebuild() {
        return Panache.withSession(() -> session().chain(session -> session.createNativeQuery(
                "select plan_id from cordon_activation where deactivated_at is null", UUID.class).getResultList()))
                .chain(plans -> Multi.createFrom().iterable(plans)
                        .onItem().transformToUniAndConcatenate(plan -> status(plan).chain(this::mirror))
                        .collect().last())
                .replaceWithVoid();
    }

    /** The plan's live status as one hash: activation fields, then {@code cp:<id>} → confirmed millis, "pending" or "overdue". */
    private Uni<Void> mirror(CordonStatus status) {
        String key = RedisKeys.cordonStatus(status.planId().toString());
        if (!status.active()) {
            return redis.send(Request.cmd(Command.DEL).arg(key)).replaceWithVoid();
        }
        Request hset = Request.cmd(Command.HSET).arg(key)
                .arg("activation").arg(status.activationId().toString())
                .arg("activatedAt").arg(String.valueOf(status.activatedAt().toEpochMilli()))
                .arg("confirmed").arg(String.valueOf(status.confirmed()))
                .arg("pending").arg(String.valueOf(status.pending()))
                .arg("secondsToSealed").arg(String.valueOf(status.secondsToSealed()));
        for (CordonStatus.Member member : status.members()) {
            hset.arg("cp:" + member.checkpointId()).arg(member.confirmed() ? String.valueOf(member.confirmedAt().toEpochMilli())
                    : member.overdue() ? "overdue" : "pending");
        }
        return redis.send(Request.cmd(Command.DEL).arg(key)).chain(() -> redis.send(hset)).replaceWithVoid();
    }

    private Uni<Void> afterActivation(CordonPlan plan, CordonStatus status) {
        Map<String, Instant> due = new HashMap<>();
        Instant deadline = status.activatedAt().plusSeconds(plan.getConfirmWithinSeconds());
        status.members().forEach(member -> due.put(status.activationId() + ":" + member.checkpointId(), deadline));
        return timers.scheduleAll(QUEUE, due).chain(() -> mirror(status));
    }

    private Uni<Void> announce(String type, CordonPlan plan, UUID checkpointId, Caller caller, String reason, UUID incidentId,
            List<UUID> checkpointIds, Instant now) {
        return announce(type, plan, checkpointId, caller, reason, incidentId, checkpointIds, now, null);
    }

    private Uni<Void> announce(String type, CordonPlan plan, UUID checkpointId, Caller caller, String reason, UUID incidentId,
            List<UUID> checkpointIds, Instant now, CordonStatus status) {
        UUID eventId = UUID.randomUUID();
        CordonChanged.Builder changed = CordonChanged.newBuilder()
                .setPlanId(plan.getId().toString())
                .setPlanName(plan.getName())
                .setBy(caller == null ? "cordon-timer" : caller.auditName())
                .setReason(reason == null ? "" : reason)
                .addAllCheckpointIds(checkpointIds.stream().map(UUID::toString).toList());
        if (checkpointId != null) {
            changed.setCheckpointId(checkpointId.toString());
        }
        if (incidentId != null) {
            changed.setIncidentId(incidentId.toString());
        }
        if (status != null) {
            changed.setConfirmed(status.confirmed()).setPending(status.pending()).setSecondsToSealed(status.secondsToSealed());
        } else {
            changed.setPending(checkpointIds.size());
        }
        Event event = Event.newBuilder().setId(eventId.toString()).setType(type).setOrgCode(plan.getOrgCode())
                .setTime(Timestamps.of(now)).setCordonChanged(changed).build();
        return outbox.record(CORDON_EVENTS, eventId, event.toByteArray());
    }

    private Uni<CordonPlan> requirePlan(Caller caller, UUID id) {
        return session().chain(session -> session.find(CordonPlan.class, id))
                .map(plan -> Optional.ofNullable(plan).flatMap(p -> caller.visible(p, CordonPlan::getOrgCode))
                        .orElseThrow(NotFoundException.of("cordon plan", id.toString())));
    }

    private Uni<Optional<UUID>> activeActivation(UUID planId) {
        return session().chain(session -> session.createNativeQuery("select id from cordon_activation where plan_id = ?1 and deactivated_at is null "
                + "for update", UUID.class).setParameter(1, planId).getResultList())
                .map(ids -> ids.stream().findFirst());
    }

    private static Uni<Boolean> isMember(Mutiny.Session session, UUID activation, UUID checkpointId) {
        return session.createNativeQuery("select count(*) from cordon_member where activation_id = ?1 and checkpoint_id = ?2", Long.class)
                .setParameter(1, activation).setParameter(2, checkpointId).getSingleResult().map(count -> count > 0);
    }

    private static Uni<List<UUID>> memberIds(Mutiny.Session session, UUID activation) {
        return session.createNativeQuery("select checkpoint_id from cordon_member where activation_id = ?1", UUID.class)
                .setParameter(1, activation).getResultList().map(ArrayList::new);
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }

    private static void checkReason(String reason) {
        new Violations().notBlank(reason, "reason")
                .require(reason == null || reason.length() <= 500, "reason", "must be at most 500 characters").throwIfAny();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
