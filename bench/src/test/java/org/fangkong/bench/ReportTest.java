package org.fangkong.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's table carries every figure with its baseline and ratio, and lands in README between the markers only. */
class ReportTest {

    private final List<Result> results = List.of(
            new Result("grpc-overhead", "unary calls/s", 4200, "calls/s", "bare grpc-java server", 21000, true, "", null),
            new Result("grpc-overhead", "failed calls", 0, "calls", "bare grpc-java server", 0, false, "0", true),
            new Result("footprint", "gateway resident memory, idle", 212.5, "MB", "", 0, false, "", null));

    @Test
    void theTableShowsValueBaselineRatioAndTarget() {
        String table = new Report("abc1234").markdown(results);
        assertTrue(table.contains("| grpc-overhead | unary calls/s | 4,200 calls/s | bare grpc-java server | 21,000 calls/s | 0.20× |  |  |"), table);
        assertTrue(table.contains("| grpc-overhead | failed calls | 0 calls | bare grpc-java server | 0 calls |  | 0 | yes |"), table);
        assertTrue(table.contains("| footprint | gateway resident memory, idle | 213 MB | none |  |  |  |  |"), table);
        assertTrue(table.contains("commit abc1234") && table.contains(Runtime.getRuntime().availableProcessors() + " cores"), table);
    }

    @Test
    void readmeChangesOnlyBetweenTheMarkers(@TempDir Path dir) throws Exception {
        Path readme = dir.resolve("README.md");
        Files.writeString(readme, "# Title\n\n" + Report.README_START + "\nold table\n" + Report.README_END + "\n\n## Next\n");
        assertTrue(new Report("abc1234").updateReadme(readme, results));
        String text = Files.readString(readme);
        assertFalse(text.contains("old table"));
        assertTrue(text.startsWith("# Title\n\n" + Report.README_START + "\nMeasured on "));
        assertTrue(text.endsWith(Report.README_END + "\n\n## Next\n"));
        Path none = dir.resolve("OTHER.md");
        Files.writeString(none, "no markers");
        assertFalse(new Report("abc1234").updateReadme(none, results));
        assertEquals("no markers", Files.readString(none));
    }

    @Test
    void eachRunIsKeptAsMarkdownAndJson(@TempDir Path dir) throws Exception {
        CpuUse cpu = new CpuUse(Map.of(ProcessHandle.current().pid() + 1_000_000, "units-service"));
        cpu.end("grpc-overhead", cpu.begin());
        Path markdown = new Report("abc1234").write(dir, results, cpu);
        String text = Files.readString(markdown);
        assertTrue(text.contains("unary calls/s"), text);
        assertTrue(text.contains("## Cores in use, by process") && text.contains("| scenario | wall | bench | units-service | PostgreSQL | Redis |"), text);
        String json = Files.readString(Path.of(markdown.toString().replace(".md", ".json")));
        assertTrue(json.contains("\"ratio\" : 0.2") && json.contains("\"commit\" : \"abc1234\""), json);
        assertTrue(json.contains("\"coresInUse\"") && json.contains("\"units-service\" : "), json);
    }
}
