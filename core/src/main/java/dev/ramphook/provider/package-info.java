/**
 * The provider kit: what a {@link dev.ramphook.Provider} implementation needs to turn a provider's JSON into typed
 * events, written for providers outside this project as much as for the built-in ones (which use nothing else).
 *
 * <ul>
 *   <li>{@link dev.ramphook.provider.JsonFields}: tolerant readers of one field (text, ids, {@code BigDecimal}
 *       money, {@code java.time} times in the lenient shapes providers send), {@code null} when a field does not
 *       fit, never an exception;</li>
 *   <li>{@link dev.ramphook.provider.TypedFields}: maps data to a typed record and falls back to the JSON node,
 *       with one WARN line naming the field, when any field does not fit;</li>
 *   <li>{@link dev.ramphook.provider.EventKeys}: deduplication keys (bounded, or a canonical hash of the
 *       document) and subjects;</li>
 *   <li>{@link dev.ramphook.provider.Providers}: finds providers by id through {@link java.util.ServiceLoader}, as
 *       the zero-code configuration does for {@code ramphook.endpoint.<name>.provider=<id>}.</li>
 * </ul>
 *
 * <p>A provider registers itself for {@code ServiceLoader} with a public no-argument constructor and a line naming
 * its class in {@code META-INF/services/dev.ramphook.Provider} (and {@code provides dev.ramphook.Provider with …}
 * in a {@code module-info.java}). The README's "Write a provider" section is a complete example.
 */
package dev.ramphook.provider;
