package org.fangkong.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.grpc.protobuf.ProtoUtils;

/**
 * A client that knows nothing of the API but what server reflection tells it, as another agency's generic tooling
 * (grpcurl, Postman) does: it lists the services, fetches their descriptors and calls with JSON. The launcher
 * onboards the demo province's registry data with it, and tests play other agencies' systems with it.
 */
public final class ReflectionClient {

    private final Channel channel;
    private final Map<String, FileDescriptor> files = new HashMap<>();

    public ReflectionClient(Channel channel) {
        this.channel = channel;
    }

    public List<String> services() throws Exception {
        ServerReflectionResponse answer = ask(ServerReflectionRequest.newBuilder().setListServices("").build());
        return answer.getListServicesResponse().getServiceList().stream().map(service -> service.getName()).toList();
    }

    public ServiceDescriptor service(String name) throws Exception {
        ServerReflectionResponse answer = ask(ServerReflectionRequest.newBuilder().setFileContainingSymbol(name).build());
        FileDescriptor file = build(answer.getFileDescriptorResponse().getFileDescriptorProtoList());
        return file.findServiceByName(name.substring(name.lastIndexOf('.') + 1));
    }

    /** A unary call with a JSON request; the answer as JSON. */
    public String call(ServiceDescriptor service, String method, String json, io.grpc.CallCredentials credentials) throws Exception {
        MethodDescriptor descriptor = service.findMethodByName(method);
        return JsonFormat.printer().alwaysPrintFieldsWithNoPresence().print(ClientCalls.blockingUnaryCall(channel, grpcMethod(descriptor), options(credentials), request(descriptor, json)));
    }

    /** A server-streaming call; the answers as they come, as JSON. */
    public Iterator<String> stream(ServiceDescriptor service, String method, String json, io.grpc.CallCredentials credentials) throws Exception {
        MethodDescriptor descriptor = service.findMethodByName(method);
        Iterator<DynamicMessage> answers = ClientCalls.blockingServerStreamingCall(channel, grpcMethod(descriptor), options(credentials),
                request(descriptor, json));
        return new Iterator<>() {
            public boolean hasNext() {
                return answers.hasNext();
            }

            public String next() {
                try {
                    return JsonFormat.printer().alwaysPrintFieldsWithNoPresence().print(answers.next());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    /** A client-streaming call: every request as JSON, then the one answer as JSON. */
    public String send(ServiceDescriptor service, String method, List<String> jsons, io.grpc.CallCredentials credentials) throws Exception {
        MethodDescriptor descriptor = service.findMethodByName(method);
        Answers<DynamicMessage> answer = new Answers<>();
        StreamObserver<DynamicMessage> requests = ClientCalls.asyncClientStreamingCall(channel.newCall(grpcMethod(descriptor), options(credentials)),
                answer);
        for (String json : jsons) {
            requests.onNext(request(descriptor, json));
        }
        requests.onCompleted();
        DynamicMessage message = answer.next(Duration.ofSeconds(60));
        return JsonFormat.printer().alwaysPrintFieldsWithNoPresence().print(message);
    }

    /** Credentials that send {@code Authorization: Bearer <token>} with each call. */
    public static io.grpc.CallCredentials bearer(String token) {
        return new io.grpc.CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, java.util.concurrent.Executor executor, MetadataApplier applier) {
                io.grpc.Metadata headers = new io.grpc.Metadata();
                headers.put(io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
                applier.apply(headers);
            }
        };
    }

    private static CallOptions options(io.grpc.CallCredentials credentials) {
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS);
        return credentials == null ? options : options.withCallCredentials(credentials);
    }

    private static DynamicMessage request(MethodDescriptor method, String json) throws Exception {
        DynamicMessage.Builder request = DynamicMessage.newBuilder(method.getInputType());
        JsonFormat.parser().merge(json, request);
        return request.build();
    }

    private static io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> grpcMethod(MethodDescriptor method) {
        Descriptor in = method.getInputType();
        Descriptor out = method.getOutputType();
        return io.grpc.MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                .setType(method.isServerStreaming() ? io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING
                        : method.isClientStreaming() ? io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING : io.grpc.MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(io.grpc.MethodDescriptor.generateFullMethodName(method.getService().getFullName(), method.getName()))
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(in)))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(out)))
                .build();
    }

    /** Builds the file and, asking the server for each, the files it imports. */
    private FileDescriptor build(List<ByteString> protos) throws Exception {
        Map<String, FileDescriptorProto> byName = new HashMap<>();
        for (ByteString bytes : protos) {
            FileDescriptorProto proto = FileDescriptorProto.parseFrom(bytes);
            byName.put(proto.getName(), proto);
        }
        return build(protos.isEmpty() ? null : FileDescriptorProto.parseFrom(protos.get(0)).getName(), byName);
    }

    private FileDescriptor build(String name, Map<String, FileDescriptorProto> known) throws Exception {
        if (files.containsKey(name)) {
            return files.get(name);
        }
        FileDescriptorProto proto = known.get(name);
        if (proto == null) {
            ServerReflectionResponse answer = ask(ServerReflectionRequest.newBuilder().setFileByFilename(name).build());
            for (ByteString bytes : answer.getFileDescriptorResponse().getFileDescriptorProtoList()) {
                FileDescriptorProto found = FileDescriptorProto.parseFrom(bytes);
                known.putIfAbsent(found.getName(), found);
            }
            proto = known.get(name);
        }
        List<FileDescriptor> dependencies = new ArrayList<>();
        for (String dependency : proto.getDependencyList()) {
            dependencies.add(build(dependency, known));
        }
        FileDescriptor file = FileDescriptor.buildFrom(proto, dependencies.toArray(FileDescriptor[]::new));
        files.put(name, file);
        return file;
    }

    private ServerReflectionResponse ask(ServerReflectionRequest request) throws Exception {
        Answers<ServerReflectionResponse> answers = new Answers<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel).serverReflectionInfo(answers);
        requests.onNext(request);
        try {
            return answers.next(Duration.ofSeconds(10));
        } finally {
            requests.onCompleted();
        }
    }
}
