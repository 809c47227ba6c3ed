package dev.ramphook.servlet.spring.app.flaky;

import dev.ramphook.testing.http.FlakyHandler;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The shop's configuration with one handler bean, which fails until the contract fixes it. */
@SpringBootApplication
public class FlakyApplication {

    @Bean
    FlakyHandler flakyHandler() {
        return new FlakyHandler();
    }
}
