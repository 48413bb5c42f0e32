package org.fangkong.gateway;

import static org.fangkong.gateway.IncidentsApiTest.as;
import static org.fangkong.gateway.UnitsApiTest.with;
import static org.fangkong.infra.testing.TestOrgs.NANJING;
import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.grpc.BearerToken;
import org.fangkong.proto.checkpoints.v1.Checkpoint;
import org.fangkong.proto.checkpoints.v1.CheckpointServiceGrpc;
import org.fangkong.proto.checkpoints.v1.CheckpointType;
import org.fangkong.proto.checkpoints.v1.CordonPlan;
import org.fangkong.proto.checkpoints.v1.CreateCheckpointRequest;
import org.fangkong.proto.checkpoints.v1.CreateCordonPlanRequest;
import org.fangkong.proto.common.v1.GeoPoint;
import org.junit.jupiter.api.Test;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

/** Checks, the wanted list and cordons through the gateway, against the real checkpoint-service. */
@GatewayTest
class CheckpointsApiTest {

    static final String COMMANDER = TestTokens.user("commander-nanjing", NANJING, "commander");

    @Test
    void aWantedPlateAddedByACommanderHitsAnOfficersStreetCheckUnderAnotherSpelling() {
        String plate = "苏A" + ThreadLocalRandom.current().nextInt(10000, 99999);
        String entry = as(COMMANDER).body(Map.of("kind", "VEHICLE", "plate", plate, "plateColour", "BLUE", "reason", "car used in a robbery",
                "severity", 1, "issuingAgency", "南京市公安局刑警支队")).post("/api/v1/wanted").then().statusCode(201).extract().path("id");
        String officer = TestTokens.user("officer-check", XUANWU, "officer");
        Map<String, Object> street = Map.of("location", Map.of("lat", 32.05, "lon", 118.79), "orgCode", XUANWU, "reason", "ran a red light");

        as(officer).body(with(street, "plate", plate.substring(0, 2).toLowerCase() + " " + plate.substring(2), "plateColour", "BLUE"))
                .post("/api/v1/checks").then().statusCode(200).body("outcome", equalTo("HIT")).body("entry.id", equalTo(entry));
        as(officer).body(with(street, "plate", "苏A" + ThreadLocalRandom.current().nextInt(10000, 99999), "plateColour", "BLUE"))
                .post("/api/v1/checks").then().statusCode(200).body("outcome", equalTo("CLEAR"));
        as(officer).body(with(street, "plate", "XX123", "plateColour", "BLUE")).post("/api/v1/checks").then()
                .statusCode(400).body("invalid-params.name[0]", equalTo("plate"));
    }

    @Test
    void aCommanderClosesTheGatesAndTheCheckpointConfirms() throws InterruptedException {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", GatewayTestResources.checkpoints().port()).usePlaintext().build();
        try {
            var admin = CheckpointServiceGrpc.newBlockingStub(channel).withCallCredentials(BearerToken.of(TestTokens.user("admin-nanjing", NANJING, "admin")))
                    .withDeadlineAfter(20, TimeUnit.SECONDS);
            String ring = "gw-" + UUID.randomUUID().toString().substring(0, 6);
            Checkpoint gate = admin.createCheckpoint(CreateCheckpointRequest.newBuilder().setCode(ring).setName("宁洛高速检查站")
                    .setType(CheckpointType.SECURITY_CHECKPOINT).setOrgCode(XUANWU).setLocation(GeoPoint.newBuilder().setLat(32.3).setLon(118.5))
                    .addRings(ring).setLanes(4).setStaffedHeadCount(6).build());
            CordonPlan plan = CheckpointServiceGrpc.newBlockingStub(channel).withCallCredentials(BearerToken.of(COMMANDER))
                    .withDeadlineAfter(20, TimeUnit.SECONDS)
                    .createCordonPlan(CreateCordonPlanRequest.newBuilder().setName("闭城 " + ring).setOrgCode(XUANWU).addRings(ring).build());
            String staff = "checker-" + ring;
            Instant now = Instant.now();
            as(COMMANDER).body(Map.of("subject", staff, "shiftStart", now.minusSeconds(60).toString(), "shiftEnd", now.plusSeconds(8 * 3600).toString()))
                    .post("/api/v1/checkpoints/" + gate.getId() + "/staff").then().statusCode(200);
            String checker = TestTokens.user(staff, XUANWU, "checkpoint");
            as(checker).get("/api/v1/checkpoints/mine").then().statusCode(200).body("checkpoint.id", equalTo(gate.getId()));

            as(COMMANDER).body(Map.of("reason", "armed robbery, suspects fleeing north")).post("/api/v1/cordon-plans/" + plan.getId() + "/activate")
                    .then().statusCode(200).body("active", equalTo(true)).body("pending", equalTo(1));
            as(checker).body(Map.of("checkpointId", gate.getId())).post("/api/v1/cordon-plans/" + plan.getId() + "/confirm").then()
                    .statusCode(200).body("confirmed", equalTo(1)).body("pending", equalTo(0));
            as(TestTokens.user("duty-xuanwu", XUANWU, "dispatcher")).get("/api/v1/checkpoints/" + gate.getId()).then()
                    .statusCode(200).body("state", equalTo("SEALED"));
            as(COMMANDER).body(Map.of("reason", "suspects caught")).post("/api/v1/cordon-plans/" + plan.getId() + "/deactivate").then()
                    .statusCode(200).body("active", equalTo(false));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void anAdminImportsAWantedListLineByLineAndARefusedLineImportsNothing() {
        String admin = TestTokens.user("it-nanjing", NANJING, "admin");
        String source = "province-" + ThreadLocalRandom.current().nextInt(100000, 999999);
        int base = ThreadLocalRandom.current().nextInt(10, 80) * 1000;
        StringBuilder list = new StringBuilder();
        // More entries than one chunk carries, so the list crosses the gateway in several.
        for (int i = 0; i < 2500; i++) {
            list.append("{\"kind\":\"VEHICLE\",\"plate\":\"苏B").append(base + i).append("\",\"plateColour\":\"BLUE\",\"reason\":\"stolen\",")
                    .append("\"severity\":3,\"issuingAgency\":\"江苏省公安厅\",\"externalRef\":\"").append(source).append('-').append(i).append("\"}\n");
        }
        given().auth().oauth2(admin).contentType("application/x-ndjson").queryParam("source", source).queryParam("mode", "SYNC")
                .body(list.toString().getBytes(StandardCharsets.UTF_8)).post("/api/v1/wanted/import").then()
                .statusCode(200).body("added", equalTo(2500)).body("removed", equalTo(0));
        String officer = TestTokens.user("officer-check", XUANWU, "officer");
        as(officer).body(Map.of("plate", "苏B" + (base + 2499), "reason", "stopped at a junction")).post("/api/v1/wanted/check").then()
                .statusCode(200).body("outcome", equalTo("HIT"));

        // The refused line comes after a whole chunk already went to checkpoint-service: that chunk must not take effect either.
        StringBuilder refused = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            refused.append("{\"kind\":\"VEHICLE\",\"plate\":\"苏B").append(base + 10000 + i).append("\",\"reason\":\"stolen\",\"severity\":3}\n");
        }
        refused.append("{\"kind\":\"SPACESHIP\",\"plate\":\"苏B00001\"}\n");
        given().auth().oauth2(admin).contentType("application/x-ndjson").queryParam("source", source + "-bad").queryParam("mode", "ADD")
                .body(refused.toString().getBytes(StandardCharsets.UTF_8)).post("/api/v1/wanted/import").then()
                .statusCode(400).contentType("application/problem+json").body("'invalid-params'.name", contains("entries[1000].kind"));
        as(officer).body(Map.of("plate", "苏B" + (base + 10000), "reason", "stopped at a junction")).post("/api/v1/wanted/check").then()
                .statusCode(200).body("outcome", equalTo("CLEAR"));
        given().auth().oauth2(admin).contentType("application/x-ndjson").queryParam("source", source).body(list.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/wanted/import").then().statusCode(400).body("'invalid-params'.name", contains("mode"));
        given().auth().oauth2(TestTokens.user("commander-nanjing", NANJING, "commander")).contentType("application/x-ndjson")
                .queryParam("source", source).queryParam("mode", "ADD").body(new byte[0]).post("/api/v1/wanted/import").then().statusCode(403);
    }
}
