package dev.ramphook.zbd;

import static dev.ramphook.testing.Payloads.ZBD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.WebhookEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every example payload of ZBD's "Webhook Events" page, byte-for-byte, parses to exactly the documented values. */
class ZbdSeedPayloadsTest {

    private static final String EMAIL = "user@example.com";
    private static final String SESSION = "sess_abc123xyz789";
    private static final Map<String, Object> METADATA = Map.of("customer_id", "cust_123", "source", "widget");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "session-initiated.json,           SESSION.INITIATED,           2025-01-18T10:30:00Z, false",
        "session-closed.json,              SESSION.CLOSED,              2025-01-18T11:15:00Z, false",
        "code-verification-succeeded.json, CODE_VERIFICATION.SUCCEEDED, 2025-01-18T10:32:00Z, false",
        "code-verification-failed.json,    CODE_VERIFICATION.FAILED,    2025-01-18T10:33:00Z, false",
        "kyc-initiated.json,               KYC.INITIATED,               2025-01-18T10:35:00Z, true",
        "kyc-processing.json,              KYC.PROCESSING,              2025-01-18T10:36:00Z, true",
        "kyc-completed.json,               KYC.COMPLETED,               2025-01-18T10:40:00Z, true",
        "kyc-rejected.json,                KYC.REJECTED,                2025-01-18T10:41:00Z, true",
        "bank-connection-initiated.json,   BANK_CONNECTION.INITIATED,   2025-01-18T10:50:00Z, true",
        "bank-connection-completed.json,   BANK_CONNECTION.COMPLETED,   2025-01-18T10:55:00Z, true",
        "bank-connection-failed.json,      BANK_CONNECTION.FAILED,      2025-01-18T10:56:00Z, true",
    })
    void journeyStepsParseToSessionData(String file, String shortName, String createdAt, boolean hasMetadata)
            throws Exception {
        WebhookEvent<?> event = ZBD.parse(file);

        assertEnvelope(event, shortName, createdAt);
        assertThat(event.data()).isEqualTo(new ZbdSession(EMAIL, SESSION, hasMetadata ? METADATA : Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "payment-initiated.json, PAYMENT.INITIATED, 2025-01-18T11:00:00Z",
        "payment-settled.json,   PAYMENT.SETTLED,   2025-01-18T11:05:00Z",
        "payment-failed.json,    PAYMENT.FAILED,    2025-01-18T11:06:00Z",
    })
    void paymentsParseToExactAmounts(String file, String shortName, String createdAt) throws Exception {
        WebhookEvent<?> event = ZBD.parse(file);

        assertEnvelope(event, shortName, createdAt);
        assertThat(event.data()).isEqualTo(new ZbdPayment(EMAIL, SESSION, new BigDecimal("100.00"), "USD",
                new BigDecimal("0.0025"), "BTC", METADATA));
    }

    @Test
    void succeededWithdrawalCarriesDestinationAndPaymentHash() throws Exception {
        WebhookEvent<?> event = ZBD.parse("withdrawal-succeeded.json");

        assertEnvelope(event, "WITHDRAWAL.SUCCEEDED", "2025-01-18T11:10:00Z");
        assertThat(event.data()).isEqualTo(new ZbdWithdrawal(EMAIL, SESSION, new BigDecimal("100.00"), "USD",
                new BigDecimal("0.0025"), "BTC", "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh",
                Optional.of("c0ff35a42445041592aa5ff982606971ae46b3f9df0a100cb15f05f61718f223"), METADATA));
    }

    @Test
    void failedWithdrawalHasNoPaymentHash() throws Exception {
        WebhookEvent<?> event = ZBD.parse("withdrawal-failed.json");

        assertEnvelope(event, "WITHDRAWAL.FAILED", "2025-01-18T11:11:00Z");
        assertThat(event.data()).isEqualTo(new ZbdWithdrawal(EMAIL, SESSION, new BigDecimal("100.00"), "USD",
                new BigDecimal("0.0025"), "BTC", "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh", Optional.empty(),
                METADATA));
    }

    @Test
    void accessTokenCarriesBothTokensAndTheirExpiries() throws Exception {
        WebhookEvent<?> event = ZBD.parse("user-access-token-created.json");

        assertEnvelope(event, "USER_ACCESS_TOKEN.CREATED", "2025-01-18T10:45:00Z");
        ZbdAccessToken token = (ZbdAccessToken) event.data();
        assertThat(token.email()).isEqualTo(EMAIL);
        assertThat(token.sessionId()).isEqualTo(SESSION);
        assertThat(token.accessTokenId()).isEqualTo("tok_abc123");
        assertThat(token.accessToken().reveal()).isEqualTo("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...");
        assertThat(token.accessTokenExpiresAt()).isEqualTo(Instant.parse("2025-01-18T11:45:00Z"));
        assertThat(token.refreshToken().reveal()).isEqualTo("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...");
        assertThat(token.refreshTokenExpiresAt()).isEqualTo(Instant.parse("2025-02-18T10:45:00Z"));
        assertThat(token.metadata()).isEqualTo(METADATA);
    }

    @Test
    void accessTokenDataNeverPrintsTheTokens() throws Exception {
        ZbdAccessToken token = (ZbdAccessToken) ZBD.parse("user-access-token-created.json").data();

        assertThat(token.toString())
                .contains("tok_abc123")
                .doesNotContain("eyJ")
                .doesNotContain(token.accessToken().reveal())
                .doesNotContain(token.refreshToken().reveal());
    }

    private static void assertEnvelope(WebhookEvent<?> event, String shortName, String createdAt) {
        assertThat(event.provider()).isEqualTo("zbd");
        assertThat(event.name()).isEqualTo("RAMP_WIDGET.V1." + shortName);
        assertThat(event.shortName()).isEqualTo(shortName);
        assertThat(event.key()).isEqualTo("RAMP_WIDGET.V1." + shortName + ":" + SESSION + ":" + createdAt);
        assertThat(event.occurredAt()).contains(Instant.parse(createdAt));
        assertThat(event.json().path("url").asText()).isEqualTo("https://partner.com/webhooks");
    }
}
