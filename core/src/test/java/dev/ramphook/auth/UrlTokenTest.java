package dev.ramphook.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.Verification;
import dev.ramphook.WebhookRequest;
import org.junit.jupiter.api.Test;

class UrlTokenTest {

    private static final String TOKEN = "q2Zb7xV1-secret_Token";
    private static final byte[] BODY = new byte[0];

    private static WebhookRequest at(String path, String query) {
        return WebhookRequest.builder().path(path).query(query).build();
    }

    @Test
    void tokenInDefaultQueryParameterIsAccepted() {
        assertThat(UrlToken.of(TOKEN).verify(at("/webhooks/zbd", "token=" + TOKEN), BODY).isOk()).isTrue();
    }

    @Test
    void tokenInNamedQueryParameterIsAccepted() {
        assertThat(UrlToken.query("k", TOKEN).verify(at("/webhooks/zbd", "a=1&k=" + TOKEN), BODY).isOk()).isTrue();
    }

    @Test
    void percentEncodedQueryValueIsDecodedBeforeComparison() {
        assertThat(UrlToken.of("a b/c").verify(at("/webhooks/zbd", "token=a%20b%2Fc"), BODY).isOk()).isTrue();
    }

    @Test
    void tokenInLastPathSegmentIsAccepted() {
        assertThat(UrlToken.pathSegment(TOKEN).verify(at("/webhooks/zbd/" + TOKEN, null), BODY).isOk()).isTrue();
    }

    @Test
    void wrongTokenIsUnauthorizedWithoutEcho() {
        Verification v = UrlToken.of(TOKEN).verify(at("/webhooks/zbd", "token=guess"), BODY);

        assertThat(v.status()).isEqualTo(401);
        assertThat(v.reason()).hasValue("wrong URL token");
    }

    @Test
    void prefixOfTheTokenIsWrong() {
        assertThat(UrlToken.of(TOKEN).verify(at("/webhooks/zbd", "token=" + TOKEN.substring(0, 5)), BODY).isOk())
                .isFalse();
    }

    @Test
    void missingTokenIsNamed() {
        assertThat(UrlToken.of(TOKEN).verify(at("/webhooks/zbd", null), BODY).reason()).hasValue("missing URL token");
        assertThat(UrlToken.of(TOKEN).verify(at("/webhooks/zbd", "token="), BODY).reason())
                .hasValue("missing URL token");
    }

    @Test
    void tokenInTheWrongPlaceDoesNotCount() {
        assertThat(UrlToken.of(TOKEN).verify(at("/webhooks/zbd/" + TOKEN, null), BODY).isOk()).isFalse();
        assertThat(UrlToken.pathSegment(TOKEN).verify(at("/webhooks/zbd", "token=" + TOKEN), BODY).isOk()).isFalse();
    }

    @Test
    void anyRotatedTokenIsAccepted() {
        UrlToken rotated = UrlToken.of("new-token", TOKEN);

        assertThat(rotated.verify(at("/webhooks/zbd", "token=" + TOKEN), BODY).isOk()).isTrue();
        assertThat(rotated.verify(at("/webhooks/zbd", "token=new-token"), BODY).isOk()).isTrue();
    }

    @Test
    void randomTokensAreUrlSafeAndDistinct() {
        String a = UrlToken.randomToken();

        assertThat(a).matches("[A-Za-z0-9_-]{43}");
        assertThat(UrlToken.randomToken()).isNotEqualTo(a);
    }

    @Test
    void toStringSaysWhereButNotTheToken() {
        assertThat(UrlToken.query("k", TOKEN).toString()).contains("query k").doesNotContain(TOKEN);
        assertThat(UrlToken.pathSegment(TOKEN).toString()).doesNotContain(TOKEN);
    }
}
