/**
 * ramphook core: receive, verify, parse, record and handle webhooks from any HTTP stack.
 *
 * <p>Exported: the API packages only. The {@code dev.ramphook.internal.*} packages (engine, console, crypto, json,
 * text, provider helpers: see docs/maintainers.md) are not exported; on the class path their classes are still
 * loadable, but they are not API and change without notice.
 * Adding an API package: export it here and list it in {@code ModuleBoundaryTest}, in the same commit.
 */
// "module": the qualified export below names dev.ramphook.servlet, which is built after this module and so cannot
// be found when this one compiles. "requires-automatic": Micrometer has no descriptor of its own (an automatic
// module name only). Both are facts of the build, not of the API; javac compiles main sources with -Werror.
@SuppressWarnings({"module", "requires-automatic"})
module dev.ramphook.core {
    // The event envelope hands out Jackson trees (WebhookEvent.json(), Provider.parse(ObjectNode, …)).
    requires transitive com.fasterxml.jackson.databind;
    // The JDBC store's API takes a javax.sql.DataSource.
    requires transitive java.sql;
    // Always needed: Logs hands out org.slf4j.Logger; without an SLF4J provider the lines go to java.util.logging.
    requires org.slf4j;
    requires java.logging;
    // Only WebhookHttpHandler uses the JDK's HTTP server; an application that mounts it requires jdk.httpserver.
    requires static jdk.httpserver;
    // Optional: Ramp Network's secp256k1 signatures need BouncyCastle, loaded only when that provider verifies.
    requires static org.bouncycastle.provider;
    // Optional: the Micrometer binding (dev.ramphook.metrics), loaded only when the application binds it.
    requires static micrometer.core;
    // Optional: the Jakarta REST sub-resource (dev.ramphook.jakartarest) and the Vert.x route handler
    // (dev.ramphook.vertx), loaded only when the application mounts them on its own stack.
    requires static jakarta.ws.rs;
    requires static io.vertx.core;
    requires static io.vertx.web;
    // Optional: OpenTelemetry tracing (dev.ramphook.opentelemetry), loaded only when the application creates it.
    requires static io.opentelemetry.api;
    requires static io.opentelemetry.context;
    // The test kit (dev.ramphook.testkit) sends signed deliveries with the JDK's HTTP client, and its API hands out
    // java.net.http requests and responses: a module using the test kit reads java.net.http through this one.
    requires transitive java.net.http;

    exports dev.ramphook;
    exports dev.ramphook.auth;
    exports dev.ramphook.config;
    exports dev.ramphook.httpserver;
    exports dev.ramphook.jakartarest;
    exports dev.ramphook.mecash;
    exports dev.ramphook.metrics;
    exports dev.ramphook.moonpay;
    exports dev.ramphook.onramper;
    exports dev.ramphook.opentelemetry;
    exports dev.ramphook.provider;
    exports dev.ramphook.receiver;
    exports dev.ramphook.rampnetwork;
    exports dev.ramphook.revolut;
    exports dev.ramphook.store;
    exports dev.ramphook.testkit;
    exports dev.ramphook.transak;
    exports dev.ramphook.vertx;
    exports dev.ramphook.zbd;

    // For the servlet module: Logs (its log lines go to SLF4J or java.util.logging, as core decides). Nothing else:
    // the filter reads bodies and answers early through the receiver's public API, and the key parser is API
    // (dev.ramphook.config).
    exports dev.ramphook.internal.text to dev.ramphook.servlet;

    // Providers are found by id: the receiver (typed handler parameters) and the servlet drop-in load them.
    uses dev.ramphook.Provider;
    provides dev.ramphook.Provider with
            dev.ramphook.zbd.ZbdRamp,
            dev.ramphook.mecash.MeCash,
            dev.ramphook.moonpay.MoonPay,
            dev.ramphook.transak.Transak,
            dev.ramphook.rampnetwork.RampNetwork,
            dev.ramphook.revolut.RevolutRamp,
            dev.ramphook.onramper.Onramper;
}
