package org.fangkong.checkpoints.checkpoint.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;

import org.fangkong.checkpoints.checkpoint.Checkpoint;
import org.fangkong.checkpoints.checkpoint.repository.CheckpointRepository;
import org.fangkong.platform.identity.Caller;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Reads checkpoints within the caller's organisation scope. */
@ApplicationScoped
public class CheckpointRegistry {

    private final CheckpointRepository checkpoints;

    public CheckpointRegistry(CheckpointRepository checkpoints) {
        this.checkpoints = checkpoints;
    }

    @WithSession
    public Uni<Optional<Checkpoint>> find(@NotNull Caller caller, @NotNull UUID id) {
        return checkpoints.findById(id).map(found -> caller.visible(found, Checkpoint::getOrgCode));
    }
}
