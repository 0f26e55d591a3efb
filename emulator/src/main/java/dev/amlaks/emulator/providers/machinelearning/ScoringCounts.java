package dev.amlaks.emulator.providers.machinelearning;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many scoring calls each deployment was sent, since it was created: kept in memory (a count
 * of calls, not state a restart must keep), started again when a deployment of that id is created
 * (after a reset, a delete, a scenario load).
 */
final class ScoringCounts {

    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

    void called(String deploymentKey) {
        calls.computeIfAbsent(deploymentKey, k -> new AtomicLong()).incrementAndGet();
    }

    long of(String deploymentKey) {
        AtomicLong n = calls.get(deploymentKey);
        return n == null ? 0 : n.get();
    }

    void created(String deploymentKey) {
        calls.remove(deploymentKey);
    }
}
