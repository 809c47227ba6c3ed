package dev.ramphook.mecash;

/** What every typed meCash event carries. A handler that takes this type receives every typed meCash event. */
public sealed interface MeCashData permits RampPayout, FiatTransaction {

    /** meCash's transaction id. */
    String id();

    /** The transaction state, such as {@code COMPLETED}, {@code FAILED} or {@code PENDING}. */
    String state();
}
