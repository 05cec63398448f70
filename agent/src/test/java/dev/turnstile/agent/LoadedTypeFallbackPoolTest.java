package dev.turnstile.agent;

import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A type without a class file (as another agent's generated types are) is described from its loaded class. */
class LoadedTypeFallbackPoolTest {

    /** Loaded here, but invisible to a locator that finds no class file at all. */
    interface Marker {
    }

    @Test
    void aLoadedTypeWithoutAClassFileIsDescribedFromTheLoadedClass() {
        TypePool pool = new LoadedTypeFallbackPool(ClassFileLocator.NoOp.INSTANCE, Marker.class.getClassLoader());

        TypePool.Resolution resolution = pool.describe(Marker.class.getName());

        assertThat(resolution.isResolved()).isTrue();
        assertThat(resolution.resolve().isInterface()).isTrue();
        assertThat(TypePool.Default.of(ClassFileLocator.NoOp.INSTANCE).describe(Marker.class.getName()).isResolved())
                .as("the plain pool cannot").isFalse();
    }

    @Test
    void aTypeThatIsNeitherAClassFileNorLoadableStaysUnresolved() {
        TypePool pool = new LoadedTypeFallbackPool(ClassFileLocator.NoOp.INSTANCE, getClass().getClassLoader());

        assertThat(pool.describe("no.such.Type").isResolved()).isFalse();
    }
}
