package dev.turnstile.extension;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Loads the parts of an integration that must see a library's own types (an OkHttp
 * {@code Interceptor}, an Apache entity wrapper) next to that library, without injecting anything
 * into the application's class loader.
 *
 * <p>One helper loader per (library class loader, integration). Its parent is the library's
 * loader, so library types resolve as the application sees them; classes under the integration's
 * {@code .library.} package are defined here from the agent jar; every other Turnstile class comes
 * from the agent's own loader, so all helpers share one scheduler. The application cannot name
 * any of these classes: nothing is added to its loader.
 */
public final class HelperLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final Map<ClassLoader, Map<String, WeakReference<HelperLoader>>> LOADERS = new WeakHashMap<>();

    private final ClassLoader agentLoader;
    private final String helperPrefix;

    private HelperLoader(ClassLoader library, ClassLoader agentLoader, String helperPrefix) {
        super("turnstile-helpers", library);
        this.agentLoader = agentLoader;
        this.helperPrefix = helperPrefix;
    }

    /**
     * Creates an instance of {@code helperClass} (public, with a public no-argument constructor)
     * as seen from {@code libraryLoader}. {@code helperClass} must lie in a package ending in
     * {@code .library}. Returns the same class for the same library loader every time.
     */
    public static Object newInstance(ClassLoader libraryLoader, String helperClass) throws ReflectiveOperationException {
        return helperClass(libraryLoader, helperClass).getDeclaredConstructor().newInstance();
    }

    /** The helper class itself, as {@link #newInstance} would define it. */
    public static Class<?> helperClass(ClassLoader libraryLoader, String helperClass) throws ClassNotFoundException {
        int marker = helperClass.lastIndexOf(".library.");
        if (marker < 0) {
            throw new IllegalArgumentException(helperClass + " is not in a '.library' package");
        }
        String prefix = helperClass.substring(0, marker + ".library.".length());
        return Class.forName(helperClass, true, loaderFor(libraryLoader, prefix));
    }

    private static HelperLoader loaderFor(ClassLoader library, String prefix) {
        ClassLoader key = library == null ? ClassLoader.getSystemClassLoader() : library;
        synchronized (LOADERS) {
            Map<String, WeakReference<HelperLoader>> byPrefix = LOADERS.computeIfAbsent(key, k -> new HashMap<>());
            WeakReference<HelperLoader> reference = byPrefix.get(prefix);
            HelperLoader loader = reference == null ? null : reference.get();
            if (loader == null) {
                // Weakly held: the library's own objects (a client holding our interceptor) keep it alive.
                loader = new HelperLoader(key, HelperLoader.class.getClassLoader(), prefix);
                byPrefix.put(prefix, new WeakReference<>(loader));
            }
            return loader;
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                if (name.startsWith(helperPrefix)) {
                    loaded = defineHelper(name);
                } else if (name.startsWith("dev.turnstile.")) {
                    loaded = agentLoader.loadClass(name);
                } else {
                    loaded = getParent().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private Class<?> defineHelper(String name) throws ClassNotFoundException {
        String resource = name.replace('.', '/') + ".class";
        try (InputStream in = agentLoader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length, HelperLoader.class.getProtectionDomain());
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
