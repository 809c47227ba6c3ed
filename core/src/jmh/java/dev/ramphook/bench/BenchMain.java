package dev.ramphook.bench;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
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
        System.out.println("ramphook full path against baselines measured in this run (time per delivery, "
                + "lower is better; ratio = ramphook / baseline)");
        System.out.printf("%-7s %6s %7s | %10s %10s %10s %10s | %8s %8s %8s | %9s %9s %9s%n",
                "prov", "size", "bytes", "ramphook", "readTree", "statusQuo", "sqVerified",
                "/readTr", "/sQuo", "/sqVer", "B/op rh", "B/op rT", "B/op sQ");
        for (Map.Entry<String, Map<String, RunResult>> e : byCase.entrySet()) {
            String[] ps = e.getKey().split(" ");
            Map<String, RunResult> m = e.getValue();
            RunResult full = m.get("ramphook");
            System.out.printf("%-7s %6s %7d | %10s %10s %10s %10s | %8s %8s %8s | %9s %9s %9s%n",
                    ps[0], ps[1], Payloads.actualSize(ps[0], Integer.parseInt(ps[1])),
                    time(full), time(m.get(BASELINES[0])), time(m.get(BASELINES[1])), time(m.get(BASELINES[2])),
                    ratio(full, m.get(BASELINES[0])), ratio(full, m.get(BASELINES[1])),
                    ratio(full, m.get(BASELINES[2])),
                    alloc(full), alloc(m.get(BASELINES[0])), alloc(m.get(BASELINES[1])));
        }
        System.out.println("times in " + unit(results) + "; B/op = gc.alloc.rate.norm (needs -prof gc)");
    }

    private static String time(RunResult r) {
        return r == null ? "-" : String.format("%.2f", r.getPrimaryResult().getScore());
    }

    private static String ratio(RunResult full, RunResult base) {
        if (full == null || base == null) {
            return "-";
        }
        return String.format("%.2fx", full.getPrimaryResult().getScore() / base.getPrimaryResult().getScore());
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
