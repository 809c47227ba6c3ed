/**
 * Configuration by {@code ramphook.*} keys, for every stack: {@link dev.ramphook.config.ReceiverSettings} turns keys
 * (a {@code Properties}, a {@code Map}, or environment variables by a documented rule) into a configured receiver,
 * validating all of them at once with messages that name the key. The keys are listed in
 * {@code docs/configuration.md} and by {@link dev.ramphook.config.ReceiverSettings#keys()}.
 */
package dev.ramphook.config;
