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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.fangkong.infra.testing.Eventually;
import org.fangkong.infra.testing.ServiceTest;
import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.errors.FieldViolation;
import org.fangkong.platform.errors.GrpcStatuses;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.proto.checkpoints.v1.CheckOutcome;
import org.fangkong.proto.checkpoints.v1.CheckResult;
import org.fangkong.proto.checkpoints.v1.CheckWantedRequest;
import org.fangkong.proto.checkpoints.v1.CheckpointServiceGrpc.CheckpointServiceBlockingStub;
import org.fangkong.proto.checkpoints.v1.ImportMode;
import org.fangkong.proto.checkpoints.v1.ListWantedEntriesRequest;
import org.fangkong.proto.checkpoints.v1.NewWantedEntry;
import org.fangkong.proto.checkpoints.v1.RecordCheckRequest;
import org.fangkong.proto.checkpoints.v1.RemoveWantedEntryRequest;
import org.fangkong.proto.checkpoints.v1.WantedEntry;
import org.fangkong.proto.checkpoints.v1.WantedImportChunk;
import org.fangkong.proto.checkpoints.v1.WantedImportResult;
import org.fangkong.proto.checkpoints.v1.WantedKind;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.events.v1.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.grpc.Status.Code;
import io.grpc.stub.StreamObserver;
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
class WantedListTest {

    private static final String COMMANDER = TestTokens.user("commander-nanjing", NANJING, "commander");
    private static final String ADMIN = TestTokens.user("admin-nanjing", NANJING, "admin");
    private static final String GATE = TestTokens.user("gate-staff", XUANWU, "checkpoint");
    private static final String OFFICER = TestTokens.user("patrol-7", XUANWU, "officer");
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

    /** A plate nobody else uses: 苏A + five random serial characters. */
    private static String plate() {
        String chars = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
        StringBuilder serial = new StringBuilder("苏A");
        for (int i = 0; i < 5; i++) {
            serial.append(chars.charAt(ThreadLocalRandom.current().nextInt(chars.length())));
        }
        return serial.toString();
    }

    private static NewWantedEntry.Builder vehicle(String plate) {
        return NewWantedEntry.newBuilder().setKind(WantedKind.VEHICLE).setPlate(plate).setPlateColour("BLUE")
                .setReason("robbery suspect vehicle").setSeverity(1).setIssuingAgency("南京市公安局刑警支队");
    }

    private String checkpoint() {
        UUID id = UUID.randomUUID();
        database.preparedQuery("insert into checkpoint (id, code, name, type, org_code, lat, lon, state, created_at) "
                + "values ($1, $2, '雨花台检查站', 'SECURITY_CHECKPOINT', $3, 31.99, 118.78, 'NORMAL', now())")
                .execute(Tuple.of(id, "JC-" + id.toString().substring(0, 8), XUANWU)).await().indefinitely();
        return id.toString();
    }

    private CheckResult check(String plate) {
        return as(DISPATCHER).checkWanted(CheckWantedRequest.newBuilder().setPlate(plate).setReason("incident 0001 suspect car").build());
    }

    /** The hit events of a check, once the first is on the stream and a moment has passed in which no repeat followed. */
    private List<Event> hitsFor(String checkId) throws Exception {
        Eventually.until("the hit on the stream", Duration.ofSeconds(10), () -> !streamedHits(checkId).isEmpty());
        int first = streamedHits(checkId).size();
        Eventually.holdsFor("no repeat of the hit", Duration.ofMillis(500), () -> streamedHits(checkId).size() == first);
        return streamedHits(checkId);
    }

    private List<Event> streamedHits(String checkId) throws Exception {
        List<Event> found = new ArrayList<>();
        for (StreamMessage<String, String, byte[]> message : redis.stream(String.class, String.class, byte[].class)
                .xrange(RedisKeys.eventStream("check-hits"), StreamRange.of("-", "+"))) {
            Event event = Event.parseFrom(message.payload().get("event"));
            if (event.getCheckHit().getCheckId().equals(checkId)) {
                found.add(event);
            }
        }
        return found;
    }

    private WantedImportResult importList(String source, ImportMode mode, List<NewWantedEntry> entries, int chunkSize) throws Exception {
        CompletableFuture<WantedImportResult> answer = new CompletableFuture<>();
        StreamObserver<WantedImportChunk> stream = client.streaming(ADMIN)
                .importWantedList(new StreamObserver<>() {
                    public void onNext(WantedImportResult result) {
                        answer.complete(result);
                    }

                    public void onError(Throwable failure) {
                        answer.completeExceptionally(failure);
                    }

                    public void onCompleted() {
                    }
                });
        for (int i = 0; i < entries.size(); i += chunkSize) {
            WantedImportChunk.Builder chunk = WantedImportChunk.newBuilder().addAllEntries(entries.subList(i, Math.min(entries.size(), i + chunkSize)));
            if (i == 0) {
                chunk.setSource(source).setMode(mode);
            }
            stream.onNext(chunk.build());
        }
        stream.onCompleted();
        try {
            return answer.get(5, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    @Test
    void aWantedPlateHitsAtACheckpointAndInAStreetCheckAndEachHitReachesTheStreamOnce() throws Exception {
        String plate = plate();
        WantedEntry entry = as(COMMANDER).addWantedEntry(vehicle(plate).build());
        assertEquals(plate, entry.getPlate());
        assertEquals("commander-nanjing", entry.getCreatedBy());

        // Other spellings of the same plate match: a dot, a space, lower case, full-width characters.
        String spaced = plate.substring(0, 2) + "·" + plate.substring(2).toLowerCase();
        assertEquals(CheckOutcome.HIT, check(spaced).getOutcome());
        String fullWidth = plate.substring(0, 1) + new String(plate.substring(1).chars().map(c -> c + 0xFEE0).toArray(), 0, plate.length() - 1);
        assertEquals(entry.getId(), check(fullWidth).getEntry().getId());
        // A plate of another colour is another car.
        assertEquals(CheckOutcome.CLEAR, as(DISPATCHER).checkWanted(CheckWantedRequest.newBuilder().setPlate(plate)
                .setPlateColour("YELLOW").setReason("x").build()).getOutcome());

        CheckResult atGate = as(GATE).recordCheck(RecordCheckRequest.newBuilder().setCheckpointId(checkpoint()).setPlate(plate)
                .setPlateColour("BLUE").setReason("routine inspection").build());
        assertEquals(CheckOutcome.HIT, atGate.getOutcome());
        CheckResult onTheStreet = as(OFFICER).recordCheck(RecordCheckRequest.newBuilder().setPlate(spaced).setReason("parked car, engine running")
                .setLocation(GeoPoint.newBuilder().setLat(32.04).setLon(118.79)).build());
        assertEquals(CheckOutcome.HIT, onTheStreet.getOutcome());

        List<Event> gateHits = hitsFor(atGate.getCheckId());
        assertEquals(1, gateHits.size());
        assertEquals("check.hit", gateHits.get(0).getType());
        assertEquals(entry.getId(), gateHits.get(0).getCheckHit().getWantedEntryId());
        assertEquals(plate, gateHits.get(0).getCheckHit().getPlate());
        assertEquals(XUANWU, gateHits.get(0).getOrgCode());
        List<Event> streetHits = hitsFor(onTheStreet.getCheckId());
        assertEquals(1, streetHits.size());
        assertEquals("", streetHits.get(0).getCheckHit().getCheckpointId());
        assertEquals("patrol-7", streetHits.get(0).getCheckHit().getCheckedBy());

        // A clear check is recorded too, and puts nothing on the stream.
        CheckResult clear = as(OFFICER).recordCheck(RecordCheckRequest.newBuilder().setPlate(plate()).setReason("random")
                .setLocation(GeoPoint.newBuilder().setLat(32.04).setLon(118.79)).build());
        assertEquals(CheckOutcome.CLEAR, clear.getOutcome());
        assertFalse(clear.getCheckId().isEmpty());
        Eventually.holdsFor("no hit on the stream for a clear check", Duration.ofSeconds(1), () -> streamedHits(clear.getCheckId()).isEmpty());
    }

    @Test
    void aRemovedOrExpiredEntryNoLongerHits() {
        String removedPlate = plate();
        WantedEntry entry = as(COMMANDER).addWantedEntry(vehicle(removedPlate).build());
        assertEquals(CheckOutcome.HIT, check(removedPlate).getOutcome());
        WantedEntry removed = as(COMMANDER).removeWantedEntry(RemoveWantedEntryRequest.newBuilder().setId(entry.getId()).setReason("car found").build());
        assertTrue(removed.getRemoved());
        assertEquals(CheckOutcome.CLEAR, check(removedPlate).getOutcome(), "removed: no hit once the call returned");

        String expiredPlate = plate();
        Instant now = Instant.now();
        as(COMMANDER).addWantedEntry(vehicle(expiredPlate).setValidFrom(Timestamps.of(now.minusSeconds(7200)))
                .setValidTo(Timestamps.of(now.plusMillis(1500))).build());
        assertEquals(CheckOutcome.HIT, check(expiredPlate).getOutcome());
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> check(expiredPlate).getOutcome() == CheckOutcome.CLEAR);
    }

    @Test
    void theListPagesNewestFirstAndShowsRemovedEntriesOnlyWhenAsked() {
        String plate = plate();
        WantedEntry first = as(COMMANDER).addWantedEntry(vehicle(plate).setReason("stolen").build());
        WantedEntry second = as(COMMANDER).addWantedEntry(vehicle(plate).setReason("used in a robbery").build());
        WantedEntry third = as(COMMANDER).addWantedEntry(vehicle(plate).setReason("fled a checkpoint").build());
        as(COMMANDER).removeWantedEntry(RemoveWantedEntryRequest.newBuilder().setId(second.getId()).setReason("duplicate").build());

        List<String> seen = new ArrayList<>();
        String token = "";
        do {
            var page = as(DISPATCHER).listWantedEntries(ListWantedEntriesRequest.newBuilder().setReason("shift briefing").setPlate(plate)
                    .setIncludeRemoved(true).setPage(org.fangkong.proto.common.v1.PageRequest.newBuilder().setPageSize(2).setPageToken(token)).build());
            page.getEntriesList().forEach(entry -> seen.add(entry.getId()));
            token = page.getPage().getNextPageToken();
        } while (!token.isEmpty());
        assertEquals(List.of(third.getId(), second.getId(), first.getId()), seen, "newest first across pages");

        var active = as(DISPATCHER).listWantedEntries(ListWantedEntriesRequest.newBuilder().setReason("shift briefing").setPlate(plate).build());
        assertEquals(List.of(third.getId(), first.getId()), active.getEntriesList().stream().map(WantedEntry::getId).toList());
        assertEquals("fled a checkpoint", active.getEntries(0).getReason());
    }

    @Test
    void personsAreMatchedByIdNumberWhichIsNeverShownInFull() {
        String id = "11010519491231002X";
        WantedEntry entry = as(COMMANDER).addWantedEntry(NewWantedEntry.newBuilder().setKind(WantedKind.PERSON).setIdNumber(id)
                .setReason("fugitive, case 2026-318").setSeverity(1).setIssuingAgency("公安部").build());
        assertEquals("110105********002X", entry.getIdMasked());
        CheckResult hit = as(OFFICER).recordCheck(RecordCheckRequest.newBuilder().setIdNumber(id.toLowerCase()).setReason("street check")
                .setLocation(GeoPoint.newBuilder().setLat(32.0).setLon(118.8)).build());
        assertEquals(CheckOutcome.HIT, hit.getOutcome());
        assertFalse(hit.toString().contains(id), "the full number never comes back");
        Long stored = database.preparedQuery("select count(*) from wanted_entry where id_hash = $1 or id_masked = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0);
        assertEquals(0L, stored, "the full number is not stored");

        var badCheck = assertStatus(Code.INVALID_ARGUMENT, () -> as(OFFICER).recordCheck(RecordCheckRequest.newBuilder()
                .setIdNumber("110105194912310021").setReason("x").setLocation(GeoPoint.newBuilder().setLat(32).setLon(118.8)).build()));
        assertEquals("id_number", GrpcStatuses.fieldViolations(badCheck).get(0).field());
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndChangesNothing() {
        var malformed = assertStatus(Code.INVALID_ARGUMENT, () -> as(COMMANDER).addWantedEntry(vehicle("XA12345").build()));
        assertEquals(new FieldViolation("plate", "must start with a province character such as 苏"), GrpcStatuses.fieldViolations(malformed).get(0));
        var shortSerial = assertStatus(Code.INVALID_ARGUMENT, () -> as(COMMANDER).addWantedEntry(vehicle("苏A12").build()));
        assertEquals("plate", GrpcStatuses.fieldViolations(shortSerial).get(0).field());
        var several = assertStatus(Code.INVALID_ARGUMENT, () -> as(COMMANDER).addWantedEntry(vehicle(plate()).setSeverity(9).setReason("")
                .setPlateColour("PINK").build()));
        assertEquals(List.of("plate_colour", "reason", "severity"), GrpcStatuses.fieldViolations(several).stream().map(FieldViolation::field).sorted().toList());
        assertStatus(Code.NOT_FOUND, () -> as(GATE).recordCheck(RecordCheckRequest.newBuilder().setCheckpointId(UUID.randomUUID().toString())
                .setPlate(plate()).setReason("routine").build()));
        var noReason = assertStatus(Code.INVALID_ARGUMENT, () -> as(DISPATCHER).checkWanted(CheckWantedRequest.newBuilder().setPlate(plate()).build()));
        assertEquals("reason", GrpcStatuses.fieldViolations(noReason).get(0).field());
        var noReasonList = assertStatus(Code.INVALID_ARGUMENT, () -> as(DISPATCHER).listWantedEntries(ListWantedEntriesRequest.getDefaultInstance()));
        assertEquals("reason", GrpcStatuses.fieldViolations(noReasonList).get(0).field());
        assertStatus(Code.PERMISSION_DENIED, () -> as(DISPATCHER).addWantedEntry(vehicle(plate()).build()));
    }

    @Test
    void aHundredThousandEntriesImportAndMatchAndASyncAppliesAddsAndRemovals() throws Exception {
        String source = "province-" + UUID.randomUUID().toString().substring(0, 8);
        List<NewWantedEntry> entries = new ArrayList<>();
        List<String> plates = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            String plate = String.format("苏%c%05d", (char) ('A' + i / 100_000 % 20 + (source.hashCode() & 3)), i);
            plates.add(plate);
            entries.add(vehicle(plate).setPlateColour("").setExternalRef(source + "-" + i).setSeverity(2).build());
        }
        long started = System.nanoTime();
        WantedImportResult imported = importList(source, ImportMode.ADD, entries, 5_000);
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(100_000, imported.getAdded(), "took " + tookMs + " ms");
        for (int i = 0; i < 20; i++) {
            String plate = plates.get(ThreadLocalRandom.current().nextInt(plates.size()));
            assertEquals(CheckOutcome.HIT, check(plate).getOutcome(), plate);
        }

        // The next day's list: entry 0 gone, entry 1 changed, one new entry; everything else the same.
        List<NewWantedEntry> next = new ArrayList<>(entries.subList(1, entries.size()));
        next.set(0, entries.get(1).toBuilder().setReason("now armed").setSeverity(1).build());
        String newPlate = plate();
        next.add(vehicle(newPlate).setExternalRef(source + "-new").build());
        WantedImportResult synced = importList(source, ImportMode.SYNC, next, 5_000);
        assertEquals(1, synced.getAdded());
        assertEquals(1, synced.getUpdated());
        assertEquals(1, synced.getRemoved());
        assertEquals(99_998, synced.getUnchanged());
        assertEquals(CheckOutcome.CLEAR, check(plates.get(0)).getOutcome());
        assertEquals("now armed", check(plates.get(1)).getEntry().getReason());
        assertEquals(CheckOutcome.HIT, check(newPlate).getOutcome());

        // A bad row anywhere refuses the whole stream, naming it; nothing changes.
        List<NewWantedEntry> broken = new ArrayList<>(next);
        broken.set(54_321, broken.get(54_321).toBuilder().setPlate("bad").build());
        var refused = assertStatus(Code.INVALID_ARGUMENT, () -> {
            try {
                importList(source, ImportMode.SYNC, broken.subList(0, 60_000), 5_000);
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        });
        assertEquals("entries[54321].plate", GrpcStatuses.fieldViolations(refused).get(0).field());
        assertEquals(CheckOutcome.HIT, check(plates.get(99_999)).getOutcome(), "the refused sync removed nothing");
    }

    @Test
    void aFlushedRedisIsRebuiltAndAWantedPlateStillHits() {
        String plate = plate();
        as(COMMANDER).addWantedEntry(vehicle(plate).build());
        redis.flushall();
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> redis.hash(String.class).hget(RedisKeys.wantedList(), "V:" + plate) != null);
        assertEquals(CheckOutcome.HIT, check(plate).getOutcome());
    }

    @Test
    void inspectionHistoryNeedsAReasonAndStatisticsCountChecksAndHits() {
        String wantedPlate = plate();
        as(COMMANDER).addWantedEntry(vehicle(wantedPlate).build());
        String gate = checkpoint();
        for (String plate : List.of(plate(), wantedPlate, plate())) {
            as(GATE).recordCheck(RecordCheckRequest.newBuilder().setCheckpointId(gate).setPlate(plate).setPlateColour("BLUE")
                    .setReason("routine inspection").build());
        }
        var history = as(DISPATCHER).listChecks(org.fangkong.proto.checkpoints.v1.ListChecksRequest.newBuilder().setCheckpointId(gate)
                .setReason("review of gate throughput").build());
        assertEquals(3, history.getChecksCount());
        assertEquals(1, history.getChecksList().stream().filter(c -> c.getOutcome() == CheckOutcome.HIT).count());
        assertEquals(wantedPlate, history.getChecks(1).getPlate(), "newest first");
        assertEquals("gate-staff", history.getChecks(0).getCheckedBy());
        var noReason = assertStatus(Code.INVALID_ARGUMENT, () -> as(DISPATCHER).listChecks(org.fangkong.proto.checkpoints.v1.ListChecksRequest
                .newBuilder().setCheckpointId(gate).build()));
        assertEquals("reason", GrpcStatuses.fieldViolations(noReason).get(0).field());

        Instant now = Instant.now();
        var stats = as(DISPATCHER).getCheckStatistics(org.fangkong.proto.checkpoints.v1.GetCheckStatisticsRequest.newBuilder()
                .setOrgCode(XUANWU).setFrom(Timestamps.of(now.minusSeconds(3600))).setTo(Timestamps.of(now.plusSeconds(3600))).build());
        var atGate = stats.getCheckpointsList().stream().filter(t -> t.getCheckpointId().equals(gate)).findFirst().orElseThrow();
        assertEquals(3, atGate.getChecks());
        assertEquals(1, atGate.getHits());
        assertTrue(stats.getHoursList().stream().mapToInt(h -> h.getChecks()).sum() >= 3);
        var tooWide = assertStatus(Code.INVALID_ARGUMENT, () -> as(DISPATCHER).getCheckStatistics(org.fangkong.proto.checkpoints.v1
                .GetCheckStatisticsRequest.newBuilder().setFrom(Timestamps.of(now.minusSeconds(90L * 86400))).setTo(Timestamps.of(now)).build()));
        assertEquals("to", GrpcStatuses.fieldViolations(tooWide).get(0).field());
    }
}
