package dev.ramphook.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.receiver.WebhookReceiver;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The public API of ramphook-core is exactly its exported packages. A new public type in a package that is not
 * exported fails here: make it package-private, move it into an exported package (and document it), or, if other
 * packages of core must reach it, add it to {@link #INTERNAL_PUBLIC} with the reason.
 */
class ModuleBoundaryTest {

    /** The API packages. Adding one: export it in core's module-info.java and list it here, in the same commit. */
    static final Set<String> EXPORTED = Set.of(
            "dev.ramphook",
            "dev.ramphook.auth",
            "dev.ramphook.config",
            "dev.ramphook.httpserver",
            "dev.ramphook.jakartarest",
            "dev.ramphook.mecash",
            "dev.ramphook.metrics",
            "dev.ramphook.moonpay",
            "dev.ramphook.onramper",
            "dev.ramphook.opentelemetry",
            "dev.ramphook.provider",
            "dev.ramphook.receiver",
            "dev.ramphook.rampnetwork",
            "dev.ramphook.revolut",
            "dev.ramphook.store",
            "dev.ramphook.testkit",
            "dev.ramphook.transak",
            "dev.ramphook.vertx",
            "dev.ramphook.zbd");

    /**
     * Public types of packages that are not exported, each public only because code of another package needs it.
     * Not API: not exported on the module path, and outside the javadoc's promise on the class path.
     */
    static final Map<String, Set<String>> INTERNAL_PUBLIC = new TreeMap<>(Map.of(
            "dev.ramphook.internal.engine", Set.of(
                    // The receiver (dev.ramphook.receiver.WebhookReceiver) builds and drives the engine.
                    "Engine", "EngineConfig", "EngineConfig$EndpointSpec", "EngineConfig$HandlerSpec",
                    // The tracing seam the OpenTelemetry binding (dev.ramphook.opentelemetry) implements.
                    "DeliveryTracer", "DeliveryTracer$DeliverySpan", "DeliveryTracer$RunSpan"),
            "dev.ramphook.internal.crypto", Set.of(
                    // One SHA-256: URL tokens (auth), deduplication keys (provider), handled keys (store).
                    "Sha256",
                    // The one constant-time "any key, any signature" comparison: auth and the provider packages.
                    "ConstantTime",
                    // One keyed HMAC (a cloned prototype per call): auth's HMAC schemes, Revolut's and Transak's.
                    "HmacKey",
                    // Ramp Network verifies (dev.ramphook.rampnetwork) and the test kit signs (dev.ramphook.testkit)
                    // with the same secp256k1 code; the test kit's v1a signer uses the Ed25519 keys.
                    "Secp256k1", "Ed25519TestKeys"),
            "dev.ramphook.internal.json", Set.of(
                    // The fuzz tests and the JMH benchmark parse bodies exactly as the engine does.
                    "Json",
                    // Ramp Network's verification and the test kit's signer canonicalise JSON the same way; its
                    // bounded canonicalisation of an unauthenticated body says which bound it passed.
                    "StableJson", "StableJson$TooLarge"),
            "dev.ramphook.internal.text", Set.of(
                    // The one strict reader of plain decimal digits: Unix seconds and CIDR prefix lengths (auth),
                    // Unix milliseconds (dev.ramphook.revolut).
                    "Digits",
                    // Payload values in toString() and log lines, escaped and bounded the same way everywhere
                    // (WebhookEvent, StoredEvent, the provider kit).
                    "Printable",
                    // Every package, and the servlet module (a qualified export), logs through core's choice of
                    // SLF4J or java.util.logging.
                    "Logs",
                    // Which header names carry a credential: Masking (dev.ramphook), the engine and the console.
                    "CredentialHeaders",
                    // What a StoredEvent (dev.ramphook.store) keeps without a copy: the engine's kept headers, built
                    // when first read.
                    "ImmutableView",
                    // Instant.toString's text without the formatter: ZBD's key (dev.ramphook.zbd), the JDBC store's
                    // times (dev.ramphook.store).
                    "InstantText",
                    // Documented event names found without hashing the delivered one: ZbdNames, MeCashNames.
                    "NameTable"),
            // Provider packages type their data through TypedData (the new providers). The built-in providers
            // (dev.ramphook.zbd, dev.ramphook.mecash) carry markers that spare the engine a second scan of keys and
            // subjects they built bounded: BoundedKeys, BoundedSubjects (no methods).
            "dev.ramphook.internal.provider", Set.of("TypedData", "BoundedKeys", "BoundedSubjects"),
            // The console: built by the receiver's builder (dev.ramphook.receiver), served by the engine.
            "dev.ramphook.internal.console", Set.of("Console", "ConsoleConfig", "ConsoleData", "ConsoleData$Replayer")));

    private final Path classes = PublicTypes.root(WebhookReceiver.class);

    @Test
    void exportsExactlyTheApiPackages() throws Exception {
        ModuleDescriptor descriptor = PublicTypes.descriptor(classes);

        assertThat(descriptor.name()).isEqualTo("dev.ramphook.core");
        assertThat(PublicTypes.exportedPackages(descriptor)).containsExactlyInAnyOrderElementsOf(EXPORTED);
    }

    @Test
    void packagesThatAreNotExportedAreInternalAndHaveOnlyTheAllowedPublicTypes() throws Exception {
        Set<String> exported = PublicTypes.exportedPackages(PublicTypes.descriptor(classes));
        Map<String, Set<String>> byPackage = PublicTypes.byPackage(classes, getClass().getClassLoader());
        System.out.println("ramphook-core public types per package:\n" + PublicTypes.table(byPackage, exported));

        Map<String, Set<String>> notExported = new TreeMap<>(byPackage);
        notExported.keySet().removeAll(exported);
        notExported.values().removeIf(Set::isEmpty);
        assertThat(notExported.keySet()).allMatch(p -> p.startsWith("dev.ramphook.internal"),
                "a package that is not exported is named dev.ramphook.internal[.*]");
        assertThat(notExported).isEqualTo(INTERNAL_PUBLIC);
    }
}
