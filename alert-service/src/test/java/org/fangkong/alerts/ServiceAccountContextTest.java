package org.fangkong.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.fangkong.platform.identity.ServiceIdentity;
import org.junit.jupiter.api.Test;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Requests that wait for the same service-account token go on, each on its own Vert.x context. Resumed on the context
 * that fetched the token, they would share one Hibernate session: two incidents reported at once, right after start,
 * were flushed in one transaction and both refused (500).
 */
@QuarkusTest
@AlertTest
class ServiceAccountContextTest {

    @Inject
    OidcClient client;

    @Inject
    Vertx vertx;

    @Test
    void requestsWaitingForTheFirstTokenGoOnEachOnItsOwnContext() throws Exception {
        // A fresh identity, so its first token is fetched here, once, for every request waiting on it.
        ServiceIdentity identity = new ServiceIdentity(client);
        List<Context> requests = new ArrayList<>();
        List<CompletableFuture<Context>> resumedOn = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Context request = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            CompletableFuture<Context> resumed = new CompletableFuture<>();
            request.runOnContext(ignored -> identity.credentials(Optional.empty())
                    .subscribe().with(credentials -> resumed.complete(Vertx.currentContext()), resumed::completeExceptionally));
            requests.add(request);
            resumedOn.add(resumed);
        }
        for (int i = 0; i < requests.size(); i++) {
            assertSame(requests.get(i), resumedOn.get(i).get(30, TimeUnit.SECONDS), "request " + i + " went on on another request's context");
        }
        assertEquals(8, requests.stream().distinct().count());
    }
}
