package com.example.app;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.mecash.MeCash;
import dev.ramphook.servlet.WebhookFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContainerInitializer;
import java.util.EnumSet;
import java.util.ServiceLoader;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * meCash deliveries at /coded/webhooks/mecash (a receiver built in code, behind WebhookFilter) and at
 * /dropin/webhooks/mecash (the drop-in, found through ServiceLoader and configured by this module's
 * ramphook.properties). Prints "listening PORT", serves until its standard input closes, then prints "stopped".
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String secret = System.getProperty("MECASH_WEBHOOK_SECRET");
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/mecash", MeCash.provider(), secret)
                .handlers(new Payouts("coded"))
                .build();
        ServletContextHandler coded = new ServletContextHandler("/coded");
        coded.addFilter(new FilterHolder(new WebhookFilter(receiver)), "/*", EnumSet.of(DispatcherType.REQUEST));

        ServletContextHandler dropIn = new ServletContextHandler("/dropin");
        int initializers = 0;
        for (ServletContainerInitializer initializer : ServiceLoader.load(ServletContainerInitializer.class)) {
            dropIn.addServletContainerInitializer(initializer);
            initializers++;
        }
        System.out.println("initializers " + initializers);

        server.setHandler(new ContextHandlerCollection(coded, dropIn));
        server.start();
        System.out.println("listening " + connector.getLocalPort());
        while (System.in.read() != -1) {
            // serve until the test closes this process's standard input
        }
        server.stop();
        receiver.close();
        System.out.println("stopped");
    }
}
