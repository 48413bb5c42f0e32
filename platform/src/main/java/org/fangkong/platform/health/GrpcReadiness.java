package org.fangkong.platform.health;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.health.HealthCheckResponse;

import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.quarkus.grpc.runtime.health.GrpcHealthStorage;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.mutiny.Uni;

/**
 * Makes the standard {@code grpc.health.v1} service tell the truth: a gRPC client (or a Kubernetes gRPC probe)
 * sees {@code NOT_SERVING} while PostgreSQL or Redis is unreachable, exactly when {@code /q/health/ready} is DOWN.
 */
@ApplicationScoped
public class GrpcReadiness {

    private final SmallRyeHealthReporter reporter;
    /** Absent in an app that serves no gRPC service. */
    private final Instance<GrpcHealthStorage> storage;

    public GrpcReadiness(SmallRyeHealthReporter reporter, Instance<GrpcHealthStorage> storage) {
        this.reporter = reporter;
        this.storage = storage;
    }

    @Scheduled(every = "${fangkong.health.grpc-refresh:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        if (!storage.isResolvable()) {
            return Uni.createFrom().voidItem();
        }
        return reporter.getReadinessAsync()
                .map(health -> health.getPayload().getJsonArray("checks").stream()
                        .map(check -> check.asJsonObject())
                        .allMatch(check -> HealthCheckResponse.Status.UP.name().equals(check.getString("status"))))
                .invoke(this::publish)
                .replaceWithVoid();
    }

    private void publish(boolean ready) {
        ServingStatus status = ready ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        GrpcHealthStorage statuses = storage.get();
        for (String service : Set.copyOf(statuses.getStatuses().keySet())) {
            statuses.setStatus(service, status);
        }
        statuses.setStatus(GrpcHealthStorage.DEFAULT_SERVICE_NAME, status);
    }
}
