package dev.ramphook.servlet.spring;

import dev.ramphook.WebhookReceiver;
import dev.ramphook.metrics.RamphookMetrics;
import java.util.function.Supplier;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Spring Boot auto-configuration of the receiver's operability, for the application's one {@link WebhookReceiver}
 * (built by {@link WebhookAutoConfiguration} or the application's own bean):
 * <ul>
 *   <li>with Micrometer on the class path, a {@link RamphookMetrics} bean, which Spring Boot binds to its meter
 *       registry (as it binds every {@code MeterBinder} bean);</li>
 *   <li>with Actuator's health API on the class path, a health indicator named {@code ramphook}: Spring Boot 4's
 *       {@code org.springframework.boot.health.contributor} ({@link SpringHealthIndicator}) or Spring Boot 3's
 *       {@code org.springframework.boot.actuate.health} ({@link SpringBoot3Health}).</li>
 * </ul>
 * Each backs off when the application defines a bean of that name or type. Without Micrometer or Actuator nothing
 * of them is loaded.
 */
// "exports": Spring Boot is optional (requires static); only Spring Boot, which the application requires, reads
// these annotations.
@SuppressWarnings("exports")
@AutoConfiguration(after = {WebhookAutoConfiguration.class, WebhookFilterAutoConfiguration.class})
@ConditionalOnSingleCandidate(WebhookReceiver.class)
public class RamphookActuatorAutoConfiguration {

    /** The health indicator's bean name; Actuator shows it as the component {@code ramphook}. */
    static final String HEALTH_INDICATOR = "ramphookHealthIndicator";
    private static final String BOOT4_HEALTH = "org.springframework.boot.health.contributor.HealthIndicator";

    /** Creates the configuration; Spring Boot calls this. */
    public RamphookActuatorAutoConfiguration() {
    }

    /** The meter binder, when Micrometer is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    static class Metrics {
        @Bean
        @ConditionalOnMissingBean(RamphookMetrics.class)
        RamphookMetrics ramphookMetrics(WebhookReceiver receiver) {
            return new RamphookMetrics(receiver);
        }
    }

    /** Spring Boot 4's health API. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = BOOT4_HEALTH)
    static class Boot4Health {
        @Bean(HEALTH_INDICATOR)
        @ConditionalOnMissingBean(name = HEALTH_INDICATOR)
        SpringHealthIndicator ramphookHealthIndicator(WebhookReceiver receiver) {
            return new SpringHealthIndicator(receiver);
        }
    }

    /** Spring Boot 3's health API (gone from Spring Boot 4). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = SpringBoot3Health.INDICATOR)
    @ConditionalOnMissingClass(BOOT4_HEALTH)
    @org.springframework.context.annotation.Import(Boot3HealthRegistrar.class)
    static class Boot3Health {
    }

    /**
     * Registers the Spring Boot 3 indicator with its interface as the bean type, so that Actuator finds it among
     * the {@code HealthContributor} beans although this module does not compile against that interface.
     */
    static final class Boot3HealthRegistrar implements ImportBeanDefinitionRegistrar, BeanClassLoaderAware,
            BeanFactoryAware {

        private ClassLoader classLoader;
        private BeanFactory beans;

        @Override
        public void setBeanClassLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
        }

        @Override
        public void setBeanFactory(BeanFactory beanFactory) {
            this.beans = beanFactory;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
            if (registry.containsBeanDefinition(HEALTH_INDICATOR)) {
                return;
            }
            Class<Object> type;
            try {
                type = (Class<Object>) Class.forName(SpringBoot3Health.INDICATOR, false, classLoader);
            } catch (ClassNotFoundException e) {
                return; // the condition saw it; a class loader that does not is no Spring Boot 3 application
            }
            ClassLoader loader = classLoader;
            BeanFactory factory = beans;
            Supplier<Object> indicator = () -> {
                try {
                    return SpringBoot3Health.indicator(loader, () -> factory.getBean(WebhookReceiver.class));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Spring Boot 3 health API not as expected: " + e, e);
                }
            };
            registry.registerBeanDefinition(HEALTH_INDICATOR, new RootBeanDefinition(type, indicator));
        }
    }
}
