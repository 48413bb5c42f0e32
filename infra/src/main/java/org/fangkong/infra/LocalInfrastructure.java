package org.fangkong.infra;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.fangkong.infra.testing.TestInfrastructure;
import org.fangkong.infra.testing.TestTokens;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Starts PostgreSQL, Redis and a stand-in OIDC provider on fixed loopback ports (PostgreSQL and Redis with persistent
 * data), so the services and the gateway run in Quarkus dev mode ({@code ./mvnw -pl units-service quarkus:dev}) with
 * nothing to export: their {@code %dev} profiles point here. Prints a token per role, for trying the APIs by hand.
 * Stop with Ctrl+C.
 */
public final class LocalInfrastructure {

    /** PostgreSQL port the services' %dev profiles use. */
    public static final int POSTGRES_PORT = 55432;
    /** Redis port the services' %dev profiles use. */
    public static final int REDIS_PORT = 56379;
    /** Port of the OIDC stand-in the services' %dev profiles use (its realm: {@link #OIDC_REALM}). */
    public static final int OIDC_PORT = 58180;
    /** The stand-in's realm URL, as {@code quarkus.oidc.auth-server-url}. */
    public static final String OIDC_REALM = "http://127.0.0.1:" + OIDC_PORT + "/auth/realms/quarkus";
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
        // The stand-in listens on a port of its own choosing; a proxy on a fixed one lets the %dev profiles name it.
        WireMockServer fixed = new WireMockServer(WireMockConfiguration.wireMockConfig().port(OIDC_PORT));
        fixed.start();
        fixed.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.aResponse().proxiedFrom(provider.replaceFirst("/auth$", ""))));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fixed.stop();
            oidc.stop();
            redis.close();
            postgres.close();
            stopped.countDown();
        }));
        System.out.printf("PostgreSQL %s (databases %s, user = password = database name)%nRedis %s%nData in %s.%n",
                postgres.jdbcUrl("<database>"), DATABASES, redis.url(), data);
        System.out.printf("OIDC stand-in %s (service accounts' secret: %s)%n", OIDC_REALM, TestInfrastructure.SERVICE_SECRET);
        for (String role : List.of("admin", "dispatcher", "officer", "commander")) {
            System.out.printf("Token (1h) for %s of Nanjing (320100000000):%n  %s%n", role, TestTokens.user(role + "-dev", "320100000000", role));
        }
        System.out.println("Ctrl+C stops.");
        stopped.await();
    }
}
