package org.fangkong.units.unit.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.units.unit.UnitStatusChange;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class UnitStatusChangeRepository implements PanacheRepositoryBase<UnitStatusChange, UUID> {
}
