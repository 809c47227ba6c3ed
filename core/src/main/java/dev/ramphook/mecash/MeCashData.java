package dev.ramphook.mecash;

/** What every typed meCash event carries. A handler that takes this type receives every typed meCash event. */
public sealed interface MeCashData permits MeCashPayout, MeCashFiatTransaction {

    /** {@return meCash's transaction id, never null} */
    String id();

    /** {@return the transaction state, such as {@code COMPLETED}, {@code FAILED} or {@code PENDING}; never null} */
    String state();
}
