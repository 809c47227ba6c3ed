package dev.ramphook.mecash;

import static dev.ramphook.testing.Payloads.MECASH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.WebhookEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Both example payloads of meCash's "Ramp Webhook" page, byte-for-byte, parse to exactly the documented values. */
class MeCashSeedPayloadsTest {

    private static final String ID = "8bd9a372-8d2b-494c-b0b2-xxxxxxxxxxxxx";
    private static final LocalDateTime CREATED = LocalDateTime.of(2025, 1, 8, 12, 23, 51, 908_663_000);
    private static final LocalDateTime PROCESSED = LocalDateTime.of(2025, 1, 8, 12, 30, 10, 499_526_000);
    private static final MeCashPayout.Asset USDC_ON_MATIC = new MeCashPayout.Asset("CRYPTOCURRENCY", "USDC",
            Optional.of("USDC"), new BigDecimal("0.12"), Optional.of("MATIC"), Optional.empty(), Optional.empty());
    private static final List<MeCashPayout.Fee> FEES = List.of(
            new MeCashPayout.Fee("SERVICE", new BigDecimal("0"), Optional.empty()),
            new MeCashPayout.Fee("GAS", new BigDecimal("0.02"), Optional.of("MEDIUM")));

    @Test
    void offRampPayoutPaysAFiatBankAccount() throws Exception {
        WebhookEvent<?> event = MECASH.parse("ramp-payout-completed-off-ramp.json");

        assertEnvelope(event);
        assertThat(event.data()).isEqualTo(new MeCashPayout(ID, Optional.of("SEND"), Optional.of("OFF_RAMP"),
                "COMPLETED", Optional.of("YQXUA0ELOXXXXXX"),
                Optional.of(new MeCashPayout.Quote("55ce26f5-96c1-40cd-9fd3-xxxxxxxxxxxxx", USDC_ON_MATIC,
                        new MeCashPayout.Asset("FIAT", "NGN", Optional.empty(), new BigDecimal("201.68"),
                                Optional.empty(), Optional.of("NG"), Optional.of("BANK_TRANSFER")),
                        new BigDecimal("0"), FEES, new BigDecimal("0.14"))),
                Optional.of(new MeCashRecipient.Fiat("NZAN  CHRISTIANA OMOM", "BUSINESS", Optional.of("BANK_TRANSFER"),
                        Optional.of("NGN"), Optional.of("NG"), Optional.of(""), Optional.of(""), Optional.of(""),
                        Optional.of(new MeCashRecipient.Account(Optional.of("Guaranty Trust Bank"), Optional.of("058"),
                                "071261XXXXXXXX", Optional.of(""), Optional.of(""), Optional.of(""), Optional.of(""),
                                Optional.of(""))))),
                CREATED, Optional.of(PROCESSED)));
    }

    @Test
    void cryptoPayoutPaysAWallet() throws Exception {
        WebhookEvent<?> event = MECASH.parse("ramp-payout-completed-crypto.json");

        assertEnvelope(event);
        assertThat(event.data()).isEqualTo(new MeCashPayout(ID, Optional.of("SEND"), Optional.of("CRYPTOCURRENCY"),
                "COMPLETED", Optional.of("YQXUA0ELOHXDL"),
                Optional.of(new MeCashPayout.Quote("55ce26f5-96c1-4ghd-9fd3-xxxxxxxxxxxxx", USDC_ON_MATIC,
                        USDC_ON_MATIC, new BigDecimal("0"), FEES, new BigDecimal("0.14"))),
                Optional.of(new MeCashRecipient.Wallet("0x018b979db90e60d2b2a4xxxxxxxxxxxxxxxxxxxx",
                        Optional.of("Testing"), "MATIC", Optional.of("POL"))),
                CREATED, Optional.of(PROCESSED)));
    }

    @Test
    void accountToStringShowsOnlyTheLastFourCharactersOfTheAccountNumber() throws Exception {
        MeCashPayout payout = (MeCashPayout) MECASH.parse("ramp-payout-completed-off-ramp.json").data();

        assertThat(payout.toString()).contains("accountNumber=****XXXX").doesNotContain("071261");
    }

    /** meCash sends no event time in these payloads: processed, taken as UTC, is when it happened. */
    private static void assertEnvelope(WebhookEvent<?> event) {
        assertThat(event.provider()).isEqualTo("mecash");
        assertThat(event.name()).isEqualTo("ramp.payout.completed");
        assertThat(event.shortName()).isEqualTo("ramp.payout.completed");
        assertThat(event.key()).isEqualTo("ramp.payout.completed:" + ID);
        assertThat(event.occurredAt()).contains(Instant.parse("2025-01-08T12:30:10.499526Z"));
        assertThat(event.json().path("data").path("id").asText()).isEqualTo(ID);
    }
}
