package org.fangkong.infra.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The test resources of a data-owning service: its own database on the shared embedded PostgreSQL, the shared
 * Redis and the OIDC provider. Declared once per module with {@code scope = GLOBAL} so Quarkus boots once.
 * Init argument {@code database}: the service's database name.
 */
public class ServiceTestResources implements QuarkusTestResourceLifecycleManager {

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
        if (database == null) {
            throw new IllegalArgumentException("ServiceTestResources needs the init argument 'database'");
        }
    }

    @Override
    public Map<String, String> start() {
        return TestInfrastructure.get().serviceConfig(database);
    }

    @Override
    public void stop() {
        // The servers are shared by the whole test JVM and stop with it.
    }
}
