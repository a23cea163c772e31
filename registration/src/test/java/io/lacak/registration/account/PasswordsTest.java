package io.lacak.registration.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void hashesAreSaltedSlowAndVerifiable() {
        String a = Passwords.hash("correct horse battery");
        String b = Passwords.hash("correct horse battery");

        assertThat(a).startsWith("pbkdf2-sha256$" + Passwords.ITERATIONS + "$").isNotEqualTo(b); // salted
        assertThat(a).doesNotContain("correct horse");
        assertThat(Passwords.matches("correct horse battery", a)).isTrue();
        assertThat(Passwords.matches("correct horse batterY", a)).isFalse();
        assertThat(Passwords.matches("x", "garbage")).isFalse();
        assertThat(Passwords.matches("x", null)).isFalse();
    }

    @Test
    void generatedPasswordsAreLongAndDiffer() {
        assertThat(Passwords.generate()).hasSize(20).isNotEqualTo(Passwords.generate());
    }
}
