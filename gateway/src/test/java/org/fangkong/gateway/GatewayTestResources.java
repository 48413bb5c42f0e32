package org.fangkong.gateway;

import static org.fangkong.infra.testing.TestOrgs.GULOU;
import static org.fangkong.infra.testing.TestOrgs.JIANGSU;
import static org.fangkong.infra.testing.TestOrgs.NANJING;
import static org.fangkong.infra.testing.TestOrgs.QINHUAI;
import static org.fangkong.infra.testing.TestOrgs.SUZHOU;
import static org.fangkong.infra.testing.TestOrgs.XUANWU;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.fangkong.infra.AppProcess;
import org.fangkong.infra.FreePorts;
import org.fangkong.infra.testing.TestInfrastructure;
import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.grpc.BearerToken;
import org.fangkong.proto.units.v1.CreateOrganisationRequest;
import org.fangkong.proto.units.v1.UnitsServiceGrpc;
import org.fangkong.proto.units.v1.UnitsServiceGrpc.UnitsServiceBlockingStub;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The gateway under test talks to the real services: their packaged apps (units-service, checkpoint-service,
 * video-service, and alert-service, which needs units-service and checkpoint-service), started once per test JVM on the shared embedded PostgreSQL, Redis and
 * OIDC provider.
 */
public class GatewayTestResources implements QuarkusTestResourceLifecycleManager {

    /** A caller with a limit of its own: {@code relay-<RELAY>}. */
    static final String RELAY = java.util.UUID.randomUUID().toString().substring(0, 8);
    /** The authorisation matrix's desk (AuthorizationMatrixTest). */
    static final String MATRIX_DUTY = "matrix-duty";

    private static AppProcess units;
    private static AppProcess checkpoints;
    private static AppProcess alerts;
    private static Map<String, String> alertsConfig;
    private static AppProcess video;

    /** The running units-service, for tests that call it directly. */
    public static AppProcess units() {
        return units;
    }

    /** The running video-service, for tests that set a scene up directly. */
    public static AppProcess video() {
        return video;
    }

    /** The running checkpoint-service, for tests that set a scene up directly. */
    public static AppProcess checkpoints() {
        return checkpoints;
    }

    @Override
    public synchronized Map<String, String> start() {
        TestInfrastructure infra = TestInfrastructure.get();
        if (units == null) {
            Map<String, String> unitsConfig = infra.serviceConfig("units");
            Map<String, String> checkpointsConfig = infra.serviceConfig("checkpoints");
            CompletableFuture<AppProcess> startingUnits = CompletableFuture.supplyAsync(() -> start("units-service", unitsConfig));
            CompletableFuture<AppProcess> startingCheckpoints = CompletableFuture.supplyAsync(() -> start("checkpoint-service", checkpointsConfig));
            // alert-service starts last, on a port chosen now, so video-service hands its observations to it.
            int alertsPort = FreePorts.pickForLater(Set.of());
            Map<String, String> videoConfig = new HashMap<>(infra.serviceConfig("video"));
            videoConfig.put("quarkus.grpc.clients.alerts.host", "127.0.0.1");
            videoConfig.put("quarkus.grpc.clients.alerts.port", String.valueOf(alertsPort));
            CompletableFuture<AppProcess> startingVideo = CompletableFuture.supplyAsync(() -> start("video-service", videoConfig));
            units = startingUnits.join();
            registerOrganisations(units);
            checkpoints = startingCheckpoints.join();
            video = startingVideo.join();
            alertsConfig = new HashMap<>(infra.serviceConfig("alerts"));
            client(alertsConfig, "units", units);
            client(alertsConfig, "checkpoints", checkpoints);
            alerts = start("alert-service", alertsConfig, alertsPort);
        }
        Map<String, String> config = new HashMap<>(infra.commonConfig());
        // A relay speaking for many devices under one account has a limit of its own.
        config.put("fangkong.gateway.rate-limit-callers.\"relay-" + RELAY + "\"", "100000");
        // The authorisation matrix reports an incident before each of its calls on one, several at a time.
        config.put("fangkong.gateway.rate-limit-callers.\"" + MATRIX_DUTY + "\"", "100000");
        client(config, "units", units);
        client(config, "alerts", alerts);
        client(config, "checkpoints", checkpoints);
        client(config, "video", video);
        return config;
    }

    /** The province, two cities and three districts the tests act in, as an onboarding would register them. */
    private static void registerOrganisations(AppProcess units) {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", units.port()).usePlaintext().build();
        try {
            UnitsServiceBlockingStub registry = UnitsServiceGrpc.newBlockingStub(channel).withCallCredentials(BearerToken.of(TestTokens.service("onboarding")))
                    .withDeadlineAfter(30, TimeUnit.SECONDS);
            String[][] tree = { { JIANGSU, "江苏省公安厅", "" }, { NANJING, "南京市公安局", JIANGSU }, { SUZHOU, "苏州市公安局", JIANGSU },
                    { XUANWU, "玄武分局", NANJING }, { QINHUAI, "秦淮分局", NANJING }, { GULOU, "鼓楼分局", NANJING } };
            for (String[] org : tree) {
                registry.createOrganisation(CreateOrganisationRequest.newBuilder().setCode(org[0]).setName(org[1]).setParentCode(org[2]).build());
            }
        } finally {
            channel.shutdownNow();
        }
    }

    private static AppProcess start(String name, Map<String, String> config) {
        return start(name, config, FreePorts.pick());
    }

    private static AppProcess start(String name, Map<String, String> config, int port) {
        return AppProcess.start(name, Path.of("../" + name + "/target/quarkus-app"), port, config, Path.of("target/" + name + ".log"),
                Duration.ofSeconds(180));
    }

    /**
     * Stops alert-service (its process gone, nothing listening on its port) while {@code whileDown} runs, then starts it
     * again on the same port with the same data, as a restarted pod comes back behind its service address.
     */
    static synchronized void withAlertServiceDown(Runnable whileDown) {
        int port = alerts.port();
        alerts.close();
        try {
            whileDown.run();
        } finally {
            alerts = start("alert-service", alertsConfig, port);
        }
    }

    /** In test launch mode a gRPC client reads .test-port, elsewhere .port: set both. */
    private static void client(Map<String, String> config, String name, AppProcess app) {
        config.put("quarkus.grpc.clients." + name + ".host", "127.0.0.1");
        config.put("quarkus.grpc.clients." + name + ".port", String.valueOf(app.port()));
        config.put("quarkus.grpc.clients." + name + ".test-port", String.valueOf(app.port()));
    }

    @Override
    public void stop() {
        // units-service and the servers are shared by the test JVM and stop with it.
    }
}
