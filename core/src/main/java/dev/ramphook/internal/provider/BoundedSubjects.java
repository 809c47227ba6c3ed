package dev.ramphook.internal.provider;

/**
 * Marks a built-in provider whose {@code subject} answers only subjects that {@code EventKeys.bounded} hands back
 * unchanged (it bounds them itself), so that the engine does not scan them a second time. Asserted by the provider's
 * {@code *KeyOracleTest}; like {@link BoundedKeys}, never carried by a derived provider or any other one. Not
 * exported; not part of the public API.
 */
public interface BoundedSubjects {
}
