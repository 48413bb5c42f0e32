package org.fangkong.gateway.identity;

import java.time.Duration;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.fangkong.gateway.config.GatewayConfig;
import org.fangkong.platform.errors.Problem;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Requests per caller (token subject) and second, counted in Redis so every gateway replica shares the count. Over the
 * limit the caller gets 429 problem+json with {@code Retry-After}; anonymous requests are left to authentication. A
 * caller named in {@code fangkong.gateway.rate-limit-callers} has its own limit.
 */
public class RateLimits {

    private final SecurityIdentity identity;
    private final RequestWindows windows;
    private final GatewayConfig config;

    public RateLimits(SecurityIdentity identity, RequestWindows windows, GatewayConfig config) {
        this.identity = identity;
        this.windows = windows;
        this.config = config;
    }

    @ServerRequestFilter
    public Uni<Response> limit(ContainerRequestContext request) {
        if (identity.isAnonymous() || !request.getUriInfo().getPath().startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
        String caller = identity.getPrincipal().getName();
        int limit = config.rateLimitCallers().getOrDefault(caller, config.rateLimitPerSecond());
        return windows.count("caller:" + caller, Duration.ofSeconds(1)).map(count -> {
            if (count <= limit) {
                return null;
            }
            Problem problem = Problem.of(429, "Too Many Requests", "more than " + limit + " requests a second from this caller; slow down");
            return Response.status(429).type(Problem.MEDIA_TYPE).entity(problem).header(HttpHeaders.RETRY_AFTER, "1").build();
        });
    }
}
