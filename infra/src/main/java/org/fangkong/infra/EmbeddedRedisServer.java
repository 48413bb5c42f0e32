package org.fangkong.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.logging.Logger;

import redis.embedded.RedisServer;

/**
 * A real Redis 6.2 server from the binaries bundled in a Maven Central artifact, on a loopback port, with AOF
 * persistence ({@code appendfsync everysec}) as the platform runs in production.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedRedisServer.class);

    private final RedisServer server;
    private final int port;

    private EmbeddedRedisServer(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts a server.
     *
     * @param port a fixed port, or 0 for a free one
     * @param dataDirectory where the append-only file lives; null for a throw-away directory
     */
    public static EmbeddedRedisServer start(int port, Path dataDirectory) {
        int chosen = port == 0 ? FreePorts.pick() : port;
        try {
            Path dir = dataDirectory != null ? Files.createDirectories(dataDirectory)
                    : Files.createTempDirectory("fangkong-redis-");
            RedisServer server = RedisServer.newRedisServer()
                    .port(chosen)
                    .bind("127.0.0.1")
                    .setting("dir " + dir.toAbsolutePath())
                    .setting("appendonly yes")
                    .setting("appendfsync everysec")
                    .setting("save \"\"")
                    .setting("maxmemory-policy noeviction")
                    .onShutdownForceStop(true)
                    .build();
            server.start();
            LOG.infof("Redis listening on 127.0.0.1:%d", chosen);
            return new EmbeddedRedisServer(server, chosen);
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not start", e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            LOG.warn("Redis did not stop cleanly", e);
        }
    }
}
