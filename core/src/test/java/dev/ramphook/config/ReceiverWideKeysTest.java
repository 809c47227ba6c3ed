package dev.ramphook.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramphook.WebhookRequest;
import dev.ramphook.Authenticator;
import dev.ramphook.store.EventStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The receiver-wide keys that were the Jetty example's own variables: {@code ramphook.allowed-ips} (with
 * {@code trusted-proxies}) fences every endpoint without one of its own, and {@code ramphook.store=jdbc} with
 * {@code ramphook.jdbc.*} describes a database the application pools.
 */
class ReceiverWideKeysTest {

    private static final Map<String, String> SECRETS = Map.of("ZBD_TOKEN", "t0k3n", "MECASH_SECRET", "s3cret",
            "DB_PASSWORD", "pa55word");

    private final Map<String, String> keys = new HashMap<>(Map.of(
            "ramphook.endpoint.zbd.path", "/webhooks/zbd",
            "ramphook.endpoint.zbd.token-env", "ZBD_TOKEN",
            "ramphook.endpoint.mecash.path", "/webhooks/mecash",
            "ramphook.endpoint.mecash.secret-env", "MECASH_SECRET"));

    private ReceiverSettings parse() {
        return ReceiverSettings.from(keys, name -> Optional.ofNullable(SECRETS.get(name)),
                getClass().getClassLoader());
    }

    /** 403 from the allowlist; past it, 200 or the 401 of meCash's missing signature header. */
    private static int screen(Authenticator authenticator, String path, String from) {
        var verification = authenticator.checkBeforeBody(WebhookRequest.builder().method("POST").path(path)
                .query("token=t0k3n").remoteAddress(from).build());
        return verification.isOk() ? 200 : verification.status();
    }

    private Authenticator endpoint(ReceiverSettings settings, String name) {
        return settings.endpoints().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow()
                .authenticator();
    }

    @Test
    void theReceiverWideAllowlistFencesEveryEndpointWithoutItsOwn() {
        keys.put("ramphook.allowed-ips", "10.0.0.0/8");
        keys.put("ramphook.endpoint.mecash.allowed-ips", "192.0.2.0/24");
        ReceiverSettings settings = parse();

        assertThat(screen(endpoint(settings, "zbd"), "/webhooks/zbd", "10.1.2.3")).isEqualTo(200);
        assertThat(screen(endpoint(settings, "zbd"), "/webhooks/zbd", "192.0.2.7")).isEqualTo(403);
        assertThat(screen(endpoint(settings, "mecash"), "/webhooks/mecash", "192.0.2.7")).isEqualTo(401);
        assertThat(screen(endpoint(settings, "mecash"), "/webhooks/mecash", "10.1.2.3")).isEqualTo(403);
    }

    @Test
    void receiverWideProxiesWithoutTheReceiverWideAllowlistStopStartUp() {
        keys.put("ramphook.trusted-proxies", "10.0.0.1");

        assertThatThrownBy(this::parse).isInstanceOf(ConfigException.class)
                .hasMessage("ramphook.trusted-proxies applies only together with ramphook.allowed-ips");
    }

    @Test
    void aMalformedReceiverWideRangeIsNamedByItsKey() {
        keys.put("ramphook.allowed-ips", "10.0.0.0/33");

        assertThatThrownBy(this::parse).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ramphook.allowed-ips: ");
    }

    @Test
    void jdbcKeysDescribeTheDatabaseWithoutShowingThePassword() {
        keys.put("ramphook.store", "jdbc");
        keys.put("ramphook.jdbc.url", "jdbc:postgresql://db/payments");
        keys.put("ramphook.jdbc.user", "payments");
        keys.put("ramphook.jdbc.password-env", "DB_PASSWORD");

        ReceiverSettings.Database database = parse().database().orElseThrow();

        assertThat(database.url()).isEqualTo("jdbc:postgresql://db/payments");
        assertThat(database.user()).contains("payments");
        assertThat(database.password()).contains("pa55word");
        assertThat(database.toString()).doesNotContain("pa55word");
    }

    @Test
    void theJdbcStoreIsTheApplicationsToHandOver() {
        keys.put("ramphook.store", "jdbc");
        ReceiverSettings settings = parse();

        assertThatThrownBy(settings::build).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ramphook.store=jdbc needs the store on the application's DataSource");
        settings.build(java.util.List.of(), EventStore.inMemory()).close();
    }

    @Test
    void jdbcKeysWithoutTheJdbcStoreStopStartUp() {
        keys.put("ramphook.jdbc.url", "jdbc:postgresql://db/payments");

        assertThatThrownBy(this::parse).isInstanceOf(ConfigException.class)
                .hasMessage("ramphook.jdbc.url applies only with ramphook.store=jdbc");
    }
}
