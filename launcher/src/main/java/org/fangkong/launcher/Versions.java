package org.fangkong.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/** Versions fixed by the build (the root pom), and where versioned downloads are kept between runs. */
final class Versions {

    static final String KEYCLOAK = load().getProperty("keycloak.version");

    private Versions() {
    }

    /** {@code $XDG_CACHE_HOME/fangkong} or {@code ~/.cache/fangkong}: unpacked servers, one folder per version. */
    static Path cacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("fangkong");
    }

    private static Properties load() {
        try (InputStream in = Versions.class.getResourceAsStream("/fangkong-launcher.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
