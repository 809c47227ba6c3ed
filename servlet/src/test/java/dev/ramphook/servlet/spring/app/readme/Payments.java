package dev.ramphook.servlet.spring.app.readme;

import dev.ramphook.OnEvent;
import dev.ramphook.mecash.MeCashPayout;
import dev.ramphook.zbd.ZbdPayment;
import org.springframework.stereotype.Component;

/** The README's handler, word for word. */
@Component
class Payments {

    private final Orders orders;

    Payments(Orders orders) {
        this.orders = orders;
    }

    @OnEvent("PAYMENT.SETTLED")                        // ZBD Ramp
    void settled(ZbdPayment payment) {
        orders.markPaid(payment.sessionId(), payment.baseAmount());
    }

    @OnEvent("ramp.payout.completed")                  // meCash
    void paidOut(MeCashPayout payout) {
        orders.markPaidOut(payout.id());
    }
}
