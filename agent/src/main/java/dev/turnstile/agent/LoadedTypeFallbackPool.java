package dev.turnstile.agent;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Describes types from their class files, and a type that has none from the class already
 * loaded. Another agent may have made a JDK class implement a type it generated at run time
 * (OpenTelemetry's {@code VirtualFieldAccessor$…}, defined in the boot loader with no class file
 * anywhere); without this the class could not be described and would go ungated. The loaded class
 * is looked up without initializing it, and only for a name no class file answers, so a class on
 * its way to be loaded (the one being transformed) is never asked for.
 */
final class LoadedTypeFallbackPool extends TypePool.Default {

    private final ClassLoader loader;

    LoadedTypeFallbackPool(ClassFileLocator locator, ClassLoader loader) {
        super(new CacheProvider.Simple(), locator, ReaderMode.FAST);
        this.loader = loader;
    }

    @Override
    protected Resolution doDescribe(String name) {
        Resolution fromClassFile = super.doDescribe(name);
        if (fromClassFile.isResolved()) {
            return fromClassFile;
        }
        try {
            return new Resolution.Simple(TypeDescription.ForLoadedType.of(Class.forName(name, false, loader)));
        } catch (ClassNotFoundException | LinkageError | RuntimeException notLoadable) {
            return fromClassFile;
        }
    }
}
