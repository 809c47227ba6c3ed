package dev.ramphook.internal.provider;

/**
 * Marks a built-in provider whose {@code parse} only ever gives a key that {@code EventKeys.bounded} hands back
 * unchanged (at most 200 characters, no control character: its key method checks that as it joins the parts), so
 * that the engine does not scan it a second time (a length check and a control-character scan of 45-75 characters
 * per delivery). Only ramphook's own providers carry it, each asserting the promise in its {@code *KeyOracleTest}.
 * A provider derived with {@code withDedupKey} or {@code withSubject} does not (it is another class), nor does any
 * other provider, and a key the authenticator names (a Standard Webhooks {@code webhook-id}) is bounded by the
 * engine whoever parsed the event. Not exported, so no other module can claim it; not part of the public API.
 */
public interface BoundedKeys {
}
