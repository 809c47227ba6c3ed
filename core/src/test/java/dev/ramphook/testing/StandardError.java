package dev.ramphook.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What the code under test logs: slf4j-simple (the tests' logging backend) writes to whatever {@code System.err} is
 * at the time of the call, so the log of an action is what it wrote there.
 */
public final class StandardError {

    /** An action that may throw, as a test's body does. */
    public interface Action {
        void run() throws Exception;
    }

    private StandardError() {
    }

    /** Everything written to standard error while {@code action} ran. */
    public static String of(Action action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** How many lines of {@code log} contain {@code text}. */
    public static long lines(String log, String text) {
        return Arrays.stream(log.split("\n")).filter(line -> line.contains(text)).count();
    }
}
