package org.fangkong.checkpoints.checkpoint.grpc;

import jakarta.annotation.security.RolesAllowed;

import org.fangkong.checkpoints.checkpoint.mapping.CheckpointMapping;
import org.fangkong.checkpoints.checkpoint.service.CheckpointRegistry;
import org.fangkong.platform.errors.NotFoundException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.identity.CurrentCaller;
import org.fangkong.platform.identity.Roles;
import org.fangkong.proto.checkpoints.v1.Checkpoint;
import org.fangkong.proto.checkpoints.v1.CheckpointService;
import org.fangkong.proto.checkpoints.v1.GetCheckpointRequest;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

@GrpcService
public class CheckpointGrpcService implements CheckpointService {

    private final CurrentCaller caller;
    private final CheckpointRegistry registry;

    public CheckpointGrpcService(CurrentCaller caller, CheckpointRegistry registry) {
        this.caller = caller;
        this.registry = registry;
    }

    @Override
    @RolesAllowed({ Roles.CHECKPOINT, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST,
            Roles.ADMIN, Roles.SERVICE })
    public Uni<Checkpoint> getCheckpoint(GetCheckpointRequest request) {
        return caller.get()
                .chain(who -> registry.find(who, Violations.requireUuid(request.getId(), "id")))
                .map(found -> found.map(CheckpointMapping::toProto).orElseThrow(NotFoundException.of("checkpoint", request.getId())));
    }
}
