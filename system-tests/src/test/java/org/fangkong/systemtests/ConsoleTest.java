package org.fangkong.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.fangkong.launcher.DemoProvince;
import org.fangkong.launcher.DemoRealm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The command console in a real Chromium against the running suite: signed in through the realm's page (PKCE), fed
 * by the gateway's REST API and live stream only. What the other actors do (a phone reporting its position, a call
 * taker, checkpoint staff) goes through the same public doors they use.
 */
@Order(2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleTest {

    private static RunningPlatform platform;
    private static Path screenshots;

    @BeforeAll
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    static void up() {
        platform = RunningPlatform.get();
        screenshots = platform.repository.resolve("system-tests/target/screenshots");
    }

    private static RequestSpecification as(String username) {
        return RestAssured.given().auth().oauth2(platform.tokens.user(username)).contentType("application/json");
    }

    /** A Nanjing patrol car no demo officer crews, so the simulator never dispatches it. */
    private static DemoProvince.DemoUnit idleNanjingCar() {
        List<String> crewed = List.copyOf(platform.province.crewUnits().values());
        return platform.province.units().stream().filter(u -> u.orgCode().startsWith("3201") && u.car() && !crewed.contains(u.id())).findFirst()
                .orElseThrow();
    }

    private static String report(String as, String orgCode, double lat, double lon, String address) {
        return as(as).body(Map.of("idempotencyKey", "console-" + UUID.randomUUID(), "type", "FIGHT", "priority", 1, "orgCode", orgCode,
                "location", Map.of("lat", lat, "lon", lon), "address", address, "source", "CALL_110")).post("/api/v1/incidents").then()
                .statusCode(201).extract().path("id");
    }

    @Test
    @Order(1)
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aDispatcherSeesAUnitMoveAndANewIncidentAndDispatchesItInOneAction() {
        DemoProvince.DemoUnit unit = idleNanjingCar();
        double lat = Math.round((unit.south() + unit.north()) / 2 * 1e5) / 1e5;
        double lon = Math.round((unit.west() + unit.east()) / 2 * 1e5) / 1e5;
        try (Browser browser = Browser.open()) {
            browser.signIn(platform.console(), "dispatcher", DemoRealm.PASSWORD);
            assertTrue(browser.find("#user").getText().startsWith("dispatcher"), browser.find("#user").getText());
            browser.await(d -> d.findElement(By.id("live")).getAttribute("class").contains("off") ? null : Boolean.TRUE);

            // The car's phone reports a fix (its clock a few seconds ahead, so the simulator's next fixes, older, are dropped
            // and the live channel's one-per-interval throttle lets this one through).
            long at = Instant.now().plusSeconds(8).getEpochSecond();
            RestAssured.given().get("/osmand?id=" + URLEncoder.encode(unit.terminalId(), StandardCharsets.UTF_8) + "&lat=" + lat + "&lon=" + lon
                    + "&timestamp=" + at + "&speed=0").then().statusCode(200);
            browser.find("#tabs button[data-tab=units]").click();
            String where = String.format("%.5f, %.5f", lat, lon);
            browser.await(d -> where.equals(rowText(browser, "#unit-list tr[data-unit-id='" + unit.id() + "'] td.where")) ? Boolean.TRUE : null);
            @SuppressWarnings("unchecked")
            Map<String, Object> drawn = (Map<String, Object>) browser.script("return window.fangkongConsole.map.unitPosition(arguments[0]);", unit.id());
            assertEquals(lat, ((Number) drawn.get("lat")).doubleValue(), 1e-6, "the marker sits where the phone said");
            assertEquals(lon, ((Number) drawn.get("lon")).doubleValue(), 1e-6);

            // A call taker records a 110 call right there: it appears in the queue from the live stream, clocks running.
            String incident = report("dispatcher", unit.orgCode(), lat, lon, "console test: fight at the car's position");
            browser.find("#tabs button[data-tab=incidents]").click();
            String row = "#incident-queue tr[data-incident-id='" + incident + "']";
            browser.find(row);
            assertEquals("NEW", attribute(browser, row, "data-status"));
            assertEquals(3, browser.driver.findElements(By.cssSelector(row + " .clock")).size(), "the 1-3-5 clocks");
            browser.find(row).click();

            // The recommended units include the car, at its distance; one click dispatches it.
            String dispatch = "#incident-detail button.dispatch[data-unit-id='" + unit.id() + "']";
            browser.find(dispatch);
            assertTrue(browser.find("#incident-detail .recommendations").getText().contains(unit.callSign()));
            browser.find(dispatch).click();
            browser.await(d -> "DISPATCHED".equals(attribute(browser, "#incident-queue tr[data-incident-id='" + incident + "']", "data-status")) ? Boolean.TRUE : null);
            browser.await(d -> browser.present("#incident-detail .assignments li[data-unit-id='" + unit.id() + "']") ? Boolean.TRUE : null);
            browser.find("#tabs button[data-tab=units]").click();
            browser.await(d -> "DISPATCHED".equals(attribute(browser, "#unit-list tr[data-unit-id='" + unit.id() + "']", "data-status")) ? Boolean.TRUE : null);
            browser.find("#tabs button[data-tab=incidents]").click();
            browser.screenshot(screenshots, "dispatcher");

            JsonPath stored = as("dispatcher").get("/api/v1/incidents/" + incident).then().statusCode(200).extract().jsonPath();
            assertEquals(List.of(unit.id()), stored.getList("assignments.unitId"), "the dispatch the console made is the incident's");
            as("dispatcher").body(Map.of("reason", "console test over")).post("/api/v1/incidents/" + incident + "/cancel").then().statusCode(200);
            browser.await(d -> browser.present("#incident-queue tr[data-incident-id='" + incident + "']") ? null : Boolean.TRUE);
        }
    }

    @Test
    @Order(2)
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aCommanderActivatesTheCityCordonAndWatchesTheCheckpointsConfirm() {
        String plan = platform.province.cordonPlans().get(DemoRealm.NANJING);
        List<String> members = as("commander").get("/api/v1/cordon-plans/" + plan).then().statusCode(200).extract().jsonPath().getList("checkpointIds");
        try (Browser browser = Browser.open()) {
            browser.signIn(platform.console(), "commander", DemoRealm.PASSWORD);
            browser.find("#tabs button[data-tab=cordon]").click();
            String card = ".cordon[data-plan-id='" + plan + "']";
            browser.find(card + " .cordon-reason").sendKeys("armed robbery suspects leaving the city");
            browser.find(card + " button.activate").click();
            String count = ".cordon[data-plan-id='" + plan + "'] .cordon-count";
            browser.await(d -> ("0 / " + members.size()).equals(rowText(browser, count)) ? Boolean.TRUE : null);

            // Checkpoint staff confirm one gate after another; the panel and the map follow from the stream.
            for (int confirmed = 1; confirmed <= 2; confirmed++) {
                String checkpoint = members.get(confirmed - 1);
                as("commander").body(Map.of("checkpointId", checkpoint)).post("/api/v1/cordon-plans/" + plan + "/confirm").then().statusCode(200);
                String expected = confirmed + " / " + members.size();
                browser.await(d -> expected.equals(rowText(browser, count)) ? Boolean.TRUE : null);
                browser.await(d -> browser.present(".cordon[data-plan-id='" + plan + "'] tr.is-confirmed[data-checkpoint-id='" + checkpoint + "']") ? Boolean.TRUE : null);
                browser.await(d -> "SEALED".equals(browser.script("return window.fangkongConsole.map.checkpoints.get(arguments[0])?.checkpoint.state;",
                        checkpoint)) ? Boolean.TRUE : null);
            }
            assertEquals(members.size() - 2, browser.driver.findElements(By.cssSelector(".cordon[data-plan-id='" + plan + "'] tr.is-pending, "
                    + ".cordon[data-plan-id='" + plan + "'] tr.is-late")).size(), "the others still pending");
            browser.screenshot(screenshots, "commander-cordon");

            // Command mode, always in the bar; the commander switches it with a reason.
            assertEquals("NORMAL", browser.find("#mode-value").getAttribute("data-mode"));
            browser.find("#mode-switch").click();
            browser.find("#mode-form input[name=reason]").sendKeys("city gates closed");
            browser.find("#mode-form button[type=submit]").click();
            browser.await(d -> "EMERGENCY".equals(attribute(browser, "#mode-value", "data-mode")) ? Boolean.TRUE : null);
            assertEquals("EMERGENCY", as("commander").get("/api/v1/command-modes/" + DemoRealm.NANJING).then().statusCode(200).extract().path("mode"));

            // The analysis and duty strength shown are the API's.
            int people = as("commander").get("/api/v1/duty-strength?orgCode=" + DemoRealm.NANJING).then().statusCode(200).extract().path("total.people");
            browser.find("#tabs button[data-tab=strength]").click();
            browser.await(d -> String.valueOf(people).equals(rowText(browser, "#strength tr.total td:nth-child(3)")) ? Boolean.TRUE : null);
            // Today so far in the platform's time zone; the simulator keeps reporting, so the count lies between two reads.
            String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
            String situation = "/api/v1/reports/situation?orgCode=" + DemoRealm.NANJING + "&day=" + today + "&days=1";
            int before = as("commander").get(situation).then().statusCode(200).extract().path("total.count");
            browser.find("#tabs button[data-tab=analysis]").click();
            String shown = browser.await(d -> {
                String text = rowText(browser, "#situation-summary .total-incidents");
                return text == null || text.isEmpty() ? null : text;
            });
            int after = as("commander").get(situation).then().statusCode(200).extract().path("total.count");
            assertTrue(before > 0, "today's incidents so far, the tests' own among them");
            assertTrue(Integer.parseInt(shown) >= before && Integer.parseInt(shown) <= after, shown + " shown, " + before + " to " + after + " reported");
            assertTrue((Boolean) browser.script("return Chart.getChart(document.getElementById('chart-types')) !== undefined;"), "the chart of types is drawn");
            browser.screenshot(screenshots, "commander-analysis");
        } finally {
            as("commander").body(Map.of("reason", "console test over")).post("/api/v1/cordon-plans/" + plan + "/deactivate");
            as("commander").body(Map.of("mode", "NORMAL", "reason", "console test over")).put("/api/v1/command-modes/" + DemoRealm.NANJING);
        }
    }

    @Test
    @Order(3)
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aDispatcherOfAnotherCitySeesNoneOfNanjing() {
        DemoProvince.DemoUnit nanjingCar = idleNanjingCar();
        DemoProvince.DemoUnit suzhouUnit = platform.province.units().stream().filter(u -> u.orgCode().startsWith("3205")).findFirst().orElseThrow();
        try (Browser browser = Browser.open()) {
            browser.signIn(platform.console(), "suzhou-dispatcher", DemoRealm.PASSWORD);
            browser.await(d -> d.findElement(By.id("live")).getAttribute("class").contains("off") ? null : Boolean.TRUE);
            String nanjing = report("dispatcher", nanjingCar.orgCode(), nanjingCar.south(), nanjingCar.west(), "console test: Nanjing");
            String suzhou = report("suzhou-dispatcher", suzhouUnit.orgCode(), suzhouUnit.south(), suzhouUnit.west(), "console test: Suzhou");
            browser.find("#incident-queue tr[data-incident-id='" + suzhou + "']");
            // Positions and statuses of Suzhou's units keep arriving meanwhile; Nanjing's never do.
            Awaitility.await().pollDelay(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(7)).until(() -> true);
            assertFalse(browser.present("#incident-queue tr[data-incident-id='" + nanjing + "']"), "Nanjing's incident is not shown in Suzhou");
            @SuppressWarnings("unchecked")
            List<String> orgs = (List<String>) browser.script("return [...window.fangkongConsole.state.units.values()].map(u => u.orgCode);");
            assertFalse(orgs.isEmpty(), "Suzhou's own units are shown");
            assertTrue(orgs.stream().allMatch(org -> org.startsWith("3205")), orgs.toString());
            assertEquals(Boolean.FALSE, browser.script("return window.fangkongConsole.map.units.has(arguments[0]);", nanjingCar.id()));
            @SuppressWarnings("unchecked")
            List<String> plans = (List<String>) browser.script("return window.fangkongConsole.state.plans.map(p => p.orgCode);");
            assertEquals(List.of(DemoRealm.SUZHOU), plans, "only Suzhou's cordon plan");

            // Chinese labels at the press of a button.
            browser.find("#lang").click();
            browser.await(d -> "警情".equals(rowText(browser, "#tabs button[data-tab=incidents] span[data-i18n]")) ? Boolean.TRUE : null);
            browser.screenshot(screenshots, "suzhou-dispatcher-zh");
            browser.find("#lang").click();
        } finally {
            for (String user : List.of("dispatcher", "suzhou-dispatcher")) {
                // Tidy: both test incidents cancelled (the Nanjing one by Nanjing, as Suzhou may not see it).
                as(user).get("/api/v1/incidents?status=NEW&pageSize=50").then().extract().jsonPath().getList("incidents.findAll { it.address.startsWith('console test') }.id", String.class)
                        .forEach(id -> as(user).body(Map.of("reason", "console test over")).post("/api/v1/incidents/" + id + "/cancel"));
            }
        }
    }

    @Test
    @Order(4)
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void anOfficerIsSentToThePhoneApp() {
        try (Browser browser = Browser.open()) {
            browser.signIn(platform.console(), "officer1", DemoRealm.PASSWORD);
            assertTrue(browser.find("#signed-out").isDisplayed());
            assertTrue(browser.find("#signed-out p").getText().contains("duty and command rooms"), browser.find("#signed-out p").getText());
            assertEquals(Boolean.TRUE, browser.script("return window.fangkongConsole === undefined;"), "no map, no data");
        }
    }

    /** An element's text, read in one step (the console redraws lists as events arrive, so a found element may be gone). */
    private static String rowText(Browser browser, String css) {
        return (String) browser.script("return document.querySelector(arguments[0])?.textContent.trim() ?? null;", css);
    }

    private static String attribute(Browser browser, String css, String name) {
        return (String) browser.script("return document.querySelector(arguments[0])?.getAttribute(arguments[1]) ?? null;", css, name);
    }
}
