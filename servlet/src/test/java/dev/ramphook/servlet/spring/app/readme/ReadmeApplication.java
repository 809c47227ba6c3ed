package dev.ramphook.servlet.spring.app.readme;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The README's Spring Boot recipe, as a new user copies it: configured by {@code readme.properties} only. */
@SpringBootApplication
public class ReadmeApplication {
}
