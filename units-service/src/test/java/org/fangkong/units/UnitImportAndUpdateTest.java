package org.fangkong.units;

import static org.fangkong.infra.testing.AppContractTest.assertStatus;
import static org.fangkong.infra.testing.TestOrgs.GULOU;
import static org.fangkong.infra.testing.TestOrgs.NANJING;
import static org.fangkong.infra.testing.TestOrgs.QINHUAI;
import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static org.fangkong.units.UnitsTestClient.ADMIN;
import static org.fangkong.units.UnitsTestClient.COMMANDER;
import static org.fangkong.units.UnitsTestClient.DISPATCHER;
import static org.fangkong.units.UnitsTestClient.GATEWAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.fangkong.infra.testing.ServiceTest;
import org.fangkong.infra.testing.TestInfrastructure;
import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.errors.FieldViolation;
import org.fangkong.platform.errors.GrpcStatuses;
import org.fangkong.proto.common.v1.PageRequest;
import org.fangkong.proto.units.v1.CreateUnitRequest;
import org.fangkong.proto.units.v1.ForceType;
import org.fangkong.proto.units.v1.ImportUnitsRequest;
import org.fangkong.proto.units.v1.ImportUnitsResponse;
import org.fangkong.proto.units.v1.ListUnitsRequest;
import org.fangkong.proto.units.v1.ListUnitsResponse;
import org.fangkong.proto.units.v1.PatrolTier;
import org.fangkong.proto.units.v1.PositionFix;
import org.fangkong.proto.units.v1.ResolveTerminalRequest;
import org.fangkong.proto.units.v1.Unit;
import org.fangkong.proto.units.v1.UnitStatus;
import org.fangkong.proto.units.v1.UpdateUnitRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.FieldMask;

import io.grpc.Status.Code;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
@ServiceTest
class UnitImportAndUpdateTest {

    private UnitsTestClient units;

    @BeforeEach
    void open() {
        units = new UnitsTestClient(RestAssured.port);
    }

    @AfterEach
    void close() throws InterruptedException {
        units.close();
    }

    private static CreateUnitRequest.Builder row(String org, String callSign) {
        return CreateUnitRequest.newBuilder().setCallSign(callSign).setOrgCode(org).setForceType(ForceType.AUXILIARY)
                .setTier(PatrolTier.COMMUNITY).setHeadCount(2).setArmedCount(0);
    }

    private static String terminal() {
        return "T-" + UUID.randomUUID() + "-" + UUID.randomUUID();
    }

    private static long count(String sql, String org) throws Exception {
        try (Connection connection = DriverManager.getConnection(TestInfrastructure.get().postgres().jdbcUrl("units"), "units", "units");
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, org);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    void aCityIsOnboardedWithTheLargestImportInOneCall() throws Exception {
        // fangkong.units.registry.max-import rows, each with its terminal: well over gRPC's default 256 KiB message.
        String batch = UUID.randomUUID().toString().substring(0, 6);
        ImportUnitsRequest.Builder request = ImportUnitsRequest.newBuilder();
        for (int i = 0; i < 5000; i++) {
            request.addUnits(row(i % 2 == 0 ? XUANWU : GULOU, "IMP-" + batch + "-" + i).addTerminalIds("terminal-" + batch + "-" + UUID.randomUUID()));
        }
        ImportUnitsResponse imported = units.as(ADMIN).importUnits(request.build());

        assertEquals(5000, imported.getUnitIdsCount());
        assertEquals(5000, new HashSet<>(imported.getUnitIdsList()).size());
        assertEquals(2500, count("select count(*) from unit where org_code = ? and call_sign like 'IMP-" + batch + "-%'", GULOU));
    }

    @Test
    void aBadRowRejectsTheWholeImportNamingEveryBadRow() throws Exception {
        String batch = "BAD-" + UUID.randomUUID().toString().substring(0, 6);
        String taken = units.unit(QINHUAI, ForceType.STATION, 0, false).getCallSign();
        ImportUnitsRequest request = ImportUnitsRequest.newBuilder()
                .addUnits(row(QINHUAI, batch + "-0"))
                .addUnits(row(QINHUAI, batch + "-1").setHeadCount(0))
                .addUnits(row(QINHUAI, batch + "-2").setArmedCount(5))
                .addUnits(row(QINHUAI, batch + "-0"))
                .addUnits(row(QINHUAI, batch + "-4").addTerminalIds("short"))
                .addUnits(row(QINHUAI, batch + "-5").setHomeZoneId("not-a-uuid"))
                .build();
        var refused = assertStatus(Code.INVALID_ARGUMENT, () -> units.as(ADMIN).importUnits(request));
        Set<String> fields = new HashSet<>(GrpcStatuses.fieldViolations(refused).stream().map(FieldViolation::field).toList());
        assertEquals(Set.of("units[5].home_zone_id"), fields, "a malformed id is named before anything else is read");

        ImportUnitsRequest withoutBadId = request.toBuilder().removeUnits(5).build();
        refused = assertStatus(Code.INVALID_ARGUMENT, () -> units.as(ADMIN).importUnits(withoutBadId));
        fields = new HashSet<>(GrpcStatuses.fieldViolations(refused).stream().map(FieldViolation::field).toList());
        assertEquals(Set.of("units[1].head_count", "units[2].armed_count", "units[3].call_sign", "units[4].terminal_ids[0]"), fields);
        assertEquals(0, count("select count(*) from unit where org_code = ? and call_sign like '" + batch + "%'", QINHUAI));

        // A call sign already registered: the whole import is refused and nothing is written.
        var duplicate = assertStatus(Code.ALREADY_EXISTS, () -> units.as(ADMIN).importUnits(ImportUnitsRequest.newBuilder()
                .addUnits(row(QINHUAI, batch + "-9")).addUnits(row(QINHUAI, taken)).build()));
        assertTrue(duplicate.getStatus().getDescription().contains(taken));
        assertEquals(0, count("select count(*) from unit where org_code = ? and call_sign like '" + batch + "%'", QINHUAI));
        // Out of scope rows are refused.
        assertStatus(Code.PERMISSION_DENIED, () -> units.as(TestTokens.user("a", "320500000000", "admin"))
                .importUnits(ImportUnitsRequest.newBuilder().addUnits(row(QINHUAI, batch + "-x")).build()));
    }

    @Test
    void terminalsAreSecretsBoundToOneUnitAndResolvedByTheGateway() {
        String phone = terminal();
        String car = terminal();
        Unit unit = units.as(ADMIN).createUnit(row(XUANWU, "TRM-" + UUID.randomUUID().toString().substring(0, 6))
                .addTerminalIds(phone).addTerminalIds(car).build());
        assertEquals(List.of(phone.substring(phone.length() - 4), car.substring(car.length() - 4)), unit.getTerminalHintsList());

        assertEquals(unit.getId(), units.as(GATEWAY).resolveTerminal(ResolveTerminalRequest.newBuilder().setTerminalId(car).build()).getId());
        var unknown = assertStatus(Code.NOT_FOUND, () -> units.as(GATEWAY).resolveTerminal(ResolveTerminalRequest.newBuilder().setTerminalId(terminal()).build()));
        assertFalse(unknown.getStatus().getDescription().contains("T-"), "the secret is not echoed");
        assertStatus(Code.PERMISSION_DENIED, () -> units.as(ADMIN).resolveTerminal(ResolveTerminalRequest.newBuilder().setTerminalId(car).build()));
        // A terminal reports for its unit through the gateway.
        assertEquals(1, units.report(GATEWAY, List.of(PositionFix.newBuilder(UnitsTestClient.fix(unit, UnitsTestClient.freshSpot()[0], UnitsTestClient.freshSpot()[1], Instant.now()))
                .clearUnitId().setTerminalId(phone).build())).getAccepted());
        // A batch naming a terminal nobody bound is refused, naming only the terminal's last characters.
        String stranger = terminal();
        double[] spot = UnitsTestClient.freshSpot();
        var refused = assertStatus(Code.NOT_FOUND, () -> units.report(GATEWAY, List.of(
                PositionFix.newBuilder(UnitsTestClient.fix(unit, spot[0], spot[1], Instant.now())).clearUnitId().setTerminalId(car).build(),
                PositionFix.newBuilder(UnitsTestClient.fix(unit, spot[0], spot[1], Instant.now())).clearUnitId().setTerminalId(stranger).build())));
        assertTrue(refused.getStatus().getDescription().contains(stranger.substring(stranger.length() - 4)), refused.getStatus().getDescription());
        assertFalse(refused.getStatus().getDescription().contains(stranger), "the secret is not echoed");
        // A terminal cannot be bound to a second unit.
        assertStatus(Code.ALREADY_EXISTS, () -> units.as(ADMIN).createUnit(row(XUANWU, "TRM2-" + UUID.randomUUID().toString().substring(0, 6))
                .addTerminalIds(car).build()));
    }

    @Test
    void anUpdateChangesOnlyTheMaskedFieldsAndRefusesALostUpdate() {
        Unit unit = units.unit(XUANWU, ForceType.SPECIAL_PATROL, 2, true);
        UpdateUnitRequest update = UpdateUnitRequest.newBuilder()
                .setId(unit.getId())
                .setUpdateMask(FieldMask.newBuilder().addPaths("armed_count").addPaths("vehicle_plate"))
                .setUnit(CreateUnitRequest.newBuilder().setArmedCount(1).setCallSign("ignored, not in the mask"))
                .setExpectedVersion(unit.getVersion())
                .build();
        Unit updated = units.as(ADMIN).updateUnit(update);

        assertEquals(1, updated.getArmedCount());
        assertEquals("", updated.getVehiclePlate(), "an empty plate in the mask takes the vehicle away");
        assertEquals(unit.getCallSign(), updated.getCallSign());
        assertEquals(unit.getHeadCount(), updated.getHeadCount());
        assertTrue(updated.getVersion() > unit.getVersion());

        // The same update against the old version is refused: someone changed the unit in between.
        assertStatus(Code.ABORTED, () -> units.as(ADMIN).updateUnit(update));
        var tooMany = assertStatus(Code.INVALID_ARGUMENT, () -> units.as(ADMIN).updateUnit(update.toBuilder().clearExpectedVersion()
                .setUpdateMask(FieldMask.newBuilder().addPaths("armed_count")).setUnit(CreateUnitRequest.newBuilder().setArmedCount(9)).build()));
        assertEquals("unit.armed_count", GrpcStatuses.fieldViolations(tooMany).get(0).field());
        var unknownField = assertStatus(Code.INVALID_ARGUMENT, () -> units.as(ADMIN).updateUnit(update.toBuilder().clearExpectedVersion()
                .setUpdateMask(FieldMask.newBuilder().addPaths("org_code")).build()));
        assertEquals("update_mask", GrpcStatuses.fieldViolations(unknownField).get(0).field());
        assertStatus(Code.PERMISSION_DENIED, () -> units.as(DISPATCHER).updateUnit(update));
    }

    @Test
    void unitsAreListedBySubtreeAndFiltersPageByPage() {
        String batch = "LST-" + UUID.randomUUID().toString().substring(0, 6);
        ImportUnitsRequest.Builder request = ImportUnitsRequest.newBuilder();
        for (int i = 0; i < 7; i++) {
            request.addUnits(row(GULOU, batch + "-" + i).setForceType(i < 5 ? ForceType.VOLUNTEER : ForceType.ARMED_POLICE));
        }
        List<String> ids = units.as(ADMIN).importUnits(request.build()).getUnitIdsList();
        Unit onDuty = units.setStatus(COMMANDER, units.as(ADMIN).getUnit(org.fangkong.proto.units.v1.GetUnitRequest.newBuilder().setId(ids.get(1)).build()),
                UnitStatus.AVAILABLE);

        // Volunteers of Gulou, two per page, in call-sign order: every one exactly once.
        List<String> seen = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            ListUnitsResponse page = units.as(DISPATCHER).listUnits(ListUnitsRequest.newBuilder().setOrgCode(GULOU)
                    .addForceTypes(ForceType.VOLUNTEER).setPage(PageRequest.newBuilder().setPageSize(2).setPageToken(token)).build());
            page.getUnitsList().stream().filter(u -> u.getCallSign().startsWith(batch)).forEach(u -> seen.add(u.getCallSign()));
            token = page.getPage().getNextPageToken();
            pages++;
        } while (!token.isEmpty() && pages < 10_000);
        assertEquals(List.of(batch + "-0", batch + "-1", batch + "-2", batch + "-3", batch + "-4"), seen);

        ListUnitsResponse available = units.as(DISPATCHER).listUnits(ListUnitsRequest.newBuilder().setOrgCode(GULOU)
                .addStatuses(UnitStatus.AVAILABLE).setPage(PageRequest.newBuilder().setPageSize(1000)).build());
        assertTrue(available.getUnitsList().stream().anyMatch(u -> u.getId().equals(onDuty.getId())));
        assertTrue(available.getUnitsList().stream().allMatch(u -> u.getStatus() == UnitStatus.AVAILABLE));
        // Another city's dispatcher lists nothing of Nanjing, and may not ask for it.
        assertStatus(Code.PERMISSION_DENIED, () -> units.as(TestTokens.user("d", "320500000000", "dispatcher"))
                .listUnits(ListUnitsRequest.newBuilder().setOrgCode(NANJING).build()));
        var badToken = assertStatus(Code.INVALID_ARGUMENT, () -> units.as(DISPATCHER).listUnits(ListUnitsRequest.newBuilder()
                .setPage(PageRequest.newBuilder().setPageToken("%%%")).build()));
        assertEquals("page.page_token", GrpcStatuses.fieldViolations(badToken).get(0).field());
    }
}
