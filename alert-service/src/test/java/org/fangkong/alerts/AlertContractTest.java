package org.fangkong.alerts;

import org.fangkong.infra.testing.ServiceContractTest;

import io.quarkus.test.junit.QuarkusTest;
import org.fangkong.proto.alerts.v1.AlertServiceGrpc;
import org.fangkong.proto.alerts.v1.GetIncidentRequest;

import com.google.protobuf.Message;

import io.grpc.MethodDescriptor;

@QuarkusTest
@AlertTest
class AlertContractTest extends ServiceContractTest {

    @Override
    protected MethodDescriptor<?, ?> protectedMethod() {
        return AlertServiceGrpc.getGetIncidentMethod();
    }

    @Override
    protected Message sampleRequest() {
        return GetIncidentRequest.newBuilder().setId("7f1c2d7e-0000-4000-8000-000000000000").build();
    }
}
