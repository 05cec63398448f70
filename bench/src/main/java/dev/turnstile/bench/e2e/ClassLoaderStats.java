package dev.turnstile.bench.e2e;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output of {@code jcmd PID VM.classloader_stats}, read to tell which classes belong to the
 * agent: those of its class loaders (type {@code dev.turnstile.…}, which includes the relocated
 * Byte Buddy's loaders) and of loaders they parent (reflection accessors of agent classes).
 */
final class ClassLoaderStats {

    private static final Pattern LOADER = Pattern.compile(
            "^(0x\\p{XDigit}+)\\s+(0x\\p{XDigit}+)\\s+0x\\p{XDigit}+\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\S.*)$");
    private static final Pattern HIDDEN = Pattern.compile("^\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+\\+ hidden classes$");
    private static final String AGENT_PREFIX = "dev.turnstile.";

    /** One loader's row; its hidden classes, listed on the next line, are added to it. */
    static final class Loader {
        final String address;
        final String parent;
        final String type;
        int classes;
        long metaspaceBytes;

        Loader(String address, String parent, String type, int classes, long metaspaceBytes) {
            this.address = address;
            this.parent = parent;
            this.type = type;
            this.classes = classes;
            this.metaspaceBytes = metaspaceBytes;
        }
    }

    final List<Loader> loaders = new ArrayList<>();

    static ClassLoaderStats parse(String jcmdOutput) {
        ClassLoaderStats stats = new ClassLoaderStats();
        Loader last = null;
        for (String line : jcmdOutput.split("\\R")) {
            Matcher loader = LOADER.matcher(line.trim());
            Matcher hidden = HIDDEN.matcher(line);
            if (loader.matches()) {
                last = new Loader(loader.group(1), loader.group(2), loader.group(6).trim(),
                        Integer.parseInt(loader.group(3)), Long.parseLong(loader.group(4)));
                stats.loaders.add(last);
            } else if (hidden.matches() && last != null) {
                last.classes += Integer.parseInt(hidden.group(1));
                last.metaspaceBytes += Long.parseLong(hidden.group(2));
            }
        }
        return stats;
    }

    /**
     * The agent's loaders and the loaders whose parent is one of them. (Reflection's delegating
     * loaders all print the same address, so only the agent's own loaders serve as parents.)
     */
    List<Loader> agentLoaders() {
        Set<String> agent = new HashSet<>();
        for (Loader loader : loaders) {
            if (loader.type.startsWith(AGENT_PREFIX)) {
                agent.add(loader.address);
            }
        }
        List<Loader> result = new ArrayList<>();
        for (Loader loader : loaders) {
            if (loader.type.startsWith(AGENT_PREFIX) || agent.contains(loader.parent)) {
                result.add(loader);
            }
        }
        return result;
    }

    int agentClasses() {
        return agentLoaders().stream().mapToInt(l -> l.classes).sum();
    }

    long agentMetaspaceBytes() {
        return agentLoaders().stream().mapToLong(l -> l.metaspaceBytes).sum();
    }
}
