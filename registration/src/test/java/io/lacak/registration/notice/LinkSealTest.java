package io.lacak.registration.notice;

import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.registration.account.Activations;
import org.junit.jupiter.api.Test;

/** Issue 15: a one-time link's token is made from a secret the database keeps and a key it does not. */
class LinkSealTest {

    private final LinkSeal seal = new LinkSeal(new byte[32]);

    @Test
    void aTokenOpensToItsSecret_aForgedOrForeignOneOpensNothing() {
        String secret = Activations.newToken();
        String token = seal.token(secret);

        assertThat(seal.open(token)).isEqualTo(secret);
        assertThat(token).startsWith(secret + ".").isNotEqualTo(secret);
        assertThat(seal.open(secret)).isNull(); // the secret alone, as the database has it
        assertThat(seal.open(secret + ".AAAA")).isNull();
        assertThat(seal.open(null)).isNull();
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThat(new LinkSeal(otherKey).open(token)).isNull(); // another server's key
    }

    @Test
    void theLinkIsRenderedWithTheTokenOnlyWhenItHasASecret() {
        assertThat(seal.render("/activate.html?token=" + LinkSeal.TOKEN, "s3cret"))
                .isEqualTo("/activate.html?token=" + seal.token("s3cret"));
        assertThat(seal.render("/status.html", null)).isEqualTo("/status.html");
    }
}
