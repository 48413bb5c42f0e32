package org.fangkong.units;

import static org.fangkong.infra.testing.TestOrgs.*;

import static org.fangkong.infra.testing.AppContractTest.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.fangkong.infra.testing.ServiceTest;
import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.errors.FieldViolation;
import org.fangkong.platform.errors.GrpcStatuses;
import org.fangkong.platform.grpc.BearerToken;
import org.fangkong.proto.units.v1.CreateOrganisationRequest;
import org.fangkong.proto.units.v1.GetOrganisationRequest;
import org.fangkong.proto.units.v1.ListOrganisationsRequest;
import org.fangkong.proto.units.v1.Organisation;
import org.fangkong.proto.units.v1.DeleteOrganisationRequest;
import org.fangkong.proto.units.v1.SetNeighboursRequest;
import org.fangkong.proto.units.v1.UpdateOrganisationRequest;
import org.fangkong.proto.units.v1.UnitsServiceGrpc;
import org.fangkong.proto.units.v1.UnitsServiceGrpc.UnitsServiceBlockingStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
@ServiceTest
class OrganisationRegistryTest {

    private ManagedChannel channel;

    @BeforeEach
    void open() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", RestAssured.port).usePlaintext().build();
        UnitsServiceBlockingStub provinceAdmin = as(TestTokens.user("it-jiangsu", JIANGSU, "admin"));
        ensure(provinceAdmin, JIANGSU, "江苏省公安厅", "");
        ensure(provinceAdmin, NANJING, "南京市公安局", JIANGSU);
        ensure(provinceAdmin, SUZHOU, "苏州市公安局", JIANGSU);
        for (String district : List.of(XUANWU, QINHUAI, GULOU)) {
            ensure(provinceAdmin, district, "分局 " + district, NANJING);
        }
    }

    @AfterEach
    void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private UnitsServiceBlockingStub as(String token) {
        return UnitsServiceGrpc.newBlockingStub(channel).withCallCredentials(BearerToken.of(token)).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private static void ensure(UnitsServiceBlockingStub admin, String code, String name, String parent) {
        try {
            admin.createOrganisation(CreateOrganisationRequest.newBuilder().setCode(code).setName(name).setParentCode(parent).build());
        } catch (StatusRuntimeException e) {
            assertEquals(Code.ALREADY_EXISTS, e.getStatus().getCode(), e.getStatus().toString());
        }
    }

    private static String station(String district) {
        return district.substring(0, 6) + String.format("%06d", 1 + ThreadLocalRandom.current().nextInt(999_998));
    }

    private static CreateOrganisationRequest org(String code, String name, String parent) {
        return CreateOrganisationRequest.newBuilder().setCode(code).setName(name).setParentCode(parent).build();
    }

    @Test
    void aCityAdminBuildsItsTreeAndAnyoneListsItParentsFirst() {
        String station = station(XUANWU);
        Organisation created = as(TestTokens.user("it-nanjing", NANJING, "admin")).createOrganisation(org(station, "新街口派出所", XUANWU));
        assertEquals(XUANWU, created.getParentCode());

        List<String> codes = as(TestTokens.user("duty", NANJING, "dispatcher"))
                .listOrganisations(ListOrganisationsRequest.newBuilder().setRootCode(NANJING).build())
                .getOrganisationsList().stream().map(Organisation::getCode).toList();

        assertEquals(NANJING, codes.get(0));
        assertTrue(codes.containsAll(List.of(XUANWU, QINHUAI, GULOU, station)), codes.toString());
        assertTrue(codes.indexOf(XUANWU) < codes.indexOf(station), "parent before child: " + codes);
        assertTrue(!codes.contains(SUZHOU) && !codes.contains(JIANGSU), codes.toString());
        assertEquals("新街口派出所", as(TestTokens.user("gate-3", SUZHOU, "checkpoint"))
                .getOrganisation(GetOrganisationRequest.newBuilder().setCode(station).build()).getName());
    }

    @Test
    void theParentMustBeAnExistingBureauCoveringTheCode() {
        UnitsServiceBlockingStub admin = as(TestTokens.user("it-jiangsu", JIANGSU, "admin"));
        assertEquals(List.of(new FieldViolation("parent_code", "must be a bureau whose scope covers " + XUANWU.substring(0, 6) + "000099")),
                violations(() -> admin.createOrganisation(org(XUANWU.substring(0, 6) + "000099", "派出所", SUZHOU))));
        assertEquals(List.of(new FieldViolation("parent_code", "must name an existing organisation")),
                violations(() -> admin.createOrganisation(org("320199000017", "派出所", "320199000000"))));
        assertEquals(List.of(new FieldViolation("parent_code", "is required below province level")),
                violations(() -> admin.createOrganisation(org("320200000000", "无锡市公安局", ""))));
        assertEquals(List.of(new FieldViolation("parent_code", "must be empty for a province bureau")),
                violations(() -> admin.createOrganisation(org("340000000000", "安徽省公安厅", JIANGSU))));
        assertEquals(List.of(new FieldViolation("code", org.fangkong.platform.identity.OrgCode.RULE)),
                violations(() -> admin.createOrganisation(org("3201", "?", NANJING))));
    }

    private static List<FieldViolation> violations(Runnable call) {
        return GrpcStatuses.fieldViolations(assertStatus(Code.INVALID_ARGUMENT, call));
    }

    @Test
    void onlyAdminsWithinScopeChangeTheTree() {
        assertStatus(Code.PERMISSION_DENIED, () -> as(TestTokens.user("it-suzhou", SUZHOU, "admin"))
                .createOrganisation(org(station(XUANWU), "派出所", XUANWU)));
        assertStatus(Code.PERMISSION_DENIED, () -> as(TestTokens.user("duty", NANJING, "dispatcher"))
                .createOrganisation(org(station(XUANWU), "派出所", XUANWU)));
        assertStatus(Code.ALREADY_EXISTS, () -> as(TestTokens.user("it-nanjing", NANJING, "admin"))
                .createOrganisation(org(XUANWU, "玄武分局", NANJING)));
        assertStatus(Code.NOT_FOUND, () -> as(TestTokens.user("duty", NANJING, "dispatcher"))
                .getOrganisation(GetOrganisationRequest.newBuilder().setCode("320199000000").build()));
        assertEquals(List.of(new FieldViolation("code", org.fangkong.platform.identity.OrgCode.RULE)),
                violations(() -> as(TestTokens.user("duty", NANJING, "dispatcher")).getOrganisation(GetOrganisationRequest.newBuilder().setCode("12").build())));
    }

    @Test
    void neighboursAreKeptSymmetric() {
        UnitsServiceBlockingStub admin = as(TestTokens.user("it-nanjing", NANJING, "admin"));
        Organisation xuanwu = admin.setNeighbours(SetNeighboursRequest.newBuilder().setCode(XUANWU)
                .addNeighbourCodes(GULOU).addNeighbourCodes(QINHUAI).build());
        assertEquals(List.of(QINHUAI, GULOU), xuanwu.getNeighbourCodesList());
        assertTrue(get(GULOU).getNeighbourCodesList().contains(XUANWU));

        admin.setNeighbours(SetNeighboursRequest.newBuilder().setCode(XUANWU).addNeighbourCodes(GULOU).build());

        assertEquals(List.of(GULOU), get(XUANWU).getNeighbourCodesList());
        assertTrue(!get(QINHUAI).getNeighbourCodesList().contains(XUANWU));
        assertEquals(List.of(new FieldViolation("neighbour_codes", "unknown organisations [320188000000]")),
                violations(() -> admin.setNeighbours(SetNeighboursRequest.newBuilder().setCode(XUANWU).addNeighbourCodes("320188000000").build())));
        assertEquals(List.of(GULOU), get(XUANWU).getNeighbourCodesList(), "a refused change changes nothing");
    }

    private Organisation get(String code) {
        return as(TestTokens.user("duty", NANJING, "dispatcher")).getOrganisation(GetOrganisationRequest.newBuilder().setCode(code).build());
    }

    @Test
    void anOrganisationIsRenamedAndRemovedOnlyWhenNothingHangsOnIt() {
        UnitsServiceBlockingStub admin = as(TestTokens.user("it-nanjing", NANJING, "admin"));
        String station = station(GULOU);
        admin.createOrganisation(org(station, "湖南路派出所", GULOU));
        admin.setNeighbours(SetNeighboursRequest.newBuilder().setCode(station).addNeighbourCodes(QINHUAI).build());
        assertEquals("湖南路派出所（新）", admin.updateOrganisation(UpdateOrganisationRequest.newBuilder().setCode(station)
                .setName("湖南路派出所（新）").build()).getName());
        assertEquals(List.of(new FieldViolation("name", "must not be blank")),
                violations(() -> admin.updateOrganisation(UpdateOrganisationRequest.newBuilder().setCode(station).setName(" ").build())));

        admin.createUnit(UnitRegistryTest.patrolCar(station).build());
        var refused = org.fangkong.infra.testing.AppContractTest.assertStatus(Code.FAILED_PRECONDITION,
                () -> admin.deleteOrganisation(DeleteOrganisationRequest.newBuilder().setCode(station).build()));
        assertTrue(refused.getStatus().getDescription().contains("1 units"), refused.getStatus().getDescription());
        assertEquals(Code.FAILED_PRECONDITION, org.fangkong.infra.testing.AppContractTest.assertStatus(Code.FAILED_PRECONDITION,
                () -> admin.deleteOrganisation(DeleteOrganisationRequest.newBuilder().setCode(GULOU).build())).getStatus().getCode(),
                "a district with stations under it stays");
        assertTrue(get(station).getNeighbourCodesList().contains(QINHUAI), "a refused removal changes nothing");

        // A station with nothing on it goes, and its neighbour forgets it.
        String empty = station(GULOU);
        admin.createOrganisation(org(empty, "空派出所", GULOU));
        admin.setNeighbours(SetNeighboursRequest.newBuilder().setCode(empty).addNeighbourCodes(QINHUAI).build());
        admin.deleteOrganisation(DeleteOrganisationRequest.newBuilder().setCode(empty).build());
        org.fangkong.infra.testing.AppContractTest.assertStatus(Code.NOT_FOUND, () -> get(empty));
        assertTrue(!get(QINHUAI).getNeighbourCodesList().contains(empty));
        assertTrue(get(QINHUAI).getNeighbourCodesList().contains(station));
        org.fangkong.infra.testing.AppContractTest.assertStatus(Code.PERMISSION_DENIED, () -> as(TestTokens.user("it-suzhou", SUZHOU, "admin"))
                .deleteOrganisation(DeleteOrganisationRequest.newBuilder().setCode(station).build()));
    }
}
