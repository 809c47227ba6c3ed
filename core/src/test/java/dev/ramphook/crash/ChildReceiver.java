package dev.ramphook.crash;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link CrashReceiverMain} running in a child JVM on the test class path. */
final class ChildReceiver implements AutoCloseable {

    private final Process process;

    private ChildReceiver(Process process) {
        this.process = process;
    }

    static ChildReceiver start(String jdbcUrl, String prefix, int port, String name) throws IOException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        // Surefire runs tests from a manifest-only jar; the real class path is in this property.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        File log = new File("target/crash-receiver-" + name + ".log");
        Process process = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", classPath,
                CrashReceiverMain.class.getName(), jdbcUrl, prefix, Integer.toString(port), name))
                .redirectError(ProcessBuilder.Redirect.to(log))
                .start();
        ChildReceiver child = new ChildReceiver(process);
        try {
            child.awaitReady(log);
        } catch (IOException | RuntimeException e) {
            child.close();
            throw e;
        }
        return child;
    }

    private void awaitReady(File log) throws IOException {
        BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.equals("READY")) {
                return;
            }
        }
        throw new IllegalStateException("receiver exited before it was ready; see " + log);
    }

    /** SIGKILL: no shutdown hook, no graceful close, claims left behind. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Closing standard input asks the child to shut down gracefully; it is killed if it takes too long. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
