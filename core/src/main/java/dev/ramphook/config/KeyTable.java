package dev.ramphook.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Every {@code ramphook.*} key with its default and meaning: the one list. The parser knows no other key
 * ({@link ReceiverSettings#GLOBAL_KEYS}, {@link ReceiverSettings#ENDPOINT_KEYS} are read from here), and the key
 * table of {@code docs/configuration.md} and the Spring Boot metadata are checked against it by tests. The texts are
 * Markdown, as the table shows them; links are relative to {@code docs/}.
 */
final class KeyTable {

    static final String ENDPOINT = "ramphook.endpoint.<name>.";

    static final List<ReceiverSettings.Key> KEYS = List.of(
            endpoint("path", "required", "path below the context path, such as `/webhooks/zbd`; also receives one"
                    + " extra segment (`/webhooks/zbd/<token>`)"),
            endpoint("provider", "`<name>`", "provider id, found through `ServiceLoader<dev.ramphook.Provider>`:"
                    + " `zbd`, `mecash`, `moonpay`, `transak`, `rampnetwork`, `revolut`, `onramper`"),
            endpoint("auth", "the provider's own", "left out: the provider's documented authentication, keyed with"
                    + " `secret-env` (or `token-env`: one of the two), such as meCash's `X-Signature` HMAC-SHA512 or"
                    + " ZBD's `?token=` (see the [providers table](providers.md#providers)); or `url-token`,"
                    + " `path-token`, `mecash`, `mecash-sha256`, `zbd-signature`, `standard-webhooks`, `timestamped`,"
                    + " `hmac-sha512-hex`, `hmac-sha256-hex`, `hmac-sha512-base64`, `hmac-sha256-base64`, or an"
                    + " explicit `none` (see [Authentication](security.md#authentication))"),
            endpoint("token-param", "`token`", "`url-token`: the query parameter that carries the token"),
            endpoint("token-env", "required for `*-token` (or without `auth`: it or `secret-env`)", "name of the"
                    + " environment variable (else system property) holding the token; several names,"
                    + " comma-separated, for rotation"),
            endpoint("secret-env", "required for every signature `auth`, and without `auth` (or `token-env`)",
                    "name of the environment variable (else system property) holding the secret"
                    + " (`standard-webhooks`: `whsec_…`); comma-separated for rotation"),
            endpoint("signature-header", "`X-Signature`; required for `timestamped`", "`hmac-*` and `timestamped`:"
                    + " the header carrying the signature (`timestamped`: `Stripe-Signature`, `Moonpay-Signature-V2`"
                    + " …)"),
            endpoint("signature-prefix", "none", "`hmac-*`: a prefix before the signature, such as `sha256=`"),
            endpoint("scheme", "`v1`", "`timestamped`: the label of the signatures next to `t=` (MoonPay: `s`)"),
            endpoint("tolerance", "`300`", "`standard-webhooks` and `timestamped`: seconds the signed timestamp may"
                    + " be from now, either way; `timestamped` also takes `0`, meaning no time check"
                    + " (`TimestampedSignature.withoutTimeCheck()`; in code a zero `tolerance` is refused)"),
            endpoint("allowed-ips", "`ramphook.allowed-ips`", "comma-separated addresses or CIDR ranges, IPv4 and"
                    + " IPv6 (`203.0.113.0/24, 2001:db8::/32`); any other source gets 403, checked before the body is"
                    + " read and in addition to `auth` (with `auth=none` it is the only check)"),
            endpoint("trusted-proxies", "none", "with `allowed-ips`: your load balancers (addresses or CIDRs); only"
                    + " from them is the forwarding header believed"),
            endpoint("forwarded-header", "`x-forwarded-for`", "with `trusted-proxies`: the header they write,"
                    + " `x-forwarded-for` or `forwarded` (RFC 7239)"),
            global("allowed-ips", "none", "the `allowed-ips` of every endpoint that sets none of its own"
                    + " `allowed-ips`, `trusted-proxies`, `forwarded-header`"),
            global("trusted-proxies", "none", "with `ramphook.allowed-ips`: the `trusted-proxies` of those"
                    + " endpoints"),
            global("forwarded-header", "`x-forwarded-for`", "with `ramphook.trusted-proxies`: the"
                    + " `forwarded-header` of those endpoints"),
            global("console.path", "off", "turns the [console](console-and-metrics.md#the-console) on at this path,"
                    + " such as `/ramphook`"),
            global("console.user", "`ops`", "the console's HTTP basic user"),
            global("console.password-env", "none", "name of the variable holding the console's basic password (12+"
                    + " characters); unset variable: console off"),
            global("console.token-env", "none", "name of the variable holding the console's bearer token for scripts"
                    + " (12+ characters)"),
            global("handlers", "none", "comma-separated handler class names (no-argument constructors)"),
            global("max-body-bytes", "`1048576`", "largest body accepted; larger ones get 413 and are never read"
                    + " past the limit (a larger declared `Content-Length` gets 413 before the body is read)"),
            global("max-body-bytes-in-flight", "64 MiB or ⅛ of the max heap, whichever is less", "bytes of bodies"
                    + " being read or held by deliveries not yet answered, all endpoints together; a delivery that"
                    + " would pass it gets 503 with `Retry-After` before its body is read"
                    + " (`WebhookReceiver.Builder.maxBodyBytesInFlight`); must be at least `max-body-bytes`"),
            global("body-read-timeout", "`10`", "seconds a body may take to arrive in full, from the first read;"
                    + " later, 408 and the connection is closed, however steadily the bytes trickle in"
                    + " (`WebhookReceiver.Builder.bodyReadTimeout`)"),
            global("record-timeout", "`4`", "seconds a delivery may wait for its store to record it, from its"
                    + " complete body; later, 503 with `Retry-After` (`WebhookReceiver.Builder.recordTimeout`; see"
                    + " [When the database is down or slow](durable-storage.md#when-the-database-is-down-or-slow))"),
            global("retention", "`604800` (7 days)", "seconds a handled event's key is kept, and so how long a"
                    + " redelivery is recognised as a duplicate (`WebhookReceiver.Builder.retention`); keep it longer"
                    + " than your providers retry. With the in-memory store, shorten it above about 1.6 new events per"
                    + " second sustained on an endpoint, or its budget of 1,000,000 handled keys fills (503; see"
                    + " [Dedup window and retention](durable-storage.md#dedup-window-and-retention))"),
            global("health.max-pending-age", "`600`", "seconds the oldest pending event may wait before the"
                    + " receiver's health says `DEGRADED` (see [Health](console-and-metrics.md#health))"),
            global("handling", "`inline` (`queued` with a durable store)", "`inline`: handlers run before the"
                    + " answer; `queued`: answer once recorded, workers run handlers with retries"),
            global("workers", "`4`", "worker threads for `queued` handling, explicit or chosen by a durable store;"
                    + " with inline handling it stops start-up rather than being ignored"),
            global("store", "in memory", "class name of an `EventStore` with a no-argument constructor, or `jdbc`:"
                    + " a `JdbcEventStore` on the application's `DataSource` (Spring Boot: its `DataSource` bean;"
                    + " elsewhere the store handed to `ReceiverSettings.build(handlers, store)`, built on"
                    + " `ramphook.jdbc.*`)"),
            global("jdbc.url", "none", "with `store=jdbc` where the application builds the connection pool from"
                    + " keys (the Jetty example): the database's JDBC URL; Spring Boot uses `spring.datasource.*`"
                    + " instead"),
            global("jdbc.user", "none", "with `jdbc.url`: the database user"),
            global("jdbc.password-env", "none", "with `jdbc.url`: name of the variable holding the database"
                    + " password"));

    private KeyTable() {
    }

    private static ReceiverSettings.Key endpoint(String key, String defaultValue, String meaning) {
        return new ReceiverSettings.Key(ENDPOINT + key, defaultValue, meaning);
    }

    private static ReceiverSettings.Key global(String key, String defaultValue, String meaning) {
        return new ReceiverSettings.Key(Settings.PREFIX + key, defaultValue, meaning);
    }

    /** The part after {@code ramphook.} of every receiver-wide key. */
    static List<String> globalKeys() {
        List<String> keys = new ArrayList<>();
        for (ReceiverSettings.Key key : KEYS) {
            if (!key.name().startsWith(ENDPOINT)) {
                keys.add(key.name().substring(Settings.PREFIX.length()));
            }
        }
        return List.copyOf(keys);
    }

    /** The part after {@code ramphook.endpoint.<name>.} of every endpoint key. */
    static List<String> endpointKeys() {
        List<String> keys = new ArrayList<>();
        for (ReceiverSettings.Key key : KEYS) {
            if (key.name().startsWith(ENDPOINT)) {
                keys.add(key.name().substring(ENDPOINT.length()));
            }
        }
        return List.copyOf(keys);
    }
}
