package io.lacak.core.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lacak.core.db.TestPostgres;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: a node holding a serial key other than the one the database's codes were issued under
 * does not start; the same keys again, or a new version beside them, do.
 */
class KeyCheckTest {

    @Test
    void pasal5_1a_aNodeWithAnotherSerialKeyIsRefused_theSameKeyOrANewVersionPasses() throws Exception {
        byte[] first = random();
        byte[] other = random();
        SerialKeys keys = SerialKeys.of(Map.of(7001, first));
        KeyCheck.verify(TestPostgres.pool(), keys).await(30, TimeUnit.SECONDS); // recorded
        KeyCheck.verify(TestPostgres.pool(), keys).await(30, TimeUnit.SECONDS); // a restart: the same

        SerialKeys made = SerialKeys.of(Map.of(7001, other));
        assertThatThrownBy(() -> KeyCheck.verify(TestPostgres.pool(), made).await(30, TimeUnit.SECONDS))
                .hasMessageContaining("[7001]")
                .hasMessageContaining("LACAK_SERIAL_KEY")
                .hasMessageContaining(" / "); // Bahasa Indonesia, then English

        // a rotation: the old version kept, a new one recorded beside it
        KeyCheck.verify(TestPostgres.pool(), SerialKeys.of(Map.of(7001, first, 7002, other)))
                .await(30, TimeUnit.SECONDS);
        assertThatThrownBy(() -> KeyCheck.verify(TestPostgres.pool(), SerialKeys.of(Map.of(7002, first)))
                        .await(30, TimeUnit.SECONDS))
                .hasMessageContaining("[7002]");

        // the check value tells keys apart and is not the key
        assertThat(keys.fingerprint(7001)).isNotEqualTo(made.fingerprint(7001)).isNotEqualTo(first);
    }

    private static byte[] random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
