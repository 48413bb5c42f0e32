package org.fangkong.alerts.command;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.alerts.incident.service.IncidentEvents;
import org.fangkong.platform.errors.PermissionDeniedException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.identity.Roles;
import org.fangkong.platform.outbox.Outbox;
import org.fangkong.platform.time.SqlTimes;
import org.fangkong.proto.events.v1.CommandModeChanged;
import org.fangkong.proto.events.v1.Event;
import org.fangkong.platform.grpc.Timestamps;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Normal and emergency command (平战结合). An organisation's switch holds for its subtree unless a deeper organisation
 * switched itself; in EMERGENCY the command centre takes unified command, so desk writes there need the
 * {@code command-center} role and the duty room's dispatchers can only read.
 */
@ApplicationScoped
public class CommandModes {

    public enum Mode {
        NORMAL, EMERGENCY
    }

    /** The mode in force for an organisation, and the switch it comes from (empty when nobody ever switched). */
    public record InForce(String orgCode, Mode mode, Optional<String> setFor, String switchedBy, Instant switchedAt, String reason) {
    }

    private final Outbox outbox;
    private final Clock clock;

    public CommandModes(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The organisation itself and the bureaus above it (district, city, province): the switches that can hold for it. */
    static List<String> switchesFor(OrgCode org) {
        Set<String> codes = new LinkedHashSet<>();
        codes.add(org.value());
        codes.add(org.division() + "000000");
        codes.add(org.value().substring(0, 4) + "00000000");
        codes.add(org.province() + "0000000000");
        return List.copyOf(codes);
    }

    public Uni<InForce> inForce(String orgCode) {
        OrgCode org = OrgCode.of(orgCode);
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "select org_code, mode, switched_by, switched_at, reason from command_mode where org_code = any(cast(?1 as varchar[])) "
                        + "order by length(rtrim(org_code, '0')) desc limit 1", Object[].class)
                .setParameter(1, switchesFor(org).toArray(String[]::new)).getResultList()))
                .map(rows -> rows.isEmpty() ? new InForce(orgCode, Mode.NORMAL, Optional.empty(), "", null, "")
                        : new InForce(orgCode, Mode.valueOf((String) rows.get(0)[1]), Optional.of((String) rows.get(0)[0]),
                                (String) rows.get(0)[2], SqlTimes.instant(rows.get(0)[3]), (String) rows.get(0)[4]));
    }

    /** Refuses a desk write where the command centre has taken command and the caller is not it. */
    public Uni<Void> requireCommand(Caller caller, String orgCode) {
        if (caller.isService() || caller.hasRole(Roles.COMMAND_CENTER)) {
            return Uni.createFrom().voidItem();
        }
        return inForce(orgCode).map(mode -> {
            if (mode.mode() == Mode.EMERGENCY) {
                throw new PermissionDeniedException("organisation " + mode.setFor().orElse(orgCode)
                        + " is in EMERGENCY command: the command centre directs its units, the duty room reads only");
            }
            return null;
        });
    }

    public Uni<InForce> set(Caller caller, String orgCode, Mode mode, String reason) {
        new Violations().require(mode != null, "mode", "must be NORMAL or EMERGENCY")
                .notBlank(reason, "reason")
                .require(reason == null || reason.length() <= 500, "reason", "must be at most 500 characters")
                .throwIfAny();
        OrgCode org = OrgCode.parse("org_code", orgCode);
        caller.requireScope("org_code", org);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String who = caller.auditName();
        UUID eventId = UUID.randomUUID();
        Event event = Event.newBuilder().setId(eventId.toString()).setType("command.mode").setOrgCode(org.value()).setTime(Timestamps.of(now))
                .setCommandModeChanged(CommandModeChanged.newBuilder().setOrgCode(org.value()).setMode(mode.name()).setSwitchedBy(who)
                        .setReason(reason.strip()))
                .build();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "insert into command_mode (org_code, mode, switched_by, switched_at, reason) values (?1, ?2, ?3, ?4, ?5) "
                        + "on conflict (org_code) do update set mode = excluded.mode, switched_by = excluded.switched_by, "
                        + "switched_at = excluded.switched_at, reason = excluded.reason")
                .setParameter(1, org.value()).setParameter(2, mode.name()).setParameter(3, who)
                .setParameter(4, now.atOffset(ZoneOffset.UTC)).setParameter(5, reason.strip()).executeUpdate()
                .chain(() -> session.createNativeQuery("insert into command_mode_history (org_code, mode, switched_by, switched_at, reason) "
                        + "values (?1, ?2, ?3, ?4, ?5)")
                        .setParameter(1, org.value()).setParameter(2, mode.name()).setParameter(3, who)
                        .setParameter(4, now.atOffset(ZoneOffset.UTC)).setParameter(5, reason.strip()).executeUpdate()))
                .chain(() -> outbox.record(IncidentEvents.STREAM, eventId, event.toByteArray())))
                .replaceWith(new InForce(org.value(), mode, Optional.of(org.value()), who, now, reason.strip()));
    }
}
