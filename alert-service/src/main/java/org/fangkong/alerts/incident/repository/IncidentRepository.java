package org.fangkong.alerts.incident.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.alerts.incident.Incident;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<Incident, UUID> {
}
