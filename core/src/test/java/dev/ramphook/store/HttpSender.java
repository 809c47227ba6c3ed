package dev.ramphook.store;

import dev.ramphook.testing.ShopProvider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Sends shop deliveries over real HTTP, as a provider would. */
final class HttpSender {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Delivers {@code SHOP.V1.ORDER.PAID} for order {@code id}. */
    HttpResponse<String> paid(URI endpoint, String id) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ShopProvider.body("SHOP.V1.ORDER.PAID", id)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** "200 accepted", "503 unavailable" and so on: the status code and the body's status word. */
    static String answer(HttpResponse<String> response) {
        return response.statusCode() + " " + response.body().replaceAll(".*\"status\":\"([a-z_]+)\".*", "$1");
    }

    static String key(String id) {
        return "SHOP.V1.ORDER.PAID:" + id;
    }
}
