package dev.ramphook.internal.text;

/**
 * A collection that is immutable though it is not one of the JDK's own immutable collections, which
 * {@code Map.copyOf} would keep as they are: a {@code StoredEvent} keeps one of these as it is, instead of copying it.
 * The engine's kept headers are one (built when first read, so a delivery whose headers no one reads builds none).
 * Every implementation must refuse every change, as {@code Map.of} does, and be safe to read from any thread.
 */
public interface ImmutableView {
}
