package dev.ramphook.servlet.spring.app.listening;

import dev.ramphook.DeliveryListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Two listener beans, as an application declares them: the auto-configured receiver must call both. */
@Configuration(proxyBeanMethods = false)
public class ListenerBeans {

    /** Keeps the deliveries it hears. */
    public static final class Heard implements DeliveryListener {
        public final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

        @Override
        public void delivered(Delivery delivery) {
            deliveries.add(delivery);
        }
    }

    @Bean
    Heard audit() {
        return new Heard();
    }

    @Bean
    Heard alerts() {
        return new Heard();
    }
}
