package dev.ramphook.internal.engine;

import dev.ramphook.WebhookRequest;
import dev.ramphook.internal.text.ImmutableView;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The headers kept with an event ({@link Headers#kept}), built when first read rather than on every delivery: the
 * in-memory store and a handler that never asks for a header (most of them) read none, and building them (a
 * credential check of every name, a masking scan of every value, a map) was about a tenth of a small delivery's
 * CPU. A durable store reads them when it writes the row, so for it nothing changes but the moment.
 *
 * <p>Until then it holds the request's head (immutable, its header arrays shared and never changed; the engine
 * hands it one without a body stream), credential headers included: they stay in memory no longer than the event's
 * body does in the in-memory store, and are never reachable through this map, which only ever shows what
 * {@link Headers#kept} keeps. Once built, the request is let go. Immutable like {@code Map.of} (every change throws {@link UnsupportedOperationException}) and thread-safe: the
 * map is built once, under this object's lock, and published through a volatile field.
 */
final class KeptHeaders extends AbstractMap<String, List<String>> implements ImmutableView {

    private WebhookRequest request; // until built; read and cleared under the lock
    private volatile Map<String, List<String>> kept;

    KeptHeaders(WebhookRequest request) {
        this.request = request;
    }

    /** The kept headers, built on the first call. */
    Map<String, List<String>> kept() {
        Map<String, List<String>> built = kept;
        if (built == null) {
            synchronized (this) {
                built = kept;
                if (built == null) {
                    built = Headers.kept(request);
                    kept = built;
                    request = null;
                }
            }
        }
        return built;
    }

    /** Whether the map was built yet (for tests). */
    boolean built() {
        return kept != null;
    }

    @Override
    public Set<Entry<String, List<String>>> entrySet() {
        return kept().entrySet();
    }

    @Override
    public Set<String> keySet() {
        return kept().keySet();
    }

    @Override
    public Collection<List<String>> values() {
        return kept().values();
    }

    @Override
    public int size() {
        return kept().size();
    }

    @Override
    public boolean isEmpty() {
        return kept().isEmpty();
    }

    @Override
    public boolean containsKey(Object key) {
        return kept().containsKey(key);
    }

    @Override
    public boolean containsValue(Object value) {
        return kept().containsValue(value);
    }

    @Override
    public List<String> get(Object key) {
        return kept().get(key);
    }

    @Override
    public List<String> getOrDefault(Object key, List<String> defaultValue) {
        return kept().getOrDefault(key, defaultValue);
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super List<String>> action) {
        kept().forEach(action);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || kept().equals(o);
    }

    @Override
    public int hashCode() {
        return kept().hashCode();
    }

    @Override
    public String toString() {
        return kept().toString();
    }

    // Every change is refused, as Map.of's maps refuse it (whether or not it would change anything).

    @Override
    public List<String> put(String key, List<String> value) {
        throw refused();
    }

    @Override
    public List<String> remove(Object key) {
        throw refused();
    }

    @Override
    public void putAll(Map<? extends String, ? extends List<String>> m) {
        throw refused();
    }

    @Override
    public void clear() {
        throw refused();
    }

    @Override
    public void replaceAll(BiFunction<? super String, ? super List<String>, ? extends List<String>> function) {
        throw refused();
    }

    @Override
    public List<String> putIfAbsent(String key, List<String> value) {
        throw refused();
    }

    @Override
    public boolean remove(Object key, Object value) {
        throw refused();
    }

    @Override
    public boolean replace(String key, List<String> oldValue, List<String> newValue) {
        throw refused();
    }

    @Override
    public List<String> replace(String key, List<String> value) {
        throw refused();
    }

    @Override
    public List<String> computeIfAbsent(String key, Function<? super String, ? extends List<String>> function) {
        throw refused();
    }

    @Override
    public List<String> computeIfPresent(String key,
                                         BiFunction<? super String, ? super List<String>, ? extends List<String>> f) {
        throw refused();
    }

    @Override
    public List<String> compute(String key,
                                BiFunction<? super String, ? super List<String>, ? extends List<String>> f) {
        throw refused();
    }

    @Override
    public List<String> merge(String key, List<String> value,
                              BiFunction<? super List<String>, ? super List<String>, ? extends List<String>> f) {
        throw refused();
    }

    private static UnsupportedOperationException refused() {
        return new UnsupportedOperationException("the headers kept with an event cannot be changed");
    }
}
