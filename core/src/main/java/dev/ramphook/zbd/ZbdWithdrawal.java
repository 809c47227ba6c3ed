package dev.ramphook.zbd;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * {@code WITHDRAWAL.SUCCEEDED} and {@code WITHDRAWAL.FAILED}: delivery of the bought crypto to the user's
 * destination.
 *
 * <p>All fields but {@code paymentHash} are always present: ZBD sends them on every withdrawal event. A
 * delivery where one is missing, or has another shape, is not typed: it arrives with its JSON {@code data} node as
 * data, and a WARN line names the field.
 *
 * @param email         the user's email address
 * @param sessionId     the ramp session id
 * @param baseAmount    the amount in the base currency
 * @param baseCurrency  the base currency code
 * @param quoteAmount   the amount in the quote currency
 * @param quoteCurrency the quote currency code
 * @param destination   where the crypto went: a Lightning address, or an on-chain address
 * @param paymentHash   the payment hash; ZBD sends it only when the withdrawal succeeded
 * @param metadata      the integrator's session metadata, possibly empty
 */
public record ZbdWithdrawal(String email, String sessionId, BigDecimal baseAmount, String baseCurrency,
                            BigDecimal quoteAmount, String quoteCurrency, String destination,
                            Optional<String> paymentHash, Map<String, Object> metadata) implements ZbdRampData {

    /**
     * Creates the record, as the provider does for a delivery (tests may too): a {@code null} {@code Optional}
     * component becomes empty, collections and maps are copied, unmodifiable.
     *
     * @param email         the user's email address
     * @param sessionId     the ramp session id
     * @param baseAmount    the amount in the base currency
     * @param baseCurrency  the base currency code
     * @param quoteAmount   the amount in the quote currency
     * @param quoteCurrency the quote currency code
     * @param destination   where the crypto went: a Lightning address, or an on-chain address
     * @param paymentHash   the payment hash; ZBD sends it only when the withdrawal succeeded
     * @param metadata      the integrator's session metadata, possibly empty
     */
    public ZbdWithdrawal {
        paymentHash = paymentHash == null ? Optional.empty() : paymentHash;
        metadata = Metadata.copy(metadata);
    }
}
