package dev.turnstile.console.connect;

import com.sun.tools.attach.VirtualMachine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Attaching to a JVM whose attach listener is not running yet sends it SIGQUIT: a JVM catches it and
 * starts the listener, any other process dies of it. So before attaching, this makes sure the process
 * catches SIGQUIT (Linux tells in {@code /proc/<pid>/status}), or, where there is no {@code /proc},
 * that the attach API lists it as a JVM. A mistyped process id must never kill a process.
 */
final class AttachSafety {

    private static final int SIGQUIT = 3;

    private AttachSafety() {
    }

    static boolean mayAttach(long pid) {
        Optional<Boolean> catchesQuit = readStatus(pid).flatMap(AttachSafety::catchesQuit);
        if (catchesQuit.isPresent()) {
            return catchesQuit.get();
        }
        String id = String.valueOf(pid);
        return VirtualMachine.list().stream().anyMatch(descriptor -> descriptor.id().equals(id));
    }

    /** Whether the {@code SigCgt} mask of a {@code /proc/<pid>/status} text has SIGQUIT; empty without one. */
    static Optional<Boolean> catchesQuit(String statusText) {
        return statusText.lines().filter(line -> line.startsWith("SigCgt:")).findFirst().flatMap(line -> {
            try {
                long caught = Long.parseUnsignedLong(line.substring("SigCgt:".length()).trim(), 16);
                return Optional.of((caught & (1L << (SIGQUIT - 1))) != 0);
            } catch (NumberFormatException unreadable) {
                return Optional.empty();
            }
        });
    }

    private static Optional<String> readStatus(long pid) {
        try {
            return Optional.of(Files.readString(Path.of("/proc", String.valueOf(pid), "status"), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException noProcFileSystem) {
            return Optional.empty();
        }
    }
}
