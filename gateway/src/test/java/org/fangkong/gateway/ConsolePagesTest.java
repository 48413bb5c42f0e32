package org.fangkong.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The command console's files as a browser fetches them from the gateway: the page, its modules, the WebJar
 * libraries without a version in the path, and the settings it reads before anyone signs in. Its behaviour in a real
 * browser is covered by the system tests.
 */
@GatewayTest
class ConsolePagesTest {

    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"]+)\"");
    private static final Pattern IMPORT = Pattern.compile("from '\\./([\\w-]+\\.js)'");

    @Test
    void thePageAndEverythingItLoadsAreServedFromTheGatewayItself() {
        String page = given().get("/console/").then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/html")).extract().asString();
        List<String> assets = matches(ASSET, page);
        assertTrue(assets.containsAll(List.of("/webjars/leaflet/dist/leaflet.js", "/webjars/leaflet/dist/leaflet.css",
                "/webjars/chart.js/dist/chart.umd.min.js", "console.js", "console.css")), assets.toString());
        Set<String> modules = new LinkedHashSet<>();
        for (String asset : assets) {
            String body = given().get(asset.startsWith("/") ? asset : "/console/" + asset).then().statusCode(200).extract().asString();
            assertFalse(body.isEmpty(), asset);
            if (asset.equals("console.js")) {
                modules.add(asset);
            }
        }
        // Every module the page imports, and what they import in turn.
        List<String> pending = new ArrayList<>(modules);
        while (!pending.isEmpty()) {
            String module = pending.remove(0);
            String source = given().get("/console/" + module).then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("javascript"))
                    .extract().asString();
            assertFalse(source.matches("(?s).*https?://.*"), module + " reaches no other server (no CDN)");
            for (String imported : matches(IMPORT, source)) {
                if (modules.add(imported)) {
                    pending.add(imported);
                }
            }
        }
        assertEquals(Set.of("console.js", "auth.js", "api.js", "live.js", "map.js", "geo.js", "i18n.js"), modules);
        assertFalse(page.matches("(?s).*https?://.*"), "the page loads nothing from another server");
    }

    @Test
    void theSettingsNameTheRealmAndThePublicClientAndNoTiles() {
        String realm = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
        given().get("/console/config.json").then().statusCode(200).header("Cache-Control", "no-store")
                .body("oidcUrl", equalTo(realm.replaceAll("/+$", "")))
                .body("clientId", equalTo("fangkong-console"))
                .body("timeZone", equalTo("Asia/Shanghai"))
                .body("map.tiles", nullValue())
                .body("map.tileCoordinates", equalTo("WGS84"))
                .body("map.center", equalTo(List.of(32.06f, 118.79f)))
                .body("map.zoom", equalTo(11));
    }

    @Test
    void theRootOpensTheConsole() {
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", endsWith("/console/"));
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
