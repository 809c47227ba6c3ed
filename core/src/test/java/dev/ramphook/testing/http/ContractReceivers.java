package dev.ramphook.testing.http;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.Authenticator;
import dev.ramphook.auth.HmacSignature;
import dev.ramphook.auth.IpAllowlist;
import dev.ramphook.auth.UrlToken;
import dev.ramphook.mecash.MeCash;
import dev.ramphook.zbd.ZbdRamp;
import java.time.Duration;

/**
 * The four receivers of {@link WebhookContainerContract}, built in code for stacks whose test application has no
 * {@code ramphook.*} key parser of its own: each is what {@link WebhookContainerContract#parameters()} (plus
 * {@link WebhookContainerContract#downParameters()} or {@link WebhookContainerContract#fencedParameters()}) says.
 * The caller closes them.
 */
public final class ContractReceivers {

    private ContractReceivers() {
    }

    /** The contract's application: both endpoints, {@link RecordingHandler}, inline, in memory. */
    public static WebhookReceiver main() {
        return of("main", "");
    }

    /** {@link #main()} with {@link FailingStore} and the short body read deadline. */
    public static WebhookReceiver down() {
        return of("down", "");
    }

    /** {@link #main()} with both endpoints behind the allowlist whose trusted proxy is the loopback client. */
    public static WebhookReceiver fenced() {
        return of("fenced", "");
    }

    /** {@link #main()} whose handler is {@link FlakyHandler}. */
    public static WebhookReceiver flaky() {
        return of("flaky", "");
    }

    /**
     * One of the four applications, its endpoints under a path prefix: for stacks that serve all four from one
     * server ({@code /down/webhooks/mecash}).
     *
     * @param application {@code main}, {@code down}, {@code fenced} or {@code flaky}
     * @param pathPrefix  such as {@code /down}; empty for none
     * @return the receiver, for the caller to close
     */
    public static WebhookReceiver of(String application, String pathPrefix) {
        return switch (application) {
            case "main" -> builder(false, pathPrefix).handlers(new RecordingHandler()).build();
            case "down" -> builder(false, pathPrefix).handlers(new RecordingHandler()).store(new FailingStore())
                    .bodyReadTimeout(Duration.ofSeconds(HostileSenderContract.DOWN_BODY_READ_TIMEOUT)).build();
            case "fenced" -> builder(true, pathPrefix).handlers(new RecordingHandler()).build();
            case "flaky" -> builder(false, pathPrefix).handlers(new FlakyHandler()).build();
            default -> throw new IllegalArgumentException(application);
        };
    }

    private static WebhookReceiver.Builder builder(boolean fenced, String prefix) {
        Authenticator zbd = UrlToken.query("token", WebhookContainerContract.ZBD_TOKEN);
        Authenticator meCash = HmacSignature.sha512Hex("X-Signature", WebhookContainerContract.MECASH_SECRET);
        if (fenced) {
            IpAllowlist allowlist = IpAllowlist.of(WebhookContainerContract.FENCED_ALLOWED_IPS)
                    .trustedProxies(WebhookContainerContract.FENCED_TRUSTED_PROXIES);
            zbd = Authenticator.allOf(allowlist, zbd);
            meCash = Authenticator.allOf(allowlist, meCash);
        }
        return WebhookReceiver.builder()
                .endpoint(prefix + "/webhooks/zbd", ZbdRamp.provider(), zbd)
                .endpoint(prefix + "/webhooks/mecash", MeCash.provider(), meCash)
                .maxBodyBytes(WebhookContainerContract.MAX_BODY_BYTES);
    }
}
