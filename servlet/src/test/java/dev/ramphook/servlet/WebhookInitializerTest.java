package dev.ramphook.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/** The zero-code drop-in in a real container (Jetty): registers only when configured, fails start-up on errors. */
class WebhookInitializerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, String> SECRETS = Map.of("ECHO_TOKEN", "echo-token");

    private static JettyApp app(Map<String, String> parameters, ServletContextListener listener) {
        return new JettyApp("/", context -> {
            parameters.forEach(context::setInitParameter);
            context.addServletContainerInitializer(new WebhookInitializer(name -> Optional.ofNullable(SECRETS.get(name))));
            if (listener != null) {
                context.addEventListener(listener);
            }
            context.addServlet(new ServletHolder(new HttpServlet() {
                private static final long serialVersionUID = 1L;

                @Override
                protected void service(HttpServletRequest request, HttpServletResponse response)
                        throws java.io.IOException {
                    response.getWriter().write("application");
                }
            }), "/*");
        });
    }

    private static Map<String, String> echoEndpoint() {
        return Map.of("ramphook.endpoint.echo.path", "/webhooks/echo",
                "ramphook.endpoint.echo.auth", "url-token",
                "ramphook.endpoint.echo.token-env", "ECHO_TOKEN");
    }

    @Test
    void withoutConfigurationNothingIsRegistered() throws Exception {
        try (JettyApp app = app(Map.of(), null).start()) {
            assertThat(post(app, "/webhooks/echo?token=echo-token").body()).isEqualTo("application");
        }
    }

    @Test
    void handlerBeansFromTheServletContextReceiveTheConfiguredEndpointsEvents() throws Exception {
        Beans beans = new Beans();
        ServletContextListener di = new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                event.getServletContext().setAttribute(WebhookInitializer.HANDLERS_ATTRIBUTE, List.of(beans));
            }
        };
        try (JettyApp app = app(echoEndpoint(), di).start()) {
            HttpResponse<String> response = post(app, "/webhooks/echo?token=echo-token");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(beans.keys).containsExactly("k-1");
            assertThat(post(app, "/elsewhere").body()).isEqualTo("application");
        }
    }

    @Test
    void configurationErrorStopsStartUpNamingTheKey() {
        Map<String, String> parameters = new java.util.HashMap<>(echoEndpoint());
        parameters.put("ramphook.endpoint.echo.token-env", "UNSET_TOKEN");

        JettyApp app = app(parameters, null);

        assertThatThrownBy(app::start).hasStackTraceContaining("ramphook.endpoint.echo.token-env names UNSET_TOKEN");
    }

    private static HttpResponse<String> post(JettyApp app, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(app.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"echo.sent\",\"id\":\"k-1\",\"data\":{}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A handler with a constructor argument, as a DI container would build it. */
    static final class Beans {
        final List<String> keys = new CopyOnWriteArrayList<>();

        @OnEvent("echo.*")
        void echo(WebhookEvent<?> event) {
            keys.add(event.key());
        }
    }
}
