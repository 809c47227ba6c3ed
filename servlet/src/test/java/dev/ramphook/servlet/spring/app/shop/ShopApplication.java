package dev.ramphook.servlet.spring.app.shop;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot web application as a user writes it: no ramphook code besides {@link Payments}, configured by
 * {@code application.properties} only.
 */
@SpringBootApplication
public class ShopApplication {
}
