package dev.ramphook.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs the JMH benchmarks with JMH's usual command-line options, then prints each full-path figure as a ratio of
 * the baselines measured in the same run: on a shared, noisy machine only same-run ratios mean anything.
 */
public final class BenchMain {

    private static final String[] BASELINES = {"readTree", "statusQuo", "statusQuoVerified"};

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
        // provider/size -> benchmark -> result
        Map<String, Map<String, RunResult>> byCase = new TreeMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            String method = label.substring(label.lastIndexOf('.') + 1);
            String key = r.getParams().getParam("provider") + " " + r.getParams().getParam("size");
            byCase.computeIfAbsent(key, k -> new TreeMap<>()).put(method, r);
        }
        System.out.println();
        System.out.println("ramphook full path against baselines measured in this run (median time per delivery over the "
                + "measurement iterations, lower is better; ratio = ramphook / baseline)");
        System.out.printf("%-7s %6s %7s | %10s %10s %10s %10s | %8s %8s %8s | %9s %9s %9s%n",
                "prov", "size", "bytes", "ramphook", "readTree", "statusQuo", "sqVerified",
                "/readTr", "/sQuo", "/sqVer", "B/op rh", "B/op rT", "B/op rR");
        for (Map.Entry<String, Map<String, RunResult>> e : byCase.entrySet()) {
            String[] ps = e.getKey().split(" ");
            Map<String, RunResult> m = e.getValue();
            RunResult full = m.get("ramphook");
            System.out.printf("%-7s %6s %7d | %10s %10s %10s %10s | %8s %8s %8s | %9s %9s %9s%n",
                    ps[0], ps[1], Payloads.actualSize(ps[0], Integer.parseInt(ps[1])),
                    time(full), time(m.get(BASELINES[0])), time(m.get(BASELINES[1])), time(m.get(BASELINES[2])),
                    ratio(full, m.get(BASELINES[0])), ratio(full, m.get(BASELINES[1])),
                    ratio(full, m.get(BASELINES[2])),
                    alloc(full), alloc(m.get(BASELINES[0])), alloc(m.get("ramphookReader")));
        }
        System.out.println();
        System.out.println("metrics bound (ramphookMetered: RamphookMetrics on a SimpleMeterRegistry) against the same "
                + "path without (ramphook), same run");
        System.out.printf("%-7s %6s | %10s %10s | %8s | %9s %9s%n", "prov", "size", "ramphook", "metered", "ratio",
                "B/op rh", "B/op met");
        for (Map.Entry<String, Map<String, RunResult>> e : byCase.entrySet()) {
            String[] ps = e.getKey().split(" ");
            Map<String, RunResult> m = e.getValue();
            System.out.printf("%-7s %6s | %10s %10s | %8s | %9s %9s%n", ps[0], ps[1], time(m.get("ramphook")),
                    time(m.get("ramphookMetered")), ratio(m.get("ramphookMetered"), m.get("ramphook")),
                    alloc(m.get("ramphook")), alloc(m.get("ramphookMetered")));
        }
        System.out.println();
        System.out.println("authentication alone (ramphookVerify: the endpoint's authenticator on requests built in "
                + "advance) against readTree, same run: for meCash's HMAC-SHA512, the floor under the full path");
        System.out.printf("%-7s %6s | %10s %10s | %8s%n", "prov", "size", "verify", "readTree", "ratio");
        for (Map.Entry<String, Map<String, RunResult>> e : byCase.entrySet()) {
            String[] ps = e.getKey().split(" ");
            Map<String, RunResult> m = e.getValue();
            System.out.printf("%-7s %6s | %10s %10s | %8s%n", ps[0], ps[1], time(m.get("ramphookVerify")),
                    time(m.get(BASELINES[0])), ratio(m.get("ramphookVerify"), m.get(BASELINES[0])));
        }
        System.out.println("times in " + unit(results) + "; B/op = gc.alloc.rate.norm (needs -prof gc) of ramphook, "
                + "readTree, and ramphookReader (the library's JSON reader alone)");
    }

    private static String time(RunResult r) {
        return r == null ? "-" : String.format("%.2f", median(r));
    }

    private static String ratio(RunResult full, RunResult base) {
        return full == null || base == null ? "-" : String.format("%.2fx", median(full) / median(base));
    }

    /**
     * The median of the measurement iterations: other tenants of a shared machine add time to some iterations,
     * which drags the mean (JMH's score) far more than the median.
     */
    static double median(RunResult r) {
        List<Double> scores = new ArrayList<>();
        for (BenchmarkResult b : r.getBenchmarkResults()) {
            for (IterationResult i : b.getIterationResults()) {
                scores.add(i.getPrimaryResult().getScore());
            }
        }
        Collections.sort(scores);
        int n = scores.size();
        return n % 2 == 1 ? scores.get(n / 2) : (scores.get(n / 2 - 1) + scores.get(n / 2)) / 2;
    }

    private static String alloc(RunResult r) {
        if (r == null) {
            return "-";
        }
        for (Map.Entry<String, Result> s : r.getSecondaryResults().entrySet()) {
            if (s.getKey().endsWith("gc.alloc.rate.norm")) {
                return String.format("%.0f", s.getValue().getScore());
            }
        }
        return "-";
    }

    private static String unit(Collection<RunResult> results) {
        return results.isEmpty() ? "-" : results.iterator().next().getPrimaryResult().getScoreUnit();
    }
}
