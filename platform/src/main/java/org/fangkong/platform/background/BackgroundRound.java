package org.fangkong.platform.background;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/** A scheduled round of background work: a failure is logged and the next round simply tries again. */
public final class BackgroundRound {

    private BackgroundRound() {
    }

    public static Uni<Void> run(Logger log, String what, Uni<?> round) {
        return round
                .onFailure().invoke(failure -> log.warnf("%s failed, retrying next round: %s", what, failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
