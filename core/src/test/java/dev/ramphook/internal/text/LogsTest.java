package dev.ramphook.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogsTest {

    // A name no other test logs under, so that the handler sees this test's lines only.
    private static final String NAME = Logs.class.getName();

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final java.util.logging.Logger jul = java.util.logging.Logger.getLogger(NAME);

    @BeforeEach
    void captureJavaUtilLogging() {
        jul.addHandler(capture);
        jul.setLevel(java.util.logging.Level.INFO);
    }

    @AfterEach
    void release() {
        jul.removeHandler(capture);
        jul.setLevel(null);
    }

    @Test
    void withAnSlf4jProviderTheLoggerIsSlf4jsOwn() {
        // The test class path has slf4j-simple, as an application with Logback or Log4j has its provider.
        Logger logger = Logs.get(Logs.class);

        assertThat(logger).isNotInstanceOf(JulLogger.class).isSameAs(LoggerFactory.getLogger(Logs.class));
    }

    @Test
    void withoutAnSlf4jProviderLinesGoToJavaUtilLogging() throws Exception {
        Object logger = loggerWithoutProvider();

        info(logger, "receiving at {} with {} handler(s)", "/webhooks/zbd", 2);

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(java.util.logging.Level.INFO);
            assertThat(record.getLoggerName()).isEqualTo(NAME);
            assertThat(record.getMessage()).isEqualTo("receiving at /webhooks/zbd with 2 handler(s)");
            assertThat(record.getSourceClassName()).isEqualTo(LogsTest.class.getName());
        });
    }

    @Test
    void throwableAsLastArgumentBecomesTheRecordsThrown() throws Exception {
        Object logger = loggerWithoutProvider();
        IllegalStateException failure = new IllegalStateException("handler failed");

        call(logger, "error", new Class<?>[] {String.class, Object.class, Object.class}, "handler {} failed",
                "Payments.settled", failure);

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(java.util.logging.Level.SEVERE);
            assertThat(record.getMessage()).isEqualTo("handler Payments.settled failed");
            assertThat(record.getThrown()).isSameAs(failure);
        });
    }

    @Test
    void levelsBelowTheJavaUtilLoggingLevelAreNotPublished() throws Exception {
        Object logger = loggerWithoutProvider();

        call(logger, "debug", new Class<?>[] {String.class}, "debug line");
        call(logger, "warn", new Class<?>[] {String.class}, "warn line");

        assertThat(call(logger, "isDebugEnabled", new Class<?>[0])).isEqualTo(false);
        assertThat(records).extracting(LogRecord::getMessage).containsExactly("warn line");
        assertThat(records.get(0).getLevel()).isEqualTo(java.util.logging.Level.WARNING);
    }

    /**
     * {@link Logs#get} in a class loader that sees only slf4j-api and the library's own classes, as in a WAR with
     * ramphook's jars and no logging back-end.
     */
    private static Object loggerWithoutProvider() throws Exception {
        URL api = LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation();
        URL library = Logs.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader isolated = new URLClassLoader(new URL[] {api, library}, ClassLoader.getPlatformClassLoader());
        Class<?> logs = Class.forName(Logs.class.getName(), true, isolated);
        Class<?> named = Class.forName(NAME, false, isolated);
        Object logger = logs.getMethod("get", Class.class).invoke(null, named);
        assertThat(logger.getClass().getName()).isEqualTo(JulLogger.class.getName());
        return logger;
    }

    private static void info(Object logger, String pattern, Object first, Object second) throws Exception {
        call(logger, "info", new Class<?>[] {String.class, Object.class, Object.class}, pattern, first, second);
    }

    /** Calls a method of the isolated class loader's {@code org.slf4j.Logger} interface. */
    private static Object call(Object logger, String name, Class<?>[] types, Object... arguments) throws Exception {
        Class<?> api = Class.forName("org.slf4j.Logger", false, logger.getClass().getClassLoader());
        Method method = api.getMethod(name, types);
        return method.invoke(logger, arguments);
    }
}
