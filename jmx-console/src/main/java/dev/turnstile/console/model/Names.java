package dev.turnstile.console.model;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** The agent's MBean names: the contract the console relies on, written out, not imported. */
public final class Names {

    public static final ObjectName TURNSTILE = name("dev.turnstile:type=Turnstile");
    /** Registered only when the target shares its limits through Redis. */
    public static final ObjectName FLEET = name("dev.turnstile:type=Fleet");

    private Names() {
    }

    /** {@code dev.turnstile:type=Provider,name=<id>}; provider ids are {@code [a-z0-9-]}, nothing to quote. */
    public static ObjectName provider(String id) {
        return name("dev.turnstile:type=Provider,name=" + id);
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("bad MBean name " + text + ": " + e.getMessage(), e);
        }
    }
}
