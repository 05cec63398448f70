package dev.turnstile.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Defines the bridge package's classes straight into the bootstrap class loader, so that every
 * loader sees them, without {@code appendToBootstrapClassLoaderSearch}: an appended boot path
 * turns class-data sharing off for every application class (HotSpot says so in a warning on the
 * first line of output), which costs the host start-up time.
 *
 * <p>It calls {@code ClassLoader.defineClass1(null, …)}, the JDK's own native definer, which
 * {@code java.lang} does not export. {@link AgentLauncher} therefore loads this class alone in a
 * throw-away class loader and opens {@code java.lang} to that loader's unnamed module only: no
 * application class gains any access. Where any of this is not possible (JDK 11–14 have another
 * signature), {@link #define} answers {@code false} and the launcher appends the jar instead.
 */
public final class BootstrapDefiner {

    private static final String PACKAGE_PATH = "dev/turnstile/bootstrap/";

    private BootstrapDefiner() {
    }

    /** Defines every class of the bridge package found in {@code jar}; false when it could not. */
    public static boolean define(JarFile jar) {
        try {
            Method defineClass1 = ClassLoader.class.getDeclaredMethod("defineClass1", ClassLoader.class,
                    String.class, byte[].class, int.class, int.class, ProtectionDomain.class, String.class);
            defineClass1.setAccessible(true);
            Map<String, byte[]> pending = bridgeClasses(jar);
            // A class is defined after its supertypes: define what can be, then retry the rest.
            while (!pending.isEmpty()) {
                List<String> defined = new ArrayList<>();
                LinkageError lastFailure = null;
                for (Map.Entry<String, byte[]> entry : pending.entrySet()) {
                    try {
                        defineOne(defineClass1, entry.getKey(), entry.getValue());
                        defined.add(entry.getKey());
                    } catch (LinkageError notYet) {
                        lastFailure = notYet;
                    }
                }
                if (defined.isEmpty()) {
                    throw lastFailure;
                }
                pending.keySet().removeAll(defined);
            }
            return true;
        } catch (ReflectiveOperationException | IOException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static void defineOne(Method defineClass1, String name, byte[] bytes) throws IllegalAccessException {
        try {
            defineClass1.invoke(null, null, name, bytes, 0, bytes.length, null, null);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof LinkageError) {
                throw (LinkageError) e.getCause();
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Map<String, byte[]> bridgeClasses(JarFile jar) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (JarEntry entry : Collections.list((Enumeration<JarEntry>) jar.entries())) {
            String path = entry.getName();
            if (path.startsWith(PACKAGE_PATH) && path.endsWith(".class") && path.indexOf('/', PACKAGE_PATH.length()) < 0
                    && !path.endsWith("package-info.class")) {
                try (InputStream in = jar.getInputStream(entry)) {
                    classes.put(path.substring(0, path.length() - ".class".length()).replace('/', '.'), in.readAllBytes());
                }
            }
        }
        return classes;
    }
}
