/**
 * Where a receiver records events before it acknowledges them: deduplication by {@code (provider, key)}, claims
 * for handling, retries, dead letters and retention.
 *
 * <p>Entry points: {@link dev.ramphook.store.EventStore#inMemory()} (the default: bounded, lost on restart, one
 * instance) and {@link dev.ramphook.store.JdbcEventStore#of(javax.sql.DataSource)} (PostgreSQL: durable, shared by
 * several receiver instances), given to {@code WebhookReceiver.Builder.store}. A store of your own implements
 * {@link dev.ramphook.store.EventStore} and proves itself with the contract tests of the {@code ramphook-core}
 * test-jar. Any store operation may fail with {@link dev.ramphook.store.StoreException}; the receiver then answers
 * 503, so the provider retries and nothing acknowledged is lost.
 */
package dev.ramphook.store;
