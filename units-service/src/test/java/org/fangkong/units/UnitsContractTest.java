package org.fangkong.units;

import org.fangkong.infra.testing.ServiceContractTest;
import org.fangkong.infra.testing.ServiceTest;

import io.quarkus.test.junit.QuarkusTest;
import org.fangkong.proto.units.v1.UnitsServiceGrpc;
import org.fangkong.proto.units.v1.GetUnitRequest;

import com.google.protobuf.Message;

import io.grpc.MethodDescriptor;

@QuarkusTest
@ServiceTest
class UnitsContractTest extends ServiceContractTest {

    @Override
    protected MethodDescriptor<?, ?> protectedMethod() {
        return UnitsServiceGrpc.getGetUnitMethod();
    }

    @Override
    protected Message sampleRequest() {
        return GetUnitRequest.newBuilder().setId("7f1c2d7e-0000-4000-8000-000000000000").build();
    }
}
