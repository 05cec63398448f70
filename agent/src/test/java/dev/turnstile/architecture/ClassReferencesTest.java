package dev.turnstile.architecture;

import org.junit.jupiter.api.Test;

import javax.management.ObjectName;
import java.io.IOException;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ClassReferences} sees a class wherever compiled code can name it, and not in a string. */
class ClassReferencesTest {

    @Retention(RetentionPolicy.CLASS)
    @interface Marker {
    }

    /** Each member names one class in one place of the class file; none of them is used otherwise. */
    @SuppressWarnings("unused")
    abstract static class Fixture<T extends java.io.Closeable & java.util.RandomAccess> implements Callable<Fixture<T>> {
        private List<java.util.logging.Level> onlyInAGenericSignature;
        private Map<String, ? super java.sql.Date>[] wildcardInAnArray;
        private final String onlyInAString = "javax.naming.Context";

        abstract java.util.zip.CRC32 returned(java.util.jar.JarFile parameter) throws java.rmi.RemoteException;

        @Marker
        abstract void annotated();

        Object created() {
            return new java.util.concurrent.Phaser();
        }

        Object caught() {
            try {
                return call();
            } catch (java.nio.file.FileSystemException e) {
                return e;
            } catch (Exception e) {
                return null;
            }
        }

        Object castToAnArray(Object value) {
            return (java.time.Instant[][]) value;
        }

        Supplier<java.text.Collator> lambda() {
            return java.text.Collator::getInstance;
        }

        int viaAnotherClassMethod() {
            return ObjectName.WILDCARD.hashCode();
        }
    }

    @Test
    void seesEveryKindOfReferenceAndNoneInAString() throws IOException {
        Path fixture = Paths.get("target/test-classes/dev/turnstile/architecture/ClassReferencesTest$Fixture.class");

        Set<String> referenced = ClassReferences.of(fixture);

        assertThat(referenced).contains(
                "dev/turnstile/architecture/ClassReferencesTest$Fixture",
                "java/io/Closeable", "java/util/RandomAccess", "java/util/concurrent/Callable",
                "java/util/logging/Level", "java/sql/Date",
                "java/util/zip/CRC32", "java/util/jar/JarFile", "java/rmi/RemoteException",
                "dev/turnstile/architecture/ClassReferencesTest$Marker",
                "java/util/concurrent/Phaser", "java/nio/file/FileSystemException", "java/time/Instant",
                "java/text/Collator", "javax/management/ObjectName");
        assertThat(referenced).as("named only in a string constant").doesNotContain("javax/naming/Context");
        assertThat(referenced).allMatch(name -> name.matches("[\\w/$]+"), "plain internal names");
    }

    @Test
    void aPackageIsItsNameUpToTheLastSlash() {
        assertThat(ClassReferences.packageOf("java/util/Map$Entry")).isEqualTo("java.util");
        assertThat(ClassReferences.packageOf("Unnamed")).isEmpty();
    }
}
