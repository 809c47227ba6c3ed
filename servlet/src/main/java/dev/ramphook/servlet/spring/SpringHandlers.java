package dev.ramphook.servlet.spring;

import dev.ramphook.config.ConfigException;
import dev.ramphook.OnEvent;
import dev.ramphook.WebhookReceiver;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * The application's beans that have {@link OnEvent} methods: they are handlers with everything Spring gives them
 * (injection, {@code @Transactional}, configuration). Bean types are looked at before any bean is created, so only
 * handler beans are initialised early.
 */
final class SpringHandlers {

    private SpringHandlers() {
    }

    static List<Object> find(ConfigurableListableBeanFactory beans) {
        List<Object> handlers = new ArrayList<>();
        for (String name : beans.getBeanDefinitionNames()) {
            if (ScopedProxyUtils.isScopedTarget(name) || abstractDefinition(beans, name)) {
                continue; // the scoped proxy itself is looked at under its own name
            }
            Class<?> type = beans.getType(name, false);
            if (type == null || WebhookReceiver.class.isAssignableFrom(type)
                    || !hasOnEventMethod(ClassUtils.getUserClass(type))) {
                continue;
            }
            if (!beans.isSingleton(name)) {
                throw new ConfigException("bean '" + name + "' (" + type.getName() + ") has @OnEvent methods but is"
                        + " not a singleton: webhook handlers live as long as the application");
            }
            Object bean = beans.getBean(name);
            if (AopUtils.isJdkDynamicProxy(bean)) {
                // The proxy class only has the interface's methods, so the @OnEvent methods could not be called.
                throw new ConfigException("bean '" + name + "' (" + ClassUtils.getUserClass(type).getName() + ") has"
                        + " @OnEvent methods but is a JDK interface proxy: let Spring proxy it by class"
                        + " (spring.aop.proxy-target-class=true, Spring Boot's default)");
            }
            handlers.add(bean);
        }
        return handlers;
    }

    private static boolean abstractDefinition(ConfigurableListableBeanFactory beans, String name) {
        if (!beans.containsBeanDefinition(name)) {
            return false;
        }
        BeanDefinition definition = beans.getBeanDefinition(name);
        return definition.isAbstract();
    }

    /** Declared on the class or a superclass: what the receiver's own scan will find on the bean. */
    static boolean hasOnEventMethod(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.isAnnotationPresent(OnEvent.class)) {
                    return true;
                }
            }
        }
        return false;
    }
}
