package dev.ramphook.servlet.spring.app.shop;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /events}: an ordinary Spring MVC endpoint of the application, which the filter must leave alone. */
@RestController
public class EventsController {

    private final Payments payments;

    public EventsController(Payments payments) {
        this.payments = payments;
    }

    @GetMapping(value = "/events", produces = "application/json")
    public String events() {
        return payments.receivedJson();
    }
}
