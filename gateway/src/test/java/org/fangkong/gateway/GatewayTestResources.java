package org.fangkong.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.fangkong.infra.AppProcess;
import org.fangkong.infra.testing.TestInfrastructure;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The gateway under test talks to the real units-service: its packaged app, started once per test JVM on the shared
 * embedded PostgreSQL, Redis and OIDC provider.
 */
public class GatewayTestResources implements QuarkusTestResourceLifecycleManager {

    private static AppProcess units;

    /** The running units-service, for tests that call it directly. */
    public static AppProcess units() {
        return units;
    }

    @Override
    public synchronized Map<String, String> start() {
        TestInfrastructure infra = TestInfrastructure.get();
        if (units == null) {
            units = AppProcess.start("units-service", Path.of("../units-service/target/quarkus-app"),
                    infra.serviceConfig("units"), Path.of("target/units-service.log"), Duration.ofSeconds(120));
        }
        Map<String, String> config = new HashMap<>(infra.commonConfig());
        config.put("quarkus.grpc.clients.units.host", "127.0.0.1");
        // In test launch mode a gRPC client reads .test-port, elsewhere .port: set both.
        config.put("quarkus.grpc.clients.units.port", String.valueOf(units.port()));
        config.put("quarkus.grpc.clients.units.test-port", String.valueOf(units.port()));
        return config;
    }

    @Override
    public void stop() {
        // units-service and the servers are shared by the test JVM and stop with it.
    }
}
