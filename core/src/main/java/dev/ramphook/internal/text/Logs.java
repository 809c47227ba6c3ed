package dev.ramphook.internal.text;

import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * The one place library classes get their logger. SLF4J's logger when the application has an SLF4J provider
 * (Logback, Log4j's slf4j2-impl, slf4j-simple, jul-to-slf4j …); otherwise a logger that writes to
 * {@code java.util.logging}, which every container already sends to its own logs (Tomcat's JULI, Jetty, WildFly) and
 * a plain JVM prints to standard error. Without this, an application with ramphook's jars alone gets SLF4J's no-op
 * fallback, and every start-up summary, refused delivery and handler stack trace is lost.
 *
 * <p>The library never ships an SLF4J provider: one on the class path would take over the application's logging.
 * An application that chose silence on purpose (the {@code slf4j-nop} provider, or the {@code slf4j.provider}
 * system property) is respected.
 */
public final class Logs {

    private static final String NOP_PROVIDER = "org.slf4j.nop.NOPServiceProvider";

    private Logs() {
    }

    /** The logger for a library class, named after it. */
    public static Logger get(Class<?> type) {
        return slf4jDiscardsEverything() ? new JulLogger(type.getName()) : LoggerFactory.getLogger(type);
    }

    /** True when SLF4J fell back to its no-op logger because no provider was found. */
    static boolean slf4jDiscardsEverything() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        return factory instanceof NOPLoggerFactory && !silenceChosen();
    }

    private static boolean silenceChosen() {
        if (System.getProperty("slf4j.provider") != null) {
            return true;
        }
        try {
            Class.forName(NOP_PROVIDER, false, LoggerFactory.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
