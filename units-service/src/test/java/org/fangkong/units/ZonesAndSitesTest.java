package org.fangkong.units;

import static org.fangkong.infra.testing.AppContractTest.assertStatus;
import static org.fangkong.infra.testing.TestOrgs.GULOU;
import static org.fangkong.infra.testing.TestOrgs.NANJING;
import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static org.fangkong.units.UnitsTestClient.ADMIN;
import static org.fangkong.units.UnitsTestClient.ALERT_SERVICE;
import static org.fangkong.units.UnitsTestClient.COMMANDER;
import static org.fangkong.units.UnitsTestClient.DISPATCHER;
import static org.fangkong.units.UnitsTestClient.GATEWAY;
import static org.fangkong.units.UnitsTestClient.point;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.fangkong.infra.testing.Eventually;
import org.fangkong.infra.testing.ServiceTest;
import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.errors.FieldViolation;
import org.fangkong.platform.errors.GrpcStatuses;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.units.v1.ApplyIncidentMoveRequest;
import org.fangkong.proto.units.v1.CreateKeySiteRequest;
import org.fangkong.proto.units.v1.CreateZoneRequest;
import org.fangkong.proto.units.v1.DeleteKeySiteRequest;
import org.fangkong.proto.units.v1.DeleteZoneRequest;
import org.fangkong.proto.units.v1.GetKeySiteRequest;
import org.fangkong.proto.units.v1.ListKeySitesRequest;
import org.fangkong.proto.units.v1.DutyStrength;
import org.fangkong.proto.units.v1.ForceStrength;
import org.fangkong.proto.units.v1.ForceType;
import org.fangkong.proto.units.v1.GetDutyStrengthRequest;
import org.fangkong.proto.units.v1.GetUnitTrackRequest;
import org.fangkong.proto.units.v1.GetUnitTrackResponse;
import org.fangkong.proto.units.v1.GetZoneCoverageRequest;
import org.fangkong.proto.units.v1.GetZoneRequest;
import org.fangkong.proto.units.v1.IncidentMove;
import org.fangkong.proto.units.v1.KeySite;
import org.fangkong.proto.units.v1.KeySiteCategory;
import org.fangkong.proto.units.v1.ListUnitsInZoneRequest;
import org.fangkong.proto.units.v1.ListZoneLevelHistoryRequest;
import org.fangkong.proto.units.v1.ListZonesRequest;
import org.fangkong.proto.units.v1.LocatePointRequest;
import org.fangkong.proto.units.v1.LocatePointResponse;
import org.fangkong.proto.units.v1.SetZoneLevelRequest;
import org.fangkong.proto.units.v1.Unit;
import org.fangkong.proto.units.v1.UnitStatus;
import org.fangkong.proto.units.v1.UpdateKeySiteRequest;
import org.fangkong.proto.units.v1.UpdateZoneRequest;
import org.fangkong.proto.units.v1.Zone;
import org.fangkong.proto.units.v1.ZoneCoverage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.grpc.Status.Code;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
@ServiceTest
class ZonesAndSitesTest {

    private UnitsTestClient units;
    private double lat;
    private double lon;

    @BeforeEach
    void open() {
        units = new UnitsTestClient(RestAssured.port);
        double[] spot = UnitsTestClient.freshSpot();
        lat = spot[0];
        lon = spot[1];
    }

    @AfterEach
    void close() throws InterruptedException {
        units.close();
    }

    /** A right triangle with its right angle at the spot, legs of 0.02° east and north: its box's far corner lies outside it. */
    private List<GeoPoint> triangle() {
        return List.of(point(lat, lon), point(lat, lon + 0.02), point(lat + 0.02, lon), point(lat, lon));
    }

    private Zone zone(String org, List<GeoPoint> polygon, int level) {
        return units.as(ADMIN).createZone(CreateZoneRequest.newBuilder().setName("Zone " + UUID.randomUUID()).setOrgCode(org)
                .addAllPolygon(polygon).setPatrolLevel(level).build());
    }

    private static String field(io.grpc.StatusRuntimeException refused) {
        return GrpcStatuses.fieldViolations(refused).stream().map(FieldViolation::field).findFirst().orElse("");
    }

    @Test
    void aBadPolygonIsRefusedNamingWhatIsWrong() {
        CreateZoneRequest.Builder request = CreateZoneRequest.newBuilder().setName("Bad zone").setOrgCode(XUANWU);
        var open = assertStatus(Code.INVALID_ARGUMENT, () -> units.as(ADMIN).createZone(request.clone()
                .addAllPolygon(List.of(point(lat, lon), point(lat, lon + 0.01), point(lat + 0.01, lon + 0.01), point(lat + 0.01, lon))).build()));
        assertEquals("polygon", field(open));
        assertTrue(GrpcStatuses.fieldViolations(open).get(0).rule().contains("closed"));

        // A bow tie: its edges cross.
        var bowTie = assertStatus(Code.INVALID_ARGUMENT, () -> units.as(ADMIN).createZone(request.clone().addAllPolygon(List.of(
                point(lat, lon), point(lat + 0.01, lon + 0.01), point(lat + 0.01, lon), point(lat, lon + 0.01), point(lat, lon))).build()));
        assertEquals("polygon", field(bowTie));
        assertTrue(GrpcStatuses.fieldViolations(bowTie).get(0).rule().contains("self-intersection"), GrpcStatuses.fieldViolations(bowTie).get(0).rule());

        var outOfRange = assertStatus(Code.INVALID_ARGUMENT, () -> units.as(ADMIN).createZone(request.clone().addAllPolygon(List.of(
                point(lat, lon), point(95, lon), point(lat, lon + 0.01), point(lat, lon))).build()));
        assertEquals("polygon[1].lat", field(outOfRange));
        var tooFew = assertStatus(Code.INVALID_ARGUMENT, () -> units.as(ADMIN).createZone(request.clone().addAllPolygon(List.of(
                point(lat, lon), point(lat, lon + 0.01), point(lat, lon))).build()));
        assertEquals("polygon", field(tooFew));
        var flat = assertStatus(Code.INVALID_ARGUMENT, () -> units.as(ADMIN).createZone(request.clone().addAllPolygon(List.of(
                point(lat, lon), point(lat, lon + 0.01), point(lat, lon + 0.02), point(lat, lon))).build()));
        assertEquals("polygon", field(flat));
        var level = assertStatus(Code.INVALID_ARGUMENT, () -> units.as(ADMIN).createZone(request.clone().addAllPolygon(triangle()).setPatrolLevel(5).build()));
        assertEquals("patrol_level", field(level));
    }

    @Test
    void coverageCountsTheVisibleOnDutyUnitsInsideAgainstWhatTheLevelRequires() {
        Zone zone = zone(XUANWU, triangle(), 4);
        assertEquals(1, zone.getRequiredUnits());
        double insideLat = lat + 0.005;
        double insideLon = lon + 0.005;
        Unit available1 = units.available(XUANWU, ForceType.SPECIAL_PATROL, 2, true);
        Unit available2 = units.available(GULOU, ForceType.AUXILIARY, 0, false);
        Unit dispatched = units.available(XUANWU, ForceType.SPECIAL_PATROL, 2, true);
        Unit unavailable = units.available(XUANWU, ForceType.SPECIAL_PATROL, 2, true);
        Unit offDuty = units.unit(XUANWU, ForceType.SPECIAL_PATROL, 2, true);
        Unit outsideInTheBox = units.available(XUANWU, ForceType.SPECIAL_PATROL, 2, true);
        Unit oldFix = units.available(XUANWU, ForceType.SPECIAL_PATROL, 2, true);
        units.as(ALERT_SERVICE).applyIncidentMove(ApplyIncidentMoveRequest.newBuilder().setUnitId(dispatched.getId())
                .setIncidentId(UUID.randomUUID().toString()).setMove(IncidentMove.DISPATCH).setIncidentPriority(2).build());
        units.setStatus(COMMANDER, unavailable, UnitStatus.UNAVAILABLE);
        for (Unit unit : List.of(available1, available2, dispatched, unavailable, offDuty)) {
            units.at(unit, insideLat, insideLon);
        }
        units.at(outsideInTheBox, lat + 0.018, lon + 0.018);
        units.report(GATEWAY, List.of(UnitsTestClient.fix(oldFix, insideLat, insideLon, Instant.now().minusSeconds(60))));

        ZoneCoverage coverage = units.as(DISPATCHER).getZoneCoverage(GetZoneCoverageRequest.newBuilder().setZoneId(zone.getId()).build())
                .getZones(0);
        assertEquals(3, coverage.getVisibleUnits(), "two available and one dispatched; not the stood-down, off-duty, outside or silent ones");
        assertEquals(1, coverage.getRequiredUnits());
        assertEquals(0, coverage.getShortfall());

        // Raised to level 1, the zone needs 6: three short. The change is kept with its reason.
        Zone raised = units.as(COMMANDER).setZoneLevel(SetZoneLevelRequest.newBuilder().setZoneId(zone.getId()).setPatrolLevel(1)
                .setReason("robberies up 40% this week").build());
        assertEquals(6, raised.getRequiredUnits());
        assertEquals("commander-nanjing", raised.getLevelChangedBy());
        coverage = units.as(DISPATCHER).getZoneCoverage(GetZoneCoverageRequest.newBuilder().setZoneId(zone.getId()).build()).getZones(0);
        assertEquals(3, coverage.getShortfall());
        var history = units.as(DISPATCHER).listZoneLevelHistory(ListZoneLevelHistoryRequest.newBuilder().setZoneId(zone.getId()).build());
        assertEquals(1, history.getChangesCount());
        assertEquals(4, history.getChanges(0).getFromLevel());
        assertEquals("robberies up 40% this week", history.getChanges(0).getReason());
        var noReason = assertStatus(Code.INVALID_ARGUMENT, () -> units.as(COMMANDER).setZoneLevel(SetZoneLevelRequest.newBuilder()
                .setZoneId(zone.getId()).setPatrolLevel(2).build()));
        assertEquals("reason", field(noReason));
        assertStatus(Code.PERMISSION_DENIED, () -> units.as(DISPATCHER).setZoneLevel(SetZoneLevelRequest.newBuilder()
                .setZoneId(zone.getId()).setPatrolLevel(2).setReason("x").build()));

        // Units in the zone: on duty and inside, whatever their status; a Xuanwu dispatcher does not see Gulou's.
        Set<String> inside = new HashSet<>(units.as(DISPATCHER).listUnitsInZone(ListUnitsInZoneRequest.newBuilder().setZoneId(zone.getId()).build())
                .getUnitsList().stream().map(n -> n.getUnit().getId()).toList());
        assertEquals(Set.of(available1.getId(), available2.getId(), dispatched.getId(), unavailable.getId(), oldFix.getId()), inside);
        Set<String> seenByXuanwu = new HashSet<>(units.as(TestTokens.user("d", XUANWU, "dispatcher")).listUnitsInZone(ListUnitsInZoneRequest
                .newBuilder().setZoneId(zone.getId()).build()).getUnitsList().stream().map(n -> n.getUnit().getId()).toList());
        assertFalse(seenByXuanwu.contains(available2.getId()));

        // The whole organisation's coverage lists this zone among its zones.
        assertTrue(units.as(DISPATCHER).getZoneCoverage(GetZoneCoverageRequest.newBuilder().setOrgCode(XUANWU).build()).getZonesList()
                .stream().anyMatch(z -> z.getZone().getId().equals(zone.getId()) && z.getVisibleUnits() == 3));
    }

    @Test
    void aPointIsPlacedInItsZoneAndKeySites() {
        Zone zone = zone(XUANWU, triangle(), 3);
        KeySite square = units.as(ADMIN).createKeySite(CreateKeySiteRequest.newBuilder().setName("Xinjiekou square " + UUID.randomUUID())
                .setCategory(KeySiteCategory.COMMERCIAL_CENTRE).setOrgCode(XUANWU).setCenter(point(lat + 0.004, lon + 0.004)).setRadiusM(500).build());
        KeySite school = units.as(ADMIN).createKeySite(CreateKeySiteRequest.newBuilder().setName("No. 1 school " + UUID.randomUUID())
                .setCategory(KeySiteCategory.SCHOOL_SURROUNDINGS).setOrgCode(XUANWU).setCenter(point(lat + 0.006, lon + 0.006)).setRadiusM(800)
                .setReactTargetS(30).build());
        assertEquals(60, square.getReactTargetS());
        assertEquals(180, square.getArriveTargetS());
        assertEquals(300, square.getResolveTargetS());
        assertEquals(30, school.getReactTargetS());

        LocatePointResponse located = units.as(ALERT_SERVICE).locatePoint(LocatePointRequest.newBuilder()
                .setPoint(point(lat + 0.0045, lon + 0.0045)).setWithinOrgCode(NANJING).build());
        assertEquals(zone.getId(), located.getZone().getId());
        assertEquals(List.of(square.getId(), school.getId()), located.getKeySitesList().stream().map(KeySite::getId).toList());

        // Outside the triangle (in its box) and far from both sites.
        LocatePointResponse nowhere = units.as(ALERT_SERVICE).locatePoint(LocatePointRequest.newBuilder()
                .setPoint(point(lat + 0.019, lon + 0.019)).setWithinOrgCode(NANJING).build());
        assertFalse(nowhere.hasZone());
        assertEquals(0, nowhere.getKeySitesCount());
        // Another city's scope does not find Nanjing's zone.
        assertFalse(units.as(ALERT_SERVICE).locatePoint(LocatePointRequest.newBuilder().setPoint(point(lat + 0.0045, lon + 0.0045))
                .setWithinOrgCode("320500000000").build()).hasZone());
        var noScope = assertStatus(Code.INVALID_ARGUMENT, () -> units.as(ALERT_SERVICE).locatePoint(LocatePointRequest.newBuilder()
                .setPoint(point(lat, lon)).build()));
        assertEquals("within_org_code", field(noScope));
    }

    @Test
    void zonesAndKeySitesAreManagedWithinScope() {
        Zone zone = zone(XUANWU, triangle(), 0);
        assertEquals(4, zone.getPatrolLevel(), "no level asked: the lowest");
        assertEquals(4, zone.getPolygonCount());

        Zone renamed = units.as(ADMIN).updateZone(UpdateZoneRequest.newBuilder().setId(zone.getId()).setName(zone.getName() + " east").build());
        assertEquals(zone.getName() + " east", renamed.getName());
        assertEquals(zone.getPolygonList(), renamed.getPolygonList());
        assertTrue(units.as(DISPATCHER).listZones(ListZonesRequest.newBuilder().setOrgCode(XUANWU)
                .setPage(org.fangkong.proto.common.v1.PageRequest.newBuilder().setPageSize(1000)).build())
                .getZonesList().stream().anyMatch(z -> z.getId().equals(zone.getId())));
        assertStatus(Code.ALREADY_EXISTS, () -> units.as(ADMIN).createZone(CreateZoneRequest.newBuilder().setName(renamed.getName())
                .setOrgCode(XUANWU).addAllPolygon(triangle()).build()));
        assertStatus(Code.NOT_FOUND, () -> units.as(TestTokens.user("d", "320500000000", "dispatcher")).getZone(GetZoneRequest.newBuilder().setId(zone.getId()).build()));
        assertStatus(Code.PERMISSION_DENIED, () -> units.as(DISPATCHER).deleteZone(DeleteZoneRequest.newBuilder().setId(zone.getId()).build()));
        units.as(ADMIN).deleteZone(DeleteZoneRequest.newBuilder().setId(zone.getId()).build());
        assertStatus(Code.NOT_FOUND, () -> units.as(ADMIN).getZone(GetZoneRequest.newBuilder().setId(zone.getId()).build()));

        Unit posted = units.unit(XUANWU, ForceType.ARMED_POLICE, 4, true);
        CreateKeySiteRequest site = CreateKeySiteRequest.newBuilder().setName("Presidential palace").setCategory(KeySiteCategory.POLITICAL_CORE)
                .setOrgCode(XUANWU).setCenter(point(lat, lon)).setRadiusM(300).addPostedUnitIds(posted.getId()).build();
        KeySite created = units.as(ADMIN).createKeySite(site);
        assertEquals(List.of(posted.getId()), created.getPostedUnitIdsList());
        var badTargets = assertStatus(Code.INVALID_ARGUMENT, () -> units.as(ADMIN).createKeySite(site.toBuilder().setRadiusM(5).setReactTargetS(400).build()));
        assertEquals(Set.of("radius_m", "arrive_target_s"), new HashSet<>(GrpcStatuses.fieldViolations(badTargets).stream().map(FieldViolation::field).toList()));
        var strangerUnit = assertStatus(Code.INVALID_ARGUMENT, () -> units.as(ADMIN).updateKeySite(UpdateKeySiteRequest.newBuilder()
                .setId(created.getId()).setSite(site.toBuilder().clearPostedUnitIds().addPostedUnitIds(UUID.randomUUID().toString())).build()));
        assertEquals("site.posted_unit_ids[0]", field(strangerUnit));

        KeySite moved = units.as(ADMIN).updateKeySite(UpdateKeySiteRequest.newBuilder().setId(created.getId())
                .setSite(site.toBuilder().setRadiusM(600).clearPostedUnitIds()).build());
        assertEquals(600, moved.getRadiusM());
        assertEquals(0, moved.getPostedUnitIdsCount());
        assertEquals(moved, units.as(DISPATCHER).getKeySite(GetKeySiteRequest.newBuilder().setId(created.getId()).build()));
        assertTrue(units.as(DISPATCHER).listKeySites(ListKeySitesRequest.newBuilder().setOrgCode(XUANWU)
                .setPage(org.fangkong.proto.common.v1.PageRequest.newBuilder().setPageSize(1000)).build())
                .getKeySitesList().stream().anyMatch(k -> k.getId().equals(created.getId())));
        assertStatus(Code.NOT_FOUND, () -> units.as(TestTokens.user("d", "320500000000", "dispatcher"))
                .getKeySite(GetKeySiteRequest.newBuilder().setId(created.getId()).build()));
        units.as(ADMIN).deleteKeySite(DeleteKeySiteRequest.newBuilder().setId(created.getId()).build());
        assertStatus(Code.NOT_FOUND, () -> units.as(DISPATCHER).getKeySite(GetKeySiteRequest.newBuilder().setId(created.getId()).build()));
    }

    @Test
    void dutyStrengthCountsPeopleCarsAndFirearmsOnDutyByForceType() {
        String station = XUANWU.substring(0, 6) + (100000 + ThreadLocalRandom.current().nextInt(899999));
        units.available(station, ForceType.SPECIAL_PATROL, 2, true);
        units.available(station, ForceType.SPECIAL_PATROL, 3, true);
        units.available(station, ForceType.AUXILIARY, 0, false);
        units.unit(station, ForceType.SPECIAL_PATROL, 2, true); // off duty: not counted

        DutyStrength strength = units.as(DISPATCHER).getDutyStrength(GetDutyStrengthRequest.newBuilder().setOrgCode(station).build());
        ForceStrength patrol = strength.getByForceTypeList().stream().filter(s -> s.getForceType() == ForceType.SPECIAL_PATROL).findFirst().orElseThrow();
        assertEquals(2, patrol.getUnits());
        assertEquals(5, patrol.getPeople(), "head counts 2 and 3");
        assertEquals(2, patrol.getCars());
        assertEquals(5, patrol.getFirearms());
        assertEquals(3, strength.getTotal().getUnits());
        assertEquals(7, strength.getTotal().getPeople());
        assertEquals(2, strength.getTotal().getCars());
        assertEquals(ForceType.values().length - 2, strength.getByForceTypeCount(), "every force type, zeros included");
        assertStatus(Code.PERMISSION_DENIED, () -> units.as(TestTokens.user("d", "320500000000", "dispatcher"))
                .getDutyStrength(GetDutyStrengthRequest.newBuilder().setOrgCode(station).build()));
    }

    @Test
    void aUnitsTrackComesFromTheHistoryOldestFirst() throws Exception {
        Unit unit = units.available(XUANWU, ForceType.SPECIAL_PATROL, 2, true);
        Instant start = Instant.now().minusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<org.fangkong.proto.units.v1.PositionFix> fixes = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            fixes.add(UnitsTestClient.fix(unit, lat + i * 0.0001, lon, start.plusSeconds(i * 10)));
        }
        assertEquals(20, units.report(GATEWAY, fixes).getAccepted());
        GetUnitTrackRequest request = GetUnitTrackRequest.newBuilder().setUnitId(unit.getId())
                .setFrom(Timestamps.of(start)).setTo(Timestamps.of(start.plusSeconds(3600))).build();
        Eventually.until("the 20 fixes in the track", Duration.ofSeconds(10), () -> units.as(DISPATCHER).getUnitTrack(request).getFixesCount() >= 20);
        GetUnitTrackResponse track = units.as(DISPATCHER).getUnitTrack(request);
        assertEquals(20, track.getFixesCount());
        assertFalse(track.getTruncated());
        assertEquals(start, Timestamps.toInstant(track.getFixes(0).getRecordedAt()));
        assertEquals(lat + 0.0019, track.getFixes(19).getPoint().getLat(), 1e-9);

        GetUnitTrackResponse firstFive = units.as(DISPATCHER).getUnitTrack(request.toBuilder().setLimit(5).build());
        assertEquals(5, firstFive.getFixesCount());
        assertTrue(firstFive.getTruncated());
        var tooWide = assertStatus(Code.INVALID_ARGUMENT, () -> units.as(DISPATCHER).getUnitTrack(request.toBuilder()
                .setTo(Timestamps.of(start.plusSeconds(30L * 86400))).build()));
        assertEquals("to", field(tooWide));
        assertStatus(Code.NOT_FOUND, () -> units.as(TestTokens.user("d", "320500000000", "dispatcher")).getUnitTrack(request));
    }
}
