package io.kinora.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Runs a command as an argument vector (never through a shell, so nothing in a file name or
 * title can become shell syntax), with a deadline and bounded capture of its output.
 * On timeout or interrupt the whole process tree is killed so no orphan encoder keeps burning CPU.
 */
public class ProcessRunner {

    /** Enough for ffprobe JSON of any sane file; stops a hostile file from filling the heap. */
    public static final int DEFAULT_STDOUT_LIMIT = 8 * 1024 * 1024;
    /** FFmpeg's reason for failing is at the end of stderr. */
    public static final int DEFAULT_STDERR_TAIL = 64 * 1024;

    private final int stdoutLimit;
    private final int stderrTail;

    public ProcessRunner() {
        this(DEFAULT_STDOUT_LIMIT, DEFAULT_STDERR_TAIL);
    }

    public ProcessRunner(int stdoutLimit, int stderrTail) {
        this.stdoutLimit = stdoutLimit;
        this.stderrTail = stderrTail;
    }

    /** Runs capturing stdout in memory (bounded). */
    public ProcessResult run(List<String> command, Map<String, String> environment, Duration timeout) {
        return run(command, environment, timeout, null);
    }

    /**
     * Runs the command; if {@code stdoutFile} is not null stdout goes there unbounded instead of memory.
     * Throws {@link FfmpegException} if the process cannot be started; a non-zero exit is a result, not an exception.
     */
    public ProcessResult run(List<String> command, Map<String, String> environment, Duration timeout, Path stdoutFile) {
        return run(command, environment, timeout, stdoutFile, null);
    }

    /**
     * As above, each line of stderr passed through {@code stderrLines} first (null: dropped) before it reaches the
     * kept tail: how FFmpeg's info-level noise stays out of failure messages ({@link FfmpegStderr}).
     */
    public ProcessResult run(List<String> command, Map<String, String> environment, Duration timeout, Path stdoutFile,
                             UnaryOperator<String> stderrLines) {
        ProcessBuilder builder = new ProcessBuilder(List.copyOf(command));
        builder.environment().putAll(environment);
        if (stdoutFile != null) {
            builder.redirectOutput(stdoutFile.toFile());
        }
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new FfmpegException("cannot start " + command.get(0), e);
        }
        try {
            process.getOutputStream().close(); // no stdin: a tool waiting for input must not hang us
        } catch (IOException ignored) {
            // the process may already be gone; its exit code will tell
        }
        Drain err = new Drain(process.getErrorStream(), stderrTail, true, stderrLines);
        Drain out = stdoutFile == null ? new Drain(process.getInputStream(), stdoutLimit, false, null) : null;
        err.start();
        if (out != null) {
            out.start();
        }
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            destroyTree(process);
            Thread.currentThread().interrupt();
            throw new FfmpegException("interrupted while running " + command.get(0), e);
        }
        if (!finished) {
            destroyTree(process);
        }
        int exit = waitQuietly(process);
        err.finish();
        if (out != null) {
            out.finish();
        }
        return new ProcessResult(exit, out == null ? "" : out.text(), out != null && out.truncated, err.text(),
                !finished, Duration.ofNanos(System.nanoTime() - start));
    }

    private static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static int waitQuietly(Process process) {
        boolean interrupted = false;
        while (true) {
            try {
                int exit = process.waitFor();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return exit;
            } catch (InterruptedException e) {
                interrupted = true; // the process was already killed or finished; just reap it
            }
        }
    }

    /** Longest line a line filter sees whole; a longer one is kept unfiltered (a hostile file cannot grow it). */
    private static final int LONGEST_LINE = 16 * 1024;

    /** Reads a stream to its end keeping either the first or the last {@code limit} bytes (a tail's lines filtered, if asked). */
    private static final class Drain extends Thread {
        private final InputStream in;
        private final int limit;
        private final boolean keepTail;
        private final UnaryOperator<String> lines;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final ByteArrayOutputStream head = new ByteArrayOutputStream();
        private byte[] ring;
        private long total;
        private volatile boolean truncated;
        private IOException failure;

        Drain(InputStream in, int limit, boolean keepTail, UnaryOperator<String> lines) {
            super("process-drain");
            setDaemon(true);
            this.in = in;
            this.limit = limit;
            this.keepTail = keepTail;
            this.lines = lines;
            this.ring = keepTail ? new byte[limit] : null;
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (keepTail && lines != null) {
                        for (int i = 0; i < n; i++) {
                            line.write(buf[i]);
                            if (buf[i] == '\n' || line.size() >= LONGEST_LINE) endLine(buf[i] == '\n');
                        }
                    } else if (keepTail) {
                        keep(buf, n);
                    } else {
                        int room = limit - head.size();
                        if (room > 0) {
                            head.write(buf, 0, Math.min(room, n));
                        }
                        if (n > room) {
                            truncated = true; // keep reading so the process never blocks on a full pipe
                        }
                    }
                }
                if (line.size() > 0) endLine(true); // the last line, without its newline
            } catch (IOException e) {
                failure = e;
            }
        }

        /** A whole line goes through the filter; the piece of an overlong one is kept as it is. */
        private void endLine(boolean whole) {
            byte[] bytes = line.toByteArray();
            line.reset();
            if (whole) {
                String text = new String(bytes, StandardCharsets.UTF_8);
                boolean newline = text.endsWith("\n");
                String kept = lines.apply(newline ? text.substring(0, text.length() - 1) : text);
                if (kept == null) return;
                bytes = (newline ? kept + "\n" : kept).getBytes(StandardCharsets.UTF_8);
            }
            keep(bytes, bytes.length);
        }

        /** Into the tail's ring: the last {@code limit} bytes are what is kept. */
        private void keep(byte[] bytes, int n) {
            for (int i = 0; i < n; i++) ring[(int) (total++ % limit)] = bytes[i];
        }

        void finish() {
            try {
                join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure != null && !keepTail) {
                throw new UncheckedIOException(failure);
            }
        }

        String text() {
            if (!keepTail) {
                return head.toString(StandardCharsets.UTF_8);
            }
            if (total <= limit) {
                return new String(ring, 0, (int) total, StandardCharsets.UTF_8);
            }
            int startIdx = (int) (total % limit);
            byte[] ordered = new byte[limit];
            System.arraycopy(ring, startIdx, ordered, 0, limit - startIdx);
            System.arraycopy(ring, 0, ordered, limit - startIdx, startIdx);
            return new String(ordered, StandardCharsets.UTF_8);
        }
    }
}
