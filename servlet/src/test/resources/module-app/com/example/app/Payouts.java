package com.example.app;

import dev.ramphook.OnEvent;
import dev.ramphook.mecash.MeCashPayout;

/** Neither the class nor its members are public: ramphook reaches them through the module's opens. */
final class Payouts {

    private final String name;

    Payouts() {
        this("dropin");
    }

    Payouts(String name) {
        this.name = name;
    }

    @OnEvent("ramp.payout.completed")
    void completed(MeCashPayout payout) {
        System.out.println("handled " + name + " " + payout.id());
    }
}
