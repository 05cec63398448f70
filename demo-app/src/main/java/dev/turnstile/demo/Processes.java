package dev.turnstile.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Stopping what the demo started, by its own PID and nothing else, and tidying up after it. */
final class Processes {

    private static final long GRACE_SECONDS = 5;

    private Processes() {
    }

    /** SIGTERM, then SIGKILL if it has not ended within a few seconds. Harmless on a process that has ended. */
    static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Deletes a temporary file; one left behind is no reason to fail the demo. */
    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left for the system's temporary-file clean-up
        }
    }
}
