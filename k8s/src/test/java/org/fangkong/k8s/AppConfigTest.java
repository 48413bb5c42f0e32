package org.fangkong.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The environment check knows an app's keys from its files, its @ConfigMapping interfaces and the platform's. */
class AppConfigTest {

    @Test
    void acceptsTheKeysOfTheAppsConfigMappingsAndFiles() {
        AppConfig units = AppConfig.of("units-service");
        assertTrue(units.accepts("FANGKONG_UNITS_POSITIONS_STALE_AFTER"), "UnitsConfig.positions().staleAfter()");
        assertTrue(units.accepts("FANGKONG_TIMERS_LEASE"), "the platform's TimersConfig");
        assertTrue(units.accepts("QUARKUS_DATASOURCE_JDBC_URL"), "application.properties (%dev)");
        assertTrue(units.accepts("QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET"), "the short Quarkus list");
        assertFalse(units.accepts("FANGKONG_UNITS_POSITIONS_STALE"), "no such key");
        assertFalse(units.accepts("QUARKUS_GRPC_CLIENTS_UNITS_HOST"), "units-service calls no units client");
        assertTrue(AppConfig.of("alert-service").accepts("QUARKUS_GRPC_CLIENTS_UNITS_HOST"));
        assertTrue(AppConfig.of("gateway").accepts("FANGKONG_GATEWAY_LIVE_KEEP_ALIVE"));
    }

    @Test
    void readsThePortsAndTheImageTheBuildProduces() {
        AppConfig gateway = AppConfig.of("gateway");
        assertEquals(8080, gateway.httpPort());
        assertEquals(9000, gateway.managementPort());
        assertTrue(gateway.managementEnabled());
        assertEquals("fangkong/gateway:1.2.3", gateway.image("1.2.3"));
    }
}
