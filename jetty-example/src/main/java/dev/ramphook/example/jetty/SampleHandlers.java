package dev.ramphook.example.jetty;

import dev.ramphook.DeliveryContext;
import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import dev.ramphook.mecash.MeCashPayout;
import dev.ramphook.zbd.ZbdPayment;
import dev.ramphook.zbd.ZbdWithdrawal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What an application writes: annotated methods, one per kind of event it cares about, with typed data. */
public final class SampleHandlers {

    private static final Logger log = LoggerFactory.getLogger(SampleHandlers.class);

    private final EventLog events;

    SampleHandlers(EventLog events) {
        this.events = events;
    }

    /** ZBD Ramp: the user paid; credit the order of this session. Amounts are exact BigDecimals. */
    @OnEvent("PAYMENT.SETTLED")
    void paymentSettled(ZbdPayment payment) {
        log.info("ZBD payment settled: {} {} for session {}", payment.baseAmount(), printable(payment.baseCurrency()),
                printable(payment.sessionId()));
    }

    /** ZBD Ramp: every withdrawal outcome in one place. */
    @OnEvent("WITHDRAWAL.*")
    void withdrawal(ZbdWithdrawal withdrawal, WebhookEvent<?> event) {
        log.info("ZBD {}: {} {} for session {}", printable(event.shortName()), withdrawal.quoteAmount(),
                printable(withdrawal.quoteCurrency()), printable(withdrawal.sessionId()));
    }

    /** meCash: a ramp payout completed, failed, is pending or was refunded. */
    @OnEvent("ramp.payout.*")
    void payout(MeCashPayout payout, WebhookEvent<?> event) {
        log.info("meCash {}: transaction {} is {}", printable(event.name()), printable(payout.id()),
                printable(payout.state()));
    }

    /** Every event from every provider, including names no provider documents yet. */
    @OnEvent("*")
    void audit(WebhookEvent<?> event, DeliveryContext context) {
        events.add(event);
        log.info("received {} (attempt {}, via {})", event, context.attempt(), context.endpoint()); // escapes
    }

    /**
     * A provider's value for a log line: control characters escaped (a newline in a session id must not forge a
     * line), cut at 200 characters. The library's own log lines do the same for names and keys.
     */
    static String printable(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), 200) + 8);
        for (int i = 0; i < value.length() && i < 200; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                    ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return value.length() > 200 ? out + "…(" + (value.length() - 200) + " more chars)" : out.toString();
    }
}
