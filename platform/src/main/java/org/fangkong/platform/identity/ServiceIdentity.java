package org.fangkong.platform.identity;

import java.util.Optional;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.grpc.BearerToken;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.runtime.TokensHelper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * This app's own service account: a token from the realm by OIDC client credentials (cached, refreshed before it
 * expires), put on outgoing gRPC calls together with the user the call is made for, if any.
 *
 * <pre>{@code
 * serviceIdentity.credentials(Optional.of(caller))
 *         .chain(credentials -> units.withCallCredentials(credentials).withDeadlineAfter(2, SECONDS).setUnitStatus(request));
 * }</pre>
 */
@ApplicationScoped
public class ServiceIdentity {

    private final OidcClient client;
    private final TokensHelper tokens = new TokensHelper();

    public ServiceIdentity(OidcClient client) {
        this.client = client;
    }

    /**
     * Credentials for a call this app makes on its own account, naming the user it acts for (if any). They are handed
     * over on the caller's Vert.x context: callers waiting for the same token request are otherwise all resumed on the
     * context that fetched it, where Hibernate Reactive would give every one of them the same session (two incidents
     * reported at once, right after start, were flushed in one transaction and refused as duplicates).
     */
    public Uni<CallCredentials> credentials(Optional<Caller> actingFor) {
        Context caller = Vertx.currentContext();
        return tokens.getTokens(client)
                .chain(current -> caller == null || Vertx.currentContext() == caller ? Uni.createFrom().item(current)
                        : Uni.createFrom().<io.quarkus.oidc.client.Tokens>emitter(resumed -> caller.runOnContext(ignored -> resumed.complete(current))))
                .map(current -> new ServiceCredentials(current.getAccessToken(),
                        actingFor.map(user -> user.actingFor().orElseGet(() -> new Actor(user.subject(), user.org())))));
    }

    private static final class ServiceCredentials extends CallCredentials {

        private final String token;
        private final Optional<Actor> actor;

        ServiceCredentials(String token, Optional<Actor> actor) {
            this.token = token;
            this.actor = actor;
        }

        @Override
        public void applyRequestMetadata(RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
            Metadata headers = new Metadata();
            headers.put(BearerToken.AUTHORIZATION, "Bearer " + token);
            actor.ifPresent(a -> ActorMetadata.write(headers, a));
            applier.apply(headers);
        }
    }
}
