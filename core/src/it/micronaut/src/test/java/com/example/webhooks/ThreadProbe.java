package com.example.webhooks;

import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers the name of the thread each handled event ran on: never one of Netty's event loops. */
public final class ThreadProbe {

    static final List<String> THREADS = new CopyOnWriteArrayList<>();

    @OnEvent("*")
    void any(WebhookEvent<?> event) {
        THREADS.add(Thread.currentThread().getName());
    }
}
