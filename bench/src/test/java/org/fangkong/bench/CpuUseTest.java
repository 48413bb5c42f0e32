package org.fangkong.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The cores table charges a process's CPU time to the group it belongs to. */
class CpuUseTest {

    @Test
    void busyWorkInTheBenchIsChargedToTheBench() {
        long child = ProcessHandle.current().pid() + 1_000_000; // no such process: the app column stays at zero
        CpuUse cpu = new CpuUse(Map.of(child, "gateway"));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CpuUse.Mark mark = cpu.begin();
        long busyFrom = threads.getCurrentThreadCpuTime();
        long until = System.nanoTime() + 1_000_000_000L;
        double sink = 0;
        while (System.nanoTime() < until) {
            sink += Math.sqrt(sink + 1);
        }
        double busySeconds = (threads.getCurrentThreadCpuTime() - busyFrom) / 1e9;
        cpu.end("busy", mark);
        CpuUse.Span span = cpu.spans().get(0);
        assertTrue(sink > 0);
        // However much of a core the machine gave the busy thread (the build runs other modules beside this one), all
        // of it is charged to the bench, JIT and GC threads on top.
        double charged = span.cores().get(CpuUse.BENCH) * span.wallSeconds();
        assertTrue(busySeconds > 0.05 && charged >= 0.9 * busySeconds, "the busy thread's " + busySeconds + " s of CPU are charged to the bench: " + span);
        assertEquals(0.0, span.cores().get("gateway"), span.toString());
        assertTrue(cpu.markdown().startsWith("| scenario | wall | bench | gateway | PostgreSQL | Redis | Keycloak | other | all |"), cpu.markdown());
    }
}
