package dev.amlaks.emulator.providers.machinelearning;

import dev.amlaks.emulator.fixtures.VmSizesFixture;
import dev.amlaks.emulator.providers.containerservice.AksClusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether a deployment's instances fit the nodes of its cluster, as Kubernetes' scheduler decides
 * it: each node offers what AKS leaves allocatable (its VM size's cores and memory less what AKS
 * reserves for the kubelet and eviction), the instances already running there take their share,
 * and each new instance goes to the first node with room for its CPU and memory requests.
 */
final class DeploymentCapacity {

    /** What AKS reserves of a node's CPU, by its cores (millicores), from AKS's documented table. */
    private static final int[][] CPU_RESERVED = {{1, 60}, {2, 100}, {4, 140}, {8, 180}, {16, 260}, {32, 420}, {64, 740}};
    private static final long GIB = 1L << 30;
    private static final long EVICTION = 750L << 20;

    /** A node and what is left of it to schedule on. */
    static final class Node {
        long cpuMillis;
        long memoryBytes;

        Node(long cpuMillis, long memoryBytes) {
            this.cpuMillis = cpuMillis;
            this.memoryBytes = memoryBytes;
        }
    }

    /** Instances that ask for room: how many, and what each requests. */
    record Demand(long instances, long cpuMillis, long memoryBytes) {
    }

    private DeploymentCapacity() {
    }

    /** The cluster's nodes, each with what AKS leaves allocatable on it. */
    static List<Node> nodes(AksClusters.View cluster, Function<String, Optional<VmSizesFixture.Size>> sizes) {
        List<Node> out = new ArrayList<>();
        for (AksClusters.Pool p : cluster.pools()) {
            VmSizesFixture.Size size = sizes.apply(p.vmSize()).orElse(null);
            if (size == null) {
                continue;
            }
            for (long i = 0; i < p.count(); i++) {
                out.add(new Node(allocatableCpu(size.vCPUs()), allocatableMemory((long) (size.memoryGB() * GIB))));
            }
        }
        return out;
    }

    static long allocatableCpu(int cores) {
        int reserved = CPU_RESERVED[CPU_RESERVED.length - 1][1];
        for (int[] row : CPU_RESERVED) {
            if (cores <= row[0]) {
                reserved = row[1];
                break;
            }
        }
        return cores * 1000L - reserved;
    }

    /** AKS's memory reservation: 25% of the first 4 GiB, 20% of the next 4, 10% of the next 8, 6% of the next 112, 2% above; plus 750 MiB for eviction. */
    static long allocatableMemory(long bytes) {
        long[][] bands = {{4 * GIB, 25}, {4 * GIB, 20}, {8 * GIB, 10}, {112 * GIB, 6}, {Long.MAX_VALUE / 4, 2}};
        long left = bytes;
        long reserved = 0;
        for (long[] band : bands) {
            long part = Math.min(left, band[0]);
            reserved += part * band[1] / 100;
            left -= part;
            if (left <= 0) {
                break;
            }
        }
        return Math.max(0, bytes - reserved - EVICTION);
    }

    /**
     * Places what already runs, then {@code wanted}; empty when every instance found a node, else
     * the scheduler's FailedScheduling message for the first that did not.
     */
    static Optional<String> schedule(List<Node> nodes, List<Demand> running, Demand wanted) {
        for (Demand d : running) {
            for (long i = 0; i < d.instances(); i++) {
                place(nodes, d);
            }
        }
        for (long i = 0; i < wanted.instances(); i++) {
            if (!place(nodes, wanted)) {
                return Optional.of(failedScheduling(nodes, wanted));
            }
        }
        return Optional.empty();
    }

    private static boolean place(List<Node> nodes, Demand d) {
        for (Node n : nodes) {
            if (n.cpuMillis >= d.cpuMillis() && n.memoryBytes >= d.memoryBytes()) {
                n.cpuMillis -= d.cpuMillis();
                n.memoryBytes -= d.memoryBytes();
                return true;
            }
        }
        return false;
    }

    /** {@code 0/3 nodes are available: 3 Insufficient cpu, 1 Insufficient memory.}, as Kubernetes writes it. */
    private static String failedScheduling(List<Node> nodes, Demand d) {
        long cpu = nodes.stream().filter(n -> n.cpuMillis < d.cpuMillis()).count();
        long memory = nodes.stream().filter(n -> n.memoryBytes < d.memoryBytes()).count();
        List<String> reasons = new ArrayList<>();
        if (cpu > 0) {
            reasons.add(cpu + " Insufficient cpu");
        }
        if (memory > 0) {
            reasons.add(memory + " Insufficient memory");
        }
        return "0/" + nodes.size() + " nodes are available: " + (reasons.isEmpty() ? nodes.size() + " node(s) had no room"
                : String.join(", ", reasons)) + ".";
    }
}
