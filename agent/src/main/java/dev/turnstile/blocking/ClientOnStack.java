package dev.turnstile.blocking;

import java.util.Optional;

/**
 * Names the client that called a library's executor without passing the execute door: the
 * nearest class on this thread's stack, above the executor, outside the library's own packages
 * (an application's subclass of the library's client, or the application code that drives the
 * executor itself). Walked only when such traffic reaches a provider, never per call.
 */
final class ClientOnStack {

    private ClientOnStack() {
    }

    static String nameAbove(Class<?> executor) {
        String library = root(executor.getName());
        Optional<String> caller = StackWalker.getInstance().walk(frames -> frames
                .map(StackWalker.StackFrame::getClassName)
                .filter(name -> !name.startsWith(library) && !isOurs(name)
                        && !name.startsWith("java.") && !name.startsWith("jdk."))
                .findFirst());
        return caller.orElse(executor.getName());
    }

    /** The door's own frames, between the executor and this walk. */
    private static boolean isOurs(String className) {
        String pkg = className.substring(0, Math.max(0, className.lastIndexOf('.')));
        return pkg.equals(ClientOnStack.class.getPackageName())
                || pkg.equals(dev.turnstile.bootstrap.BlockingClientBridge.class.getPackageName());
    }

    /** {@code org.apache} of {@code org.apache.hc.core5...}: the library's own packages. */
    private static String root(String className) {
        int first = className.indexOf('.');
        int second = first < 0 ? -1 : className.indexOf('.', first + 1);
        return second < 0 ? className : className.substring(0, second + 1);
    }
}
