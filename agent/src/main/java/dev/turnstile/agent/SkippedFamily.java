package dev.turnstile.agent;

import dev.turnstile.extension.SupportedLibrary;

import java.io.File;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A family left out of a class loader whose library lacks part of its shape. Queued while a
 * class is being transformed, and described later, off class loading: only then is the
 * library's jar opened for its version.
 */
final class SkippedFamily {

    private final String family;
    private final SupportedLibrary library;
    private final ClassLoader loader;
    private final String trigger;
    private final String missing;

    /** {@code trigger}: the class whose transformation found it, there when the probe class is not. */
    SkippedFamily(String family, SupportedLibrary library, ClassLoader loader, String trigger, String missing) {
        this.family = family;
        this.library = library;
        this.loader = loader;
        this.trigger = trigger;
        this.missing = missing;
    }

    /** One line: the family, the library and its version, what it supports, and what is missing. */
    String describe() {
        return family + ": " + library.name() + " " + version() + " is not supported (supported: "
                + library.versions() + "); nothing of it is changed in class loader " + loaderName()
                + ", and its calls there go ungated. Missing: " + missing;
    }

    private String loaderName() {
        if (loader == null) {
            return "bootstrap";
        }
        return loader.getName() != null ? "'" + loader.getName() + "'" : loader.getClass().getName();
    }

    /**
     * The version named by the jar of the library's probe class (or of the class that found the
     * gap): its manifest, else the jar's file name; the JDK's version for a class of the JDK.
     */
    String version() {
        for (String type : new String[] {library.probeClass(), trigger}) {
            try {
                String resource = type.replace('.', '/') + ".class";
                URL url = loader == null ? ClassLoader.getSystemResource(resource) : loader.getResource(resource);
                if (url == null) {
                    continue;
                }
                if ("jrt".equals(url.getProtocol())) {
                    return "of JDK " + Runtime.version();
                }
                URLConnection connection = url.openConnection();
                if (connection instanceof JarURLConnection) {
                    return fromJar((JarURLConnection) connection);
                }
            } catch (IOException | RuntimeException unreadable) {
                // no version to tell from this one
            }
        }
        return "(version unknown)";
    }

    private static String fromJar(JarURLConnection connection) throws IOException {
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            Manifest manifest = jar.getManifest();
            if (manifest != null) {
                Attributes main = manifest.getMainAttributes();
                for (String key : new String[] {"Implementation-Version", "Bundle-Version"}) {
                    String version = main.getValue(key);
                    if (version != null && !version.isEmpty()) {
                        return version;
                    }
                }
            }
            return "(" + new File(jar.getName()).getName() + ")";
        }
    }
}
