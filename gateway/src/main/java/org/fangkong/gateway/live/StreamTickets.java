package org.fangkong.gateway.live;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.gateway.config.GatewayConfig;
import org.fangkong.platform.identity.Secrets;
import org.fangkong.platform.redis.RedisKeys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Single-use stream tickets for browsers, whose {@code EventSource} cannot send an {@code Authorization} header: a
 * caller with a bearer token asks for one, and opens the stream with it in the URL within seconds. The ticket lives
 * in Redis (any replica accepts it), only as a hash of itself, and is deleted by its first use; a long-lived token
 * never goes into a URL.
 */
@ApplicationScoped
public class StreamTickets {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a ticket stands for: the caller as the gateway validated them, and their token for the calls made on their behalf. */
    public record Holder(String subject, Set<String> roles, String org, long expiresAtEpochSecond, String token) {

        Instant expiresAt() {
            return Instant.ofEpochSecond(expiresAtEpochSecond);
        }
    }

    private final Redis redis;
    private final ObjectMapper json;
    private final Duration ttl;

    public StreamTickets(Redis redis, ObjectMapper json, GatewayConfig config) {
        this.redis = redis;
        this.json = json;
        this.ttl = config.live().ticketTtl();
    }

    public Duration ttl() {
        return ttl;
    }

    public Uni<String> issue(Holder holder) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String value;
        try {
            value = json.writeValueAsString(holder);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a ticket holder writes as JSON", e);
        }
        return redis.send(Request.cmd(Command.SET).arg(key(ticket)).arg(value).arg("PX").arg(ttl.toMillis()).arg("NX")).replaceWith(ticket);
    }

    /** The holder of a ticket that is valid and unused; the ticket is spent either way. */
    public Uni<Optional<Holder>> redeem(String ticket) {
        if (ticket == null || ticket.length() != 43) {
            return Uni.createFrom().item(Optional.empty());
        }
        return redis.send(Request.cmd(Command.GETDEL).arg(key(ticket))).map(found -> {
            if (found == null) {
                return Optional.<Holder>empty();
            }
            try {
                return Optional.of(json.readValue(found.toString(), Holder.class));
            } catch (JsonProcessingException e) {
                return Optional.<Holder>empty();
            }
        });
    }

    private static String key(String ticket) {
        return RedisKeys.streamTicket(Secrets.sha256(ticket));
    }
}
