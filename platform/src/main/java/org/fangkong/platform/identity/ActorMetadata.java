package org.fangkong.platform.identity;

import java.util.Optional;

import io.grpc.Context;
import io.grpc.Metadata;

/** The gRPC metadata that names the acting user on a service-to-service call. */
public final class ActorMetadata {

    public static final Metadata.Key<String> SUBJECT = Metadata.Key.of("x-fangkong-actor-subject", Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> ORG = Metadata.Key.of("x-fangkong-actor-org", Metadata.ASCII_STRING_MARSHALLER);

    /** The actor of the call being served, if its metadata named one. */
    static final Context.Key<Actor> CURRENT = Context.key("fangkong-actor");

    private ActorMetadata() {
    }

    static Optional<Actor> read(Metadata headers) {
        String subject = headers.get(SUBJECT);
        if (subject == null || subject.isBlank()) {
            return Optional.empty();
        }
        String org = headers.get(ORG);
        return Optional.of(new Actor(subject, OrgCode.isValid(org) ? Optional.of(OrgCode.of(org)) : Optional.empty()));
    }

    static void write(Metadata headers, Actor actor) {
        headers.put(SUBJECT, actor.subject());
        actor.org().ifPresent(org -> headers.put(ORG, org.value()));
    }
}
