package org.fangkong.k8s;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import org.fangkong.k8s.Overlay.Workload;

/**
 * The checks every overlay passes. Each returns the problems it finds, one line each naming the object and the rule,
 * so a broken manifest fails with a message a deployer can act on.
 */
final class Checks {

    /** Paths the apps serve on the management port: SmallRye Health's and Micrometer's. */
    static final Set<String> MANAGEMENT_PATHS = Set.of("/q/health", "/q/health/live", "/q/health/ready", "/q/health/started",
            "/q/metrics");
    static final Map<String, String> PROBE_PATHS = Map.of("startup", "/q/health/started", "readiness", "/q/health/ready",
            "liveness", "/q/health/live");
    /** Only these apps are reached from outside, and video-service only at GA/T 1400's root. */
    static final Set<String> EXPOSED = Set.of("gateway", "video-service");

    /**
     * Containers allowed a writable root filesystem, with the reason: Keycloak's development mode rebuilds its own
     * server at start (dev only; prod's Keycloak is external).
     */
    static final Set<String> WRITABLE_ROOT = Set.of("dev/keycloak/keycloak");

    private Checks() {
    }

    static Path root() {
        return Path.of(System.getProperty("fangkong.root", "..")).toAbsolutePath().normalize();
    }

    static List<String> all(Overlay overlay) {
        List<String> problems = new ArrayList<>();
        problems.addAll(unknownFields(overlay));
        problems.addAll(selectors(overlay));
        problems.addAll(ports(overlay));
        problems.addAll(probes(overlay));
        problems.addAll(security(overlay));
        problems.addAll(resources(overlay));
        problems.addAll(environment(overlay));
        problems.addAll(references(overlay));
        problems.addAll(images(overlay));
        problems.addAll(ingresses(overlay));
        return problems;
    }

    // ---- unknown fields -------------------------------------------------------------------------------------

    /** fabric8 keeps fields its model does not know in additionalProperties: a typo or a field of another version. */
    static List<String> unknownFields(Overlay overlay) {
        List<String> problems = new ArrayList<>();
        for (HasMetadata object : overlay.objects) {
            if (object instanceof GenericKubernetesResource) {
                continue;
            }
            walk(object, id(object), problems, new IdentityHashMap<>());
        }
        return problems;
    }

    private static void walk(Object node, String path, List<String> problems, Map<Object, Boolean> seen) {
        if (node == null || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, problems, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add("unknown field: " + path + " has " + extra.keySet() + ", which Kubernetes does not define there");
                }
                continue;
            }
            String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            walk(value, path + "." + field, problems, seen);
        }
    }

    // ---- selectors and ports ----------------------------------------------------------------------------------

    /** Every Service selects some pod, and every port it targets is a port of those pods. */
    static List<String> selectors(Overlay overlay) {
        List<String> problems = new ArrayList<>();
        overlay.all(Service.class).forEach(service -> {
            Map<String, String> selector = service.getSpec().getSelector();
            if (selector == null || selector.isEmpty()) {
                problems.add("selector: " + id(service) + " selects nothing (no selector)");
                return;
            }
            List<Workload> matched = overlay.workloads().stream()
                    .filter(w -> w.template().getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList();
            if (matched.isEmpty()) {
                problems.add("selector: " + id(service) + " selector " + selector + " matches no pod of the overlay");
                return;
            }
            for (ServicePort port : service.getSpec().getPorts()) {
                for (Workload workload : matched) {
                    if (resolve(workload, port.getTargetPort() == null ? new IntOrString(port.getPort()) : port.getTargetPort()).isEmpty()) {
                        problems.add("selector: " + id(service) + " port " + port.getName() + " targets " + text(port.getTargetPort())
                                + ", which " + workload.kind() + "/" + workload.name() + " does not declare");
                    }
                }
            }
        });
        return problems;
    }

    /**
     * The apps' container ports are the ports they listen on (HTTP and management, from their configuration), every
     * container port is named, and each gRPC client of an app points at a Service of the overlay on a port that
     * reaches the callee's HTTP port.
     */
    static List<String> ports(Overlay overlay) {
        List<String> problems = new ArrayList<>();
        for (Workload workload : overlay.workloads()) {
            for (Container container : workload.template().getSpec().getContainers()) {
                for (ContainerPort port : container.getPorts()) {
                    if (port.getName() == null || port.getName().isBlank()) {
                        problems.add("ports: " + where(workload, container) + " port " + port.getContainerPort() + " has no name");
                    }
                }
            }
        }
        for (Workload workload : overlay.apps()) {
            AppConfig config = AppConfig.of(workload.app());
            Container container = appContainer(workload);
            Map<String, String> env = environment(overlay, container);
            int http = Optional.ofNullable(env.get("QUARKUS_HTTP_PORT")).map(Integer::parseInt).orElse(config.httpPort());
            int management = Optional.ofNullable(env.get("QUARKUS_MANAGEMENT_PORT")).map(Integer::parseInt).orElse(config.managementPort());
            expectPort(problems, workload, container, "http", http);
            if (!config.managementEnabled()) {
                problems.add("ports: " + workload.app() + " does not enable quarkus.management.enabled, so nothing listens on a management port");
            }
            expectPort(problems, workload, container, "management", management);
            for (String client : config.grpcClients()) {
                String prefix = "QUARKUS_GRPC_CLIENTS_" + AppConfig.environmentName(client);
                String host = Optional.ofNullable(env.get(prefix + "_HOST")).orElse(config.value("quarkus.grpc.clients." + client + ".host").orElse(null));
                String port = Optional.ofNullable(env.get(prefix + "_PORT")).orElse(config.value("quarkus.grpc.clients." + client + ".port").orElse(null));
                Optional<Service> service = overlay.find(Service.class, String.valueOf(host));
                if (service.isEmpty()) {
                    problems.add("ports: " + workload.app() + "'s gRPC client " + client + " calls host " + host + ", which is no Service of the overlay");
                    continue;
                }
                Optional<ServicePort> servicePort = service.get().getSpec().getPorts().stream()
                        .filter(p -> String.valueOf(p.getPort()).equals(port)).findFirst();
                if (servicePort.isEmpty()) {
                    problems.add("ports: " + workload.app() + "'s gRPC client " + client + " calls " + host + ":" + port + ", a port " + id(service.get())
                            + " does not have");
                    continue;
                }
                overlay.apps().stream().filter(w -> w.app().equals(host)).forEach(callee -> {
                    Optional<Integer> target = resolve(callee, servicePort.get().getTargetPort());
                    int calleeHttp = AppConfig.of(callee.app()).httpPort();
                    // An unresolvable target port is the selectors check's finding.
                    if (target.isPresent() && target.get() != calleeHttp) {
                        problems.add("ports: " + id(service.get()) + " port " + port + " reaches " + target.get() + " on " + callee.app()
                                + ", not its HTTP port " + calleeHttp + " where gRPC is served");
                    }
                });
            }
        }
        return problems;
    }

    private static void expectPort(List<String> problems, Workload workload, Container container, String name, int expected) {
        Optional<ContainerPort> port = container.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst();
        if (port.isEmpty()) {
            problems.add("ports: " + where(workload, container) + " has no port named " + name + " (the app listens on " + expected + ")");
        } else if (port.get().getContainerPort() != expected) {
            problems.add("ports: " + where(workload, container) + " port " + name + " is " + port.get().getContainerPort()
                    + " but the app listens on " + expected);
        }
    }

    // ---- probes -----------------------------------------------------------------------------------------------

    /** Apps are probed on their management port at the paths SmallRye Health serves; every container has probes. */
    static List<String> probes(Overlay overlay) {
        List<String> problems = new ArrayList<>();
        for (Workload workload : overlay.workloads()) {
            for (Container container : workload.template().getSpec().getContainers()) {
                Map<String, Probe> probes = new java.util.LinkedHashMap<>();
                probes.put("startup", container.getStartupProbe());
                probes.put("readiness", container.getReadinessProbe());
                probes.put("liveness", container.getLivenessProbe());
                if (!workload.isApp()) {
                    if (probes.get("readiness") == null || probes.get("liveness") == null) {
                        problems.add("probes: " + where(workload, container) + " needs readiness and liveness probes");
                    }
                    continue;
                }
                int management = AppConfig.of(workload.app()).managementPort();
                probes.forEach((kind, probe) -> {
                    HTTPGetAction get = probe == null ? null : probe.getHttpGet();
                    if (get == null) {
                        problems.add("probes: " + where(workload, container) + " has no HTTP " + kind + " probe (" + PROBE_PATHS.get(kind) + ")");
                        return;
                    }
                    if (!MANAGEMENT_PATHS.contains(get.getPath())) {
                        problems.add("probes: " + where(workload, container) + " " + kind + " probe asks " + get.getPath()
                                + ", which the app does not serve (it serves " + new java.util.TreeSet<>(MANAGEMENT_PATHS) + ")");
                    } else if (!get.getPath().equals(PROBE_PATHS.get(kind))) {
                        problems.add("probes: " + where(workload, container) + " " + kind + " probe asks " + get.getPath() + " instead of "
                                + PROBE_PATHS.get(kind));
                    }
                    Optional<Integer> port = resolve(workload, get.getPort());
                    if (port.isEmpty() || port.get() != management) {
                        problems.add("probes: " + where(workload, container) + " " + kind + " probe goes to port " + text(get.getPort())
                                + ", not the management port " + management + " where health is served");
                    }
                });
            }
        }
        return problems;
    }

    // ---- security ---------------------------------------------------------------------------------------------

    /**
     * Every container runs as a numeric non-root user with the runtime's seccomp profile, no privilege escalation, no
     * capabilities and a read-only root filesystem with an emptyDir for /tmp.
     */
    static List<String> security(Overlay overlay) {
        List<String> problems = new ArrayList<>();
        for (Workload workload : overlay.workloads()) {
            PodSpec pod = workload.template().getSpec();
            PodSecurityContext podContext = Objects.requireNonNullElse(pod.getSecurityContext(), new PodSecurityContext());
            for (Container container : pod.getContainers()) {
                SecurityContext context = Objects.requireNonNullElse(container.getSecurityContext(), new SecurityContext());
                String where = where(workload, container);
                Boolean nonRoot = first(context.getRunAsNonRoot(), podContext.getRunAsNonRoot());
                Long user = first(context.getRunAsUser(), podContext.getRunAsUser());
                if (!Boolean.TRUE.equals(nonRoot)) {
                    problems.add("security: " + where + " does not set runAsNonRoot: true");
                }
                if (user == null || user == 0) {
                    problems.add("security: " + where + " has no numeric non-root runAsUser");
                }
                String seccomp = context.getSeccompProfile() != null ? context.getSeccompProfile().getType()
                        : podContext.getSeccompProfile() != null ? podContext.getSeccompProfile().getType() : null;
                if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
                    problems.add("security: " + where + " has no seccompProfile (RuntimeDefault)");
                }
                if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
                    problems.add("security: " + where + " does not set allowPrivilegeEscalation: false");
                }
                if (context.getCapabilities() == null || context.getCapabilities().getDrop() == null
                        || !context.getCapabilities().getDrop().contains("ALL")) {
                    problems.add("security: " + where + " does not drop ALL capabilities");
                } else if (context.getCapabilities().getAdd() != null && !context.getCapabilities().getAdd().isEmpty()) {
                    problems.add("security: " + where + " adds capabilities " + context.getCapabilities().getAdd());
                }
                if (Boolean.TRUE.equals(context.getPrivileged())) {
                    problems.add("security: " + where + " is privileged");
                }
                boolean writable = WRITABLE_ROOT.contains(overlay.name + "/" + workload.name() + "/" + container.getName());
                if (!writable && !Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
                    problems.add("security: " + where + " does not set readOnlyRootFilesystem: true");
                }
                boolean tmp = container.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")
                        && pod.getVolumes().stream().anyMatch(v -> v.getName().equals(m.getName()) && v.getEmptyDir() != null));
                if (!tmp) {
                    problems.add("security: " + where + " has no emptyDir mounted at /tmp, the only place a read-only container can write");
                }
            }
        }
        return problems;
    }

    // ---- resources --------------------------------------------------------------------------------------------

    /** Every container requests and limits CPU and memory; an app's heap follows its memory limit. */
    static List<String> resources(Overlay overlay) {
        List<String> problems = new ArrayList<>();
        for (Workload workload : overlay.workloads()) {
            for (Container container : workload.template().getSpec().getContainers()) {
                String where = where(workload, container);
                Map<String, Quantity> requests = container.getResources() == null ? Map.of() : nonNull(container.getResources().getRequests());
                Map<String, Quantity> limits = container.getResources() == null ? Map.of() : nonNull(container.getResources().getLimits());
                for (String resource : List.of("cpu", "memory")) {
                    if (!requests.containsKey(resource)) {
                        problems.add("resources: " + where + " has no " + resource + " request");
                    }
                    if (!limits.containsKey(resource)) {
                        problems.add("resources: " + where + " has no " + resource + " limit");
                    }
                }
                if (requests.containsKey("memory") && limits.containsKey("memory")
                        && Quantity.getAmountInBytes(requests.get("memory")).compareTo(Quantity.getAmountInBytes(limits.get("memory"))) > 0) {
                    problems.add("resources: " + where + " requests more memory than its limit");
                }
                if (workload.isApp()) {
                    String ratio = environment(overlay, container).get("JAVA_MAX_MEM_RATIO");
                    if (ratio == null || !ratio.matches("\\d+") || Integer.parseInt(ratio) < 25 || Integer.parseInt(ratio) > 80) {
                        problems.add("resources: " + where + " does not size the JVM heap to its memory limit (JAVA_MAX_MEM_RATIO between 25 and 80, found "
                                + ratio + ")");
                    }
                }
            }
        }
        return problems;
    }

    // ---- environment ------------------------------------------------------------------------------------------

    /** Every variable an app is given names one of its configuration keys (a typo is otherwise silently ignored). */
    static List<String> environment(Overlay overlay) {
        List<String> problems = new ArrayList<>();
        for (Workload workload : overlay.apps()) {
            AppConfig config = AppConfig.of(workload.app());
            Container container = appContainer(workload);
            for (String variable : environment(overlay, container).keySet()) {
                if (!config.accepts(variable)) {
                    problems.add("environment: " + where(workload, container) + " sets " + variable + ", which maps to no configuration key of "
                            + workload.app());
                }
            }
        }
        return problems;
    }

    /** A container's variables with their values where the overlay has them (ConfigMaps; secrets as "?"). */
    static Map<String, String> environment(Overlay overlay, Container container) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                overlay.find(ConfigMap.class, from.getConfigMapRef().getName())
                        .ifPresent(map -> nonNull(map.getData()).forEach((k, v) -> env.put(prefix(from) + k, v)));
            }
            if (from.getSecretRef() != null) {
                secretKeys(overlay, from.getSecretRef().getName()).ifPresent(keys -> keys.forEach(k -> env.put(prefix(from) + k, "?")));
            }
        }
        for (EnvVar variable : container.getEnv()) {
            env.put(variable.getName(), variable.getValue() != null ? variable.getValue() : "?");
        }
        return env;
    }

    private static String prefix(EnvFromSource from) {
        return from.getPrefix() == null ? "" : from.getPrefix();
    }

    // ---- references -------------------------------------------------------------------------------------------

    /** Every ConfigMap and Secret (and key) a pod, an Ingress or the database cluster names is part of the overlay. */
    static List<String> references(Overlay overlay) {
        List<String> problems = new ArrayList<>();
        for (Workload workload : overlay.workloads()) {
            PodSpec pod = workload.template().getSpec();
            for (Container container : concat(pod.getInitContainers(), pod.getContainers())) {
                String where = where(workload, container);
                for (EnvFromSource from : container.getEnvFrom()) {
                    if (from.getConfigMapRef() != null && !Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
                        requireConfigMap(problems, overlay, where, from.getConfigMapRef().getName(), null);
                    }
                    if (from.getSecretRef() != null && !Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
                        requireSecret(problems, overlay, where, from.getSecretRef().getName(), null);
                    }
                }
                for (EnvVar variable : container.getEnv()) {
                    if (variable.getValueFrom() == null) {
                        continue;
                    }
                    var secret = variable.getValueFrom().getSecretKeyRef();
                    if (secret != null && !Boolean.TRUE.equals(secret.getOptional())) {
                        requireSecret(problems, overlay, where + " " + variable.getName(), secret.getName(), secret.getKey());
                    }
                    var map = variable.getValueFrom().getConfigMapKeyRef();
                    if (map != null && !Boolean.TRUE.equals(map.getOptional())) {
                        requireConfigMap(problems, overlay, where + " " + variable.getName(), map.getName(), map.getKey());
                    }
                }
            }
            for (Volume volume : pod.getVolumes()) {
                String where = workload.kind() + "/" + workload.name() + " volume " + volume.getName();
                if (volume.getConfigMap() != null && !Boolean.TRUE.equals(volume.getConfigMap().getOptional())) {
                    requireConfigMap(problems, overlay, where, volume.getConfigMap().getName(), null);
                }
                if (volume.getSecret() != null && !Boolean.TRUE.equals(volume.getSecret().getOptional())) {
                    requireSecret(problems, overlay, where, volume.getSecret().getSecretName(), null);
                }
            }
        }
        overlay.all(Ingress.class).forEach(ingress -> {
            Map<String, String> annotations = nonNull(ingress.getMetadata().getAnnotations());
            boolean issued = annotations.containsKey("cert-manager.io/cluster-issuer") || annotations.containsKey("cert-manager.io/issuer");
            for (IngressTLS tls : nonNullList(ingress.getSpec().getTls())) {
                if (!issued) {
                    requireSecret(problems, overlay, id(ingress) + " TLS", tls.getSecretName(), "tls.crt");
                }
            }
        });
        overlay.custom("Cluster").forEach(cluster -> {
            Object roles = path(cluster.getAdditionalProperties(), "spec", "managed", "roles");
            if (roles instanceof List<?> list) {
                for (Object role : list) {
                    Object secret = path(role, "passwordSecret", "name");
                    if (secret != null) {
                        requireSecret(problems, overlay, id(cluster) + " role " + path(role, "name"), secret.toString(), "password");
                    }
                }
            }
        });
        return problems;
    }

    private static void requireConfigMap(List<String> problems, Overlay overlay, String where, String name, String key) {
        Optional<ConfigMap> map = overlay.find(ConfigMap.class, name);
        if (map.isEmpty()) {
            problems.add("references: " + where + " names ConfigMap " + name + ", which the overlay does not contain");
        } else if (key != null && !nonNull(map.get().getData()).containsKey(key) && !nonNull(map.get().getBinaryData()).containsKey(key)) {
            problems.add("references: " + where + " names key " + key + " of ConfigMap " + name + ", which it does not have");
        }
    }

    private static void requireSecret(List<String> problems, Overlay overlay, String where, String name, String key) {
        Optional<Set<String>> keys = secretKeys(overlay, name);
        if (keys.isEmpty()) {
            problems.add("references: " + where + " names Secret " + name + ", which the overlay neither contains nor has an ExternalSecret make");
        } else if (key != null && !keys.get().contains("*") && !keys.get().contains(key)) {
            problems.add("references: " + where + " names key " + key + " of Secret " + name + ", which it does not have " + keys.get());
        }
    }

    /** The keys of a Secret the overlay contains, or that one of its ExternalSecrets makes ({@code *}: any). */
    static Optional<Set<String>> secretKeys(Overlay overlay, String name) {
        Optional<Secret> secret = overlay.find(Secret.class, name);
        if (secret.isPresent()) {
            Set<String> keys = new HashSet<>(nonNull(secret.get().getData()).keySet());
            keys.addAll(nonNull(secret.get().getStringData()).keySet());
            return Optional.of(keys);
        }
        return overlay.custom("ExternalSecret").filter(external -> {
            Object target = path(external.getAdditionalProperties(), "spec", "target", "name");
            return name.equals(target != null ? target : external.getMetadata().getName());
        }).findFirst().map(external -> {
            Set<String> keys = new HashSet<>();
            Object data = path(external.getAdditionalProperties(), "spec", "data");
            if (data instanceof List<?> list) {
                list.forEach(entry -> keys.add(String.valueOf(path(entry, "secretKey"))));
            }
            if (path(external.getAdditionalProperties(), "spec", "dataFrom") != null) {
                keys.add("*");
            }
            return keys;
        });
    }

    // ---- images -----------------------------------------------------------------------------------------------

    /** Each app runs the image its build produces: [registry/]group/name:version from its container-image configuration. */
    static List<String> images(Overlay overlay) {
        List<String> problems = new ArrayList<>();
        String version = System.getProperty("project.version");
        for (Workload workload : overlay.apps()) {
            Container container = appContainer(workload);
            String expected = AppConfig.of(workload.app()).image(version);
            String image = container.getImage();
            if (image == null || !(image.equals(expected) || image.endsWith("/" + expected))) {
                problems.add("images: " + where(workload, container) + " runs " + image + ", but the build produces [registry/]" + expected);
            }
        }
        return problems;
    }

    // ---- ingresses --------------------------------------------------------------------------------------------

    /**
     * Ingresses reach only the gateway and video-service, video-service only under /VIID, and named services and
     * ports exist; gRPC Ingresses speak HTTP/2 to the backend.
     */
    static List<String> ingresses(Overlay overlay) {
        List<String> problems = new ArrayList<>();
        overlay.all(Ingress.class).forEach(ingress -> {
            boolean grpc = "GRPC".equals(nonNull(ingress.getMetadata().getAnnotations()).get("nginx.ingress.kubernetes.io/backend-protocol"));
            if (ingress.getSpec().getDefaultBackend() != null) {
                problems.add("ingresses: " + id(ingress) + " has a default backend: it must name its paths");
            }
            for (IngressRule rule : nonNullList(ingress.getSpec().getRules())) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    IngressBackend backend = path.getBackend();
                    String service = backend.getService() == null ? null : backend.getService().getName();
                    String where = id(ingress) + " path " + path.getPath();
                    if (!EXPOSED.contains(service)) {
                        problems.add("ingresses: " + where + " exposes " + service + "; only " + EXPOSED + " are reached from outside");
                        continue;
                    }
                    if (service.equals("video-service") && !(path.getPath().equals("/VIID") || path.getPath().startsWith("/VIID/"))) {
                        problems.add("ingresses: " + where + " exposes video-service beyond /VIID (GA/T 1400), which would expose its gRPC API");
                    }
                    if (!"Prefix".equals(path.getPathType()) && !"Exact".equals(path.getPathType())) {
                        problems.add("ingresses: " + where + " has pathType " + path.getPathType() + "; Prefix or Exact make the exposed paths exact");
                    }
                    if (grpc && !path.getPath().matches("/[a-zA-Z0-9_.]+\\.[A-Z][A-Za-z0-9]*/")) {
                        problems.add("ingresses: " + where + " is a gRPC Ingress path that names no service (/package.Service/)");
                    }
                    Optional<Service> target = overlay.find(Service.class, service);
                    String port = backend.getService().getPort().getName() != null ? backend.getService().getPort().getName()
                            : String.valueOf(backend.getService().getPort().getNumber());
                    if (target.isEmpty() || target.get().getSpec().getPorts().stream()
                            .noneMatch(p -> port.equals(p.getName()) || port.equals(String.valueOf(p.getPort())))) {
                        problems.add("ingresses: " + where + " names " + service + " port " + port + ", which the overlay's Service does not have");
                    }
                }
            }
        });
        return problems;
    }

    // ---- production -------------------------------------------------------------------------------------------

    /** What only prod promises: two replicas at least, autoscaled, spread over nodes, drained one at a time. */
    static List<String> production(Overlay overlay) {
        List<String> problems = new ArrayList<>();
        for (Workload workload : overlay.apps()) {
            String app = workload.app();
            Deployment deployment = overlay.find(Deployment.class, workload.name()).orElseThrow();
            Optional<HorizontalPodAutoscaler> hpa = overlay.all(HorizontalPodAutoscaler.class)
                    .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(workload.name())).findFirst();
            int minimum = hpa.map(h -> h.getSpec().getMinReplicas()).orElse(Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1));
            if (minimum < 2) {
                problems.add("production: " + app + " may run with " + minimum + " replica(s); at least 2");
            }
            if (hpa.isEmpty()) {
                problems.add("production: " + app + " has no HorizontalPodAutoscaler");
            } else if (deployment.getSpec().getReplicas() != null) {
                problems.add("production: " + app + " sets replicas beside its autoscaler: every apply would reset the count");
            }
            boolean budget = overlay.all(PodDisruptionBudget.class).anyMatch(p -> p.getSpec().getSelector().getMatchLabels() != null
                    && workload.template().getMetadata().getLabels().entrySet().containsAll(p.getSpec().getSelector().getMatchLabels().entrySet()));
            if (!budget) {
                problems.add("production: " + app + " has no PodDisruptionBudget");
            }
            var affinity = workload.template().getSpec().getAffinity();
            boolean spread = affinity != null && affinity.getPodAntiAffinity() != null && Stream.concat(
                    nonNullList(affinity.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()).stream(),
                    nonNullList(affinity.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()).stream()
                            .map(w -> w.getPodAffinityTerm()))
                    .anyMatch(term -> "kubernetes.io/hostname".equals(term.getTopologyKey()));
            if (!spread) {
                problems.add("production: " + app + " has no pod anti-affinity across nodes (kubernetes.io/hostname)");
            }
        }
        return problems;
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    static Container appContainer(Workload workload) {
        return workload.template().getSpec().getContainers().stream().filter(c -> c.getName().equals(workload.app())).findFirst()
                .orElse(workload.template().getSpec().getContainers().get(0));
    }

    /** A named or numbered port of a workload's containers, as a number. */
    static Optional<Integer> resolve(Workload workload, IntOrString port) {
        if (port == null) {
            return Optional.empty();
        }
        return workload.template().getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream())
                .filter(p -> port.getIntVal() != null ? port.getIntVal().equals(p.getContainerPort()) : port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst();
    }

    static String id(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }

    private static String where(Workload workload, Container container) {
        return workload.kind() + "/" + workload.name() + " container " + container.getName();
    }

    private static String text(IntOrString port) {
        return port == null ? "nothing" : port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal();
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        return Stream.of(values).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static <K, V> Map<K, V> nonNull(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }

    private static <T> List<T> nonNullList(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return Stream.concat(nonNullList(first).stream(), nonNullList(second).stream()).toList();
    }

    /** A value inside a custom resource's untyped content. */
    static Object path(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

}
