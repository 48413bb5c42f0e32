package org.fangkong.alerts;

import static org.fangkong.alerts.AlertScene.ADMIN;
import static org.fangkong.alerts.AlertScene.COMMAND_CENTER;
import static org.fangkong.alerts.AlertScene.COMMANDER;
import static org.fangkong.alerts.AlertScene.await;
import static org.fangkong.alerts.AlertScene.dispatcher;
import static org.fangkong.alerts.AlertScene.events;
import static org.fangkong.alerts.AlertScene.officer;
import static org.fangkong.alerts.AlertScene.report;
import static org.fangkong.alerts.AlertScene.timeline;
import static org.fangkong.infra.testing.AppContractTest.assertStatus;
import static org.fangkong.infra.testing.Eventually.holdsFor;
import static org.fangkong.infra.testing.TestOrgs.GULOU;
import static org.fangkong.infra.testing.TestOrgs.NANJING;
import static org.fangkong.infra.testing.TestOrgs.QINHUAI;
import static org.fangkong.infra.testing.TestOrgs.SUZHOU;
import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.errors.GrpcStatuses;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.proto.alerts.v1.AssignmentState;
import org.fangkong.proto.alerts.v1.CancelIncidentRequest;
import org.fangkong.proto.alerts.v1.CloseIncidentRequest;
import org.fangkong.proto.alerts.v1.DispatchUnitsRequest;
import org.fangkong.proto.alerts.v1.GetCommandModeRequest;
import org.fangkong.proto.alerts.v1.GetIncidentRequest;
import org.fangkong.proto.alerts.v1.Incident;
import org.fangkong.proto.alerts.v1.IncidentStatus;
import org.fangkong.proto.alerts.v1.IncidentType;
import org.fangkong.proto.alerts.v1.IncidentUnitRequest;
import org.fangkong.proto.alerts.v1.ListIncidentsRequest;
import org.fangkong.proto.alerts.v1.ListOpenDispatchesRequest;
import org.fangkong.proto.alerts.v1.OpenDispatch;
import org.fangkong.proto.alerts.v1.Mode;
import org.fangkong.proto.alerts.v1.RecommendUnitsRequest;
import org.fangkong.proto.alerts.v1.RecommendUnitsResponse;
import org.fangkong.proto.alerts.v1.RedispatchIncidentRequest;
import org.fangkong.proto.alerts.v1.ResolveIncidentRequest;
import org.fangkong.proto.alerts.v1.SetCommandModeRequest;
import org.fangkong.proto.checkpoints.v1.Checkpoint;
import org.fangkong.proto.checkpoints.v1.CheckpointType;
import org.fangkong.proto.checkpoints.v1.CordonPlan;
import org.fangkong.proto.checkpoints.v1.CreateCheckpointRequest;
import org.fangkong.proto.checkpoints.v1.CreateCordonPlanRequest;
import org.fangkong.proto.checkpoints.v1.GetCordonStatusRequest;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.units.v1.CreateKeySiteRequest;
import org.fangkong.proto.units.v1.KeySite;
import org.fangkong.proto.units.v1.KeySiteCategory;
import org.fangkong.proto.units.v1.Unit;
import org.fangkong.proto.units.v1.UnitStatus;
import org.fangkong.proto.video.v1.CameraKind;
import org.fangkong.proto.video.v1.CreateCameraRequest;
import org.fangkong.proto.video.v1.CreateVideoPointRequest;
import org.fangkong.proto.video.v1.PtzType;
import org.fangkong.proto.video.v1.RecordObservationRequest;
import org.fangkong.proto.video.v1.VideoPoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.grpc.Status.Code;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;

/** Incidents from intake to closure against the real units-service, checkpoint-service and video-service. */
@QuarkusTest
@AlertTest
class IncidentFlowsTest {

    @Inject
    RedisDataSource redis;

    private AlertScene scene;

    @BeforeEach
    void open() {
        scene = new AlertScene(RestAssured.port);
    }

    @AfterEach
    void close() throws InterruptedException {
        scene.close();
    }

    private static IncidentUnitRequest step(Incident incident, Unit unit) {
        return IncidentUnitRequest.newBuilder().setIncidentId(incident.getId()).setUnitId(unit.getId()).build();
    }

    private Incident get(Incident incident) {
        return scene.alerts(ADMIN).getIncident(GetIncidentRequest.newBuilder().setId(incident.getId()).build());
    }

    @Test
    void anIncidentLivesFromIntakeThroughDispatchToResolveWithItsUnitFollowing() throws Exception {
        double[] spot = AlertScene.freshSpot();
        Unit unit = scene.crewedUnit(XUANWU, "officer-life", spot[0] + 0.002, spot[1]);
        String duty = dispatcher(XUANWU);
        var request = report(XUANWU, IncidentType.THEFT, 2, spot[0], spot[1]).build();

        Incident incident = scene.alerts(duty).reportIncident(request);
        assertEquals(IncidentStatus.NEW, incident.getStatus());
        assertTrue(incident.getNumber().matches(XUANWU + "-\\d{8}-\\d{4}"), incident.getNumber());
        assertEquals(incident.getId(), scene.alerts(duty).reportIncident(request).getId(), "the same idempotency key is the same incident");
        assertEquals(60, incident.getStopwatch().getReactTargetS());

        RecommendUnitsResponse recommended = scene.alerts(duty).recommendUnits(RecommendUnitsRequest.newBuilder().setIncidentId(incident.getId()).build());
        assertEquals(unit.getId(), recommended.getUnits(0).getUnitId());

        Incident dispatched = scene.alerts(duty).dispatchUnits(DispatchUnitsRequest.newBuilder().setIncidentId(incident.getId())
                .addUnitIds(unit.getId()).build());
        assertEquals(IncidentStatus.DISPATCHED, dispatched.getStatus());
        assertEquals(UnitStatus.DISPATCHED, scene.unitStatus(unit));
        await("the dispatch order on the incident events stream", () -> events(redis, incident.getId(), "incident.dispatched").size() == 1);
        assertEquals(List.of(unit.getId()), events(redis, incident.getId(), "incident.dispatched").get(0).getIncidentChanged().getUnitIdsList());

        String crew = officer("officer-life", XUANWU);
        ListOpenDispatchesRequest mine = ListOpenDispatchesRequest.newBuilder().setUnitId(unit.getId()).build();
        List<OpenDispatch> open = scene.alerts(crew).listOpenDispatches(mine).getDispatchesList();
        assertEquals(List.of(incident.getId()), open.stream().map(d -> d.getIncident().getId()).toList(), "the order waits for the crew");
        assertTrue(!open.get(0).getAssignment().hasDeliveredAt());
        assertStatus(Code.PERMISSION_DENIED, () -> scene.alerts(officer("officer-elsewhere", XUANWU)).listOpenDispatches(mine));
        assertEquals(0, scene.alerts(dispatcher(SUZHOU)).listOpenDispatches(mine).getDispatchesCount(), "another city's desk sees none of it");
        Incident delivered = scene.alerts(crew).confirmDelivery(step(incident, unit));
        assertEquals(AssignmentState.DELIVERED, delivered.getAssignments(0).getState());
        assertTrue(scene.alerts(duty).listOpenDispatches(mine).getDispatches(0).getAssignment().hasDeliveredAt(), "the desk sees it delivered");
        assertEquals(IncidentStatus.DISPATCHED, delivered.getStatus(), "a delivery receipt is not an acknowledgement");
        assertTrue(!delivered.getStopwatch().hasReactedAt());

        Incident acknowledged = scene.alerts(crew).acknowledgeDispatch(step(incident, unit));
        assertEquals(IncidentStatus.ACKNOWLEDGED, acknowledged.getStatus());
        assertEquals(UnitStatus.EN_ROUTE, scene.unitStatus(unit));
        Incident onScene = scene.alerts(crew).arriveOnScene(step(incident, unit));
        assertEquals(IncidentStatus.ON_SCENE, onScene.getStatus());
        assertEquals(UnitStatus.ON_SCENE, scene.unitStatus(unit));
        Incident resolved = scene.alerts(crew).resolveIncident(ResolveIncidentRequest.newBuilder().setIncidentId(incident.getId())
                .setOutcome("thief detained").build());
        assertEquals(IncidentStatus.RESOLVED, resolved.getStatus());
        assertEquals(UnitStatus.AVAILABLE, scene.unitStatus(unit));
        assertEquals(0, scene.alerts(crew).listOpenDispatches(mine).getDispatchesCount(), "a resolved incident leaves no open order");
        Incident closed = scene.alerts(duty).closeIncident(CloseIncidentRequest.newBuilder().setIncidentId(incident.getId()).build());

        assertEquals(IncidentStatus.CLOSED, closed.getStatus());
        assertEquals(List.of("reported", "dispatched", "delivered", "acknowledged", "arrived", "resolved", "closed"), timeline(closed));
        assertEquals("officer-life", closed.getTimeline(3).getActor());
        assertTrue(closed.getStopwatch().hasReactedAt() && closed.getStopwatch().hasArrivedAt() && closed.getStopwatch().hasResolvedAt());
        assertEquals(0, closed.getStopwatch().getBreachedCount());
        assertTrue(scene.alerts(duty).listIncidents(ListIncidentsRequest.newBuilder().setOrgCode(XUANWU).addStatuses(IncidentStatus.CLOSED).build())
                .getIncidentsList().stream().anyMatch(i -> i.getId().equals(incident.getId())));
    }

    @Test
    void withTwoUnitsTheFirstAcknowledgementStopsTheReactClock() throws Exception {
        double[] spot = AlertScene.freshSpot();
        Unit first = scene.crewedUnit(XUANWU, "officer-first", spot[0] + 0.001, spot[1]);
        Unit second = scene.crewedUnit(XUANWU, "officer-second", spot[0] + 0.003, spot[1]);
        String duty = dispatcher(XUANWU);
        Incident incident = scene.alerts(duty).reportIncident(report(XUANWU, IncidentType.FIGHT, 1, spot[0], spot[1]).build());
        RecommendUnitsResponse recommended = scene.alerts(duty).recommendUnits(RecommendUnitsRequest.newBuilder().setIncidentId(incident.getId()).build());
        assertEquals(2, recommended.getUnitsWanted(), "priority 1 asks for more than one unit");
        scene.alerts(duty).dispatchUnits(DispatchUnitsRequest.newBuilder().setIncidentId(incident.getId()).addUnitIds(first.getId())
                .addUnitIds(second.getId()).build());

        Incident afterSecond = scene.alerts(officer("officer-second", XUANWU)).acknowledgeDispatch(step(incident, second));
        Thread.sleep(300); // a gap the stopwatch would show if the later acknowledgement moved it
        Incident afterFirst = scene.alerts(officer("officer-first", XUANWU)).acknowledgeDispatch(step(incident, first));

        assertEquals(afterSecond.getStopwatch().getReactedAt(), afterFirst.getStopwatch().getReactedAt(), "the later acknowledgement moves nothing");
        var secondsAssignment = afterFirst.getAssignmentsList().stream().filter(a -> a.getUnitId().equals(second.getId())).findFirst().orElseThrow();
        assertEquals(secondsAssignment.getAcknowledgedAt(), afterFirst.getStopwatch().getReactedAt());
        assertTrue(afterFirst.getAssignmentsList().stream().allMatch(a -> a.getState() == AssignmentState.ACKNOWLEDGED_BY_UNIT));
        assertEquals(UnitStatus.EN_ROUTE, scene.unitStatus(first));
    }

    /** A key site whose react target is 2 seconds, around the point. */
    private KeySite keySite(String org, double lat, double lon, int reactS) {
        return scene.units(ADMIN).createKeySite(CreateKeySiteRequest.newBuilder().setName("重点部位 " + lat).setCategory(KeySiteCategory.COMMERCIAL_CENTRE)
                .setOrgCode(org).setCenter(GeoPoint.newBuilder().setLat(lat).setLon(lon)).setRadiusM(300).setReactTargetS(reactS)
                .setArriveTargetS(600).setResolveTargetS(900).build());
    }

    @Test
    void aLateAcknowledgementProducesExactlyOneBreachEvent() throws Exception {
        double[] spot = AlertScene.freshSpot();
        KeySite site = keySite(XUANWU, spot[0], spot[1], 2);
        Unit unit = scene.crewedUnit(XUANWU, "officer-late", spot[0] + 0.001, spot[1]);
        Incident incident = scene.alerts(dispatcher(XUANWU)).reportIncident(report(XUANWU, IncidentType.THEFT, 3, spot[0], spot[1]).build());
        assertEquals(site.getId(), incident.getKeySiteId(), "the incident lies in the key site and takes its targets");
        assertEquals(2, incident.getStopwatch().getReactTargetS());
        scene.alerts(dispatcher(XUANWU)).dispatchUnits(DispatchUnitsRequest.newBuilder().setIncidentId(incident.getId()).addUnitIds(unit.getId()).build());

        await("the react breach, the moment it happens", () -> events(redis, incident.getId(), "incident.breached").size() == 1);
        scene.alerts(officer("officer-late", XUANWU)).acknowledgeDispatch(step(incident, unit));
        holdsFor("no second breach after the late acknowledgement", Duration.ofMillis(1500),
                () -> events(redis, incident.getId(), "incident.breached").size() == 1);

        List<org.fangkong.proto.events.v1.Event> breaches = events(redis, incident.getId(), "incident.breached");
        assertEquals(1, breaches.size());
        assertEquals("react", breaches.get(0).getIncidentChanged().getClock());
        Instant breachedAt = Timestamps.toInstant(breaches.get(0).getTime());
        assertTrue(Duration.between(Timestamps.toInstant(incident.getReportedAt()), breachedAt).toMillis() < 5000,
                "published at the target, not at the next query");
        assertEquals(List.of("react"), get(incident).getStopwatch().getBreachedList());
    }

    @Test
    void inEmergencyModeADutyRoomDispatcherIsRefusedAndTheCommandCentreSucceeds() throws Exception {
        double[] spot = AlertScene.freshSpot();
        Unit unit = scene.crewedUnit(QINHUAI, "officer-emergency", spot[0], spot[1]);
        Incident incident = scene.alerts(dispatcher(QINHUAI)).reportIncident(report(QINHUAI, IncidentType.ASSAULT, 2, spot[0], spot[1]).build());
        scene.alerts(COMMAND_CENTER).setCommandMode(SetCommandModeRequest.newBuilder().setOrgCode(QINHUAI).setMode(Mode.EMERGENCY)
                .setReason("riot at the station square").build());
        try {
            assertEquals(Mode.EMERGENCY, scene.alerts(dispatcher(QINHUAI)).getCommandMode(GetCommandModeRequest.newBuilder().setOrgCode(QINHUAI).build())
                    .getMode());
            assertStatus(Code.PERMISSION_DENIED, () -> scene.alerts(dispatcher(QINHUAI)).dispatchUnits(DispatchUnitsRequest.newBuilder()
                    .setIncidentId(incident.getId()).addUnitIds(unit.getId()).build()));
            assertEquals(UnitStatus.AVAILABLE, scene.unitStatus(unit), "a refused dispatch moves nothing");
            await("the switch on the incident events stream", () -> commandModeEvents().stream()
                    .anyMatch(e -> e.getCommandModeChanged().getOrgCode().equals(QINHUAI) && e.getCommandModeChanged().getMode().equals("EMERGENCY")));
            assertEquals(IncidentStatus.NEW, get(incident).getStatus());

            Incident dispatched = scene.alerts(COMMAND_CENTER).dispatchUnits(DispatchUnitsRequest.newBuilder().setIncidentId(incident.getId())
                    .addUnitIds(unit.getId()).build());
            assertEquals(IncidentStatus.DISPATCHED, dispatched.getStatus());
            assertEquals("centre-nanjing", dispatched.getTimeline(1).getActor());
        } finally {
            scene.alerts(COMMAND_CENTER).setCommandMode(SetCommandModeRequest.newBuilder().setOrgCode(QINHUAI).setMode(Mode.NORMAL)
                    .setReason("order restored").build());
        }
    }

    private List<org.fangkong.proto.events.v1.Event> commandModeEvents() throws Exception {
        List<org.fangkong.proto.events.v1.Event> found = new java.util.ArrayList<>();
        for (var message : redis.stream(String.class, String.class, byte[].class).xrange(org.fangkong.platform.redis.RedisKeys.eventStream("incident-events"),
                io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"))) {
            var event = org.fangkong.proto.events.v1.Event.parseFrom(message.payload().get("event"));
            if (event.getType().equals("command.mode")) {
                found.add(event);
            }
        }
        return found;
    }

    @Test
    void aMajorIncidentActivatesTheConfiguredCordonPlan() throws Exception {
        String ring = "ring-" + UUID.randomUUID().toString().substring(0, 6);
        Checkpoint gate = scene.checkpoints(ADMIN).createCheckpoint(CreateCheckpointRequest.newBuilder().setCode(ring + "-1").setName("宁马高速检查站")
                .setType(CheckpointType.SECURITY_CHECKPOINT).setOrgCode(GULOU).setLocation(GeoPoint.newBuilder().setLat(31.9).setLon(118.6))
                .addRings(ring).setLanes(4).setStaffedHeadCount(6).build());
        CordonPlan plan = scene.checkpoints(COMMANDER).createCordonPlan(CreateCordonPlanRequest.newBuilder().setName(AlertTestResources.CORDON_PLAN)
                .setOrgCode(GULOU).addCheckpointIds(gate.getId()).build());
        double[] spot = AlertScene.freshSpot();

        Incident incident = scene.alerts(dispatcher(GULOU)).reportIncident(report(GULOU, IncidentType.HOMICIDE, 1, spot[0], spot[1]).build());

        assertTrue(incident.getMajor());
        await("the cordon activated", () -> get(incident).getCordonActivated());
        Incident major = get(incident);
        assertEquals(plan.getId(), major.getCordonPlanId());
        assertTrue(timeline(major).contains("cordon-activated"), timeline(major).toString());
        var status = scene.checkpoints(COMMANDER).getCordonStatus(GetCordonStatusRequest.newBuilder().setPlanId(plan.getId()).build());
        assertTrue(status.getActive());
        assertEquals(incident.getId(), status.getIncidentId());
    }

    @Test
    void aVideoPatrolObservationBecomesAnIncident() throws Exception {
        double[] spot = AlertScene.freshSpot();
        VideoPoint point = scene.video(ADMIN).createVideoPoint(CreateVideoPointRequest.newBuilder().setGbCode(videoCode("121")).setName("新街口")
                .setOrgCode(XUANWU).setLocation(GeoPoint.newBuilder().setLat(spot[0]).setLon(spot[1])).setPositionType(4).build());
        var camera = scene.video(ADMIN).createCamera(CreateCameraRequest.newBuilder().setGbCode(videoCode("132")).setPointId(point.getId())
                .setName("东向球机").setKind(CameraKind.PANORAMIC_DOME).setPtzType(PtzType.DOME).build());
        var observation = scene.video(TestTokens.user("video-op", XUANWU, "video-operator")).recordObservation(RecordObservationRequest.newBuilder().setCameraId(camera.getId()).setCategory("fight")
                .setDescription("two men fighting outside the mall").build());

        await("the observation became an incident", () -> scene.alerts(dispatcher(XUANWU)).listIncidents(ListIncidentsRequest.newBuilder()
                .setOrgCode(XUANWU).addTypes(IncidentType.FIGHT).build()).getIncidentsList().stream()
                .anyMatch(i -> i.getAddress().contains(camera.getGbCode())));
        Incident incident = scene.alerts(dispatcher(XUANWU)).listIncidents(ListIncidentsRequest.newBuilder().setOrgCode(XUANWU)
                .addTypes(IncidentType.FIGHT).build()).getIncidentsList().stream().filter(i -> i.getAddress().contains(camera.getGbCode()))
                .findFirst().orElseThrow();
        assertEquals(org.fangkong.proto.alerts.v1.IncidentSource.VIDEO_PATROL, incident.getSource());
        assertEquals(spot[0], incident.getLocation().getLat(), 1e-9);
        assertTrue(incident.getDescription().contains("two men fighting"));
        assertTrue(observation.getId().length() > 0);
    }

    private static String videoCode(String type) {
        return "32010200" + "00" + type + "5" + String.format("%06d", java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000));
    }

    @Test
    void illegalStepsAreRefusedAndChangeNothing() throws Exception {
        double[] spot = AlertScene.freshSpot();
        Unit unit = scene.crewedUnit(XUANWU, "officer-legal", spot[0], spot[1]);
        String duty = dispatcher(XUANWU);
        Incident incident = scene.alerts(duty).reportIncident(report(XUANWU, IncidentType.THEFT, 3, spot[0], spot[1]).build());

        assertStatus(Code.FAILED_PRECONDITION, () -> scene.alerts(duty).resolveIncident(ResolveIncidentRequest.newBuilder()
                .setIncidentId(incident.getId()).build()));
        assertEquals(IncidentStatus.NEW, get(incident).getStatus());
        assertEquals(List.of("reported"), timeline(get(incident)));

        scene.alerts(duty).dispatchUnits(DispatchUnitsRequest.newBuilder().setIncidentId(incident.getId()).addUnitIds(unit.getId()).build());
        assertStatus(Code.PERMISSION_DENIED, () -> scene.alerts(officer("officer-elsewhere", XUANWU)).acknowledgeDispatch(step(incident, unit)));
        Incident after = get(incident);
        assertEquals(IncidentStatus.DISPATCHED, after.getStatus());
        assertEquals(AssignmentState.ASSIGNED, after.getAssignments(0).getState());
        assertEquals(UnitStatus.DISPATCHED, scene.unitStatus(unit), "the refused acknowledgement did not move the unit");
        assertEquals(List.of("reported", "dispatched"), timeline(after));

        var bad = assertStatus(Code.INVALID_ARGUMENT, () -> scene.alerts(duty).reportIncident(report(XUANWU, IncidentType.THEFT, 7, 95, 118).build()));
        assertEquals(List.of("location.lat", "priority"), GrpcStatuses.fieldViolations(bad).stream().map(v -> v.field()).sorted().toList());
        assertStatus(Code.FAILED_PRECONDITION, () -> scene.alerts(duty).closeIncident(CloseIncidentRequest.newBuilder().setIncidentId(incident.getId()).build()));
        assertStatus(Code.NOT_FOUND, () -> scene.alerts(dispatcher(GULOU)).getIncident(GetIncidentRequest.newBuilder().setId(incident.getId()).build()));
        assertEquals(NANJING.substring(0, 4), incident.getOrgCode().substring(0, 4));
    }

    @Test
    void afterARedisFlushAPendingBreachStillFiresOnce() throws Exception {
        double[] spot = AlertScene.freshSpot();
        keySite(XUANWU, spot[0], spot[1], 4);
        Incident incident = scene.alerts(dispatcher(XUANWU)).reportIncident(report(XUANWU, IncidentType.THEFT, 3, spot[0], spot[1]).build());
        assertEquals(4, incident.getStopwatch().getReactTargetS());

        redis.flushall();

        await("the breach after the flush", () -> events(redis, incident.getId(), "incident.breached").size() == 1);
        holdsFor("no second breach from the rebuilt timers", Duration.ofSeconds(2), () -> events(redis, incident.getId(), "incident.breached").size() == 1);
        assertEquals(1, events(redis, incident.getId(), "incident.breached").size());
        assertEquals(List.of("react"), get(incident).getStopwatch().getBreachedList());
    }

    @Test
    void aPriorityOneIncidentAtAKeySiteIsDispatchedAtOnceWhenSoConfigured() throws Exception {
        double[] spot = AlertScene.freshSpot();
        keySite(XUANWU, spot[0], spot[1], 60);
        Unit near = scene.crewedUnit(XUANWU, "officer-auto-1", spot[0] + 0.001, spot[1]);
        Unit nearer = scene.crewedUnit(XUANWU, "officer-auto-2", spot[0] + 0.0005, spot[1]);
        Unit far = scene.crewedUnit(XUANWU, "officer-auto-3", spot[0] + 0.02, spot[1]);

        Incident incident = scene.alerts(dispatcher(XUANWU)).reportIncident(report(XUANWU, IncidentType.FIGHT, 1, spot[0], spot[1]).build());

        assertEquals(IncidentStatus.DISPATCHED, incident.getStatus());
        assertEquals(List.of(nearer.getId(), near.getId()).stream().sorted().toList(),
                incident.getAssignmentsList().stream().map(a -> a.getUnitId()).sorted().toList(), "the two nearest, as priority 1 asks");
        assertEquals("alert-service", incident.getTimeline(1).getActor());
        assertEquals(UnitStatus.DISPATCHED, scene.unitStatus(nearer));
        assertEquals(UnitStatus.AVAILABLE, scene.unitStatus(far));
    }

    @Test
    void complianceCountsTheIncidentsThatMetEachTarget() throws Exception {
        String qixia = "320113000000";
        String duty = dispatcher(qixia);
        double[] spot = AlertScene.freshSpot();
        Instant from = Instant.now().minusSeconds(5);
        Unit unit = scene.crewedUnit(qixia, "officer-qixia", spot[0], spot[1]);
        Incident quick = scene.alerts(duty).reportIncident(report(qixia, IncidentType.THEFT, 3, spot[0], spot[1]).build());
        scene.alerts(duty).dispatchUnits(DispatchUnitsRequest.newBuilder().setIncidentId(quick.getId()).addUnitIds(unit.getId()).build());
        scene.alerts(officer("officer-qixia", qixia)).acknowledgeDispatch(step(quick, unit));
        double[] site = AlertScene.freshSpot();
        KeySite keySite = keySite(qixia, site[0], site[1], 2);
        Incident slow = scene.alerts(duty).reportIncident(report(qixia, IncidentType.THEFT, 3, site[0], site[1]).build());
        await("the slow one breached", () -> events(redis, slow.getId(), "incident.breached").size() == 1);

        var report = scene.alerts(duty).getComplianceReport(org.fangkong.proto.alerts.v1.GetComplianceReportRequest.newBuilder().setOrgCode(qixia)
                .setFrom(Timestamps.of(from)).setTo(Timestamps.of(Instant.now().plusSeconds(5))).build());
        var total = report.getRows(0);
        assertEquals("total", total.getGroup());
        assertEquals(2, total.getIncidents());
        assertEquals(1, total.getReactedInTime());
        assertEquals(0.5, total.getReactRate(), 1e-9, "one in time of two decided (one stopped, one breached)");
        var bySite = report.getRowsList().stream().filter(r -> r.getGroup().equals("key_site")).toList();
        assertEquals(1, bySite.size());
        assertEquals(keySite.getId(), bySite.get(0).getKey());
        assertEquals(0, bySite.get(0).getReactedInTime());
        var byForce = report.getRowsList().stream().filter(r -> r.getGroup().equals("force_type")).toList();
        assertEquals("SPECIAL_PATROL", byForce.get(0).getKey());
        assertEquals(1, byForce.get(0).getIncidents());
        assertEquals(1.0, byForce.get(0).getReactRate(), 1e-9);
    }

    @Test
    void reDispatchAndCancelReleaseTheirUnits() throws Exception {
        double[] spot = AlertScene.freshSpot();
        Unit first = scene.crewedUnit(XUANWU, "officer-re-1", spot[0], spot[1]);
        Unit second = scene.crewedUnit(XUANWU, "officer-re-2", spot[0] + 0.001, spot[1]);
        String duty = dispatcher(XUANWU);
        Incident incident = scene.alerts(duty).reportIncident(report(XUANWU, IncidentType.TRAFFIC, 3, spot[0], spot[1]).build());
        scene.alerts(duty).dispatchUnits(DispatchUnitsRequest.newBuilder().setIncidentId(incident.getId()).addUnitIds(first.getId()).build());

        Incident moved = scene.alerts(duty).redispatchIncident(RedispatchIncidentRequest.newBuilder().setIncidentId(incident.getId())
                .addReleaseUnitIds(first.getId()).addDispatchUnitIds(second.getId()).setReason("first car has a flat tyre").build());
        assertEquals(UnitStatus.AVAILABLE, scene.unitStatus(first));
        assertEquals(UnitStatus.DISPATCHED, scene.unitStatus(second));
        assertEquals(List.of("reported", "dispatched", "redispatched", "dispatched"), timeline(moved));
        var bad = assertStatus(Code.INVALID_ARGUMENT, () -> scene.alerts(duty).redispatchIncident(RedispatchIncidentRequest.newBuilder()
                .setIncidentId(incident.getId()).addReleaseUnitIds(first.getId()).setReason("again").build()));
        assertEquals("release_unit_ids[0]", GrpcStatuses.fieldViolations(bad).get(0).field());

        var noReason = assertStatus(Code.INVALID_ARGUMENT, () -> scene.alerts(duty).cancelIncident(CancelIncidentRequest.newBuilder()
                .setIncidentId(incident.getId()).build()));
        assertEquals("reason", GrpcStatuses.fieldViolations(noReason).get(0).field());
        Incident cancelled = scene.alerts(duty).cancelIncident(CancelIncidentRequest.newBuilder().setIncidentId(incident.getId())
                .setReason("caller withdrew the report").build());
        assertEquals(IncidentStatus.CANCELLED, cancelled.getStatus());
        assertEquals(UnitStatus.AVAILABLE, scene.unitStatus(second));
        assertTrue(cancelled.getAssignmentsList().stream().allMatch(a -> a.getState() == AssignmentState.RELEASED));
        assertStatus(Code.FAILED_PRECONDITION, () -> scene.alerts(duty).dispatchUnits(DispatchUnitsRequest.newBuilder()
                .setIncidentId(incident.getId()).addUnitIds(first.getId()).build()));
        await("the cancellation on the stream", () -> events(redis, incident.getId(), "incident.cancelled").size() == 1);
    }
}
