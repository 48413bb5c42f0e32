package org.fangkong.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * What an app's own build says about it: its configuration keys (application.properties, the platform's defaults,
 * its {@code @ConfigMapping} interfaces), the values it runs with in the prod profile, and the image Jib builds.
 */
final class AppConfig {

    /** Quarkus keys the manifests set that no file of ours names (the rest come from our properties files). */
    private static final List<String> QUARKUS_KEYS = lines("quarkus-keys.txt");
    /** Variables read by the image's start script (run-java.sh), not by Quarkus. */
    static final Set<String> IMAGE_VARIABLES = Set.of("JAVA_MAX_MEM_RATIO", "JAVA_INITIAL_MEM_RATIO", "JAVA_OPTS_APPEND");

    private static final Map<String, AppConfig> CACHE = new HashMap<>();

    final String app;
    /** Effective prod-profile values: the app's file over the platform's. */
    private final Map<String, String> values = new HashMap<>();
    /** Every key either file names in any profile, and every @ConfigMapping key ({@code *} for map keys). */
    final Set<String> keys = new LinkedHashSet<>();

    private AppConfig(String app) {
        this.app = app;
        Path root = Checks.root();
        load(root.resolve("platform/src/main/resources/META-INF/microprofile-config.properties"));
        load(root.resolve(app).resolve("src/main/resources/application.properties"));
        mappings(List.of(root.resolve("platform/target/classes"), root.resolve(app).resolve("target/classes")));
        keys.addAll(QUARKUS_KEYS);
    }

    static synchronized AppConfig of(String app) {
        return CACHE.computeIfAbsent(app, AppConfig::new);
    }

    Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    int httpPort() {
        return value("quarkus.http.port").map(Integer::parseInt).orElse(8080);
    }

    int managementPort() {
        return value("quarkus.management.port").map(Integer::parseInt).orElse(9000);
    }

    boolean managementEnabled() {
        return value("quarkus.management.enabled").map(Boolean::parseBoolean).orElse(false);
    }

    /** The image Jib builds, without the registry (the one pushed to is chosen at build time). */
    String image(String version) {
        String group = value("quarkus.container-image.group").orElse(System.getProperty("user.name"));
        String name = value("quarkus.container-image.name").orElse(value("quarkus.application.name").orElse(app));
        String tag = value("quarkus.container-image.tag").orElse(version);
        return group + "/" + name + ":" + tag;
    }

    /** The gRPC clients the app configures, by client name. */
    Set<String> grpcClients() {
        Set<String> clients = new LinkedHashSet<>();
        keys.stream().filter(k -> k.startsWith("quarkus.grpc.clients.") && k.endsWith(".host"))
                .forEach(k -> clients.add(k.substring("quarkus.grpc.clients.".length(), k.length() - ".host".length())));
        return clients;
    }

    /** Whether an environment variable sets one of the app's keys (or is read by the image's start script). */
    boolean accepts(String variable) {
        if (IMAGE_VARIABLES.contains(variable)) {
            return true;
        }
        for (String key : keys) {
            String name = environmentName(key);
            if (key.contains("*") ? variable.matches(name.replace("*", "[A-Z0-9_]+")) : variable.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** MicroProfile Config's mapping of a key to an environment variable: upper case, every other character an underscore. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9*]", "_");
    }

    private void load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> prod = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key);
            if (key.startsWith("%")) {
                String plain = key.substring(key.indexOf('.') + 1);
                keys.add(plain);
                if (key.startsWith("%prod.")) {
                    prod.put(plain, value);
                }
            } else {
                keys.add(key);
                values.put(key, value);
            }
        }
        values.putAll(prod);
    }

    private void mappings(Collection<Path> classDirectories) {
        URL[] urls = classDirectories.stream().map(AppConfig::url).toArray(URL[]::new);
        try (URLClassLoader loader = new URLClassLoader(urls, getClass().getClassLoader())) {
            for (Path directory : classDirectories) {
                if (!Files.isDirectory(directory)) {
                    throw new IllegalStateException(directory + " is missing: build the apps first (./mvnw install -DskipTests)");
                }
                try (Stream<Path> files = Files.walk(directory)) {
                    for (Path file : files.filter(f -> f.getFileName().toString().endsWith("Config.class")).toList()) {
                        String name = directory.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                        Class<?> type = Class.forName(name, false, loader);
                        ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
                        if (mapping != null) {
                            walk(mapping.prefix(), type);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private void walk(String prefix, Class<?> group) {
        for (Method method : group.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            WithName named = method.getAnnotation(WithName.class);
            String key = method.isAnnotationPresent(WithParentName.class) ? prefix
                    : prefix + "." + (named != null ? named.value() : kebab(method.getName()));
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getName().startsWith("org.fangkong.")) {
                walk(key, type);
            } else if (Map.class.isAssignableFrom(type)) {
                keys.add(key + ".*");
            } else {
                keys.add(key);
            }
        }
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> lines(String resource) {
        try (var in = AppConfig.class.getResourceAsStream("/" + resource)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
