package dev.turnstile.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every family's plan, looked up by the internal name ({@code a/b/C}) a class file transformer
 * is told: a class being loaded costs one map look-up, and is parsed only when it is planned.
 */
final class AdviceIndex {

    private final Map<String, List<FamilyPlan.Entry>> byInternalName = new HashMap<>();

    /** Adds a family's finished plan. */
    void add(FamilyPlan family) {
        for (Map.Entry<String, List<FamilyPlan.Entry>> planned : family.types().entrySet()) {
            byInternalName.computeIfAbsent(planned.getKey().replace('.', '/'), key -> new ArrayList<>())
                    .addAll(planned.getValue());
        }
    }

    /** The advice for a class, by internal name, of every family that plans it; empty when none does. */
    List<FamilyPlan.Entry> entriesFor(String internalName) {
        List<FamilyPlan.Entry> entries = byInternalName.get(internalName);
        return entries == null ? Collections.emptyList() : entries;
    }

    boolean covers(String binaryName) {
        return byInternalName.containsKey(binaryName.replace('.', '/'));
    }
}
