package org.fangkong.k8s;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * Evaluates an overlay's NetworkPolicies as Kubernetes specifies them: a pod selected by no policy of a direction is
 * open in that direction; a selected pod accepts only what some rule allows; a connection needs both the source's
 * egress and the destination's ingress. The result is the matrix of allowed connections between the overlay's pods
 * and the parties around them (ingress controller, monitoring, CloudNativePG's operator, DNS, the internet).
 */
final class NetworkPolicies {

    /** A group of pods (or an address outside the cluster) and the ports it listens on ("5432/TCP" by name). */
    record Endpoint(String name, String namespace, Map<String, String> labels, Map<String, String> ports, String ip) {

        boolean isPod() {
            return ip == null;
        }
    }

    static final String ADDRESS_OF_OIDC_PROVIDER = "192.0.2.10";

    /** Parties outside the overlay that every cluster has, and that the policies must keep out or let in. */
    static List<Endpoint> surroundings(String namespace) {
        return List.of(
                new Endpoint("ingress-controller", "ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"), Map.of(), null),
                new Endpoint("prometheus", "monitoring", Map.of("app.kubernetes.io/name", "prometheus"), Map.of(), null),
                new Endpoint("cnpg-operator", "cnpg-system", Map.of("app.kubernetes.io/name", "cloudnative-pg"), Map.of(), null),
                new Endpoint("kube-dns", "kube-system", Map.of("k8s-app", "kube-dns"), Map.of("dns", "53/UDP", "dns-tcp", "53/TCP"), null),
                new Endpoint("pod-in-other-namespace", "other", Map.of("app", "other"), Map.of("http", "8080/TCP"), null),
                new Endpoint("unlabelled-pod", namespace, Map.of("app", "debug"), Map.of("http", "8080/TCP"), null),
                new Endpoint("internet", null, Map.of(), Map.of("https", "443/TCP"), "198.51.100.20"),
                new Endpoint("oidc-provider", null, Map.of(), Map.of("https", "443/TCP"), ADDRESS_OF_OIDC_PROVIDER));
    }

    /** The overlay's pods: workloads' templates and CloudNativePG's instances. */
    static List<Endpoint> pods(Overlay overlay) {
        List<Endpoint> pods = new ArrayList<>();
        for (Overlay.Workload workload : overlay.workloads()) {
            Map<String, String> ports = new HashMap<>();
            for (Container container : workload.template().getSpec().getContainers()) {
                for (ContainerPort port : container.getPorts()) {
                    ports.put(port.getName(), port.getContainerPort() + "/" + Objects.requireNonNullElse(port.getProtocol(), "TCP"));
                }
            }
            pods.add(new Endpoint(workload.app(), overlay.namespace, workload.template().getMetadata().getLabels(), ports, null));
        }
        overlay.custom("Cluster").forEach(cluster -> {
            Map<String, String> labels = new HashMap<>();
            Object inherited = Checks.path(cluster.getAdditionalProperties(), "spec", "inheritedMetadata", "labels");
            if (inherited instanceof Map<?, ?> map) {
                map.forEach((k, v) -> labels.put(k.toString(), v.toString()));
            }
            labels.put("cnpg.io/cluster", cluster.getMetadata().getName());
            pods.add(new Endpoint("postgres", overlay.namespace, labels,
                    Map.of("postgresql", "5432/TCP", "status", "8000/TCP", "metrics", "9187/TCP"), null));
        });
        return pods;
    }

    /** Every allowed connection with an end in the overlay's namespace, as "source -> destination:port[/UDP]". */
    static Set<String> allowed(Overlay overlay) {
        List<NetworkPolicy> policies = overlay.all(NetworkPolicy.class).toList();
        List<Endpoint> endpoints = new ArrayList<>(pods(overlay));
        endpoints.addAll(surroundings(overlay.namespace));
        Set<String> allowed = new TreeSet<>();
        for (Endpoint source : endpoints) {
            for (Endpoint destination : endpoints) {
                boolean ours = overlay.namespace.equals(source.namespace()) || overlay.namespace.equals(destination.namespace());
                if (!ours) {
                    continue;
                }
                for (String port : new TreeSet<>(destination.ports().values())) {
                    if (permits(policies, overlay.namespace, source, destination, port, false)
                            && permits(policies, overlay.namespace, destination, source, port, true)) {
                        allowed.add(source.name() + " -> " + destination.name() + ":" + port.replace("/TCP", ""));
                    }
                }
            }
        }
        return allowed;
    }

    /**
     * Whether the policies selecting {@code pod} allow traffic with {@code peer} on {@code port} of the destination:
     * egress when {@code ingress} is false ({@code pod} is the source), ingress otherwise ({@code pod} is the destination).
     */
    private static boolean permits(List<NetworkPolicy> policies, String namespace, Endpoint pod, Endpoint peer, String port, boolean ingress) {
        if (!pod.isPod() || !namespace.equals(pod.namespace())) {
            return true;
        }
        Endpoint destination = ingress ? pod : peer;
        String direction = ingress ? "Ingress" : "Egress";
        boolean selected = false;
        for (NetworkPolicy policy : policies) {
            if (!matches(policy.getSpec().getPodSelector(), pod.labels()) || !types(policy).contains(direction)) {
                continue;
            }
            selected = true;
            if (ingress) {
                for (var rule : nonNull(policy.getSpec().getIngress())) {
                    if (peers(rule.getFrom(), namespace, peer) && ports(rule.getPorts(), destination, port)) {
                        return true;
                    }
                }
            } else {
                for (var rule : nonNull(policy.getSpec().getEgress())) {
                    if (peers(rule.getTo(), namespace, peer) && ports(rule.getPorts(), destination, port)) {
                        return true;
                    }
                }
            }
        }
        return !selected;
    }

    private static Set<String> types(NetworkPolicy policy) {
        if (policy.getSpec().getPolicyTypes() != null && !policy.getSpec().getPolicyTypes().isEmpty()) {
            return Set.copyOf(policy.getSpec().getPolicyTypes());
        }
        return policy.getSpec().getEgress() != null && !policy.getSpec().getEgress().isEmpty() ? Set.of("Ingress", "Egress") : Set.of("Ingress");
    }

    private static boolean peers(List<NetworkPolicyPeer> peers, String namespace, Endpoint endpoint) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPeer peer : peers) {
            if (peer.getIpBlock() != null) {
                if (!endpoint.isPod() && inBlock(peer.getIpBlock(), endpoint.ip())) {
                    return true;
                }
                continue;
            }
            if (!endpoint.isPod()) {
                continue;
            }
            boolean namespaceMatches = peer.getNamespaceSelector() == null ? namespace.equals(endpoint.namespace())
                    : matches(peer.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", endpoint.namespace()));
            boolean podMatches = peer.getPodSelector() == null || matches(peer.getPodSelector(), endpoint.labels());
            if (namespaceMatches && podMatches) {
                return true;
            }
        }
        return false;
    }

    private static boolean ports(List<NetworkPolicyPort> ports, Endpoint destination, String port) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        String[] numberAndProtocol = port.split("/");
        int number = Integer.parseInt(numberAndProtocol[0]);
        for (NetworkPolicyPort rule : ports) {
            if (!Objects.requireNonNullElse(rule.getProtocol(), "TCP").equals(numberAndProtocol[1])) {
                continue;
            }
            IntOrString value = rule.getPort();
            if (value == null) {
                return true;
            }
            if (value.getIntVal() != null) {
                int end = rule.getEndPort() != null ? rule.getEndPort() : value.getIntVal();
                if (number >= value.getIntVal() && number <= end) {
                    return true;
                }
            } else if (port.equals(destination.ports().get(value.getStrVal()))) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null && !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        for (LabelSelectorRequirement requirement : nonNull(selector.getMatchExpressions())) {
            String value = labels.get(requirement.getKey());
            boolean ok = switch (requirement.getOperator()) {
                case "In" -> value != null && requirement.getValues().contains(value);
                case "NotIn" -> value == null || !requirement.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalArgumentException("unknown operator " + requirement.getOperator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean inBlock(IPBlock block, String ip) {
        if (!contains(block.getCidr(), ip)) {
            return false;
        }
        return nonNull(block.getExcept()).stream().noneMatch(except -> contains(except, ip));
    }

    private static boolean contains(String cidr, String ip) {
        try {
            String[] parts = cidr.split("/");
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            byte[] address = InetAddress.getByName(ip).getAddress();
            if (network.length != address.length) {
                return false;
            }
            int bits = Integer.parseInt(parts[1]);
            int total = network.length * 8;
            BigInteger mask = bits == 0 ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftLeft(total - bits);
            return new BigInteger(1, network).and(mask).equals(new BigInteger(1, address).and(mask));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
