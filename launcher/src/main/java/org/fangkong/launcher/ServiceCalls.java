package org.fangkong.launcher;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.fangkong.infra.ReflectionClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors.ServiceDescriptor;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.ManagedChannelBuilder;

/**
 * The services' own gRPC APIs, for what has no REST door on the gateway (registering checkpoints, cordon plans and
 * cameras is an administrator's onboarding step; capture cameras report through a relay). Called by server
 * reflection with JSON bodies, with the caller's bearer token.
 */
public final class ServiceCalls implements AutoCloseable {

    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private final Map<String, ReflectionClient> clients = new ConcurrentHashMap<>();
    private final Map<String, ServiceDescriptor> services = new ConcurrentHashMap<>();

    /**
     * A unary call on the app at {@code baseUrl} ({@code http://host:port}); the answer as JSON. A service at capacity
     * or briefly unavailable (nothing was done) is asked again after a growing wait, as the gateway's clients are.
     */
    JsonNode call(String baseUrl, String service, String method, Object body, String token) {
        for (int attempt = 1;; attempt++) {
            try {
                return GatewayApi.JSON.readTree(client(baseUrl).call(descriptor(baseUrl, service), method, GatewayApi.write(body),
                        ReflectionClient.bearer(token)));
            } catch (StatusRuntimeException e) {
                Status.Code code = e.getStatus().getCode();
                if ((code != Status.Code.UNAVAILABLE && code != Status.Code.RESOURCE_EXHAUSTED) || attempt == GatewayApi.ATTEMPTS) {
                    throw new IllegalStateException(service + "/" + method + " answered " + code + ": " + e.getStatus().getDescription(), e);
                }
                pause(GatewayApi.waitBefore(attempt, java.util.Optional.empty()));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(service + "/" + method + " failed: " + e.getMessage(), e);
            }
        }
    }

    private static void pause(java.time.Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A client-streaming call: every body in order, then the one answer; {@code token} null for a device's call. */
    JsonNode send(String baseUrl, String service, String method, List<?> bodies, String token) {
        try {
            return GatewayApi.JSON.readTree(client(baseUrl).send(descriptor(baseUrl, service), method,
                    bodies.stream().map(GatewayApi::write).toList(), token == null ? null : ReflectionClient.bearer(token)));
        } catch (Exception e) {
            throw new IllegalStateException(service + "/" + method + " failed: " + e.getMessage(), e);
        }
    }

    private ReflectionClient client(String baseUrl) {
        return clients.computeIfAbsent(baseUrl, url -> new ReflectionClient(channels.computeIfAbsent(url,
                target -> ManagedChannelBuilder.forTarget(target.replace("http://", "")).usePlaintext().build())));
    }

    private ServiceDescriptor descriptor(String baseUrl, String service) throws Exception {
        String key = baseUrl + " " + service;
        ServiceDescriptor known = services.get(key);
        if (known == null) {
            known = client(baseUrl).service(service);
            services.put(key, known);
        }
        return known;
    }

    @Override
    public void close() {
        channels.values().forEach(channel -> {
            channel.shutdownNow();
            try {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
