package dev.turnstile.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClassLoaderStatsTest {

    /** Trimmed from a real {@code jcmd PID VM.classloader_stats} of a JVM with the agent (JDK 17). */
    private static final String OUTPUT = String.join("\n",
            "1667:",
            "ClassLoader         Parent              CLD*               Classes   ChunkSz   BlockSz  Type",
            "0x00007f53730094e8  0x0000000000000000  0x00007f53544d2f30       1       512       429  "
                    + "jdk.internal.reflect.DelegatingClassLoader",
            "0x00007f5374043700  0x00007f537307d1e8  0x00007f53f41d4170    1603    789376    787148  "
                    + "dev.turnstile.bootstrap.AgentClassLoader",
            "0x00007f5374031a18  0x00007f5374043700  0x00007f53f431d970       1       768       279  "
                    + "dev.turnstile.shaded.bytebuddy.utility.dispatcher.JavaDispatcher$DynamicClassLoader",
            "0x00007f537307af08  0x00007f537307d1e8  0x00007f53f4194ab0       2      1024       864  "
                    + "jdk.internal.loader.ClassLoaders$AppClassLoader",
            "0x0000000000000000  0x0000000000000000  0x00007f53f413a2a0    1948    603136    564173  <boot class loader>",
            "                                                                39     15360      9778   + hidden classes",
            "0x00007f53730094e8  0x00007f5374043700  0x00007f53f435c1a0       1       512       429  "
                    + "jdk.internal.reflect.DelegatingClassLoader",
            "Total = 15                                                    3605   1415552   1366398  ",
            "ChunkSz: Total size of all allocated metaspace chunks");

    @Test
    void readsEveryLoaderRowAndAddsHiddenClassesToTheRowAbove() {
        ClassLoaderStats stats = ClassLoaderStats.parse(OUTPUT);

        assertThat(stats.loaders).hasSize(6);
        ClassLoaderStats.Loader boot = stats.loaders.get(4);
        assertThat(boot.type).isEqualTo("<boot class loader>");
        assertThat(boot.classes).isEqualTo(1948 + 39);
        assertThat(boot.metaspaceBytes).isEqualTo(603136 + 15360);
    }

    @Test
    void theAgentOwnsItsLoadersAndTheLoadersTheyParentButNotOtherDelegatingLoaders() {
        ClassLoaderStats stats = ClassLoaderStats.parse(OUTPUT);

        assertThat(stats.agentClasses()).isEqualTo(1603 + 1 + 1);
        assertThat(stats.agentMetaspaceBytes()).isEqualTo(789376 + 768 + 512);
    }

    @Test
    void aJvmWithoutTheAgentHasNoAgentClasses() {
        String withoutAgent = String.join("\n",
                "0x00007f537307af08  0x00007f537307d1e8  0x00007f53f4194ab0       2      1024       864  "
                        + "jdk.internal.loader.ClassLoaders$AppClassLoader");

        assertThat(ClassLoaderStats.parse(withoutAgent).agentClasses()).isZero();
    }
}
