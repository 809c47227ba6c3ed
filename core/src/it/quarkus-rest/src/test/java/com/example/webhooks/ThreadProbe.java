package com.example.webhooks;

import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import io.vertx.core.Context;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers, per handled event, whether it ran on a Vert.x event loop (it must never). */
public final class ThreadProbe {

    static final List<Boolean> ON_EVENT_LOOP = new CopyOnWriteArrayList<>();

    @OnEvent("*")
    void any(WebhookEvent<?> event) {
        ON_EVENT_LOOP.add(Context.isOnEventLoopThread());
    }
}
