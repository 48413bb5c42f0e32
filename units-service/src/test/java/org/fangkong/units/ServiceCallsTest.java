package org.fangkong.units;

import static org.fangkong.infra.testing.AppContractTest.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.fangkong.infra.testing.ServiceTest;
import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.grpc.BearerToken;
import org.fangkong.platform.identity.ActorMetadata;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.identity.Roles;
import org.fangkong.platform.identity.ServiceIdentity;
import org.fangkong.proto.units.v1.Unit;
import org.fangkong.proto.units.v1.UnitsServiceGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.grpc.CallCredentials;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status.Code;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** A call between services: the caller's own service-account token (client credentials) plus the acting user. */
@QuarkusTest
@ServiceTest
class ServiceCallsTest {

    @Inject
    ServiceIdentity serviceIdentity;

    @Inject
    Pool database;

    private ManagedChannel channel;

    @BeforeEach
    void open() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", RestAssured.port).usePlaintext().build();
    }

    @AfterEach
    void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private String createdBy(String unitId) {
        return database.preparedQuery("select created_by from unit where id = $1").execute(Tuple.of(UUID.fromString(unitId)))
                .await().indefinitely().iterator().next().getString(0);
    }

    @Test
    void aServiceCallCarriesTheServiceTokenAndTheActingUser() {
        Caller admin = new Caller("admin-nanjing", Set.of(Roles.ADMIN), Optional.of(OrgCode.of("320100000000")));
        CallCredentials credentials = serviceIdentity.credentials(Optional.of(admin)).await().indefinitely();

        Unit unit = UnitsServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials)
                .createUnit(UnitRegistryTest.patrolCar("320102000000").build());

        assertEquals("admin-nanjing via units-service", createdBy(unit.getId()));
    }

    @Test
    void aServiceActingOnItsOwnAccountIsRecordedAsItself() {
        CallCredentials credentials = serviceIdentity.credentials(Optional.empty()).await().indefinitely();

        Unit unit = UnitsServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials)
                .createUnit(UnitRegistryTest.patrolCar("320102000000").build());

        assertEquals("units-service", createdBy(unit.getId()));
    }

    @Test
    void aUserTokenPresentingActorMetadataIsRefused() {
        Metadata impersonation = new Metadata();
        impersonation.put(ActorMetadata.SUBJECT, "commander-province");
        impersonation.put(ActorMetadata.ORG, "320000000000");
        UnitsServiceGrpc.UnitsServiceBlockingStub stub = UnitsServiceGrpc.newBlockingStub(
                ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(impersonation)))
                .withCallCredentials(BearerToken.of(TestTokens.user("it-nanjing", "320100000000", "admin")));

        assertStatus(Code.PERMISSION_DENIED, () -> stub.createUnit(UnitRegistryTest.patrolCar("320102000000").build()));
    }
}
