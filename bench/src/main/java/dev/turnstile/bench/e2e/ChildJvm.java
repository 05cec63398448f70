package dev.turnstile.bench.e2e;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM started with the same {@code java} as this one, reading its standard output line
 * by line; its standard error goes to a file (agents log there).
 */
public final class ChildJvm implements Closeable {

    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    private static final long EXIT_WAIT_SECONDS = 30;

    private final Process process;
    private final BufferedReader stdout;

    private ChildJvm(Process process) {
        this.process = process;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** {@code java JVM_OPTIONS -cp CLASSPATH MAIN ARGS}. */
    public static ChildJvm start(List<String> jvmOptions, Path classpath, String mainClass, List<String> args, Path stderr)
            throws IOException {
        return start(List.of(), jvmOptions, classpath, mainClass, args, stderr);
    }

    /** The same, started through {@code launcher} (such as {@code taskset -c 1}); none when empty. */
    public static ChildJvm start(List<String> launcher, List<String> jvmOptions, Path classpath, String mainClass,
                                 List<String> args, Path stderr) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.add(JAVA);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath.toString());
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        return new ChildJvm(builder.start());
    }

    /** The next line of standard output; fails if the child ended without one. */
    String readLine() throws IOException {
        String line = stdout.readLine();
        if (line == null) {
            throw new IOException("child " + process.pid() + " ended (exit " + exitCode() + ") before printing a line; "
                    + "see its standard error file");
        }
        return line;
    }

    public List<String> readAllLines() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
            lines.add(line);
        }
        return lines;
    }

    long pid() {
        return process.pid();
    }

    /** Closes the child's standard input (our children stop when it ends). */
    void endInput() throws IOException {
        process.getOutputStream().close();
    }

    /** Waits for a clean exit; fails on a non-zero exit code. */
    public void awaitSuccess() throws IOException, InterruptedException {
        int code = exitCode();
        if (code != 0) {
            throw new IOException("child " + process.pid() + " exited with " + code);
        }
    }

    private int exitCode() {
        try {
            if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
