package dev.turnstile.redis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Lua scripts of a namespace, each one the shared library followed by its own body. */
enum Script {
    JOIN("join.lua"),
    ACQUIRE("acquire.lua"),
    RELEASE("release.lua"),
    CANCEL("cancel.lua"),
    TICK("tick.lua"),
    PAUSE("pause.lua"),
    RESUME("resume.lua"),
    RATE_LIMITED("ratelimited.lua"),
    SET_LIMIT("setlimit.lua"),
    LEAVE("leave.lua"),
    ADOPT("adopt.lua");

    private static final String LIBRARY = "lib.lua";

    private final String file;

    Script(String file) {
        this.file = file;
    }

    /** The text sent to Redis: the library's functions, then this script. */
    String source() {
        return read(LIBRARY) + "\n" + read(file);
    }

    private static String read(String name) {
        try (InputStream in = Script.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + name);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
