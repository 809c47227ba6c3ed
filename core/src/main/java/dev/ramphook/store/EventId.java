package dev.ramphook.store;

/**
 * An event's identity in the in-memory store: its provider and key as they are, with their {@link KeyHash} (the
 * store's keyed SipHash), computed once when the id is made. The hash is the id's {@code hashCode} and the handled
 * key of {@link DoneKeys}: one hash per event serves both tables, the key's {@code String} hash is not needed, and a
 * sender who chooses keys cannot crowd them into one bucket of the store's map either (it cannot compute the hash).
 * Equal ids have equal strings: the hash only rules unequal ones out quickly.
 */
final class EventId extends KeyHash.Words {

    final String provider;
    final String key;

    EventId(KeyHash hash, String provider, String key) {
        this.provider = provider;
        this.key = key;
        hash.hash(provider, key, this);
    }

    /** An id with the given hash words, whatever its strings' hash: for tests of what equality rests on. */
    EventId(String provider, String key, long first, long second) {
        this.provider = provider;
        this.key = key;
        this.first = first;
        this.second = second;
    }

    @Override
    public int hashCode() {
        return (int) (first ^ first >>> 32);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventId other && first == other.first && second == other.second
                && key.equals(other.key) && provider.equals(other.provider);
    }

    /** Never the key: ids are not printed, and a key is provider data. */
    @Override
    public String toString() {
        return "EventId[" + provider + "]";
    }
}
