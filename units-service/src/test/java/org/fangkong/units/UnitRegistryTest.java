package org.fangkong.units;

import static org.fangkong.infra.testing.TestOrgs.*;

import org.fangkong.infra.testing.ServiceTest;

import io.quarkus.test.junit.QuarkusTest;
import static org.fangkong.infra.testing.AppContractTest.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.errors.FieldViolation;
import org.fangkong.platform.errors.GrpcStatuses;
import org.fangkong.platform.grpc.BearerToken;
import org.fangkong.proto.units.v1.CreateUnitRequest;
import org.fangkong.proto.units.v1.UnitStatus;
import org.fangkong.proto.units.v1.ForceType;
import org.fangkong.proto.units.v1.GetUnitRequest;
import org.fangkong.proto.units.v1.PatrolTier;
import org.fangkong.proto.units.v1.Unit;
import org.fangkong.proto.units.v1.UnitsServiceGrpc;
import org.fangkong.proto.units.v1.UnitsServiceGrpc.UnitsServiceBlockingStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import io.restassured.RestAssured;

@QuarkusTest
@ServiceTest
class UnitRegistryTest {


    private ManagedChannel channel;

    @BeforeEach
    void open() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", RestAssured.port).usePlaintext().build();
    }

    @AfterEach
    void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private UnitsServiceBlockingStub as(String token) {
        return UnitsServiceGrpc.newBlockingStub(channel).withCallCredentials(BearerToken.of(token)).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    static CreateUnitRequest.Builder patrolCar(String org) {
        return CreateUnitRequest.newBuilder()
                .setCallSign("XW-" + UUID.randomUUID().toString().substring(0, 8))
                .setOrgCode(org)
                .setForceType(ForceType.SPECIAL_PATROL)
                .setTier(PatrolTier.MAIN_ROAD)
                .setHeadCount(3)
                .setArmedCount(2)
                .setVehiclePlate("苏A12345");
    }

    @Test
    void adminRegistersAUnitThatDispatchersOfTheCityCanRead() {
        String admin = TestTokens.user("it-nanjing", NANJING, "admin");
        CreateUnitRequest request = patrolCar(XUANWU).build();

        Unit created = as(admin).createUnit(request);

        assertEquals(request.getCallSign(), created.getCallSign());
        assertEquals(XUANWU, created.getOrgCode());
        assertEquals(ForceType.SPECIAL_PATROL, created.getForceType());
        assertEquals(3, created.getHeadCount());
        assertEquals(2, created.getArmedCount());
        assertEquals("苏A12345", created.getVehiclePlate());
        assertEquals(UnitStatus.OFF_DUTY, created.getStatus());
        assertTrue(created.getCreatedAt().getSeconds() > 0);

        GetUnitRequest get = GetUnitRequest.newBuilder().setId(created.getId()).build();
        assertEquals(created, as(TestTokens.user("duty-nanjing", NANJING, "dispatcher")).getUnit(get));
        assertEquals(created, as(TestTokens.user("duty-xuanwu", XUANWU, "dispatcher")).getUnit(get));
    }

    @Test
    void aUnitOutsideTheCallersScopeIsNotFound() {
        Unit unit = as(TestTokens.user("it-nanjing", NANJING, "admin")).createUnit(patrolCar(XUANWU).build());
        GetUnitRequest get = GetUnitRequest.newBuilder().setId(unit.getId()).build();

        assertStatus(Code.NOT_FOUND, () -> as(TestTokens.user("duty-gulou", GULOU, "dispatcher")).getUnit(get));
        assertStatus(Code.NOT_FOUND, () -> as(TestTokens.user("duty-suzhou", SUZHOU, "dispatcher")).getUnit(get));
        assertStatus(Code.NOT_FOUND, () -> as(TestTokens.user("duty-nanjing", NANJING, "dispatcher"))
                .getUnit(GetUnitRequest.newBuilder().setId(UUID.randomUUID().toString()).build()));
    }

    @Test
    void rolesAreEnforced() {
        assertStatus(Code.PERMISSION_DENIED,
                () -> as(TestTokens.user("duty-nanjing", NANJING, "dispatcher")).createUnit(patrolCar(XUANWU).build()));
        Unit unit = as(TestTokens.user("it-nanjing", NANJING, "admin")).createUnit(patrolCar(XUANWU).build());
        assertStatus(Code.PERMISSION_DENIED, () -> as(TestTokens.user("gate-7", NANJING, "checkpoint"))
                .getUnit(GetUnitRequest.newBuilder().setId(unit.getId()).build()));
    }

    @Test
    void anAdminCannotRegisterUnitsForAnotherCity() {
        StatusRuntimeException refused = assertStatus(Code.PERMISSION_DENIED,
                () -> as(TestTokens.user("it-suzhou", SUZHOU, "admin")).createUnit(patrolCar(XUANWU).build()));
        assertTrue(refused.getStatus().getDescription().contains("org_code"), refused.getStatus().getDescription());
    }

    @Test
    void badInputNamesEveryFieldAndItsRule() {
        CreateUnitRequest bad = CreateUnitRequest.newBuilder()
                .setCallSign("")
                .setOrgCode("3201")
                .setHeadCount(0)
                .setArmedCount(-1)
                .build();

        StatusRuntimeException refused = assertStatus(Code.INVALID_ARGUMENT,
                () -> as(TestTokens.user("it-nanjing", NANJING, "admin")).createUnit(bad));

        List<String> fields = GrpcStatuses.fieldViolations(refused).stream().map(FieldViolation::field).toList();
        assertTrue(fields.containsAll(List.of("call_sign", "org_code", "force_type", "tier", "head_count", "armed_count")), fields.toString());
    }

    @Test
    void armedCountCannotExceedHeadCount() {
        StatusRuntimeException refused = assertStatus(Code.INVALID_ARGUMENT,
                () -> as(TestTokens.user("it-nanjing", NANJING, "admin")).createUnit(patrolCar(XUANWU).setHeadCount(2).setArmedCount(3).build()));
        assertEquals(List.of(new FieldViolation("armed_count", "must not exceed head_count")), GrpcStatuses.fieldViolations(refused));
    }

    @Test
    void callSignsAreUniqueWithinAnOrganisation() {
        UnitsServiceBlockingStub admin = as(TestTokens.user("it-nanjing", NANJING, "admin"));
        CreateUnitRequest first = patrolCar(XUANWU).build();
        admin.createUnit(first);

        assertStatus(Code.ALREADY_EXISTS, () -> admin.createUnit(first));
        // The same call sign in another district is a different unit.
        assertEquals(GULOU, admin.createUnit(first.toBuilder().setOrgCode(GULOU).build()).getOrgCode());
    }

    @Test
    void aMalformedIdIsInvalidNotMissing() {
        StatusRuntimeException refused = assertStatus(Code.INVALID_ARGUMENT,
                () -> as(TestTokens.user("duty-nanjing", NANJING, "dispatcher")).getUnit(GetUnitRequest.newBuilder().setId("xw-17").build()));
        assertEquals(List.of(new FieldViolation("id", "must be a UUID")), GrpcStatuses.fieldViolations(refused));
    }
}
