package org.fangkong.gateway.identity;

import java.time.Clock;
import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.fangkong.gateway.config.GatewayConfig;
import org.fangkong.platform.errors.Problem;
import org.fangkong.platform.redis.RedisScript;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;

/**
 * Requests per caller (token subject) and second, counted in Redis so every gateway replica shares the count. Over the
 * limit the caller gets 429 problem+json with {@code Retry-After}; anonymous requests are left to authentication.
 */
public class RateLimits {

    private static final RedisScript WINDOW = RedisScript.fromClasspath("/redis/rate-window.lua");

    private final SecurityIdentity identity;
    private final Redis redis;
    private final GatewayConfig config;
    private final Clock clock;

    public RateLimits(SecurityIdentity identity, Redis redis, GatewayConfig config, Clock clock) {
        this.identity = identity;
        this.redis = redis;
        this.config = config;
        this.clock = clock;
    }

    @ServerRequestFilter
    public Uni<Response> limit(ContainerRequestContext request) {
        if (identity.isAnonymous() || !request.getUriInfo().getPath().startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
        String key = "fk:{gateway}:rate:" + identity.getPrincipal().getName() + ":" + clock.instant().getEpochSecond();
        return WINDOW.run(redis, List.of(key), List.of()).map(count -> {
            if (count.toLong() <= config.rateLimitPerSecond()) {
                return null;
            }
            Problem problem = Problem.of(429, "Too Many Requests",
                    "more than " + config.rateLimitPerSecond() + " requests a second from this caller; slow down");
            return Response.status(429).type(Problem.MEDIA_TYPE).entity(problem).header(HttpHeaders.RETRY_AFTER, "1").build();
        });
    }
}
