package dev.ramphook.testkit;

import dev.ramphook.Provider;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One delivery body exactly as a provider's documentation shows it, byte for byte, with the page it comes from:
 * an entry of the sample catalog ({@link Samples}); or, where no complete copy of the page's example could be had,
 * a body constructed from the page's values and field list ({@link #isConstructed()}). Sign it with {@link #signed} or {@link SignedDelivery#of} to
 * exercise a receiver without the provider.
 *
 * <p>Immutable and thread-safe.
 */
public final class Sample {

    private final Provider provider;
    private final String event;
    private final String file;
    private final String source;
    private final byte[] body;

    Sample(Provider provider, String event, String file, String source, byte[] body) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.event = Objects.requireNonNull(event, "event");
        this.file = Objects.requireNonNull(file, "file");
        this.source = Objects.requireNonNull(source, "source");
        this.body = body.clone();
    }

    /**
     * The provider the sample belongs to.
     *
     * @return such as {@code MeCash.provider()}
     */
    public Provider provider() {
        return provider;
    }

    /**
     * The event name the provider parses from the sample, exactly as delivered.
     *
     * @return such as {@code ramp.payout.completed}
     */
    public String event() {
        return event;
    }

    /**
     * The resource file of the sample, within its provider's catalog folder.
     *
     * @return such as {@code ramp-payout-completed-off-ramp.json}
     */
    public String file() {
        return file;
    }

    /**
     * The documentation page the sample was copied from.
     *
     * @return a URL or a page title
     */
    public String source() {
        return source;
    }

    /**
     * The body, byte for byte as documented.
     *
     * @return a fresh copy
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The body as text.
     *
     * @return the body decoded as UTF-8
     */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * This sample as a delivery to {@code path}, authenticated as the provider documents
     * ({@link Provider#defaultAuthenticator}) with {@code secrets}: what the provider would send.
     *
     * @param path    the endpoint path the delivery is for, such as {@code /webhooks/mecash}
     * @param secrets the endpoint's secret (the first one signs)
     * @return the signed delivery
     * @throws UnsupportedOperationException when the provider names no default authentication, or it cannot sign
     *                                       (one verified with a public key: use {@link #signed(String, TestKeyPair)})
     */
    public SignedDelivery signed(String path, String... secrets) {
        return SignedDelivery.of(path, body, provider.defaultAuthenticator(secrets));
    }

    /**
     * This sample signed with a test key pair, for the providers verified with the sender's public key (Ramp
     * Network): the receiver trusts {@code keys.publicKey()}.
     *
     * @param path the endpoint path the delivery is for
     * @param keys the test key pair that signs
     * @return the signed delivery
     */
    public SignedDelivery signed(String path, TestKeyPair keys) {
        return keys.sign(path, body);
    }

    /**
     * Whether the sample was constructed rather than copied: where every reachable copy of the provider's page
     * cut its example off, the catalog holds a body built from the page's values and field list, its file named
     * {@code *-constructed.json} and its {@link #source()} saying what it was built from.
     *
     * @return true for a constructed sample, false for a documented body byte for byte
     */
    public boolean isConstructed() {
        return file.endsWith("-constructed.json");
    }

    /** Names the provider, event and file. */
    @Override
    public String toString() {
        return provider.id() + " " + event + " (" + file + ")";
    }
}
