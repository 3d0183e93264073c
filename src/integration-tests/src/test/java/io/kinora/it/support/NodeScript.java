package io.kinora.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the scripts in src/test/node (real JavaScript clients: tus-js-client, playwright-core driving the
 * Debian chromium) with the modules the build installed, and returns the JSON line it prints last.
 */
public final class NodeScript {
    private NodeScript() { }

    public static Path screenshots() { return Path.of(System.getProperty("kinora.it.screenshots")); }

    /** Runs {@code script}, which needs the npm package {@code module}; a script driving chromium gets its path. */
    public static JsonObject run(String script, String module, Duration timeout, String... args) throws Exception {
        Path modules = Path.of(System.getProperty("kinora.it.node.modules"));
        assertTrue(Files.isDirectory(modules.resolve(module)), "npm install of " + module + " did not run: " + modules);
        List<String> command = new ArrayList<>(List.of("node", Path.of(System.getProperty("kinora.it.node.scripts"), script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("NODE_PATH", modules.toString());
        if (module.equals("playwright-core")) {
            Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
            assertTrue(Files.isExecutable(chromium), "chromium missing (apt-get install chromium): " + chromium);
            pb.environment().put("CHROMIUM", chromium.toString());
        }
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS), script + " hung");
        String last = out.substring(out.lastIndexOf('\n') + 1);
        assertEquals(0, p.exitValue(), script + " failed: " + last);
        return Json.createReader(new StringReader(last)).readObject();
    }
}
