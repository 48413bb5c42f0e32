package org.fangkong.checkpoints;

import static org.fangkong.infra.testing.AppContractTest.assertStatus;
import static org.fangkong.infra.testing.TestOrgs.NANJING;
import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.fangkong.infra.testing.Eventually;
import org.fangkong.infra.testing.ServiceTest;
import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.errors.GrpcStatuses;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.proto.checkpoints.v1.ActivateCordonPlanRequest;
import org.fangkong.proto.checkpoints.v1.AssignCheckpointStaffRequest;
import org.fangkong.proto.checkpoints.v1.Checkpoint;
import org.fangkong.proto.checkpoints.v1.CheckpointServiceGrpc.CheckpointServiceBlockingStub;
import org.fangkong.proto.checkpoints.v1.CheckpointState;
import org.fangkong.proto.checkpoints.v1.CheckpointType;
import org.fangkong.proto.checkpoints.v1.ConfirmCordonRequest;
import org.fangkong.proto.checkpoints.v1.CordonPlan;
import org.fangkong.proto.checkpoints.v1.CordonStatus;
import org.fangkong.proto.checkpoints.v1.CreateCheckpointRequest;
import org.fangkong.proto.checkpoints.v1.CreateCordonPlanRequest;
import org.fangkong.proto.checkpoints.v1.DeactivateCordonPlanRequest;
import org.fangkong.proto.checkpoints.v1.FindNearestCheckpointsRequest;
import org.fangkong.proto.checkpoints.v1.GetCheckpointRequest;
import org.fangkong.proto.checkpoints.v1.GetCordonStatusRequest;
import org.fangkong.proto.checkpoints.v1.GetMyCheckpointRequest;
import org.fangkong.proto.checkpoints.v1.ListCheckpointsRequest;
import org.fangkong.proto.checkpoints.v1.SetCheckpointStateRequest;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.common.v1.PageRequest;
import org.fangkong.proto.events.v1.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.grpc.Status.Code;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

@QuarkusTest
@ServiceTest
class CordonsTest {

    private static final String ADMIN = TestTokens.user("admin-nanjing", NANJING, "admin");
    private static final String COMMANDER = TestTokens.user("commander-nanjing", NANJING, "commander");
    private static final String DISPATCHER = TestTokens.user("duty", NANJING, "dispatcher");

    @Inject
    Pool database;

    @Inject
    RedisDataSource redis;

    private CheckpointsTestClient client;

    @BeforeEach
    void open() {
        client = new CheckpointsTestClient(RestAssured.port);
    }

    @AfterEach
    void close() throws InterruptedException {
        client.close();
    }

    private CheckpointServiceBlockingStub as(String token) {
        return client.as(token);
    }

    /** Checkpoints of a ring of their own, inserted in one statement (the registry API is tested below). */
    private List<String> ring(String ring, int count, String state) {
        List<String> ids = new ArrayList<>();
        List<Tuple> rows = new ArrayList<>();
        List<Tuple> rings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id.toString());
            rows.add(Tuple.tuple(List.of(id, ring + "-" + i, "检查站 " + i, XUANWU, 32.0 + i * 1e-3, 118.7, state)));
            rings.add(Tuple.of(id, ring));
        }
        database.preparedQuery("insert into checkpoint (id, code, name, type, org_code, lat, lon, state, created_at) "
                + "values ($1, $2, $3, 'SECURITY_CHECKPOINT', $4, $5, $6, $7, now())").executeBatch(rows).await().indefinitely();
        database.preparedQuery("insert into checkpoint_ring (checkpoint_id, ring) values ($1, $2)").executeBatch(rings).await().indefinitely();
        return ids;
    }

    private static String ringName() {
        return "ring-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private CordonPlan plan(String ring, int confirmWithin) {
        return as(COMMANDER).createCordonPlan(CreateCordonPlanRequest.newBuilder().setName("关城门 " + ring).setOrgCode(NANJING)
                .addRings(ring).setConfirmWithinS(confirmWithin).build());
    }

    private CordonStatus activate(CordonPlan plan) {
        return as(COMMANDER).activateCordonPlan(ActivateCordonPlanRequest.newBuilder().setPlanId(plan.getId())
                .setReason("armed robbery, suspects fleeing by car").setIncidentId(UUID.randomUUID().toString()).build());
    }

    private CordonStatus confirm(CordonPlan plan, String checkpointId) {
        return as(COMMANDER).confirmCordon(ConfirmCordonRequest.newBuilder().setPlanId(plan.getId()).setCheckpointId(checkpointId).build());
    }

    private CheckpointState state(String id) {
        return as(ADMIN).getCheckpoint(GetCheckpointRequest.newBuilder().setId(id).build()).getState();
    }

    private List<Event> cordonEvents(String planId, String type) throws Exception {
        List<Event> found = new ArrayList<>();
        for (StreamMessage<String, String, byte[]> message : redis.stream(String.class, String.class, byte[].class)
                .xrange(RedisKeys.eventStream("cordon-events"), StreamRange.of("-", "+"))) {
            Event event = Event.parseFrom(message.payload().get("event"));
            if (event.getCordonChanged().getPlanId().equals(planId) && event.getType().equals(type)) {
                found.add(event);
            }
        }
        return found;
    }

    private List<Event> awaitEvents(String planId, String type, int count) throws Exception {
        Eventually.until(count + " " + type, Duration.ofSeconds(15), () -> cordonEvents(planId, type).size() >= count);
        return cordonEvents(planId, type);
    }

    @Test
    void aPlanOf330CheckpointsActivatesInOneCallAndEachConfirmationCountsOnce() throws Exception {
        String ring = ringName();
        List<String> members = ring(ring, 330, "NORMAL");
        CordonPlan plan = plan(ring, 600);
        assertEquals(330, plan.getMemberCount());

        CordonStatus activated = activate(plan);
        assertTrue(activated.getActive());
        assertEquals(330, activated.getPending());
        assertEquals(0, activated.getConfirmed());
        assertEquals("commander-nanjing", activated.getActivatedBy());
        // Activating again changes nothing.
        CordonStatus again = activate(plan);
        assertEquals(activated.getActivatedAt(), again.getActivatedAt());
        assertEquals(330, again.getPending());

        Thread.sleep(1100); // at least a second to sealed, which the member's time must show
        confirm(plan, members.get(0));
        CordonStatus twice = confirm(plan, members.get(0));
        assertEquals(1, twice.getConfirmed(), "a repeated confirmation counts once");
        assertEquals(CheckpointState.SEALED, state(members.get(0)));
        assertEquals(CheckpointState.NORMAL, state(members.get(1)), "unconfirmed members are not sealed yet");
        int memberSeconds = twice.getMembersList().stream().filter(m -> m.getCheckpointId().equals(members.get(0))).findFirst().orElseThrow()
                .getSecondsToSealed();
        assertTrue(memberSeconds >= 1 && memberSeconds < 30, "time to sealed: " + memberSeconds);
        assertEquals(0, twice.getSecondsToSealed(), "overall: not sealed while members are pending");

        // The live status is in Redis and the order went out on the cordon events stream, with every member.
        String live = redis.hash(String.class).hget(RedisKeys.cordonStatus(plan.getId()), "confirmed");
        assertEquals("1", live);
        List<Event> activations = awaitEvents(plan.getId(), "cordon.activated", 1);
        assertEquals(1, activations.size());
        assertEquals(330, activations.get(0).getCordonChanged().getCheckpointIdsCount());
        assertEquals(1, awaitEvents(plan.getId(), "cordon.confirmed", 1).size());
    }

    @Test
    void aMemberThatDoesNotConfirmInTimeEscalatesExactlyOnceAndTheSealedTimeIsRight() throws Exception {
        String ring = ringName();
        List<String> members = ring(ring, 3, "NORMAL");
        CordonPlan plan = plan(ring, 2);
        activate(plan);
        confirm(plan, members.get(0));
        confirm(plan, members.get(1));

        awaitEvents(plan.getId(), "cordon.escalated", 1);
        Eventually.holdsFor("escalated once", Duration.ofMillis(1500), () -> cordonEvents(plan.getId(), "cordon.escalated").size() == 1);
        List<Event> escalations = cordonEvents(plan.getId(), "cordon.escalated");
        assertEquals(members.get(2), escalations.get(0).getCordonChanged().getCheckpointId());
        CordonStatus status = as(DISPATCHER).getCordonStatus(GetCordonStatusRequest.newBuilder().setPlanId(plan.getId()).build());
        assertTrue(status.getMembersList().stream().filter(m -> m.getCheckpointId().equals(members.get(2))).findFirst().orElseThrow().getOverdue());

        // Late, it still confirms; the plan is then sealed, its overall time the slowest member's.
        CordonStatus sealed = confirm(plan, members.get(2));
        assertEquals(0, sealed.getPending());
        assertTrue(sealed.getSecondsToSealed() >= 2, "sealed after " + sealed.getSecondsToSealed() + " s");
        assertEquals(1, awaitEvents(plan.getId(), "cordon.sealed", 1).size());
    }

    @Test
    void overlappingPlansHoldACheckpointUntilTheLastIsLifted() {
        String ringA = ringName();
        List<String> shared = ring(ringA, 2, "HEIGHTENED");
        CordonPlan first = plan(ringA, 300);
        CordonPlan second = as(COMMANDER).createCordonPlan(CreateCordonPlanRequest.newBuilder().setName("南京绕城").setOrgCode(NANJING)
                .addCheckpointIds(shared.get(0)).build());
        activate(first);
        activate(second);
        confirm(first, shared.get(0));
        confirm(second, shared.get(0));
        assertEquals(CheckpointState.SEALED, state(shared.get(0)));

        CordonStatus lifted = as(COMMANDER).deactivateCordonPlan(DeactivateCordonPlanRequest.newBuilder().setPlanId(first.getId())
                .setReason("suspects caught").build());
        assertFalse(lifted.getActive());
        assertEquals(CheckpointState.SEALED, state(shared.get(0)), "still held by the second plan");
        assertEquals(CheckpointState.HEIGHTENED, state(shared.get(1)), "back to its state before the plan");
        assertEquals(null, redis.hash(String.class).hget(RedisKeys.cordonStatus(first.getId()), "confirmed"));

        as(COMMANDER).deactivateCordonPlan(DeactivateCordonPlanRequest.newBuilder().setPlanId(second.getId()).setReason("done").build());
        assertEquals(CheckpointState.HEIGHTENED, state(shared.get(0)));
        assertTrue(redis.hash(String.class).hget(RedisKeys.checkpointStates(), shared.get(0)).startsWith("HEIGHTENED|"),
                "the Redis mirror of checkpoint states follows");
        assertTrue(as(DISPATCHER).listCordonPlans(org.fangkong.proto.checkpoints.v1.ListCordonPlansRequest.newBuilder().setOrgCode(NANJING).build())
                .getPlansList().stream().anyMatch(p -> p.getId().equals(second.getId()) && p.getMemberCount() == 1));
    }

    @Test
    void badInputIsRefusedClearlyAndChangesNothing() {
        String ring = ringName();
        List<String> members = ring(ring, 1, "NORMAL");
        var empty = assertStatus(Code.INVALID_ARGUMENT, () -> as(COMMANDER).createCordonPlan(CreateCordonPlanRequest.newBuilder()
                .setName("empty").setOrgCode(NANJING).addRings("no-such-ring").build()));
        assertEquals("rings", GrpcStatuses.fieldViolations(empty).get(0).field());
        var none = assertStatus(Code.INVALID_ARGUMENT, () -> as(COMMANDER).createCordonPlan(CreateCordonPlanRequest.newBuilder()
                .setName("none").setOrgCode(NANJING).build()));
        assertEquals("checkpoint_ids", GrpcStatuses.fieldViolations(none).get(0).field());
        var unknown = assertStatus(Code.INVALID_ARGUMENT, () -> as(COMMANDER).createCordonPlan(CreateCordonPlanRequest.newBuilder()
                .setName("unknown").setOrgCode(NANJING).addCheckpointIds(UUID.randomUUID().toString()).build()));
        assertEquals("checkpoint_ids[0]", GrpcStatuses.fieldViolations(unknown).get(0).field());

        CordonPlan plan = plan(ring, 300);
        assertStatus(Code.FAILED_PRECONDITION, () -> confirm(plan, members.get(0)));
        var noReason = assertStatus(Code.INVALID_ARGUMENT, () -> as(COMMANDER).activateCordonPlan(ActivateCordonPlanRequest.newBuilder()
                .setPlanId(plan.getId()).build()));
        assertEquals("reason", GrpcStatuses.fieldViolations(noReason).get(0).field());
        activate(plan);
        assertStatus(Code.FAILED_PRECONDITION, () -> confirm(plan, ring(ringName(), 1, "NORMAL").get(0)));
        assertStatus(Code.NOT_FOUND, () -> as(COMMANDER).getCordonStatus(GetCordonStatusRequest.newBuilder().setPlanId(UUID.randomUUID().toString()).build()));
        assertStatus(Code.PERMISSION_DENIED, () -> as(DISPATCHER).activateCordonPlan(ActivateCordonPlanRequest.newBuilder()
                .setPlanId(plan.getId()).setReason("x").build()));
    }

    @Test
    void checkpointsAreRegisteredListedStaffedAndFoundNearest() {
        String ring = ringName();
        Checkpoint gate = as(ADMIN).createCheckpoint(CreateCheckpointRequest.newBuilder().setCode(ring + "-gate").setName("宁连公路检查站")
                .setType(CheckpointType.SECURITY_CHECKPOINT).setOrgCode(XUANWU).setLocation(GeoPoint.newBuilder().setLat(33.5).setLon(119.5))
                .addRings(ring).setLanes(6).setStaffedHeadCount(12).build());
        assertEquals(CheckpointState.NORMAL, gate.getState());
        UUID unit = UUID.randomUUID();
        redis.geo(String.class).geoadd(RedisKeys.unitPositions("32"), 119.51, 33.51, unit.toString());
        Checkpoint mobile = as(ADMIN).createCheckpoint(CreateCheckpointRequest.newBuilder().setCode(ring + "-mobile").setName("机动查控点")
                .setType(CheckpointType.MOBILE_CHECKPOINT).setOrgCode(XUANWU).setUnitId(unit.toString()).addRings(ring).build());
        assertEquals(33.51, mobile.getLocation().getLat(), 1e-4, "a mobile checkpoint is where its unit is");
        assertStatus(Code.ALREADY_EXISTS, () -> as(ADMIN).createCheckpoint(CreateCheckpointRequest.newBuilder().setCode(ring + "-gate")
                .setName("dup").setType(CheckpointType.SERVICE_STATION).setOrgCode(XUANWU).setLocation(GeoPoint.newBuilder().setLat(33).setLon(119)).build()));
        var noPlace = assertStatus(Code.INVALID_ARGUMENT, () -> as(ADMIN).createCheckpoint(CreateCheckpointRequest.newBuilder()
                .setCode(ring + "-x").setName("x").setType(CheckpointType.SERVICE_STATION).setOrgCode(XUANWU).build()));
        assertEquals("location", GrpcStatuses.fieldViolations(noPlace).get(0).field());

        assertEquals(List.of(ring + "-gate", ring + "-mobile"), as(DISPATCHER).listCheckpoints(ListCheckpointsRequest.newBuilder()
                .setOrgCode(NANJING).setRing(ring).setPage(PageRequest.newBuilder().setPageSize(1000)).build())
                .getCheckpointsList().stream().map(Checkpoint::getCode).toList());

        // Staff change their own checkpoint's state; "my checkpoint" says which.
        String subject = "gate-" + UUID.randomUUID();
        String staff = TestTokens.user(subject, XUANWU, "checkpoint");
        Instant now = Instant.now();
        as(COMMANDER).assignCheckpointStaff(AssignCheckpointStaffRequest.newBuilder().setCheckpointId(gate.getId()).setSubject(subject)
                .setShiftStart(Timestamps.of(now.minusSeconds(60))).setShiftEnd(Timestamps.of(now.plusSeconds(3600))).build());
        assertEquals(gate.getId(), as(staff).getMyCheckpoint(GetMyCheckpointRequest.getDefaultInstance()).getCheckpoint().getId());
        String other = "gate-" + UUID.randomUUID();
        as(COMMANDER).assignCheckpointStaff(AssignCheckpointStaffRequest.newBuilder().setCheckpointId(gate.getId()).setSubject(other)
                .setShiftStart(Timestamps.of(now.minusSeconds(60))).setShiftEnd(Timestamps.of(now.plusSeconds(3600))).build());
        assertEquals(1, as(COMMANDER).removeCheckpointStaff(org.fangkong.proto.checkpoints.v1.RemoveCheckpointStaffRequest.newBuilder()
                .setCheckpointId(gate.getId()).setSubject(other).build()).getRemoved());
        assertStatus(Code.NOT_FOUND, () -> as(TestTokens.user(other, XUANWU, "checkpoint")).getMyCheckpoint(GetMyCheckpointRequest.getDefaultInstance()));
        assertEquals(CheckpointState.OUT_OF_SERVICE, as(staff).setCheckpointState(SetCheckpointStateRequest.newBuilder()
                .setCheckpointId(gate.getId()).setState(CheckpointState.OUT_OF_SERVICE).setReason("barrier broken").build()).getState());
        assertStatus(Code.PERMISSION_DENIED, () -> as(staff).setCheckpointState(SetCheckpointStateRequest.newBuilder()
                .setCheckpointId(mobile.getId()).setState(CheckpointState.HEIGHTENED).build()));
        assertStatus(Code.INVALID_ARGUMENT, () -> as(COMMANDER).setCheckpointState(SetCheckpointStateRequest.newBuilder()
                .setCheckpointId(gate.getId()).setState(CheckpointState.SEALED).build()));
        assertTrue(redis.hash(String.class).hget(RedisKeys.checkpointStates(), gate.getId()).startsWith("OUT_OF_SERVICE|" + XUANWU));

        Checkpoint revised = as(ADMIN).updateCheckpoint(org.fangkong.proto.checkpoints.v1.UpdateCheckpointRequest.newBuilder()
                .setId(gate.getId()).setName("宁连公路检查站（北）").addRings(ring).addRings("province-ring").setLanes(8).setStaffedHeadCount(16).build());
        assertEquals(List.of("province-ring", ring), revised.getRingsList());
        assertEquals(8, revised.getLanes());
        assertEquals(33.5, revised.getLocation().getLat(), 1e-9, "no location given: it stays");
        var badRing = assertStatus(Code.INVALID_ARGUMENT, () -> as(ADMIN).updateCheckpoint(org.fangkong.proto.checkpoints.v1.UpdateCheckpointRequest
                .newBuilder().setId(gate.getId()).setName("x").addRings("Bad Ring").build()));
        assertEquals("rings[0]", GrpcStatuses.fieldViolations(badRing).get(0).field());

        // The nearest open checkpoints: the broken gate is out of service, the mobile one is found at its unit.
        List<String> nearest = as(DISPATCHER).findNearestCheckpoints(FindNearestCheckpointsRequest.newBuilder()
                .setPoint(GeoPoint.newBuilder().setLat(33.5).setLon(119.5)).setRadiusM(5000).build())
                .getCheckpointsList().stream().map(n -> n.getCheckpoint().getId()).toList();
        assertEquals(List.of(mobile.getId()), nearest);
    }

    @Test
    void aFlushedRedisGetsTheLiveCordonStatusAndPendingEscalationsBack() throws Exception {
        String ring = ringName();
        List<String> members = ring(ring, 2, "NORMAL");
        CordonPlan plan = plan(ring, 3600);
        activate(plan);
        confirm(plan, members.get(0));
        redis.flushall();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> "1".equals(redis.hash(String.class).hget(RedisKeys.cordonStatus(plan.getId()), "confirmed")));
        assertEquals("pending", redis.hash(String.class).hget(RedisKeys.cordonStatus(plan.getId()), "cp:" + members.get(1)));
        String activation = redis.hash(String.class).hget(RedisKeys.cordonStatus(plan.getId()), "activation");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> redis.sortedSet(String.class).zscore(RedisKeys.timersDue("cordon-confirm"), activation + ":" + members.get(1)) != null);
    }

    @Test
    void aPlanIsChangedAnyTimeAndRemovedOnlyWhenNotActive() {
        String ring = ringName();
        List<String> members = ring(ring, 3, "NORMAL");
        CordonPlan plan = plan(ring, 300);
        CordonPlan changed = as(COMMANDER).updateCordonPlan(org.fangkong.proto.checkpoints.v1.UpdateCordonPlanRequest.newBuilder()
                .setId(plan.getId()).setPlan(CreateCordonPlanRequest.newBuilder().setName("关城门（南线）").addCheckpointIds(members.get(0))
                        .setConfirmWithinS(120)).build());
        assertEquals("关城门（南线）", changed.getName());
        assertEquals(1, changed.getMemberCount());
        assertEquals(120, changed.getConfirmWithinS());
        var empty = assertStatus(Code.INVALID_ARGUMENT, () -> as(COMMANDER).updateCordonPlan(org.fangkong.proto.checkpoints.v1
                .UpdateCordonPlanRequest.newBuilder().setId(plan.getId()).setPlan(CreateCordonPlanRequest.newBuilder().setName("x")).build()));
        assertEquals("plan.checkpoint_ids", GrpcStatuses.fieldViolations(empty).get(0).field());

        activate(plan);
        org.fangkong.proto.checkpoints.v1.DeleteCordonPlanRequest delete = org.fangkong.proto.checkpoints.v1.DeleteCordonPlanRequest
                .newBuilder().setId(plan.getId()).build();
        assertStatus(Code.FAILED_PRECONDITION, () -> as(COMMANDER).deleteCordonPlan(delete));
        as(COMMANDER).deactivateCordonPlan(DeactivateCordonPlanRequest.newBuilder().setPlanId(plan.getId()).setReason("drill over").build());
        as(COMMANDER).deleteCordonPlan(delete);
        assertStatus(Code.NOT_FOUND, () -> as(COMMANDER).getCordonPlan(org.fangkong.proto.checkpoints.v1.GetCordonPlanRequest.newBuilder()
                .setId(plan.getId()).build()));
    }
}
