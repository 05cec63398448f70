package dev.turnstile.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code -javaagent:turnstile-agent.jar=KEY=VALUE;KEY=VALUE} string. The {@code turnstile.}
 * prefix may be left out, whitespace around keys and values is ignored, empty segments are skipped and
 * a value may contain {@code =}. A later segment with the same key wins.
 */
final class AgentArguments {

    private AgentArguments() {
    }

    static Map<String, String> settings(String agentArgs, List<String> problems) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (agentArgs == null) {
            return settings;
        }
        for (String segment : agentArgs.split(";")) {
            String trimmed = segment.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            String key = equals < 0 ? "" : trimmed.substring(0, equals).trim();
            if (key.isEmpty()) {
                problems.add("agent argument " + Checks.quote(trimmed)
                        + ": expected KEY=VALUE, with ';' between settings (e.g. providers.openai.limit=4); ignored");
                continue;
            }
            settings.put(KeyPrefix.fullKey(key), trimmed.substring(equals + 1).trim());
        }
        return settings;
    }
}
