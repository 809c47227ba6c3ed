package dev.ramphook.servlet.spring.app.readme;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Service;

/** The application service the README's handler is injected with. */
@Service
public class Orders {

    public final List<String> paid = new CopyOnWriteArrayList<>();
    public final List<String> paidOut = new CopyOnWriteArrayList<>();

    public void markPaid(String sessionId, BigDecimal amount) {
        paid.add(sessionId + " " + amount.toPlainString());
    }

    public void markPaidOut(String payoutId) {
        paidOut.add(payoutId);
    }
}
