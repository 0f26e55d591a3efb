package dev.amlaks.emulator.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amlaks.emulator.arm.ArmException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A token lives on real time: valid until its expiry, expired after it, whatever the virtual clock says. */
class TokenLifetimeTest {

    private static final ServicePrincipal SP = new ServicePrincipal("00000000-0000-4000-8000-00000000c001", "secret",
            "00000000-0000-4000-8000-00000000a001", "00000000-0000-4000-8000-00000000b001", "sp");

    @Test
    void a_token_is_valid_until_its_expiry_in_real_time_and_expired_after() {
        Tokens tokens = new Tokens(SigningKey.open(null));
        long issued = 1_800_000_000_000L;
        String token = tokens.issue(SP, Tokens.ARM_AUDIENCES.get(0), issued, IdentityRoutes.LIFETIME);
        assertThat(tokens.verify(token, issued + (IdentityRoutes.LIFETIME - 60) * 1000, Set.of()).appId()).isEqualTo(SP.clientId());
        assertThatThrownBy(() -> tokens.verify(token, issued + (IdentityRoutes.LIFETIME + 1) * 1000, Set.of()))
                .isInstanceOfSatisfying(ArmException.class, e -> assertThat(e.error().code()).isEqualTo("ExpiredAuthenticationToken"));
        assertThat(IdentityRoutes.LIFETIME).as("longer than the five minutes a client refreshes before").isGreaterThan(3600);
    }
}
