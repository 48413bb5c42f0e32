package org.fangkong.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks loopback ports nobody is listening on, so parallel builds and a running suite never collide. */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * A port below Linux's ephemeral range (32768 and up), free now and not in {@code taken}: a port from
     * {@link #pick()} kept for a server started later can meanwhile become the local port of some outgoing connection.
     */
    public static int pickForLater(java.util.Set<Integer> taken) {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            if (taken.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
                return port;
            } catch (IOException inUse) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }

    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
