package dev.ramphook.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a measuring {@code main} in a JVM of its own compiled by C1 alone ({@code -XX:TieredStopAtLevel=1}), on the
 * test class path, and finds its result line. The allocation tests count bytes this way: every allocation counts,
 * the same from run to run, whatever C2's escape analysis would have removed in a JVM shaped by other tests.
 */
public final class C1Measure {

    private C1Measure() {
    }

    /**
     * Runs {@code main}'s {@code main(args)} and returns the first match of {@code result} in its output; fails the
     * test when the JVM does not finish within {@code minutes}, exits non-zero, or prints no such line.
     *
     * @param main    the class whose {@code main} measures and prints one line
     * @param heap    the JVM's maximum heap, such as {@code 256m}
     * @param minutes how long the JVM may take
     * @param result  the result line, with its figures as groups (multi-line mode is set)
     * @param args    the arguments for {@code main}
     * @return the matched line
     * @throws Exception when the JVM cannot be started or is interrupted
     */
    public static Matcher run(Class<?> main, String heap, long minutes, String result, String... args)
            throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-Xmx" + heap,
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(minutes, TimeUnit.MINUTES)).as("measuring JVM finished").isTrue();
        assertThat(process.exitValue()).as("measuring JVM's exit status; its output:%n%s", output).isZero();
        Matcher line = Pattern.compile("(?m)" + result).matcher(output);
        assertThat(line.find()).as("a measure in the output:%n%s", output).isTrue();
        System.out.println(line.group());
        return line;
    }
}
