package org.fangkong.alerts;

import static org.fangkong.alerts.AlertScene.ADMIN;
import static org.fangkong.alerts.AlertScene.COMMANDER;
import static org.fangkong.alerts.AlertScene.await;
import static org.fangkong.alerts.AlertScene.dispatcher;
import static org.fangkong.alerts.AlertScene.events;
import static org.fangkong.infra.testing.Eventually.holdsFor;
import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.proto.alerts.v1.ApplyPatrolLevelRequest;
import org.fangkong.proto.alerts.v1.ControlPoints;
import org.fangkong.proto.alerts.v1.CountChange;
import org.fangkong.proto.alerts.v1.GetSituationReportRequest;
import org.fangkong.proto.alerts.v1.GetWantedHitTrailRequest;
import org.fangkong.proto.alerts.v1.Incident;
import org.fangkong.proto.alerts.v1.IncidentSource;
import org.fangkong.proto.alerts.v1.IncidentType;
import org.fangkong.proto.alerts.v1.ListIncidentsRequest;
import org.fangkong.proto.alerts.v1.PatrolLevelRecommendation;
import org.fangkong.proto.alerts.v1.RecommendPatrolLevelsRequest;
import org.fangkong.proto.alerts.v1.SituationReport;
import org.fangkong.proto.alerts.v1.SuggestControlPointsRequest;
import org.fangkong.proto.alerts.v1.WantedHitTrail;
import org.fangkong.proto.checkpoints.v1.Checkpoint;
import org.fangkong.proto.checkpoints.v1.CheckpointType;
import org.fangkong.proto.checkpoints.v1.CreateCheckpointRequest;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.events.v1.CaptureHit;
import org.fangkong.proto.events.v1.CheckHit;
import org.fangkong.proto.events.v1.Event;
import org.fangkong.proto.units.v1.CreateUnitRequest;
import org.fangkong.proto.units.v1.CreateZoneRequest;
import org.fangkong.proto.units.v1.ForceType;
import org.fangkong.proto.units.v1.GetZoneRequest;
import org.fangkong.proto.units.v1.PatrolTier;
import org.fangkong.proto.units.v1.SetUnitStatusRequest;
import org.fangkong.proto.units.v1.Unit;
import org.fangkong.proto.units.v1.UnitStatus;
import org.fangkong.proto.units.v1.Zone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/** Wanted hits into interceptions, and the situation analysis that drives patrol levels. */
@QuarkusTest
@AlertTest
class HitsAndAnalysisTest {

    private static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");

    @Inject
    RedisDataSource redis;

    @Inject
    Pool database;

    private AlertScene scene;

    @BeforeEach
    void open() {
        scene = new AlertScene(RestAssured.port);
    }

    @AfterEach
    void close() throws InterruptedException {
        scene.close();
    }

    /** checkpoint-service and video-service append hits; here the test appends them as they would. */
    private void append(String stream, Event event) {
        redis.stream(String.class, String.class, byte[].class).xadd(RedisKeys.eventStream(stream), Map.of("event", event.toByteArray()));
    }

    private static Event captureHit(UUID wanted, String plate, double lat, double lon, Instant at) {
        return Event.newBuilder().setId(UUID.randomUUID().toString()).setType("capture.hit").setOrgCode(XUANWU).setTime(Timestamps.of(at))
                .setCaptureHit(CaptureHit.newBuilder().setCaptureId("MV-" + UUID.randomUUID()).setWantedEntryId(wanted.toString()).setPlate(plate)
                        .setPlateColour("BLUE").setSeverity(2).setCameraId(UUID.randomUUID().toString())
                        .setCameraGbCode("3201020000132" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000)))
                        .setLocation(GeoPoint.newBuilder().setLat(lat).setLon(lon)).setPassTime(Timestamps.of(at)))
                .build();
    }

    private List<Incident> wantedIncidents(String plate) {
        return scene.alerts(dispatcher(XUANWU)).listIncidents(ListIncidentsRequest.newBuilder().setOrgCode(XUANWU)
                .addTypes(IncidentType.WANTED_HIT).build()).getIncidentsList().stream().filter(i -> i.getDescription().contains(plate)).toList();
    }

    private WantedHitTrail trail(Incident incident) {
        return scene.alerts(dispatcher(XUANWU)).getWantedHitTrail(GetWantedHitTrailRequest.newBuilder().setIncidentId(incident.getId()).build());
    }

    private static String plate() {
        return "苏A" + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));
    }

    @Test
    void aHitBecomesOneIncidentEvenWhenDeliveredTwiceOrLeftPendingByAConsumerThatDied() throws Exception {
        double[] spot = AlertScene.freshSpot();
        String plate = plate();
        UUID wanted = UUID.randomUUID();
        Event hit = Event.newBuilder().setId(UUID.randomUUID().toString()).setType("check.hit").setOrgCode(XUANWU).setTime(Timestamps.of(Instant.now()))
                .setCheckHit(CheckHit.newBuilder().setCheckId(UUID.randomUUID().toString()).setWantedEntryId(wanted.toString()).setKind("VEHICLE")
                        .setPlate(plate).setSeverity(1).setCheckpointId(UUID.randomUUID().toString())
                        .setLocation(GeoPoint.newBuilder().setLat(spot[0]).setLon(spot[1])).setCheckedBy("checker-1").setCheckedAt(Timestamps.of(Instant.now())))
                .build();
        append("check-hits", hit);
        append("check-hits", hit);

        await("the hit became an incident", () -> wantedIncidents(plate).size() == 1);
        holdsFor("no second incident from the second delivery", Duration.ofMillis(1500), () -> wantedIncidents(plate).size() == 1);
        List<Incident> incidents = wantedIncidents(plate);
        assertEquals(1, incidents.size(), "delivered twice, one incident");
        assertEquals(IncidentSource.CHECKPOINT_HIT, incidents.get(0).getSource());
        assertEquals(1, incidents.get(0).getPriority(), "the wanted entry's severity");
        assertEquals(1, trail(incidents.get(0)).getSightingsCount());

        // A consumer of the group takes the next hit and dies before acknowledging it: another takes it over.
        Event later = captureHit(wanted, plate, spot[0] + 0.01, spot[1], Instant.now());
        // (appended and taken in one transaction, so no live consumer reads it first)
        redis.withTransaction(tx -> {
            var stream = tx.stream(String.class, String.class, byte[].class);
            stream.xadd(RedisKeys.eventStream("capture-hits"), Map.of("event", later.toByteArray()));
            stream.xreadgroup("alert-service", "consumer-that-died", RedisKeys.eventStream("capture-hits"), ">", new XReadGroupArgs().count(1000));
        });
        assertTrue(redis.stream(String.class, String.class, byte[].class).xpending(RedisKeys.eventStream("capture-hits"), "alert-service")
                .getPendingCount() >= 1, "the dead consumer holds the hit");
        await("the pending hit handled by a live consumer", () -> trail(incidents.get(0)).getSightingsCount() == 2);
        assertEquals(1, wantedIncidents(plate).size());
    }

    @Test
    void twentySightingsOfOnePlateMakeOneIncidentWithATwentyPointTrail() throws Exception {
        double[] spot = AlertScene.freshSpot();
        String plate = plate();
        UUID wanted = UUID.randomUUID();
        Instant start = Instant.now().minusSeconds(600);
        for (int i = 0; i < 20; i++) {
            append("capture-hits", captureHit(wanted, plate, spot[0] + i * 0.002, spot[1], start.plusSeconds(i * 20L)));
        }

        await("twenty sightings on one incident", () -> wantedIncidents(plate).size() == 1 && trail(wantedIncidents(plate).get(0)).getSightingsCount() == 20);
        Incident incident = wantedIncidents(plate).get(0);
        WantedHitTrail trail = trail(incident);
        assertEquals(wanted.toString(), trail.getWantedEntryId());
        for (int i = 1; i < 20; i++) {
            assertTrue(Timestamps.toInstant(trail.getSightings(i).getSeenAt()).isAfter(Timestamps.toInstant(trail.getSightings(i - 1).getSeenAt())),
                    "the trail is in time order");
        }
        assertEquals(spot[0] + 19 * 0.002, trail.getSightings(19).getLocation().getLat(), 1e-9);
        await("nineteen later sightings on the stream", () -> events(redis, incident.getId(), "incident.sighted").size() == 19);
    }

    @Test
    void theInterceptionProposalNamesTheNearestAvailableArmedUnitsAndOpenCheckpoints() throws Exception {
        double[] spot = AlertScene.freshSpot();
        Unit armedNear = scene.crewedUnit(XUANWU, "officer-intercept", spot[0] + 0.01, spot[1]);
        Unit unarmed = scene.units(ADMIN).createUnit(CreateUnitRequest.newBuilder().setCallSign("NA-" + UUID.randomUUID().toString().substring(0, 6))
                .setOrgCode(XUANWU).setForceType(ForceType.AUXILIARY).setTier(PatrolTier.MAIN_ROAD).setHeadCount(2).setArmedCount(0).build());
        scene.units(COMMANDER).setUnitStatus(SetUnitStatusRequest.newBuilder().setUnitId(unarmed.getId()).setStatus(UnitStatus.AVAILABLE).build());
        scene.at(unarmed, spot[0] + 0.002, spot[1]);
        Unit armedFar = scene.crewedUnit(XUANWU, "officer-far", spot[0] + 0.2, spot[1]);
        String code = "gate-" + UUID.randomUUID().toString().substring(0, 6);
        Checkpoint gate = scene.checkpoints(ADMIN).createCheckpoint(CreateCheckpointRequest.newBuilder().setCode(code).setName("拦截卡点")
                .setType(CheckpointType.SECURITY_CHECKPOINT).setOrgCode(XUANWU).setLocation(GeoPoint.newBuilder().setLat(spot[0] - 0.005).setLon(spot[1]))
                .setLanes(2).setStaffedHeadCount(4).build());
        String plate = plate();

        append("capture-hits", captureHit(UUID.randomUUID(), plate, spot[0], spot[1], Instant.now()));

        await("the proposal", () -> wantedIncidents(plate).size() == 1 && trail(wantedIncidents(plate).get(0)).hasProposal());
        var proposal = trail(wantedIncidents(plate).get(0)).getProposal();
        List<String> units = proposal.getUnitsList().stream().map(u -> u.getUnitId()).toList();
        assertEquals(List.of(armedNear.getId()), units, "available, armed and within reach: not the unarmed one, not the far one");
        assertFalse(units.contains(armedFar.getId()));
        assertEquals(gate.getId(), proposal.getCheckpoints(0).getCheckpointId(), "the nearest open checkpoint first");
        await("the proposal on the stream", () -> events(redis, wantedIncidents(plate).get(0).getId(), "incident.interception").stream()
                .anyMatch(e -> e.getIncidentChanged().getCheckpointIdsList().contains(gate.getId())));
    }

    /** An incident of a hand-built history, stored as alert-service stores it. */
    private void history(String org, String type, String status, String source, Instant reportedAt, Instant resolvedAt, double lat, double lon) {
        UUID id = UUID.randomUUID();
        database.preparedQuery("insert into incident (id, number, type, priority, org_code, lat, lon, address, status, reported_at, resolved_at, source) "
                + "values ($1, $2, $3, 3, $4, $5, $6, 'history', $7, $8, $9, $10)")
                .execute(Tuple.tuple(new ArrayList<>(java.util.Arrays.asList(id, org + "-h-" + id.toString().substring(0, 13), type, org, lat, lon,
                        status, reportedAt.atOffset(java.time.ZoneOffset.UTC),
                        resolvedAt == null ? null : resolvedAt.atOffset(java.time.ZoneOffset.UTC), source))))
                .await().indefinitely();
    }

    private static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).atZone(LOCAL).toInstant();
    }

    private static CountChange byType(SituationReport report, String type) {
        return report.getByTypeList().stream().filter(c -> c.getKey().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void theDailyReportsCountsAndChangesMatchAHandBuiltHistory() {
        String yuhuatai = "320114000000";
        LocalDate day = LocalDate.of(2026, 11, 20);
        // Inside one hotspot cell, clear of its edges.
        double lat = 31.9912;
        double lon = 118.7712;
        for (int i = 0; i < 4; i++) {
            history(yuhuatai, "THEFT", "NEW", "CALL_110", at(day, 9 + i), null, lat + 0.0001 * i, lon);
        }
        history(yuhuatai, "ROBBERY", "RESOLVED", "CAPTURE_HIT", at(day, 14), at(day, 15), lat + 0.02, lon);
        history(yuhuatai, "ROBBERY", "CLOSED", "CALL_110", at(day, 16), at(day, 17), lat + 0.02, lon);
        history(yuhuatai, "THEFT", "CANCELLED", "CALL_110", at(day, 18), null, lat, lon);
        for (int i = 0; i < 2; i++) {
            history(yuhuatai, "THEFT", "CLOSED", "CALL_110", at(day.minusDays(1), 9 + i), null, lat, lon);
        }
        for (int i = 0; i < 4; i++) {
            history(yuhuatai, "ROBBERY", "CLOSED", "CALL_110", at(day.minusDays(1), 12 + i), null, lat, lon);
        }
        for (int i = 0; i < 5; i++) {
            history(yuhuatai, "THEFT", "CLOSED", "CALL_110", at(day.minusYears(1), 10 + i), null, lat, lon);
        }
        history(yuhuatai, "THEFT", "NEW", "CALL_110", at(day.plusDays(1), 0), null, lat, lon);

        SituationReport report = scene.alerts(dispatcher(yuhuatai)).getSituationReport(GetSituationReportRequest.newBuilder().setOrgCode(yuhuatai)
                .setDay(day.toString()).build());

        assertEquals(6, report.getTotal().getCount(), "the cancelled one and the next day's are left out");
        assertEquals(6, report.getTotal().getPrevious());
        assertEquals(5, report.getTotal().getYearBefore());
        assertEquals(0.0, report.getTotal().getChangeVsPreviousPct(), 1e-9);
        assertEquals(20.0, report.getTotal().getChangeVsYearBeforePct(), 1e-9);
        assertEquals(100.0, byType(report, "THEFT").getChangeVsPreviousPct(), 1e-9);
        assertEquals(-20.0, byType(report, "THEFT").getChangeVsYearBeforePct(), 1e-9);
        assertEquals(-50.0, byType(report, "ROBBERY").getChangeVsPreviousPct(), 1e-9);
        assertTrue(Double.isNaN(byType(report, "ROBBERY").getChangeVsYearBeforePct()), "no robbery a year before: no percentage");
        assertEquals(4, report.getHotspots(0).getIncidents(), "the four thefts share a cell");
        assertEquals(2, report.getClosed());
        assertEquals(1, report.getClosedByIntelligence());
        assertEquals(0.5, report.getIntelligenceShare(), 1e-9);
        assertEquals("2026-11-20", report.getFromDay());
    }

    @Test
    void applyingARecommendedLevelChangesTheZonesLevelInUnitsService() throws Exception {
        String jiangning = "320115000000";
        double[] spot = AlertScene.freshSpot();
        double half = 0.0025;
        Zone zone = scene.units(ADMIN).createZone(CreateZoneRequest.newBuilder().setName("热点片区").setOrgCode(jiangning).setPatrolLevel(4)
                .addPolygon(point(spot[0] - half, spot[1] - half)).addPolygon(point(spot[0] - half, spot[1] + half))
                .addPolygon(point(spot[0] + half, spot[1] + half)).addPolygon(point(spot[0] + half, spot[1] - half))
                .addPolygon(point(spot[0] - half, spot[1] - half)).build());
        for (int i = 0; i < 6; i++) {
            // Inside one hotspot cell, clear of its edges.
            Incident incident = scene.alerts(dispatcher(jiangning)).reportIncident(AlertScene.report(jiangning, IncidentType.THEFT, 3,
                    spot[0] + 0.0012 + 0.0002 * i, spot[1] + 0.0012).build());
            assertEquals(zone.getId(), incident.getZoneId());
        }

        PatrolLevelRecommendation recommendation = scene.alerts(COMMANDER).recommendPatrolLevels(RecommendPatrolLevelsRequest.newBuilder()
                .setOrgCode(jiangning).setDays(7).build()).getZonesList().stream().filter(z -> z.getZoneId().equals(zone.getId())).findFirst().orElseThrow();
        assertEquals(6, recommendation.getIncidents());
        assertEquals(1, recommendation.getRecommendedLevel(), recommendation.getReason());
        assertEquals(4, recommendation.getCurrentLevel());

        scene.alerts(COMMANDER).applyPatrolLevel(ApplyPatrolLevelRequest.newBuilder().setZoneId(zone.getId()).setPatrolLevel(1)
                .setReason(recommendation.getReason()).build());
        Zone after = scene.units(ADMIN).getZone(GetZoneRequest.newBuilder().setId(zone.getId()).build());
        assertEquals(1, after.getPatrolLevel());
        assertTrue(after.getLevelChangedBy().contains("commander-nanjing"), after.getLevelChangedBy());

        ControlPoints points = scene.alerts(COMMANDER).suggestControlPoints(SuggestControlPointsRequest.newBuilder().setOrgCode(jiangning).setDays(7).build());
        assertEquals(6, points.getCells(0).getIncidents(), "the zone's six incidents make the top control point");
    }

    private static GeoPoint point(double lat, double lon) {
        return GeoPoint.newBuilder().setLat(lat).setLon(lon).build();
    }

    private void organisation(String token, String code, String name, String parent) {
        try {
            scene.units(token).createOrganisation(org.fangkong.proto.units.v1.CreateOrganisationRequest.newBuilder().setCode(code).setName(name)
                    .setParentCode(parent).build());
        } catch (io.grpc.StatusRuntimeException e) {
            if (e.getStatus().getCode() != io.grpc.Status.Code.ALREADY_EXISTS) {
                throw e;
            }
        }
    }

    @Test
    void theTwoStageReportGivesTheCityTheDistrictAndItsNeighbours() {
        String province = org.fangkong.infra.testing.TestTokens.user("admin-jiangsu", "320000000000", "admin");
        organisation(province, "320000000000", "江苏省公安厅", "");
        organisation(province, "320100000000", "南京市公安局", "320000000000");
        organisation(province, "320116000000", "六合分局", "320100000000");
        organisation(province, "320117000000", "溧水分局", "320100000000");
        scene.units(province).setNeighbours(org.fangkong.proto.units.v1.SetNeighboursRequest.newBuilder().setCode("320116000000")
                .addNeighbourCodes("320117000000").build());
        LocalDate day = LocalDate.of(2026, 11, 10);
        history("320116000000", "FIGHT", "NEW", "CALL_110", at(day, 10), null, 32.33, 118.83);
        history("320116000000", "FIGHT", "NEW", "CALL_110", at(day, 11), null, 32.33, 118.83);
        history("320117000000", "THEFT", "NEW", "CALL_110", at(day, 12), null, 31.65, 119.02);

        var report = scene.alerts(dispatcher("320116000000")).getTwoStageReport(org.fangkong.proto.alerts.v1.GetTwoStageReportRequest.newBuilder()
                .setOrgCode("320116000000").setDay(day.toString()).build());

        assertEquals(2, report.getDistrict().getTotal().getCount());
        assertEquals(1, report.getNeighboursCount());
        assertEquals("320117000000", report.getNeighbours(0).getOrgCode());
        assertEquals(1, report.getNeighbours(0).getTotal().getCount());
        assertTrue(report.getCity().getTotal().getCount() >= 3, "the city's report holds both districts");
        assertEquals("320100000000", report.getCity().getOrgCode());
    }

    @Test
    void aZoneShortOfUnitsGetsTheNearestAvailableHqSupportUnits() {
        String gaochun = "320118000000";
        double[] spot = AlertScene.freshSpot();
        double half = 0.003;
        Zone zone = scene.units(ADMIN).createZone(CreateZoneRequest.newBuilder().setName("高淳老街").setOrgCode(gaochun).setPatrolLevel(1)
                .addPolygon(point(spot[0] - half, spot[1] - half)).addPolygon(point(spot[0] - half, spot[1] + half))
                .addPolygon(point(spot[0] + half, spot[1] + half)).addPolygon(point(spot[0] + half, spot[1] - half))
                .addPolygon(point(spot[0] - half, spot[1] - half)).build());
        Unit support = scene.units(ADMIN).createUnit(CreateUnitRequest.newBuilder().setCallSign("HQ-" + UUID.randomUUID().toString().substring(0, 6))
                .setOrgCode(gaochun).setForceType(ForceType.HQ_SUPPORT).setTier(PatrolTier.MAIN_ROAD).setHeadCount(4).setArmedCount(2).build());
        scene.units(COMMANDER).setUnitStatus(SetUnitStatusRequest.newBuilder().setUnitId(support.getId()).setStatus(UnitStatus.AVAILABLE).build());
        scene.at(support, spot[0] + 0.02, spot[1]);

        var found = scene.alerts(COMMANDER).suggestReinforcements(org.fangkong.proto.alerts.v1.SuggestReinforcementsRequest.newBuilder()
                .setOrgCode(gaochun).build()).getZonesList().stream().filter(z -> z.getZoneId().equals(zone.getId())).findFirst().orElseThrow();

        assertTrue(found.getShortfall() > 0);
        assertEquals(found.getRequiredUnits() - found.getVisibleUnits(), found.getShortfall());
        assertEquals(List.of(support.getId()), found.getUnitsList().stream().map(u -> u.getUnitId()).toList());
    }
}
