package dev.turnstile.sockets;

import dev.turnstile.extension.HelperLoader;

import java.util.List;
import java.util.Optional;

/**
 * Names the code that opens a connection: the package prefix of the first caller outside the JDK
 * and the agent ({@code io.netty}, {@code com.squareup.okhttp}, {@code com.example.app}), or, when
 * the JDK opens it on its own thread, the JDK module ({@code java.net.http}).
 */
final class CallerStack {

    /** Libraries named by their usual prefix rather than by three package segments. */
    private static final List<String> KNOWN = List.of("io.netty", "reactor.netty", "io.vertx", "io.grpc",
            "org.asynchttpclient", "com.squareup.okhttp", "okhttp3", "org.apache.hc", "org.apache.http",
            "org.eclipse.jetty");

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private CallerStack() {
    }

    static String name() {
        Optional<Class<?>> caller = WALKER.walk(frames -> frames.<Class<?>>map(StackWalker.StackFrame::getDeclaringClass)
                .filter(type -> !isJdkOrOurs(type)).findFirst());
        if (caller.isPresent()) {
            return shorten(caller.get().getName());
        }
        return WALKER.walk(frames -> frames.map(frame -> frame.getDeclaringClass().getModule().getName())
                .filter(module -> module != null && !module.equals("java.base")).findFirst()).orElse("java.base");
    }

    /** The known prefix of {@code className}, else its first three package segments (or fewer). */
    static String shorten(String className) {
        for (String prefix : KNOWN) {
            if (className.startsWith(prefix + '.')) {
                return prefix;
            }
        }
        int end = className.lastIndexOf('.');
        if (end < 0) {
            return className;
        }
        String pkg = className.substring(0, end);
        int cut = -1;
        for (int segment = 0; segment < 3; segment++) {
            cut = pkg.indexOf('.', cut + 1);
            if (cut < 0) {
                return pkg;
            }
        }
        return pkg.substring(0, cut);
    }

    private static boolean isJdkOrOurs(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader == null || loader == ClassLoader.getPlatformClassLoader()
                || loader == CallerStack.class.getClassLoader() || loader instanceof HelperLoader;
    }
}
