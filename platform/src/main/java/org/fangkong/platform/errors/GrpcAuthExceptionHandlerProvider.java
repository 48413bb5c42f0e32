package org.fangkong.platform.errors;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.auth.AuthExceptionHandler;
import io.quarkus.grpc.auth.AuthExceptionHandlerProvider;
import io.quarkus.security.AuthenticationException;

/**
 * A call without a token is {@code UNAUTHENTICATED}, not {@code PERMISSION_DENIED}: Quarkus reports an anonymous
 * caller failing a role check as an {@code UnauthorizedException}, a {@code SecurityException} like a wrong role.
 */
@ApplicationScoped
public class GrpcAuthExceptionHandlerProvider implements AuthExceptionHandlerProvider {

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1;
    }

    @Override
    public <ReqT, RespT> AuthExceptionHandler<ReqT, RespT> createHandler(ServerCall.Listener<ReqT> listener,
            ServerCall<ReqT, RespT> call, Metadata metadata) {
        return new AuthExceptionHandler<>(listener, call, metadata) {
            @Override
            protected void handleException(Throwable failure, ServerCall<ReqT, RespT> serverCall, Metadata headers) {
                StatusRuntimeException status = GrpcStatuses.toStatus(failure);
                serverCall.close(status.getStatus(), new Metadata());
            }
        };
    }

    @Override
    public StatusException transformToStatusException(Throwable failure) {
        StatusRuntimeException status = GrpcStatuses.toStatus(failure);
        return new StatusException(status.getStatus());
    }

    @Override
    public boolean handlesException(Throwable failure) {
        return failure instanceof AuthenticationException || failure instanceof SecurityException;
    }
}
