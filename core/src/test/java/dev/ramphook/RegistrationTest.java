package dev.ramphook;

import static dev.ramphook.testing.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.testing.ShopProvider;
import dev.ramphook.testing.ShopProvider.Note;
import dev.ramphook.testing.ShopProvider.Order;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code @OnEvent} methods: which events reach them, what they receive, and which registrations fail build(). */
class RegistrationTest {

    private static WebhookReceiver receiverFor(Object handlers) {
        return WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .handlers(handlers)
                .build();
    }

    static class Recorder {
        final List<String> calls = new ArrayList<>();
    }

    static class Routing extends Recorder {
        @OnEvent("ORDER.PAID")
        void shortName(Order order) {
            calls.add("short " + order.id() + " " + order.amount());
        }

        @OnEvent("SHOP.V1.ORDER.PAID")
        void fullName(WebhookEvent<Order> event) {
            calls.add("full " + event.data().id());
        }

        @OnEvent({"ORDER.*", "NOTE.CREATED"})
        void wildcard(WebhookEvent<?> event, DeliveryContext context) {
            calls.add("wild " + event.shortName() + " attempt " + context.attempt());
        }

        @OnEvent("*")
        void everything(JsonNode json) {
            calls.add("all " + json.path("event").asText());
        }

        @OnEvent(value = "*", provider = "shop")
        void providerRestricted(Note note) {
            calls.add("note " + note.text());
        }
    }

    @Test
    void patternsRouteByFullNameShortNameAndWildcards() {
        Routing routing = new Routing();
        try (WebhookReceiver receiver = receiverFor(routing)) {
            receiver.receive(post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.PAID", "o-1")));
            receiver.receive(post("/hooks/shop", "{\"event\":\"SHOP.V1.NOTE.CREATED\",\"id\":\"n\",\"text\":\"hi\"}"));
        }

        assertThat(routing.calls).containsExactlyInAnyOrder(
                "short o-1 12.50", "full o-1", "wild ORDER.PAID attempt 1", "all SHOP.V1.ORDER.PAID",
                "wild NOTE.CREATED attempt 1", "all SHOP.V1.NOTE.CREATED", "note hi");
    }

    @Test
    void typedParameterOnlyReceivesEventsCarryingThatType() {
        Routing routing = new Routing();
        try (WebhookReceiver receiver = receiverFor(routing)) {
            receiver.receive(post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.FAILED", "o-9")));
        }

        assertThat(routing.calls).containsExactlyInAnyOrder("wild ORDER.FAILED attempt 1", "all SHOP.V1.ORDER.FAILED");
    }

    static class BadPattern {
        @OnEvent("ORDER.PA*")
        void m(WebhookEvent<?> e) {
        }
    }

    static class UnbindableType {
        @OnEvent("ORDER.PAID")
        void m(Note note) {
        }
    }

    static class TwoDataTypes {
        @OnEvent("ORDER.PAID")
        void m(Order order, WebhookEvent<Note> event) {
        }
    }

    static class TwoContexts {
        @OnEvent("*")
        void m(DeliveryContext a, DeliveryContext b) {
        }
    }

    static class PrimitiveParameter {
        @OnEvent("*")
        void m(int x) {
        }
    }

    static class UnknownProvider {
        @OnEvent(value = "*", provider = "moonpay")
        void m(WebhookEvent<?> e) {
        }
    }

    static class NoMethods {
        void m() {
        }
    }

    static class EmptyPatterns {
        @OnEvent({})
        void m() {
        }
    }

    @Test
    void badRegistrationsFailBuildNamingClassAndMethod() {
        assertThatThrownBy(() -> receiverFor(new BadPattern()))
                .hasMessageContaining("* must be a whole segment").hasMessageContaining("BadPattern.m");
        assertThatThrownBy(() -> receiverFor(new UnbindableType()))
                .hasMessageContaining("cannot be bound").hasMessageContaining("carry [Order]")
                .hasMessageContaining("UnbindableType.m");
        assertThatThrownBy(() -> receiverFor(new TwoDataTypes()))
                .hasMessageContaining("both Order and Note").hasMessageContaining("TwoDataTypes.m");
        assertThatThrownBy(() -> receiverFor(new TwoContexts()))
                .hasMessageContaining("two parameters").hasMessageContaining("TwoContexts.m");
        assertThatThrownBy(() -> receiverFor(new PrimitiveParameter()))
                .hasMessageContaining("int").hasMessageContaining("PrimitiveParameter.m");
        assertThatThrownBy(() -> receiverFor(new UnknownProvider()))
                .hasMessageContaining("moonpay").hasMessageContaining("UnknownProvider");
        assertThatThrownBy(() -> receiverFor(new NoMethods()))
                .hasMessageContaining("NoMethods has no @OnEvent method");
        assertThatThrownBy(() -> receiverFor(new EmptyPatterns()))
                .hasMessageContaining("at least one pattern").hasMessageContaining("EmptyPatterns.m");
    }

    static class PrivateMethod {
        @OnEvent("ORDER.PAID")
        private void m(Order order) {
        }
    }

    static class StaticMethod {
        @OnEvent("ORDER.PAID")
        static void m(Order order) {
        }
    }

    static class NoParameter {
        @OnEvent("ORDER.PAID")
        void m() {
        }
    }

    static class ProtectedAndPublic extends Recorder {
        @OnEvent("ORDER.PAID")
        protected void prot(Order order) {
            calls.add("protected");
        }

        @OnEvent("ORDER.PAID")
        public void pub(WebhookEvent<?> event) {
            calls.add("public");
        }
    }

    @Test
    void privateHandlerMethodFailsBuildSayingHowToFixIt() {
        assertThatThrownBy(() -> receiverFor(new PrivateMethod()))
                .hasMessageContaining("is private; make it package-private or public")
                .hasMessageContaining("PrivateMethod.m");
    }

    @Test
    void staticHandlerMethodFailsBuild() {
        assertThatThrownBy(() -> receiverFor(new StaticMethod()))
                .hasMessageContaining("is static").hasMessageContaining("StaticMethod.m");
    }

    @Test
    void handlerMethodWithoutParametersFailsBuild() {
        assertThatThrownBy(() -> receiverFor(new NoParameter()))
                .hasMessageContaining("has no parameter").hasMessageContaining("NoParameter.m");
    }

    @Test
    void protectedAndPublicInstanceMethodsAreHandlers() {
        ProtectedAndPublic handlers = new ProtectedAndPublic();
        try (WebhookReceiver receiver = receiverFor(handlers)) {
            receiver.receive(post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.PAID", "o-1")));
        }

        assertThat(handlers.calls).containsExactlyInAnyOrder("protected", "public");
    }

    static class ZbdPaymentsOnly {
        @OnEvent("PAYMENT.SETTLED")
        void settled(dev.ramphook.zbd.ZbdPayment payment) {
        }
    }

    @Test
    void typedHandlerOfAProviderWithoutEndpointSaysSo() {
        assertThatThrownBy(() -> receiverFor(new ZbdPaymentsOnly()))
                .hasMessageContaining("is data of provider 'zbd', which has no endpoint (configured: [shop])")
                .hasMessageContaining("ZbdPaymentsOnly.settled")
                .hasMessageNotContaining("no documented event matches");
    }

    @Test
    void badProgrammaticPatternFailsBuild() {
        assertThatThrownBy(() -> WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("ORDER..PAID", (e, c) -> { })
                .build())
                .hasMessageContaining("empty segment").hasMessageContaining("on[0]:ORDER..PAID");
    }

    @Test
    void builderRejectsMissingOrDuplicateEndpoints() {
        assertThatThrownBy(() -> WebhookReceiver.builder().build()).hasMessageContaining("no endpoint");
        assertThatThrownBy(() -> WebhookReceiver.builder()
                .endpoint("/a", new ShopProvider(), Authenticator.none())
                .endpoint("/a", new ShopProvider(), Authenticator.none()))
                .hasMessageContaining("configured twice");
        assertThatThrownBy(() -> WebhookReceiver.builder().endpoint("/a/", new ShopProvider(), Authenticator.none()))
                .hasMessageContaining("must start with /");
        assertThatThrownBy(() -> WebhookReceiver.builder().endpoint("/a", new ShopProvider(), (Authenticator) null))
                .hasMessageContaining("Authenticator.none()");
    }

    static class Base {
        final List<String> calls = new ArrayList<>();

        @OnEvent("ORDER.PAID")
        void paid(Order order) {
            calls.add("base");
        }
    }

    static class Override extends Base {
        @java.lang.Override
        @OnEvent("ORDER.PAID")
        void paid(Order order) {
            calls.add("override");
        }
    }

    @Test
    void annotatedOverrideRunsOnceInsteadOfItsSuperMethod() {
        Override handlers = new Override();
        try (WebhookReceiver receiver = receiverFor(handlers)) {
            receiver.receive(post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.PAID", "o-1")));
        }

        assertThat(handlers.calls).containsExactly("override");
    }
}
