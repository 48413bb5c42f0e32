package org.fangkong.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.fangkong.launcher.Fangkong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Last of the system tests: the suite stops as Ctrl-C stops it, leaving no process and no port behind. */
@Order(100)
class CleanStopTest {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aCleanStopLeavesNothingRunning() throws Exception {
        RunningPlatform platform = RunningPlatform.get();
        Assumptions.assumeTrue(platform.launcher != null, "attached to a suite started elsewhere: left running");
        platform.launcher.destroy();
        assertTrue(platform.launcher.waitFor(120, TimeUnit.SECONDS), "the launcher stopped");
        List<String> stillRunning = new ArrayList<>();
        for (String key : platform.running.stringPropertyNames()) {
            if (key.startsWith("pid.") && ProcessHandle.of(Long.parseLong(platform.running.getProperty(key))).map(ProcessHandle::isAlive).orElse(false)) {
                stillRunning.add(key.substring(4));
            }
            if (key.startsWith("port.") && listening(Integer.parseInt(platform.running.getProperty(key)))) {
                stillRunning.add(key.substring(5) + " still listening on " + platform.running.getProperty(key));
            }
        }
        assertEquals(List.of(), stillRunning);
        assertFalse(Files.exists(platform.work.resolve(Fangkong.RUNNING_FILE)), "the suite no longer says it is running");
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
