package io.kinora.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {

    @Test
    void argumentsAreNotInterpretedByAShell() {
        ProcessResult r = new ProcessRunner().run(List.of("echo", "$(id) `id`; rm -rf /tmp/x | cat"), Map.of(),
                Duration.ofSeconds(10));
        assertEquals(0, r.exitCode());
        assertEquals("$(id) `id`; rm -rf /tmp/x | cat", r.stdout().strip());
    }

    @Test
    void timeoutKillsTheWholeProcessTree() {
        // the shell here is the test's own command, standing in for a tool that spawns children
        ProcessResult r = new ProcessRunner().run(List.of("sh", "-c", "sleep 30 & sleep 30; wait"), Map.of(),
                Duration.ofMillis(300));
        assertTrue(r.timedOut());
        assertFalse(r.succeeded());
        assertTrue(r.elapsed().toSeconds() < 10, r.elapsed().toString());
        assertThrows(FfmpegException.class, () -> r.requireSuccess("sleeper"));
    }

    @Test
    void outputIsBoundedKeepingStdoutHeadAndStderrTail() {
        ProcessResult r = new ProcessRunner(100, 50).run(List.of("sh", "-c",
                "i=0; while [ $i -lt 200 ]; do echo out$i; echo err$i >&2; i=$((i+1)); done; exit 3"),
                Map.of(), Duration.ofSeconds(10));
        assertEquals(3, r.exitCode());
        assertTrue(r.stdoutTruncated());
        assertTrue(r.stdout().startsWith("out0\n") && r.stdout().length() == 100);
        assertEquals(50, r.stderrTail().length());
        assertTrue(r.stderrTail().endsWith("err199\n"), r.stderrTail());
        FfmpegException e = assertThrows(FfmpegException.class, () -> r.requireSuccess("noisy"));
        assertTrue(e.getMessage().contains("err199"));
    }

    @Test
    void stdoutCanGoToAFileAndEnvironmentIsPassed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out.txt");
        ProcessResult r = new ProcessRunner().run(List.of("sh", "-c", "echo \"$KINORA_TEST\""),
                Map.of("KINORA_TEST", "hello"), Duration.ofSeconds(10), file);
        assertTrue(r.succeeded());
        assertEquals("", r.stdout());
        assertEquals("hello", Files.readString(file).strip());
    }

    @Test
    void missingExecutableIsAnException() {
        assertThrows(FfmpegException.class, () -> new ProcessRunner().run(List.of("/nonexistent/ffmpeg"), Map.of(),
                Duration.ofSeconds(5)));
    }
}
