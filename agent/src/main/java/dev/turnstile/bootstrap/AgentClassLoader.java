package dev.turnstile.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Loads the agent's classes from the jar's {@code inst/} folder, where they are stored as
 * {@code .classdata} so that the application class loader (which also has the jar on its class
 * path) cannot find them. Its parent is the platform loader: the agent sees the JDK, including
 * {@code java.net.http} and {@code java.management}, but no application class.
 *
 * <p>Resources are served from {@code inst/} too, and a request for {@code X.class} is answered
 * with {@code inst/X.classdata}, so Byte Buddy can read our advice classes.
 */
public final class AgentClassLoader extends ClassLoader {

    private static final String PREFIX = "inst/";
    private static final String CLASS_SUFFIX = ".class";
    private static final String CLASSDATA_SUFFIX = ".classdata";

    static {
        registerAsParallelCapable();
    }

    private final JarFile jar;
    private final URL jarUrl;
    private final ProtectionDomain protectionDomain;
    /** The jar's {@code Implementation-Version}, given to every package so the agent can name its version. */
    private final String version;

    public AgentClassLoader(JarFile jar, URL jarUrl, ClassLoader parent) {
        super("turnstile", parent);
        this.jar = jar;
        this.jarUrl = jarUrl;
        this.protectionDomain = new ProtectionDomain(new CodeSource(jarUrl, (Certificate[]) null), null, this, null);
        this.version = implementationVersion(jar);
    }

    private static String implementationVersion(JarFile jar) {
        try {
            Manifest manifest = jar.getManifest();
            return manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + CLASSDATA_SUFFIX);
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try {
            bytes = read(entry);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
        definePackageOf(name);
        return defineClass(name, bytes, 0, bytes.length, protectionDomain);
    }

    /**
     * The entry's bytes in one array of its size. {@code readAllBytes} would read through an 8 KB
     * buffer and copy the result: with two thousand classes loaded at start, some 20 MB of
     * garbage, enough to make G1 grow a small application's young generation.
     */
    private byte[] read(JarEntry entry) throws IOException {
        long size = entry.getSize();
        try (InputStream in = jar.getInputStream(entry)) {
            if (size < 0 || size > Integer.MAX_VALUE - 8) {
                return in.readAllBytes(); // a size the jar does not state: read to the end
            }
            byte[] bytes = new byte[(int) size];
            int read = in.readNBytes(bytes, 0, bytes.length);
            if (read != bytes.length || in.read() != -1) {
                throw new IOException(entry.getName() + ": " + read + " bytes where the jar states " + size);
            }
            return bytes;
        }
    }

    private void definePackageOf(String className) {
        int dot = className.lastIndexOf('.');
        if (dot > 0) {
            String packageName = className.substring(0, dot);
            if (getDefinedPackage(packageName) == null) {
                try {
                    definePackage(packageName, null, null, null, null, version, null, null);
                } catch (IllegalArgumentException raced) {
                    // another thread defined it first
                }
            }
        }
    }

    @Override
    protected URL findResource(String name) {
        JarEntry entry = jar.getJarEntry(PREFIX + storedName(name));
        if (entry == null) {
            return null;
        }
        try {
            return new URL("jar:" + jarUrl + "!/" + entry.getName());
        } catch (MalformedURLException e) {
            return null;
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
    }

    private static String storedName(String name) {
        return name.endsWith(CLASS_SUFFIX)
                ? name.substring(0, name.length() - CLASS_SUFFIX.length()) + CLASSDATA_SUFFIX
                : name;
    }
}
