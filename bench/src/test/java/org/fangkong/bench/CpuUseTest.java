package org.fangkong.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The cores table charges a process's CPU time to the group it belongs to. */
class CpuUseTest {

    @Test
    void busyWorkInTheBenchIsChargedToTheBench() {
        long child = ProcessHandle.current().pid() + 1_000_000; // no such process: the app column stays at zero
        CpuUse cpu = new CpuUse(Map.of(child, "gateway"));
        CpuUse.Mark mark = cpu.begin();
        long until = System.nanoTime() + 1_000_000_000L;
        double sink = 0;
        while (System.nanoTime() < until) {
            sink += Math.sqrt(sink + 1);
        }
        cpu.end("busy", mark);
        CpuUse.Span span = cpu.spans().get(0);
        assertTrue(sink > 0);
        assertTrue(span.cores().get(CpuUse.BENCH) > 0.5, "one busy thread for a second uses most of a core: " + span);
        assertEquals(0.0, span.cores().get("gateway"), span.toString());
        assertTrue(cpu.markdown().startsWith("| scenario | wall | bench | gateway | PostgreSQL | Redis | Keycloak | other | all |"), cpu.markdown());
    }
}
