package org.fangkong.alerts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.fangkong.infra.AppProcess;
import org.fangkong.infra.FreePorts;
import org.fangkong.infra.testing.TestInfrastructure;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * alert-service under test works with the real units-service, checkpoint-service and video-service: their packaged
 * apps, started once per test JVM (side by side) on the shared embedded PostgreSQL, Redis and OIDC provider.
 * video-service hands its observations to the alert-service under test, whose port is fixed here for that.
 */
public class AlertTestResources implements QuarkusTestResourceLifecycleManager {

    /** The cordon plan name major incidents call for in the tests. */
    static final String CORDON_PLAN = "测试闭城方案";

    private static AppProcess units;
    private static AppProcess checkpoints;
    private static AppProcess video;
    private static int port;

    static AppProcess units() {
        return units;
    }

    static AppProcess checkpoints() {
        return checkpoints;
    }

    static AppProcess video() {
        return video;
    }

    @Override
    public synchronized Map<String, String> start() {
        TestInfrastructure infra = TestInfrastructure.get();
        if (units == null) {
            // Kept for alert-service, started after the others (below the ephemeral range, so no outgoing connection takes it).
            port = FreePorts.pickForLater(Set.of());
            Map<String, String> videoConfig = new HashMap<>(infra.serviceConfig("video"));
            videoConfig.put("quarkus.grpc.clients.alerts.host", "127.0.0.1");
            videoConfig.put("quarkus.grpc.clients.alerts.port", String.valueOf(port));
            Map<String, String> unitsConfig = infra.serviceConfig("units");
            Map<String, String> checkpointsConfig = infra.serviceConfig("checkpoints");
            CompletableFuture<AppProcess> startingUnits = CompletableFuture.supplyAsync(() -> start("units-service", unitsConfig));
            CompletableFuture<AppProcess> startingCheckpoints = CompletableFuture.supplyAsync(() -> start("checkpoint-service", checkpointsConfig));
            CompletableFuture<AppProcess> startingVideo = CompletableFuture.supplyAsync(() -> start("video-service", videoConfig));
            units = startingUnits.join();
            checkpoints = startingCheckpoints.join();
            video = startingVideo.join();
        }
        Map<String, String> config = new HashMap<>(infra.serviceConfig("alerts"));
        config.put("quarkus.http.test-port", String.valueOf(port));
        client(config, "units", units);
        client(config, "checkpoints", checkpoints);
        config.put("fangkong.alerts.major.cordon-plan", CORDON_PLAN);
        config.put("fangkong.alerts.major.activate-cordon", "true");
        config.put("fangkong.alerts.recommend.auto-dispatch-key-sites", "true");
        // An entry a dead consumer holds is taken over after this long.
        config.put("fangkong.streams.claim-after", "2s");
        return config;
    }

    private static AppProcess start(String name, Map<String, String> config) {
        return AppProcess.start(name, Path.of("../" + name + "/target/quarkus-app"), config, Path.of("target/" + name + ".log"), Duration.ofSeconds(180));
    }

    /** In test launch mode a gRPC client reads .test-port, elsewhere .port: set both. */
    private static void client(Map<String, String> config, String name, AppProcess app) {
        config.put("quarkus.grpc.clients." + name + ".host", "127.0.0.1");
        config.put("quarkus.grpc.clients." + name + ".port", String.valueOf(app.port()));
        config.put("quarkus.grpc.clients." + name + ".test-port", String.valueOf(app.port()));
    }

    @Override
    public void stop() {
        // The apps and the servers are shared by the test JVM and stop with it.
    }
}
