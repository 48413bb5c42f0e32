package org.fangkong.platform.identity;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;

/** Makes the actor named in a call's metadata available to {@link CurrentCaller} while the call is served. */
@ApplicationScoped
@GlobalInterceptor
public class ActorInterceptor implements ServerInterceptor {

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        return ActorMetadata.read(headers)
                .map(actor -> Contexts.interceptCall(Context.current().withValue(ActorMetadata.CURRENT, actor), call, headers, next))
                .orElseGet(() -> next.startCall(call, headers));
    }
}
