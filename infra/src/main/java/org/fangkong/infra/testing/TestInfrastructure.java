package org.fangkong.infra.testing;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.fangkong.infra.EmbeddedPostgresServer;
import org.fangkong.infra.EmbeddedRedisServer;

import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The real servers one test JVM shares: PostgreSQL, Redis and a mock OIDC provider (the identity provider is
 * outside the project, so it is the one thing mocked). Started once, on first use, stopped when the JVM exits.
 */
public final class TestInfrastructure {

    private static TestInfrastructure instance;

    private final EmbeddedPostgresServer postgres;
    private final EmbeddedRedisServer redis;
    private final OidcWiremockTestResource oidc;
    private final Map<String, String> oidcConfig;

    /** The client secret of every app's service account on the test provider. */
    public static final String SERVICE_SECRET = "test-service-secret";
    /** Apps with a service account on the test provider (client id = app name). */
    public static final List<String> SERVICE_ACCOUNTS = List.of("units-service", "checkpoint-service", "video-service",
            "alert-service", "gateway", "platform");

    private TestInfrastructure() {
        this.postgres = EmbeddedPostgresServer.start(0, null);
        this.redis = EmbeddedRedisServer.start(0, null);
        this.oidc = new OidcWiremockTestResource();
        this.oidcConfig = oidc.start();
        registerServiceAccounts(oidcConfig.get("keycloak.url"));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "stop-test-infrastructure"));
    }

    /**
     * Teaches the mock provider the client-credentials grant our apps use: each app's client id with
     * {@link #SERVICE_SECRET} gets a token with realm role {@code service}, signed with the provider's key. (The mock's
     * own client-credentials stub issues a fixed user token without realm roles.)
     */
    public static void registerServiceAccounts(String keycloakUrl) {
        URI provider = URI.create(keycloakUrl);
        WireMock admin = new WireMock(provider.getHost(), provider.getPort());
        for (String client : SERVICE_ACCOUNTS) {
            admin.register(WireMock.post(WireMock.urlEqualTo(provider.getPath() + "/realms/quarkus/token"))
                    .atPriority(1)
                    .withBasicAuth(client, SERVICE_SECRET)
                    .withRequestBody(WireMock.containing("grant_type=client_credentials"))
                    .willReturn(WireMock.okJson("{\"access_token\":\"" + TestTokens.service(client)
                            + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        }
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = new TestInfrastructure();
        }
        return instance;
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public EmbeddedRedisServer redis() {
        return redis;
    }

    /** The realm URL that token validation is configured with. */
    public String authServerUrl() {
        return oidcConfig.get("keycloak.url") + "/realms/quarkus";
    }

    /** Configuration that points a service at its own database, the shared Redis and the OIDC provider. */
    public Map<String, String> serviceConfig(String database) {
        postgres.createDatabase(database);
        Map<String, String> config = new HashMap<>(commonConfig());
        config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
        config.put("quarkus.datasource.username", database);
        config.put("quarkus.datasource.password", database);
        return config;
    }

    /** Configuration every app needs: Redis and the OIDC provider. */
    public Map<String, String> commonConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.redis.hosts", redis.url());
        config.put("quarkus.oidc.auth-server-url", authServerUrl());
        config.put("smallrye.jwt.sign.key.location", oidcConfig.get("smallrye.jwt.sign.key.location"));
        config.put("quarkus.oidc-client.credentials.secret", SERVICE_SECRET);
        return config;
    }

    private void stop() {
        oidc.stop();
        redis.close();
        postgres.close();
    }
}
