package dev.ramphook.internal.engine;

import dev.ramphook.store.StoredEvent;

/** What a failure means for the later events of the same subject, appended to the failure's log line. */
final class SubjectNotes {

    private SubjectNotes() {
    }

    /** Later events of the subject wait while this one is retried. */
    static String whenRetried(StoredEvent event) {
        return event.subject() == null ? ""
                : "; later events of subject " + event.subject() + " wait until it succeeds or is a dead letter";
    }

    /** A dead letter no longer holds its subject back: later events proceed without it. */
    static String whenDead(StoredEvent event) {
        return event.subject() == null ? ""
                : "; later events of subject " + event.subject() + " now proceed without it (a replay runs it after"
                        + " them)";
    }
}
