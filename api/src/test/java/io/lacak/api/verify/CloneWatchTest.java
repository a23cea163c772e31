package io.lacak.api.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CloneWatchTest {

    @Test
    void lampiranJ_aSoldCodeVerifiedByThresholdDifferentClientsAlertsOnce() {
        CloneWatch watch = new CloneWatch(3);
        assertThat(watch.seen("1/ABC", "10.0.0.1")).isFalse();
        assertThat(watch.seen("1/ABC", "10.0.0.1")).isFalse(); // the same household again
        assertThat(watch.seen("1/ABC", "10.0.0.2")).isFalse();
        assertThat(watch.seen("1/XYZ", "10.0.0.3")).isFalse(); // another code
        assertThat(watch.seen("1/ABC", "10.0.0.3")).isTrue();
        assertThat(watch.seen("1/ABC", "10.0.0.4")).isFalse(); // once per code
    }

    @Test
    void zeroNeverAlerts() {
        CloneWatch watch = new CloneWatch(0);
        for (int i = 0; i < 10; i++) {
            assertThat(watch.seen("1/ABC", "10.0.0." + i)).isFalse();
        }
    }
}
