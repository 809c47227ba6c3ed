package dev.ramphook.servlet.spring.app.own;

import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import dev.ramphook.WebhookReceiver;
import dev.ramphook.auth.UrlToken;
import dev.ramphook.zbd.ZbdRamp;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** An application that builds its own receiver, at a path of its choosing: the auto-configuration must keep out. */
@SpringBootApplication
public class OwnReceiverApplication {

    public static final String TOKEN = "own-receiver-token";

    /** Event keys the application's own handler got. */
    public final List<String> handled = new CopyOnWriteArrayList<>();

    @Bean
    WebhookReceiver ownReceiver() {
        return WebhookReceiver.builder()
                .endpoint("/hooks/zbd", ZbdRamp.provider(), UrlToken.of(TOKEN))
                .handlers(this)
                .build();
    }

    @OnEvent("*")
    void any(WebhookEvent<?> event) {
        handled.add(event.key());
    }
}
