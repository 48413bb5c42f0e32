package org.fangkong.k8s;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each check fails on a manifest broken on purpose (k8s/src/test/fixtures: an overlay plus one wrong patch), with a
 * message naming the object and the rule, and only that check complains.
 */
class BrokenManifestsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown-field            | unknown field | Deployment/units-service.spec.template.spec.containers[0] has [imagePullPolicyy]
            selector-matches-nothing | selector      | Service/units-service selector {app.kubernetes.io/name=unit-service} matches no pod
            service-port-undeclared  | selector      | Service/checkpoint-service port http targets grpc
            container-port-differs   | ports         | port http is 8081 but the app listens on 8080
            grpc-client-host         | ports         | alert-service's gRPC client units calls host units, which is no Service
            probe-path               | probes        | readiness probe asks /health/ready, which the app does not serve
            probe-port               | probes        | liveness probe goes to port http, not the management port 9000
            runs-as-root             | security      | Deployment/alert-service container alert-service does not set runAsNonRoot: true
            writable-root            | security      | Deployment/units-service container units-service does not set readOnlyRootFilesystem: true
            capabilities             | security      | Deployment/gateway container gateway does not drop ALL capabilities
            no-limits                | resources     | Deployment/checkpoint-service container checkpoint-service has no memory limit
            jvm-unsized              | resources     | does not size the JVM heap to its memory limit
            unknown-variable         | environment   | sets QUARKUS_DATASOURCE_REACTIVE_URI, which maps to no configuration key of units-service
            missing-configmap        | references    | names ConfigMap video-config, which the overlay does not contain
            missing-secret-key       | references    | names key db-password of Secret units-db
            wrong-image              | images        | runs localhost:5001/fangkong/alerts:0.1.0-SNAPSHOT, but the build produces [registry/]fangkong/alert-service
            viid-route-widened       | ingresses     | Ingress/video-viid path / exposes video-service beyond /VIID
            internal-service-exposed | ingresses     | Ingress/gateway-http path / exposes units-service
            single-replica           | production    | gateway may run with 1 replica(s)
            """)
    void failsTheCheckItBreaks(String fixture, String check, String message) {
        Overlay broken = Overlay.render(fixture.startsWith("viid") || fixture.startsWith("internal") || fixture.startsWith("single") ? "prod" : "dev",
                OverlaysTest.fixture(fixture));
        List<String> problems = new ArrayList<>(Checks.all(broken));
        if (broken.name.equals("prod")) {
            problems.addAll(Checks.production(broken));
        }
        assertFalse(problems.isEmpty(), fixture + " passed every check");
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(check + ": ") && p.contains(message)),
                fixture + " should fail " + check + " with \"" + message + "\"; found:\n" + String.join("\n", problems));
        assertTrue(problems.stream().allMatch(p -> p.startsWith(check + ": ")),
                fixture + " should fail only " + check + "; found:\n" + String.join("\n", problems));
    }
}
