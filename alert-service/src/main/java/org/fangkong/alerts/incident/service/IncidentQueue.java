package org.fangkong.alerts.incident.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;

import org.fangkong.alerts.incident.Incident;
import org.fangkong.alerts.incident.repository.IncidentRepository;
import org.fangkong.platform.identity.Caller;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Reads incidents within the caller's organisation scope. */
@ApplicationScoped
public class IncidentQueue {

    private final IncidentRepository incidents;

    public IncidentQueue(IncidentRepository incidents) {
        this.incidents = incidents;
    }

    @WithSession
    public Uni<Optional<Incident>> find(@NotNull Caller caller, @NotNull UUID id) {
        return incidents.findById(id).map(found -> caller.visible(found, Incident::getOrgCode));
    }
}
