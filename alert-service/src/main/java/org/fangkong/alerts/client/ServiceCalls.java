package org.fangkong.alerts.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.alerts.config.AlertsConfig;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.ServiceIdentity;

import io.grpc.CallCredentials;
import io.grpc.stub.AbstractStub;
import io.smallrye.mutiny.Uni;

/** Calls to other services on alert-service's own account, naming the user it acts for, always with a deadline. */
@ApplicationScoped
public class ServiceCalls {

    private final ServiceIdentity identity;
    private final Duration deadline;

    public ServiceCalls(ServiceIdentity identity, AlertsConfig config) {
        this.identity = identity;
        this.deadline = config.callDeadline();
    }

    /** The stub with credentials for {@code actingFor}; a service account acting for nobody is named by nobody. */
    public <S extends AbstractStub<S>> Uni<S> as(Caller actingFor, S stub) {
        Optional<Caller> actor = actingFor == null || (actingFor.isService() && actingFor.actingFor().isEmpty()) ? Optional.empty()
                : Optional.of(actingFor);
        return identity.credentials(actor).map((CallCredentials credentials) -> stub.withCallCredentials(credentials)
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS));
    }
}
