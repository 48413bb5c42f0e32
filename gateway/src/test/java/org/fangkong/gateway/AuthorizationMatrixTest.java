package org.fangkong.gateway;

import static io.restassured.RestAssured.given;
import static org.fangkong.infra.testing.TestOrgs.SUZHOU;
import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.fangkong.infra.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every endpoint as every role, without a token, with an expired token, with a token of another issuer, a forged
 * token, and a token of another organisation, against the table below (the API's proof against broken object-level
 * authorisation, broken authentication and broken function-level authorisation). README renders the same table;
 * the test checks it is there.
 */
@GatewayTest
class AuthorizationMatrixTest {

    static final List<String> ROLES = List.of("officer", "checkpoint", "video-operator", "dispatcher", "command-center", "commander", "analyst",
            "admin");

    /** One endpoint: how to call it (on a fresh incident of Xuanwu), who may, what they get, and what another organisation gets. */
    record Endpoint(String method, String path, Supplier<Object> body, List<String> allowed, int allowedStatus, Map<String, Integer> byRole,
            int otherOrg, String contentType) {

        Endpoint(String method, String path, Supplier<Object> body, List<String> allowed, int allowedStatus, Map<String, Integer> byRole, int otherOrg) {
            this(method, path, body, allowed, allowedStatus, byRole, otherOrg, "application/json");
        }

        int expected(String role) {
            return byRole.getOrDefault(role, allowed.contains(role) ? allowedStatus : 403);
        }
    }

    static final List<String> DESK = List.of("dispatcher", "command-center", "commander", "analyst", "admin");
    static final List<String> DISPATCHING = List.of("dispatcher", "command-center", "commander");

    static List<Endpoint> table() {
        String unit = UUID.randomUUID().toString();
        List<Endpoint> rows = new ArrayList<>();
        rows.add(new Endpoint("POST", "/api/v1/incidents", () -> onView(), List.of("officer", "dispatcher", "command-center", "commander"), 201,
                Map.of(), 403));
        rows.add(new Endpoint("GET", "/api/v1/incidents?orgCode=" + XUANWU, null, DESK, 200, Map.of(), 403));
        rows.add(new Endpoint("GET", "/api/v1/incidents/{id}", null, DESK, 200, Map.of(), 404));
        rows.add(new Endpoint("GET", "/api/v1/incidents/{id}/trail", null, DESK, 200, Map.of(), 404));
        rows.add(new Endpoint("GET", "/api/v1/incidents/{id}/recommendations", null, DISPATCHING, 200, Map.of(), 404));
        rows.add(new Endpoint("POST", "/api/v1/incidents/{id}/dispatch", () -> Map.of("unitIds", List.of(unit)), DISPATCHING, 400, Map.of(), 404));
        rows.add(new Endpoint("POST", "/api/v1/incidents/{id}/units/" + unit + "/delivery", null, List.of("officer"), 409, Map.of(), 404));
        rows.add(new Endpoint("POST", "/api/v1/incidents/{id}/units/" + unit + "/acknowledge", null, List.of("officer"), 409, Map.of(), 404));
        rows.add(new Endpoint("POST", "/api/v1/incidents/{id}/units/" + unit + "/arrive", null, List.of("officer"), 409, Map.of(), 404));
        // Nobody is dispatched yet: the desk may not resolve it (409), an officer on no crew of it may not at all (403).
        rows.add(new Endpoint("POST", "/api/v1/incidents/{id}/resolve", () -> Map.of("outcome", "x"),
                List.of("officer", "dispatcher", "command-center", "commander"), 409, Map.of("officer", 403), 404));
        rows.add(new Endpoint("POST", "/api/v1/incidents/{id}/close", null, DISPATCHING, 409, Map.of(), 404));
        rows.add(new Endpoint("POST", "/api/v1/incidents/{id}/cancel", () -> Map.of("reason", "duplicate report"), DISPATCHING, 200, Map.of(), 404));
        rows.add(new Endpoint("POST", "/api/v1/incidents/{id}/redispatch", () -> Map.of("releaseUnitIds", List.of(unit), "reason", "x"), DISPATCHING, 400,
                Map.of(), 404));
        rows.add(new Endpoint("GET", "/api/v1/command-modes/" + XUANWU, null, DESK, 200, Map.of(), 403));
        rows.add(new Endpoint("PUT", "/api/v1/command-modes/" + XUANWU, () -> Map.of("mode", "NORMAL", "reason", "shift handover"),
                List.of("command-center", "commander", "admin"), 200, Map.of(), 403));
        rows.add(new Endpoint("GET", "/api/v1/reports/situation?orgCode=" + XUANWU, null, DESK, 200, Map.of(), 403));
        rows.add(new Endpoint("GET", "/api/v1/reports/two-stage?orgCode=" + XUANWU, null, DESK, 200, Map.of(), 403));
        rows.add(new Endpoint("GET", "/api/v1/reports/compliance?orgCode=" + XUANWU + "&from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z", null, DESK,
                200, Map.of(), 403));
        rows.add(new Endpoint("GET", "/api/v1/reports/patrol-levels?orgCode=" + XUANWU, null, DESK, 200, Map.of(), 403));
        rows.add(new Endpoint("POST", "/api/v1/reports/patrol-levels/" + UUID.randomUUID(), () -> Map.of("patrolLevel", 2, "reason", "x"),
                List.of("commander"), 404, Map.of(), 404));
        rows.add(new Endpoint("GET", "/api/v1/reports/reinforcements?orgCode=" + XUANWU, null, DESK, 200, Map.of(), 403));
        rows.add(new Endpoint("GET", "/api/v1/reports/control-points?orgCode=" + XUANWU, null, DESK, 200, Map.of(), 403));
        String other = UUID.randomUUID().toString();
        rows.add(new Endpoint("POST", "/api/v1/units", () -> UnitsApiTest.patrolCar(XUANWU), List.of("admin"), 201, Map.of(), 403));
        rows.add(new Endpoint("POST", "/api/v1/units/import", () -> Map.of("units", List.of(UnitsApiTest.patrolCar(XUANWU))), List.of("admin"), 200,
                Map.of(), 403));
        rows.add(new Endpoint("GET", "/api/v1/units?orgCode=" + XUANWU, null, DESK, 200, Map.of(), 403));
        rows.add(new Endpoint("GET", "/api/v1/units/nearest?lat=32.04&lon=118.78&radiusMeters=500", null, DISPATCHING, 200, Map.of(), 200));
        rows.add(new Endpoint("GET", "/api/v1/units/positions?orgCode=" + XUANWU, null, DISPATCHING, 200, Map.of(), 403));
        rows.add(new Endpoint("GET", "/api/v1/units/" + other, null, DESK, 404, Map.of(), 404));
        rows.add(new Endpoint("PATCH", "/api/v1/units/" + other, () -> Map.of("updateMask", "headCount", "unit", Map.of("headCount", 2)), List.of("admin"),
                404, Map.of(), 404));
        // An officer may change only the unit they are on, so any other unit is refused to them before it is looked up.
        rows.add(new Endpoint("PUT", "/api/v1/units/" + other + "/status", () -> Map.of("status", "AVAILABLE", "reason", "on patrol"),
                List.of("commander", "admin", "officer"), 404, Map.of("officer", 403), 404));
        rows.add(new Endpoint("PUT", "/api/v1/units/status", () -> Map.of("unitIds", List.of(other), "status", "AVAILABLE", "reason", "shift start"),
                List.of("commander", "admin", "officer"), 404, Map.of("officer", 403), 404));
        rows.add(new Endpoint("GET", "/api/v1/units/" + other + "/track?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z", null, DESK, 404, Map.of(),
                404));
        rows.add(new Endpoint("GET", "/api/v1/units/" + other + "/crew", null, DESK, 404, Map.of(), 404));
        rows.add(new Endpoint("POST", "/api/v1/units/" + other + "/crew", () -> Map.of("subject", "someone", "shiftStart", Instant.now().toString(),
                "shiftEnd", Instant.now().plusSeconds(8 * 3600).toString()), List.of("commander", "admin"), 404, Map.of(), 404));
        rows.add(new Endpoint("DELETE", "/api/v1/units/" + other + "/crew/someone", null, List.of("commander", "admin"), 404, Map.of(), 404));
        rows.add(new Endpoint("GET", "/api/v1/duty-strength?orgCode=" + XUANWU, null, DESK, 200, Map.of(), 403));
        // The stream itself (GET /api/v1/events) never ends, so LiveEventsIT checks who may open it and what each one gets.
        rows.add(new Endpoint("POST", "/api/v1/events/tickets", null, ROLES, 200, Map.of(), 200));
        rows.add(new Endpoint("GET", "/api/v1/me/dispatches", null, List.of("officer"), 200, Map.of(), 200));
        rows.add(new Endpoint("GET", "/api/v1/organisations?rootCode=" + XUANWU, null, ROLES, 200, Map.of(), 200));
        rows.add(new Endpoint("GET", "/api/v1/organisations/" + XUANWU, null, ROLES, 200, Map.of(), 200));
        rows.add(new Endpoint("POST", "/api/v1/organisations", () -> Map.of("code", XUANWU.substring(0, 6) + (100000 + (int) (Math.random() * 899999)),
                "name", "派出所", "parentCode", XUANWU), List.of("admin"), 201, Map.of(), 403));
        String noStation = XUANWU.substring(0, 6) + "999999";
        rows.add(new Endpoint("PATCH", "/api/v1/organisations/" + noStation, () -> Map.of("name", "x"), List.of("admin"), 404, Map.of(), 403));
        rows.add(new Endpoint("PUT", "/api/v1/organisations/" + noStation + "/neighbours", () -> Map.of("neighbourCodes", List.of()), List.of("admin"), 404,
                Map.of(), 403));
        rows.add(new Endpoint("DELETE", "/api/v1/organisations/" + noStation, null, List.of("admin"), 404, Map.of(), 403));
        rows.add(new Endpoint("GET", "/api/v1/zones?orgCode=" + XUANWU, null, DESK, 200, Map.of(), 403));
        rows.add(new Endpoint("POST", "/api/v1/zones", () -> Map.of("name", "matrix", "orgCode", XUANWU,
                "polygon", OrganisationsAndZonesApiTest.square(new double[] { 30.9, 118.1 })), List.of("admin"), 201, Map.of(), 403));
        rows.add(new Endpoint("GET", "/api/v1/zones/coverage?orgCode=" + XUANWU, null, DESK, 200, Map.of(), 403));
        rows.add(new Endpoint("GET", "/api/v1/zones/" + other, null, DESK, 404, Map.of(), 404));
        rows.add(new Endpoint("PATCH", "/api/v1/zones/" + other, () -> Map.of("name", "x"), List.of("admin"), 404, Map.of(), 404));
        rows.add(new Endpoint("DELETE", "/api/v1/zones/" + other, null, List.of("admin"), 404, Map.of(), 404));
        rows.add(new Endpoint("PUT", "/api/v1/zones/" + other + "/level", () -> Map.of("patrolLevel", 2, "reason", "x"), List.of("commander", "admin"), 404,
                Map.of(), 404));
        rows.add(new Endpoint("GET", "/api/v1/zones/" + other + "/levels", null, DESK, 404, Map.of(), 404));
        rows.add(new Endpoint("GET", "/api/v1/zones/" + other + "/units", null, DESK, 404, Map.of(), 404));
        rows.add(new Endpoint("GET", "/api/v1/zones/" + other + "/coverage", null, DESK, 404, Map.of(), 404));
        Supplier<Object> site = () -> Map.of("name", "matrix", "category", "SCHOOL_SURROUNDINGS", "orgCode", XUANWU, "center", Map.of("lat", 30.9,
                "lon", 118.1), "radiusM", 200);
        rows.add(new Endpoint("GET", "/api/v1/key-sites?orgCode=" + XUANWU, null, DESK, 200, Map.of(), 403));
        rows.add(new Endpoint("POST", "/api/v1/key-sites", site, List.of("admin"), 201, Map.of(), 403));
        rows.add(new Endpoint("GET", "/api/v1/key-sites/" + other, null, DESK, 404, Map.of(), 404));
        rows.add(new Endpoint("PUT", "/api/v1/key-sites/" + other, site, List.of("admin"), 404, Map.of(), 404));
        rows.add(new Endpoint("DELETE", "/api/v1/key-sites/" + other, null, List.of("admin"), 404, Map.of(), 404));
        List<String> checkpointDesk = List.of("checkpoint", "dispatcher", "command-center", "commander", "analyst", "admin");
        String some = UUID.randomUUID().toString();
        rows.add(new Endpoint("GET", "/api/v1/checkpoints?orgCode=" + XUANWU, null, checkpointDesk, 200, Map.of(), 403));
        rows.add(new Endpoint("GET", "/api/v1/checkpoints/mine", null, ROLES, 404, Map.of(), 404));
        rows.add(new Endpoint("GET", "/api/v1/checkpoints/nearest?lat=32.04&lon=118.78&radiusMeters=500", null, DESK, 200, Map.of(), 200));
        rows.add(new Endpoint("GET", "/api/v1/checkpoints/" + some, null, checkpointDesk, 404, Map.of(), 404));
        rows.add(new Endpoint("PUT", "/api/v1/checkpoints/" + some + "/state", () -> Map.of("state", "HEIGHTENED", "reason", "drill"),
                List.of("checkpoint", "commander", "admin"), 404, Map.of(), 404));
        rows.add(new Endpoint("POST", "/api/v1/checkpoints/" + some + "/staff", () -> Map.of("subject", "someone", "shiftStart", "2026-12-01T00:00:00Z",
                "shiftEnd", "2026-12-01T08:00:00Z"), List.of("commander", "admin"), 404, Map.of(), 404));
        rows.add(new Endpoint("GET", "/api/v1/cordon-plans?orgCode=" + XUANWU, null, checkpointDesk, 200, Map.of(), 403));
        rows.add(new Endpoint("GET", "/api/v1/cordon-plans/" + some, null, checkpointDesk, 404, Map.of(), 404));
        rows.add(new Endpoint("GET", "/api/v1/cordon-plans/" + some + "/status", null, checkpointDesk, 404, Map.of(), 404));
        rows.add(new Endpoint("POST", "/api/v1/cordon-plans/" + some + "/activate", () -> Map.of("reason", "drill"), List.of("command-center", "commander"),
                404, Map.of(), 404));
        rows.add(new Endpoint("POST", "/api/v1/cordon-plans/" + some + "/confirm", () -> Map.of("checkpointId", some),
                List.of("checkpoint", "command-center", "commander"), 404, Map.of(), 404));
        rows.add(new Endpoint("POST", "/api/v1/cordon-plans/" + some + "/deactivate", () -> Map.of("reason", "drill over"),
                List.of("command-center", "commander"), 404, Map.of(), 404));
        rows.add(new Endpoint("POST", "/api/v1/checks", () -> Map.of("plate", "苏A" + (10000 + (int) (Math.random() * 89999)), "plateColour", "BLUE",
                "reason", "routine patrol", "location", Map.of("lat", 32.04, "lon", 118.78), "orgCode", XUANWU), List.of("checkpoint", "officer"), 200,
                Map.of(), 403));
        rows.add(new Endpoint("GET", "/api/v1/checks?orgCode=" + XUANWU + "&reason=audit", null, DESK, 200, Map.of(), 403));
        rows.add(new Endpoint("GET", "/api/v1/checks/statistics?orgCode=" + XUANWU + "&from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z", null, DESK, 200,
                Map.of(), 403));
        rows.add(new Endpoint("POST", "/api/v1/wanted/check", () -> Map.of("plate", "苏A54321", "reason", "stopped at a junction"), ROLES, 200, Map.of(),
                200));
        rows.add(new Endpoint("GET", "/api/v1/wanted?reason=audit", null, DESK, 200, Map.of(), 200));
        rows.add(new Endpoint("POST", "/api/v1/wanted", () -> Map.of("kind", "VEHICLE", "plate", "苏E" + (10000 + (int) (Math.random() * 89999)),
                "plateColour", "BLUE", "reason", "stolen car", "severity", 2, "issuingAgency", "南京市公安局刑警支队"), List.of("commander", "admin"), 201, Map.of(), 201));
        rows.add(new Endpoint("DELETE", "/api/v1/wanted/" + some + "?reason=recovered", null, List.of("commander", "admin"), 404, Map.of(), 404));
        rows.add(new Endpoint("POST", "/api/v1/wanted/import?source=matrix&mode=ADD",
                () -> "{\"kind\":\"VEHICLE\",\"plate\":\"苏E54321\",\"reason\":\"matrix\",\"severity\":4,\"issuingAgency\":\"江苏省公安厅\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), List.of("admin"), 200, Map.of(), 200,
                "application/x-ndjson"));
        rows.add(new Endpoint("GET", "/api/v1/me", null, ROLES, 200, Map.of(), 200));
        List<String> videoDesk = List.of("video-operator", "dispatcher", "command-center", "commander", "analyst", "admin");
        rows.add(new Endpoint("GET", "/api/v1/video-points?orgCode=" + XUANWU, null, videoDesk, 200, Map.of(), 403));
        rows.add(new Endpoint("GET", "/api/v1/video-points/" + some, null, videoDesk, 404, Map.of(), 404));
        rows.add(new Endpoint("GET", "/api/v1/cameras?orgCode=" + XUANWU, null, videoDesk, 200, Map.of(), 403));
        rows.add(new Endpoint("GET", "/api/v1/cameras/health?orgCode=" + XUANWU, null, videoDesk, 200, Map.of(), 403));
        rows.add(new Endpoint("GET", "/api/v1/cameras/" + some, null, videoDesk, 404, Map.of(), 404));
        rows.add(new Endpoint("GET", "/api/v1/trajectories?plate=苏A12345&from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z&reason=case 0412", null,
                videoDesk, 200, Map.of(), 200));
        rows.add(new Endpoint("POST", "/api/v1/patrol-tours", () -> Map.of("name", "night round", "orgCode", XUANWU, "cameraIds", List.of(some),
                "dwellS", 30, "shiftStart", "2026-12-01T12:00:00Z", "shiftEnd", "2026-12-01T20:00:00Z"), List.of("video-operator", "admin"), 400,
                Map.of(), 403));
        rows.add(new Endpoint("GET", "/api/v1/patrol-tours/" + some, null, videoDesk, 404, Map.of(), 404));
        rows.add(new Endpoint("POST", "/api/v1/patrol-tours/" + some + "/start", null, List.of("video-operator"), 404, Map.of(), 404));
        rows.add(new Endpoint("POST", "/api/v1/patrol-tours/" + some + "/views", () -> Map.of("cameraId", some, "dwellS", 30), List.of("video-operator"),
                404, Map.of(), 404));
        rows.add(new Endpoint("GET", "/api/v1/patrol-tours/" + some + "/coverage", null, videoDesk, 404, Map.of(), 404));
        rows.add(new Endpoint("POST", "/api/v1/observations", () -> Map.of("cameraId", some, "category", "fight", "description", "two men"),
                List.of("video-operator"), 404, Map.of(), 404));
        return rows;
    }

    static Map<String, Object> onView() {
        Map<String, Object> report = new LinkedHashMap<>(IncidentsApiTest.report(XUANWU));
        report.put("source", "ON_VIEW");
        return report;
    }

    /** The matrix's desk reports an incident before every call on one; it has a rate limit of its own (GatewayTestResources). */
    static final String MATRIX_DUTY = TestTokens.user(GatewayTestResources.MATRIX_DUTY, XUANWU, "dispatcher");

    /** Calls in flight at once: the matrix's callers are independent, so it runs in seconds rather than minutes. */
    static final int CONCURRENT_CALLS = 8;

    private static Response call(Endpoint endpoint, String token) {
        String path = endpoint.path().contains("{id}") ? endpoint.path().replace("{id}", reported()) : endpoint.path();
        RequestSpecification request = given().contentType(endpoint.contentType());
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        if (endpoint.body() != null) {
            Object body = endpoint.body().get();
            request = body instanceof byte[] bytes ? request.body(bytes) : request.body(body);
        }
        return request.request(endpoint.method(), path);
    }

    private static String reported() {
        Response response = given().contentType(ContentType.JSON).auth().oauth2(MATRIX_DUTY).body(IncidentsApiTest.report(XUANWU)).post("/api/v1/incidents");
        assertEquals(201, response.statusCode(), () -> "reporting the incident to call on: " + response.body().asString());
        return response.path("id");
    }

    @Test
    void everyEndpointAnswersEveryCallerAsTheTableSays() throws Exception {
        List<Callable<String>> calls = new ArrayList<>();
        for (Endpoint endpoint : table()) {
            for (String role : ROLES) {
                calls.add(() -> mismatch(endpoint, role, TestTokens.user("matrix-" + role, XUANWU, role), endpoint.expected(role)));
            }
            String allowed = endpoint.allowed().get(0);
            calls.add(() -> mismatch(endpoint, "no token", null, 401));
            calls.add(() -> mismatch(endpoint, "expired", TestTokens.expired("matrix-expired", XUANWU, allowed), 401));
            calls.add(() -> mismatch(endpoint, "other issuer", TestTokens.otherIssuer("matrix-issuer", XUANWU, allowed), 401));
            calls.add(() -> mismatch(endpoint, "forged", TestTokens.forged("matrix-forged", XUANWU, allowed), 401));
            calls.add(() -> mismatch(endpoint, "other org", TestTokens.user("matrix-suzhou", SUZHOU, allowed), endpoint.otherOrg()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_CALLS);
        List<String> mismatches = new ArrayList<>();
        try {
            for (Future<String> answer : pool.invokeAll(calls)) {
                String mismatch = answer.get();
                if (mismatch != null) {
                    mismatches.add(mismatch);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), mismatches);
    }

    /** What is wrong with the endpoint's answer to this caller, or null if it is as the table says. */
    private static String mismatch(Endpoint endpoint, String caller, String token, int expected) {
        Response response = call(endpoint, token);
        String what = endpoint.method() + " " + endpoint.path() + " as " + caller + ": ";
        if (response.statusCode() != expected) {
            return what + response.statusCode() + " (table: " + expected + ") " + response.body().asString();
        }
        if (response.statusCode() >= 400 && !response.contentType().startsWith("application/problem+json")) {
            return what + response.statusCode() + " as " + response.contentType() + ", not application/problem+json";
        }
        return null;
    }

    /** The table as README shows it. */
    static String rendered() {
        StringBuilder out = new StringBuilder("| endpoint | " + String.join(" | ", ROLES) + " | no token, expired, other issuer, forged | other organisation |\n");
        out.append("| --- |").append(" --- |".repeat(ROLES.size() + 2)).append('\n');
        for (Endpoint endpoint : table()) {
            String path = endpoint.path().replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{uuid}").replace(XUANWU, "{org}")
                    .replaceAll("\\?.*", "");
            out.append("| `").append(endpoint.method()).append(' ').append(path).append("` |");
            for (String role : ROLES) {
                out.append(' ').append(endpoint.expected(role)).append(" |");
            }
            out.append(" 401 | ").append(endpoint.otherOrg()).append(" |\n");
        }
        return out.toString();
    }

    @Test
    void readmeShowsTheSameTable() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains(rendered()), "gateway/README.md must hold the table as rendered:\n" + rendered());
    }
}
