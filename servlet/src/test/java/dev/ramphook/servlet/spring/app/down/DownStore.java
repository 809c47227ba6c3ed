package dev.ramphook.servlet.spring.app.down;

import dev.ramphook.testing.http.FailingStore;
import dev.ramphook.store.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Added to the shop application: an {@link EventStore} bean whose database is down. */
@Configuration(proxyBeanMethods = false)
public class DownStore {

    @Bean
    EventStore failingStore() {
        return new FailingStore();
    }
}
