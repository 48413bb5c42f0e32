package org.fangkong.video;

import org.fangkong.infra.testing.ServiceContractTest;
import org.fangkong.infra.testing.ServiceTest;

import io.quarkus.test.junit.QuarkusTest;
import org.fangkong.proto.video.v1.VideoServiceGrpc;
import org.fangkong.proto.video.v1.GetVideoPointRequest;

import com.google.protobuf.Message;

import io.grpc.MethodDescriptor;

@QuarkusTest
@ServiceTest
class VideoContractTest extends ServiceContractTest {

    @Override
    protected MethodDescriptor<?, ?> protectedMethod() {
        return VideoServiceGrpc.getGetVideoPointMethod();
    }

    @Override
    protected Message sampleRequest() {
        return GetVideoPointRequest.newBuilder().setId("7f1c2d7e-0000-4000-8000-000000000000").build();
    }
}
