package org.fangkong.checkpoints.checkpoint.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.checkpoints.checkpoint.Checkpoint;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class CheckpointRepository implements PanacheRepositoryBase<Checkpoint, UUID> {
}
