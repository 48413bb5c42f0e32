package org.fangkong.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;

/** The overlays a deployer applies render and pass every check. */
class OverlaysTest {

    private static final Map<String, Overlay> RENDERED = new ConcurrentHashMap<>();

    static Overlay overlay(String name) {
        return RENDERED.computeIfAbsent(name, n -> Overlay.render(n, Checks.root().resolve("k8s/overlays").resolve(n)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void passesEveryCheck(String name) {
        assertEquals(List.of(), Checks.all(overlay(name)), name + " has problems");
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void runsTheFiveApps(String name) {
        assertEquals(List.of("alert-service", "checkpoint-service", "gateway", "units-service", "video-service"),
                overlay(name).apps().stream().map(Overlay.Workload::app).sorted().toList());
    }

    @Test
    void prodIsAutoscaledSpreadAndDrainedOneAtATime() {
        assertEquals(List.of(), Checks.production(overlay("prod")));
    }

    @Test
    void prodRunsPostgresAsACloudNativePgClusterAndRedisThroughSentinel() {
        Overlay prod = overlay("prod");
        assertEquals(3, ((Number) Checks.path(prod.custom("Cluster").findFirst().orElseThrow().getAdditionalProperties(), "spec", "instances"))
                .intValue());
        for (Overlay.Workload app : prod.apps()) {
            Map<String, String> env = Checks.environment(prod, Checks.appContainer(app));
            assertEquals("sentinel", env.get("QUARKUS_REDIS_CLIENT_TYPE"), app.app());
            assertTrue(env.get("QUARKUS_OIDC_AUTH_SERVER_URL").startsWith("https://"), app.app() + " uses an external Keycloak over TLS");
        }
    }

    @Test
    void devImportsTheSameRealmAsTheLauncher() throws Exception {
        String realm = Files.readString(Checks.root().resolve("infra/src/main/resources/keycloak/fangkong-realm.json"));
        ConfigMap map = overlay("dev").all(ConfigMap.class).filter(m -> m.getMetadata().getName().startsWith("keycloak-realm")).findFirst()
                .orElseThrow();
        assertEquals(realm, map.getData().get("fangkong-realm.json"), "k8s/overlays/dev/keycloak/fangkong-realm.json is a copy of infra's realm");
    }

    static Path fixture(String name) {
        return Checks.root().resolve("k8s/src/test/fixtures").resolve(name);
    }
}
