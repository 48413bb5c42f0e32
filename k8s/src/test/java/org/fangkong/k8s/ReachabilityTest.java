package org.fangkong.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * The NetworkPolicies of each overlay allow exactly the connections of the architecture's call map: from outside only
 * the ingress controller, to the gateway and video-service; monitoring to the management ports; each service to the
 * services it calls and to the PostgreSQL, Redis and OIDC provider it uses; everyone to DNS. Nothing else.
 */
class ReachabilityTest {

    private static final List<String> APPS = List.of("gateway", "units-service", "checkpoint-service", "video-service", "alert-service");
    private static final List<String> DATA_OWNERS = List.of("units-service", "checkpoint-service", "video-service", "alert-service");
    /** Who calls whom over gRPC (ARCHITECTURE.md). */
    private static final Map<String, List<String>> CALLS = Map.of(
            "gateway", List.of("units-service", "checkpoint-service", "video-service", "alert-service"),
            "alert-service", List.of("units-service", "checkpoint-service"),
            "video-service", List.of("alert-service"));

    @Test
    void devAllowsExactlyTheCallMap() {
        Set<String> expected = common(List.of("postgres", "redis", "keycloak"));
        DATA_OWNERS.forEach(app -> expected.add(app + " -> postgres:5432"));
        APPS.forEach(app -> {
            expected.add(app + " -> redis:6379");
            expected.add(app + " -> keycloak:8080");
        });
        assertMatrix(expected, NetworkPolicies.allowed(OverlaysTest.overlay("dev")));
    }

    @Test
    void prodAllowsExactlyTheCallMap() {
        Set<String> expected = common(List.of("postgres", "redis"));
        DATA_OWNERS.forEach(app -> expected.add(app + " -> postgres:5432"));
        for (String app : APPS) {
            expected.add(app + " -> redis:6379");
            expected.add(app + " -> redis:26379");
            expected.add(app + " -> oidc-provider:443");
        }
        // Replication and the sentinels among the Redis pods; the PostgreSQL instances among themselves and with
        // their operator; their metrics; and HTTPS out to the Kubernetes API and backup storage, wherever those are.
        expected.addAll(List.of("redis -> redis:6379", "redis -> redis:26379", "postgres -> postgres:5432", "postgres -> postgres:8000",
                "cnpg-operator -> postgres:5432", "cnpg-operator -> postgres:8000", "prometheus -> postgres:9187",
                "postgres -> internet:443", "postgres -> oidc-provider:443"));
        assertMatrix(expected, NetworkPolicies.allowed(OverlaysTest.overlay("prod")));
    }

    @Test
    void aPolicyOpeningTheDatabaseToTheGatewayIsCaught() {
        Set<String> allowed = NetworkPolicies.allowed(Overlay.render("dev", OverlaysTest.fixture("database-open-to-gateway")));
        Set<String> extra = new TreeSet<>(allowed);
        extra.removeAll(NetworkPolicies.allowed(OverlaysTest.overlay("dev")));
        assertEquals(Set.of("gateway -> postgres:5432"), extra);
    }

    @Test
    void withoutTheDefaultDenyAPodNoPolicyNamesIsOpenToEveryone() {
        Set<String> extra = new TreeSet<>(NetworkPolicies.allowed(Overlay.render("prod", OverlaysTest.fixture("no-default-deny"))));
        extra.removeAll(NetworkPolicies.allowed(OverlaysTest.overlay("prod")));
        assertEquals(Set.of("cnpg-operator -> unlabelled-pod:8080", "ingress-controller -> unlabelled-pod:8080", "internet -> unlabelled-pod:8080",
                "kube-dns -> unlabelled-pod:8080", "oidc-provider -> unlabelled-pod:8080", "pod-in-other-namespace -> unlabelled-pod:8080",
                "prometheus -> unlabelled-pod:8080"), extra);
    }

    /** What both overlays allow: the doors from outside, scraping, the gRPC calls, DNS for every pod of the namespace. */
    private static Set<String> common(List<String> infrastructure) {
        Set<String> expected = new TreeSet<>();
        expected.add("ingress-controller -> gateway:8080");
        expected.add("ingress-controller -> video-service:8080");
        APPS.forEach(app -> expected.add("prometheus -> " + app + ":9000"));
        CALLS.forEach((caller, callees) -> callees.forEach(callee -> expected.add(caller + " -> " + callee + ":8080")));
        for (String pod : concat(APPS, infrastructure, List.of("unlabelled-pod"))) {
            expected.add(pod + " -> kube-dns:53");
            expected.add(pod + " -> kube-dns:53/UDP");
        }
        return expected;
    }

    private static void assertMatrix(Set<String> expected, Set<String> actual) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        assertTrue(missing.isEmpty() && extra.isEmpty(), "blocked but needed:\n  " + String.join("\n  ", missing)
                + "\nallowed but not in the call map:\n  " + String.join("\n  ", extra));
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
