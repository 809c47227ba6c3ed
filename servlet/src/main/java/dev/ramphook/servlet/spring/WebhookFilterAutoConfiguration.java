package dev.ramphook.servlet.spring;

import dev.ramphook.WebhookReceiver;
import dev.ramphook.servlet.WebhookFilter;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Spring Boot auto-configuration for an application that builds its own {@link WebhookReceiver} bean (so
 * {@link WebhookAutoConfiguration} backs off): registers a {@link WebhookFilter} for it, at
 * {@link WebhookAutoConfiguration#FILTER_ORDER}, in front of every path (the filter lets any path that is not one of
 * the receiver's endpoints pass untouched, unread). The application owns and closes that receiver, as Spring does
 * for any {@code AutoCloseable} bean.
 */
// "exports": Spring Boot is optional (requires static); only Spring Boot, which the application requires, reads
// these annotations.
@SuppressWarnings("exports")
@AutoConfiguration(after = WebhookAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({FilterRegistrationBean.class, jakarta.servlet.Filter.class})
@ConditionalOnBean(WebhookReceiver.class)
@ConditionalOnMissingBean(name = "ramphookFilter")
public class WebhookFilterAutoConfiguration {

    /** Creates the configuration; Spring Boot calls this. */
    public WebhookFilterAutoConfiguration() {
    }

    @Bean
    FilterRegistrationBean<WebhookFilter> ramphookFilter(WebhookReceiver receiver) {
        return registration(receiver, List.of("/*"));
    }

    static FilterRegistrationBean<WebhookFilter> registration(WebhookReceiver receiver, List<String> patterns) {
        FilterRegistrationBean<WebhookFilter> registration = new FilterRegistrationBean<>(new WebhookFilter(receiver));
        registration.setName(WebhookAutoConfiguration.FILTER_NAME);
        registration.setOrder(WebhookAutoConfiguration.FILTER_ORDER);
        registration.setUrlPatterns(patterns);
        registration.setAsyncSupported(true); // the filter never goes async, but must not veto it on these paths
        // Fail, not skip, when the WAR drop-in (WebhookInitializer, which only external containers run) already
        // registered a filter of this name: ramphook configured twice is a mistake to be told about.
        registration.setIgnoreRegistrationFailure(false);
        return registration;
    }
}
