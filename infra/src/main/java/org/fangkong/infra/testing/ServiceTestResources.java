package org.fangkong.infra.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The test resources of a data-owning service (see {@link ServiceTest}): its own database on the shared embedded
 * PostgreSQL, the shared Redis and the OIDC provider. The database is named by the system property
 * {@code fangkong.test.database}.
 */
public class ServiceTestResources implements QuarkusTestResourceLifecycleManager {

    /** System property naming the database of the service under test. */
    public static final String DATABASE_PROPERTY = "fangkong.test.database";

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", System.getProperty(DATABASE_PROPERTY));
        if (database == null) {
            throw new IllegalArgumentException("set the system property " + DATABASE_PROPERTY + " to the service's database name");
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
