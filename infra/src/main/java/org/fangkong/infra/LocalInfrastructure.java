package org.fangkong.infra;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.fangkong.infra.testing.TestInfrastructure;
import org.fangkong.infra.testing.TestTokens;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Starts PostgreSQL and Redis on fixed loopback ports with persistent data, so the services can run in Quarkus dev
 * mode ({@code ./mvnw -pl units-service quarkus:dev}); their {@code %dev} profiles point here. Also starts a stand-in
 * OIDC provider and prints its realm URL and a token per role, for trying the APIs by hand. Stop with Ctrl+C.
 */
public final class LocalInfrastructure {

    /** PostgreSQL port the services' %dev profiles use. */
    public static final int POSTGRES_PORT = 55432;
    /** Redis port the services' %dev profiles use. */
    public static final int REDIS_PORT = 56379;
    /** One database per data-owning service. */
    public static final List<String> DATABASES = List.of("units", "checkpoints", "video", "alerts");

    private LocalInfrastructure() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path data = Path.of(args.length > 0 ? args[0] : "target/local-data").toAbsolutePath();
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(POSTGRES_PORT, data.resolve("postgres"));
        DATABASES.forEach(postgres::createDatabase);
        EmbeddedRedisServer redis = EmbeddedRedisServer.start(REDIS_PORT, data.resolve("redis"));
        OidcWiremockTestResource oidc = new OidcWiremockTestResource();
        String provider = oidc.start().get("keycloak.url");
        TestInfrastructure.registerServiceAccounts(provider);
        String realm = provider + "/realms/quarkus";
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            oidc.stop();
            redis.close();
            postgres.close();
            stopped.countDown();
        }));
        System.out.printf("PostgreSQL %s (databases %s, user = password = database name)%nRedis %s%nData in %s.%n",
                postgres.jdbcUrl("<database>"), DATABASES, redis.url(), data);
        System.out.printf("OIDC stand-in: export QUARKUS_OIDC_AUTH_SERVER_URL=%s QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET=%s%n",
                realm, TestInfrastructure.SERVICE_SECRET);
        for (String role : List.of("admin", "dispatcher", "officer", "commander")) {
            System.out.printf("Token (1h) for %s of Nanjing (320100000000):%n  %s%n", role, TestTokens.user(role + "-dev", "320100000000", role));
        }
        System.out.println("Ctrl+C stops.");
        stopped.await();
    }
}
