package dev.ramphook.servlet.spring.app.twice;

import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Plays the WAR drop-in in an external container, which registers its filter named {@code ramphook} before Spring
 * Boot's registrations run.
 */
@Configuration(proxyBeanMethods = false)
public class WarDropInFirst {

    @Bean
    ServletContextInitializer dropIn() {
        return new DropIn();
    }

    /** Ordered on the instance: Spring Boot sorts its servlet-context initializers by their own order. */
    static final class DropIn implements ServletContextInitializer, Ordered {
        @Override
        public void onStartup(ServletContext context) {
            context.addFilter("ramphook", (Filter) (request, response, chain) -> chain.doFilter(request, response));
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
