package org.fangkong.checkpoints;

import org.fangkong.infra.testing.ServiceContractTest;
import org.fangkong.infra.testing.ServiceTest;

import io.quarkus.test.junit.QuarkusTest;
import org.fangkong.proto.checkpoints.v1.CheckpointServiceGrpc;
import org.fangkong.proto.checkpoints.v1.GetCheckpointRequest;

import com.google.protobuf.Message;

import io.grpc.MethodDescriptor;

@QuarkusTest
@ServiceTest
class CheckpointContractTest extends ServiceContractTest {

    @Override
    protected MethodDescriptor<?, ?> protectedMethod() {
        return CheckpointServiceGrpc.getGetCheckpointMethod();
    }

    @Override
    protected Message sampleRequest() {
        return GetCheckpointRequest.newBuilder().setId("7f1c2d7e-0000-4000-8000-000000000000").build();
    }
}
