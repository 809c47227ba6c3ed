package dev.ramphook.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * The core path's cost as thread CPU time and allocated bytes per delivery, for a machine too loaded for JMH's wall
 * clock: {@link DeliveryBenchmark#ramphook} and {@link DeliveryBenchmark#readTree} (0.3 KB bodies, each on its own
 * ring) alternate in rounds of 20,000 calls in one JVM, and the medians and the median ratio are printed. CPU time
 * does not count the time the thread waited for a core, so other tenants move it far less than wall time (they still
 * move it some: caches, shared cores). Run the same command on two checkouts, alternating, and compare the ratios.
 *
 * <pre>
 * mvn -pl core -Pbench -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt \
 *     -Dmdep.includeScope=test
 * java -cp core/target/classes:core/target/test-classes:$(cat core/target/cp.txt) \
 *     dev.ramphook.bench.CpuPerDelivery zbd 20
 * </pre>
 */
public final class CpuPerDelivery {

    private static final int CALLS_PER_ROUND = 20_000;
    private static final int WARM_UP_CALLS = 100_000;

    private CpuPerDelivery() {
    }

    /**
     * Measures and prints one line.
     *
     * @param args provider ({@code zbd} or {@code mecash}) and, optionally, the number of rounds (default 20)
     * @throws IOException never: {@code readTree} of the benchmark's own bodies
     */
    public static void main(String[] args) throws IOException {
        String provider = args[0];
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        DeliveryBenchmark path = benchmark(provider);
        DeliveryBenchmark tree = benchmark(provider); // its own ring: the path's deliveries stay new events
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            path.ramphook();
            tree.readTree();
        }
        double[] pathNanos = new double[rounds];
        double[] treeNanos = new double[rounds];
        double[] ratios = new double[rounds];
        double[] pathBytes = new double[rounds];
        double[] treeBytes = new double[rounds];
        Object last = null;
        for (int r = 0; r < rounds; r++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long bytes = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < CALLS_PER_ROUND; i++) {
                last = path.ramphook();
            }
            pathNanos[r] = (threads.getCurrentThreadCpuTime() - cpu) / (double) CALLS_PER_ROUND;
            pathBytes[r] = (threads.getCurrentThreadAllocatedBytes() - bytes) / (double) CALLS_PER_ROUND;
            cpu = threads.getCurrentThreadCpuTime();
            bytes = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < CALLS_PER_ROUND; i++) {
                last = tree.readTree();
            }
            treeNanos[r] = (threads.getCurrentThreadCpuTime() - cpu) / (double) CALLS_PER_ROUND;
            treeBytes[r] = (threads.getCurrentThreadAllocatedBytes() - bytes) / (double) CALLS_PER_ROUND;
            ratios[r] = pathNanos[r] / treeNanos[r];
        }
        path.everyDeliveryWasNew();
        System.out.printf("%s 0.3 KB, thread CPU ns per call (median of %d rounds, min): ramphook %.0f (%.0f), "
                        + "readTree %.0f (%.0f), ratio %.2f (%.2f); bytes per call: ramphook %.0f, readTree %.0f%n",
                provider, rounds, median(pathNanos), min(pathNanos), median(treeNanos), min(treeNanos),
                median(ratios), min(ratios), median(pathBytes), median(treeBytes));
        if (last == null) { // used, so the calls cannot be optimised away
            throw new IllegalStateException("no result");
        }
        path.tearDown();
        tree.tearDown();
    }

    private static DeliveryBenchmark benchmark(String provider) {
        DeliveryBenchmark b = new DeliveryBenchmark();
        b.provider = provider;
        b.size = 300;
        b.setUp();
        return b;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }
}
