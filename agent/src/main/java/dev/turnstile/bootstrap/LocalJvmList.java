package dev.turnstile.bootstrap;

import java.io.PrintStream;
import java.util.List;

/**
 * The local JVMs {@code attach} could be given, for its usage text: process id and main class or
 * jar (the first word of the display name; the arguments may hold secrets). Read by reflection
 * from the Attach API, which only reads the JVMs' performance-data files: nothing is sent to them.
 */
final class LocalJvmList {

    private LocalJvmList() {
    }

    static void print(PrintStream out) {
        List<?> descriptors;
        try {
            Class<?> vmClass = Class.forName("com.sun.tools.attach.VirtualMachine");
            descriptors = (List<?>) vmClass.getMethod("list").invoke(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError noAttachApi) {
            return;
        }
        String self = String.valueOf(ProcessHandle.current().pid());
        StringBuilder lines = new StringBuilder();
        for (Object descriptor : descriptors) {
            try {
                String id = (String) descriptor.getClass().getMethod("id").invoke(descriptor);
                String name = (String) descriptor.getClass().getMethod("displayName").invoke(descriptor);
                if (!id.equals(self)) {
                    String main = name == null || name.isBlank() ? "(unknown)" : name.trim().split("\\s+", 2)[0];
                    lines.append(String.format("  %-8s %s%n", id, main));
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // a JVM that went away meanwhile
            }
        }
        out.print(lines.length() == 0 ? "No other JVM of this user is running.\n" : "Local JVMs of this user:\n" + lines);
    }
}
