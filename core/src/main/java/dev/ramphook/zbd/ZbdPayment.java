package dev.ramphook.zbd;

import java.math.BigDecimal;
import java.util.Map;

/**
 * {@code PAYMENT.INITIATED}, {@code PAYMENT.SETTLED} and {@code PAYMENT.FAILED}: the user's fiat payment for the
 * crypto they buy. ZBD sends the amounts as JSON strings ({@code "100.00"}); they are exact here.
 *
 * <p>All fields are always present: ZBD sends them on every payment event. A delivery where one is
 * missing, or has another shape (an amount that is no number), is not typed: it arrives with its JSON {@code data}
 * node as data, and a WARN line names the field.
 *
 * @param email         the user's email address
 * @param sessionId     the ramp session id
 * @param baseAmount    the amount in the base currency ({@code 100.00})
 * @param baseCurrency  the base currency code ({@code USD})
 * @param quoteAmount   the amount in the quote currency ({@code 0.0025})
 * @param quoteCurrency the quote currency code ({@code BTC})
 * @param metadata      the integrator's session metadata, possibly empty
 */
public record ZbdPayment(String email, String sessionId, BigDecimal baseAmount, String baseCurrency,
                         BigDecimal quoteAmount, String quoteCurrency, Map<String, Object> metadata)
        implements ZbdRampData {

    /**
     * Creates the record, as the provider does for a delivery (tests may too): collections and maps are copied,
     * unmodifiable.
     *
     * @param email         the user's email address
     * @param sessionId     the ramp session id
     * @param baseAmount    the amount in the base currency ({@code 100.00})
     * @param baseCurrency  the base currency code ({@code USD})
     * @param quoteAmount   the amount in the quote currency ({@code 0.0025})
     * @param quoteCurrency the quote currency code ({@code BTC})
     * @param metadata      the integrator's session metadata, possibly empty
     */
    public ZbdPayment {
        metadata = Metadata.copy(metadata);
    }
}
