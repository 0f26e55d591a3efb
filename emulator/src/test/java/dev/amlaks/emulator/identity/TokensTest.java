package dev.amlaks.emulator.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Tokens#validFor}: the data plane's check of an Entra token, by signature, time and audience. */
class TokensTest {

    private static final ServicePrincipal SP = new ServicePrincipal("c", "s", "t", "o", "d");
    private final Tokens tokens = new Tokens(SigningKey.open(null));
    private final long now = 1_800_000_000_000L;

    @Test
    void a_token_is_valid_for_its_audience_within_its_lifetime_only() {
        String t = tokens.issue(SP, "https://ml.azure.com", now, 3600);
        assertThat(tokens.validFor(t, now + 1000, Tokens.ML_AUDIENCES)).isTrue();
        assertThat(tokens.validFor(t, now + 3_600_000, Tokens.ML_AUDIENCES)).as("at its expiry").isFalse();
        assertThat(tokens.validFor(t, now - 600_000, Tokens.ML_AUDIENCES)).as("ten minutes before it was issued").isFalse();
        assertThat(tokens.validFor(tokens.issue(SP, "https://management.azure.com/", now, 3600), now, Tokens.ML_AUDIENCES)).isFalse();
    }

    @Test
    void a_token_another_key_signed_or_no_jwt_is_not_valid() {
        String other = new Tokens(SigningKey.open(null)).issue(SP, "https://ml.azure.com/", now, 3600);
        assertThat(tokens.validFor(other, now, Tokens.ML_AUDIENCES)).isFalse();
        assertThat(tokens.validFor("a.b.c", now, Tokens.ML_AUDIENCES)).isFalse();
        assertThat(tokens.validFor("", now, Tokens.ML_AUDIENCES)).isFalse();
    }
}
