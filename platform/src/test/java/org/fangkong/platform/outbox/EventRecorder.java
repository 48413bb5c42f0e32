package org.fangkong.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** A service method as the apps write them: a state change and its event in one transaction. */
@ApplicationScoped
public class EventRecorder {

    private final Outbox outbox;

    public EventRecorder(Outbox outbox) {
        this.outbox = outbox;
    }

    static byte[] payload(UUID id) {
        return ("event " + id).getBytes(StandardCharsets.UTF_8);
    }

    @WithTransaction
    public Uni<Void> recordAndCommit(String stream, UUID id) {
        return outbox.record(stream, id, payload(id));
    }

    @WithTransaction
    public Uni<Void> recordAndFail(String stream, UUID id) {
        return outbox.record(stream, id, payload(id))
                .chain(() -> Uni.createFrom().failure(new IllegalStateException("the state change was refused")));
    }

    /** Records, signals that it has, then holds the transaction open until {@code commit} completes. */
    @WithTransaction
    public Uni<Void> recordThenCommitWhen(String stream, UUID id, Runnable recorded, Uni<Void> commit) {
        // The session must be resumed on its own Vert.x context, whoever releases the commit.
        Context context = Vertx.currentContext();
        return outbox.record(stream, id, payload(id)).invoke(recorded)
                .call(() -> commit.emitOn(task -> context.runOnContext(ignored -> task.run())));
    }
}
