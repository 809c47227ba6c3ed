/**
 * The receiver: {@link dev.ramphook.receiver.WebhookReceiver} and its builder, which turn the vocabulary of
 * {@code dev.ramphook} (requests, answers, providers, authenticators, handlers, listeners) and an
 * {@link dev.ramphook.store.EventStore} into a running receiver, and {@link dev.ramphook.receiver.ConsoleSettings}
 * for its operator console.
 *
 * <p>This package sits above the engine that it builds and drives, and below the adapters that call it (the servlet
 * filter, the JDK server's handler, Vert.x, Jakarta REST): an adapter for another HTTP stack needs only the
 * receiver's public methods, {@link dev.ramphook.receiver.WebhookReceiver#receive} and, when it reads bodies itself,
 * {@code screenHead} (or {@code screen}), {@code reserveBody}, {@code receiveScreened} (or {@code receiveReserved},
 * which screens the head again), {@code releaseBody}, {@code bodyFailed} and {@code bodyTimedOut}.
 */
package dev.ramphook.receiver;
