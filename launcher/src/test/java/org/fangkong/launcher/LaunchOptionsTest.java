package org.fangkong.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The flags of {@code ./fangkong up} and what they make of each app's configuration. */
class LaunchOptionsTest {

    private static final Path REPOSITORY = Path.of("/srv/fangkong");

    @Test
    void withoutFlagsEverythingIsEmbeddedOnTheFixedPortsWithTheDemoSecrets() {
        LaunchOptions options = LaunchOptions.parse(REPOSITORY, List.of());
        assertEquals(REPOSITORY.resolve(".fangkong"), options.workDirectory());
        assertEquals(ProvincePlan.Scale.SMALL, options.scale());
        assertTrue(options.simulate());
        assertFalse(options.fresh());

        Map<String, String> units = Suite.appConfig(options, Suite.FIXED_PORTS, Map.of("FANGKONG_SECRET_UNITS_SERVICE", "ignored"), "units-service",
                "postgresql://127.0.0.1:55432", "redis://127.0.0.1:56379", "http://localhost:8180/realms/fangkong");
        assertEquals("postgresql://127.0.0.1:55432/units", units.get("quarkus.datasource.reactive.url"));
        assertEquals("jdbc:postgresql://127.0.0.1:55432/units", units.get("quarkus.datasource.jdbc.url"));
        assertEquals("units", units.get("quarkus.datasource.username"));
        assertEquals("units", units.get("quarkus.datasource.password"));
        assertEquals("demo-units-service-secret", units.get("quarkus.oidc-client.credentials.secret"));

        Map<String, String> gateway = Suite.appConfig(options, Suite.FIXED_PORTS, Map.of(), "gateway", "postgresql://127.0.0.1:55432",
                "redis://127.0.0.1:56379", "http://localhost:8180/realms/fangkong");
        assertFalse(gateway.containsKey("quarkus.datasource.reactive.url"), "the gateway owns no data");
        assertEquals("8081", gateway.get("quarkus.grpc.clients.units.port"));
        assertEquals("8084", gateway.get("quarkus.grpc.clients.alerts.port"));
    }

    @Test
    void externalInfrastructureTakesItsPasswordsAndSecretsFromTheEnvironment() {
        LaunchOptions options = LaunchOptions.parse(REPOSITORY, List.of("--postgres", "db.example:5432", "--redis", "redis://cache.example:6379",
                "--oidc", "https://sso.example/realms/fangkong", "--scale", "city", "--no-sim", "--work", "/var/lib/fangkong"));
        assertEquals("db.example:5432", options.externalPostgres());
        assertEquals(ProvincePlan.Scale.CITY, options.scale());
        assertFalse(options.simulate());
        assertEquals(Path.of("/var/lib/fangkong"), options.workDirectory());

        Map<String, String> env = Map.of("FANGKONG_SECRET_ALERT_SERVICE", "s3cret", "FANGKONG_DB_PASSWORD_ALERTS", "pw-alerts");
        Map<String, String> alerts = Suite.appConfig(options, Suite.FIXED_PORTS, env, "alert-service", "postgresql://db.example:5432",
                options.externalRedis(), options.externalOidc());
        assertEquals("postgresql://db.example:5432/alerts", alerts.get("quarkus.datasource.reactive.url"));
        assertEquals("pw-alerts", alerts.get("quarkus.datasource.password"));
        assertEquals("redis://cache.example:6379", alerts.get("quarkus.redis.hosts"));
        assertEquals("https://sso.example/realms/fangkong", alerts.get("quarkus.oidc.auth-server-url"));
        assertEquals("s3cret", alerts.get("quarkus.oidc-client.credentials.secret"));
        assertEquals("8082", alerts.get("quarkus.grpc.clients.checkpoints.port"));
    }

    @Test
    void aWrongFlagIsNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse(REPOSITORY, List.of("--frsh"))).getMessage()
                .startsWith("unknown flag --frsh"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse(REPOSITORY, List.of("--scale", "country"))).getMessage()
                .contains("--scale must be small, city or province"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse(REPOSITORY, List.of("--postgres"))).getMessage()
                .startsWith("--postgres needs a value"));
    }
}
