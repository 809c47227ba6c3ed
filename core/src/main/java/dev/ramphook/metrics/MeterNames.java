package dev.ramphook.metrics;

/** The meter names, in one place (the README's table lists the same). */
final class MeterNames {

    static final String DELIVERIES = "ramphook.deliveries";
    static final String VERIFICATION_FAILURES = "ramphook.verification.failures";
    static final String BODY = "ramphook.delivery.body";
    static final String HANDLER_RUNS = "ramphook.handler.runs";
    static final String ATTEMPTS = "ramphook.attempts";
    static final String STORE_OPERATIONS = "ramphook.store.operations";
    static final String BACKLOG = "ramphook.backlog";
    static final String BACKLOG_OLDEST_AGE = "ramphook.backlog.oldest.age";
    static final String DEAD_LETTERS = "ramphook.dead.letters";

    private MeterNames() {
    }
}
