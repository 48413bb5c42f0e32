package org.fangkong.platform.audit;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.identity.Caller;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Looking at sensitive records (the wanted list, inspection history, a vehicle's trajectory) needs a reason, and leaves
 * a line in the owning service's {@code lookup_audit} table (platform migration). Services with a database only.
 */
@ApplicationScoped
public class LookupAudit {

    private final Pool database;

    public LookupAudit(Pool database) {
        this.database = database;
    }

    /** Fails with INVALID_ARGUMENT on {@code reason} when it is missing; otherwise records the lookup. */
    public Uni<Void> record(Caller caller, String what, String reason) {
        new Violations().notBlank(reason, "reason")
                .require(reason == null || reason.length() <= 500, "reason", "must be at most 500 characters")
                .throwIfAny();
        return database.preparedQuery("insert into lookup_audit (id, what, subject, reason, looked_at) values ($1, $2, $3, $4, now())")
                .execute(Tuple.of(UUID.randomUUID(), what, caller.auditName(), reason.strip()))
                .replaceWithVoid();
    }
}
