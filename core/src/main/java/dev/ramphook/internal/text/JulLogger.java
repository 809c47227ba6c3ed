package dev.ramphook.internal.text;

import java.util.logging.LogRecord;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * An SLF4J logger that writes to {@code java.util.logging}, for {@link Logs} when the application has no SLF4J
 * provider. Levels map as the {@code slf4j-jdk14} provider maps them: trace FINEST, debug FINE, info INFO, warn
 * WARNING, error SEVERE.
 */
final class JulLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;
    private static final StackWalker STACK = StackWalker.getInstance();

    // Held strongly: java.util.logging keeps loggers weakly, and a collected one loses its configured level.
    private final transient java.util.logging.Logger jul;

    JulLogger(String name) {
        this.name = name;
        this.jul = java.util.logging.Logger.getLogger(name);
    }

    @Override
    public boolean isTraceEnabled() {
        return jul.isLoggable(java.util.logging.Level.FINEST);
    }

    @Override
    public boolean isDebugEnabled() {
        return jul.isLoggable(java.util.logging.Level.FINE);
    }

    @Override
    public boolean isInfoEnabled() {
        return jul.isLoggable(java.util.logging.Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return jul.isLoggable(java.util.logging.Level.WARNING);
    }

    @Override
    public boolean isErrorEnabled() {
        return jul.isLoggable(java.util.logging.Level.SEVERE);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
                                               Throwable throwable) {
        LogRecord record = new LogRecord(julLevel(level), MessageFormatter.basicArrayFormat(messagePattern, arguments));
        record.setLoggerName(name);
        record.setThrown(throwable);
        // java.util.logging would name this class as the source; name the library class that logged instead.
        STACK.walk(frames -> frames.filter(f -> !f.getClassName().equals(JulLogger.class.getName())
                        && !f.getClassName().startsWith("org.slf4j.")).findFirst())
                .ifPresent(caller -> {
                    record.setSourceClassName(caller.getClassName());
                    record.setSourceMethodName(caller.getMethodName());
                });
        jul.log(record);
    }

    private static java.util.logging.Level julLevel(Level level) {
        return switch (level) {
            case TRACE -> java.util.logging.Level.FINEST;
            case DEBUG -> java.util.logging.Level.FINE;
            case INFO -> java.util.logging.Level.INFO;
            case WARN -> java.util.logging.Level.WARNING;
            case ERROR -> java.util.logging.Level.SEVERE;
        };
    }
}
