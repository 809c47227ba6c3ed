package dev.ramphook.testkit;

import dev.ramphook.InvalidPayloadException;
import dev.ramphook.Provider;
import dev.ramphook.internal.json.Json;
import dev.ramphook.provider.Providers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sample catalog: every provider's documented delivery bodies, byte for byte, to start a test from.
 *
 * <pre>{@code
 * Sample payout = Samples.find("mecash", "ramp.payout.completed");
 * WebhookResponse answer = receiver.receive(payout.signed("/webhooks/mecash", secret).request());
 * }</pre>
 *
 * <p>A provider's samples are resources next to its classes: {@code META-INF/ramphook/samples/<provider id>/} holds
 * the files and an {@code index.txt} with one line per file, {@code <file> <source page>} ({@code #} starts a
 * comment). The event of each sample is what the provider parses from it, so a sample cannot be filed under the
 * wrong event. A provider written outside this project adds its own samples the same way. A file named
 * {@code *-constructed.json} was built from the page's values and field list rather than copied (every reachable copy
 * of the page cut its example off); its source line says so ({@link Sample#isConstructed()}).
 *
 * <p>Stateless and thread-safe; each call reads the resources afresh.
 */
public final class Samples {

    /** The resource folder of a provider's samples; {@code %s} is the provider id. */
    public static final String FOLDER = "META-INF/ramphook/samples/%s/";

    private Samples() {
    }

    /**
     * The samples of {@code provider}, in index order; empty when it has none.
     *
     * @param provider any provider; its class loader is searched for the catalog
     * @return the samples
     * @throws IllegalStateException when the index names a file that is missing, or one the provider cannot parse
     */
    public static List<Sample> of(Provider provider) {
        String folder = String.format(FOLDER, provider.id());
        ClassLoader loader = provider.getClass().getClassLoader();
        List<Sample> samples = new ArrayList<>();
        try (InputStream index = loader.getResourceAsStream(folder + "index.txt")) {
            if (index == null) {
                return List.of();
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                String[] parts = entry.split("\\s+", 2);
                samples.add(sample(provider, loader, folder, parts[0], parts.length > 1 ? parts[1] : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder + "index.txt", e);
        }
        return List.copyOf(samples);
    }

    /**
     * The samples of the provider with id {@code providerId} ({@link Providers#find(String)}).
     *
     * @param providerId such as {@code mecash}
     * @return the samples, in index order
     * @throws IllegalArgumentException when no provider has that id; the message lists the providers with samples
     */
    public static List<Sample> of(String providerId) {
        Provider provider = Providers.find(providerId).orElseThrow(() -> new IllegalArgumentException(
                "unknown provider " + providerId + "; choose one of " + String.join(", ", all().keySet())));
        return of(provider);
    }

    /**
     * Every provider found through {@link Providers#all()} that has samples, with its samples.
     *
     * @return provider id to samples, in class path order
     */
    public static Map<String, List<Sample>> all() {
        Map<String, List<Sample>> all = new LinkedHashMap<>();
        for (Provider provider : Providers.all().values()) {
            List<Sample> samples = of(provider);
            if (!samples.isEmpty()) {
                all.put(provider.id(), samples);
            }
        }
        return all;
    }

    /**
     * The first sample of event {@code event} of provider {@code providerId}.
     *
     * @param providerId such as {@code mecash}
     * @param event      the event name as delivered, or its short name ({@code PAYMENT.SETTLED} for ZBD's
     *                   {@code RAMP_WIDGET.V1.PAYMENT.SETTLED})
     * @return the sample
     * @throws IllegalArgumentException when the provider or the event is unknown; the message lists the choices
     */
    public static Sample find(String providerId, String event) {
        List<Sample> samples = of(providerId);
        for (Sample sample : samples) {
            if (sample.event().equals(event) || sample.provider().shortName(sample.event()).equals(event)) {
                return sample;
            }
        }
        Set<String> events = new LinkedHashSet<>();
        samples.forEach(s -> events.add(s.event()));
        throw new IllegalArgumentException("provider " + providerId + " has no sample of event " + event
                + (events.isEmpty() ? "; it has no samples" : "; choose one of " + String.join(", ", events)));
    }

    private static Sample sample(Provider provider, ClassLoader loader, String folder, String file, String source) {
        byte[] body;
        try (InputStream in = loader.getResourceAsStream(folder + file)) {
            if (in == null) {
                throw new IllegalStateException(folder + "index.txt names " + file + ", which is missing");
            }
            body = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder + file, e);
        }
        try {
            String event = provider.parse(Json.parseObject(body), body).name();
            return new Sample(provider, event, file, source, body);
        } catch (InvalidPayloadException e) {
            throw new IllegalStateException(folder + file + " is no delivery of " + provider.id() + ": "
                    + e.getMessage(), e);
        }
    }
}
