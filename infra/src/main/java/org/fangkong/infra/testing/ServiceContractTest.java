package org.fangkong.infra.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.fangkong.infra.Answers;
import org.junit.jupiter.api.Test;

import com.google.protobuf.Message;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;

/**
 * {@link AppContractTest} plus what a gRPC service promises: the standard gRPC health service and server
 * reflection on the HTTP port.
 */
public abstract class ServiceContractTest extends AppContractTest {

    /** A method of the app's own gRPC service that requires a token. */
    protected abstract MethodDescriptor<?, ?> protectedMethod();

    /** A well-formed request for {@link #protectedMethod()}. */
    protected abstract Message sampleRequest();

    /** The fully qualified gRPC service the app serves, e.g. {@code fangkong.units.v1.UnitsService}. */
    protected String grpcService() {
        return protectedMethod().getServiceName();
    }

    @Override
    protected List<String> readinessChecks() {
        return List.of("Reactive PostgreSQL connections health check", "Redis connection health check");
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void callProtectedMethod(ManagedChannel channel, String token) {
        Channel target = channel;
        if (token != null) {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
            target = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        ClientCalls.blockingUnaryCall(target, (MethodDescriptor<Message, ?>) protectedMethod(),
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), sampleRequest());
    }

    @Test
    void grpcHealthServiceReportsServing() throws InterruptedException {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        ServingStatus status = ServingStatus.UNKNOWN;
        while (Instant.now().isBefore(deadline)) {
            status = health.check(HealthCheckRequest.newBuilder().setService(grpcService()).build()).getStatus();
            if (status == ServingStatus.SERVING) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals(ServingStatus.SERVING, status);
    }

    /**
     * A caller cancels every call whose deadline passes (an HTTP/2 RST_STREAM each); a burst of them, as an overloaded
     * service's callers send, must not cost the caller its connection and every other call on it.
     */
    @Test
    void aCallerCancellingManyCallsKeepsItsConnection() throws Exception {
        ReflectionStream kept = new ReflectionStream(channel);
        assertTrue(kept.listServices().contains(grpcService()));
        for (int i = 0; i < 400; i++) {
            ReflectionStream cancelled = new ReflectionStream(channel);
            cancelled.listServices(); // the stream exists at the server, so cancelling it sends RST_STREAM
            cancelled.cancel();
        }
        assertTrue(kept.listServices().contains(grpcService()), "a call open through the burst still answers on its connection");
    }

    /** A server-reflection stream held open, asked for the service list as often as wanted. */
    private static final class ReflectionStream {

        private final Answers<ServerReflectionResponse> answers = new Answers<>();
        private final io.grpc.stub.ClientCallStreamObserver<ServerReflectionRequest> requests;

        ReflectionStream(ManagedChannel channel) {
            requests = (io.grpc.stub.ClientCallStreamObserver<ServerReflectionRequest>) ServerReflectionGrpc.newStub(channel).serverReflectionInfo(answers);
        }

        List<String> listServices() throws InterruptedException {
            requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
            return answers.next(Duration.ofSeconds(10)).getListServicesResponse().getServiceList().stream().map(s -> s.getName()).toList();
        }

        void cancel() {
            requests.cancel("the caller gave up", null);
        }
    }

    @Test
    void reflectionListsTheService() throws InterruptedException {
        List<String> services = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        response.getListServicesResponse().getServiceList().forEach(s -> services.add(s.getName()));
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.countDown();
                    }

                    @Override
                    public void onCompleted() {
                        done.countDown();
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
        requests.onCompleted();
        assertTrue(done.await(10, TimeUnit.SECONDS), "reflection did not answer");
        assertTrue(services.contains(grpcService()), "reflection lists " + services);
    }

}
