package io.lacak.api.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void aBurstOfTwiceTheRateThenOneRequestPerInterval() {
        RateLimiter limiter = new RateLimiter(10); // 10/s, bursts of 20
        long now = 1_000_000_000_000L;
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.allow("10.0.0.1", now)).as("request %d", i).isTrue();
        }
        assertThat(limiter.allow("10.0.0.1", now)).isFalse();
        assertThat(limiter.allow("10.0.0.2", now)).isTrue(); // another client has its own allowance
        assertThat(limiter.allow("10.0.0.1", now + 100_000_000L)).isTrue(); // 100 ms later: one more
        assertThat(limiter.allow("10.0.0.1", now + 100_000_000L)).isFalse();
    }

    @Test
    void perMinuteForLogins() {
        RateLimiter limiter = RateLimiter.perMinute(10); // one per 6 s, bursts of 20
        long now = 5_000_000_000_000L;
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.allow("10.0.0.1", now)).isTrue();
        }
        assertThat(limiter.allow("10.0.0.1", now + 5_000_000_000L)).isFalse();
        assertThat(limiter.allow("10.0.0.1", now + 6_000_000_000L)).isTrue();
    }

    @Test
    void zeroMeansNoLimit() {
        RateLimiter limiter = new RateLimiter(0);
        for (int i = 0; i < 10_000; i++) {
            assertThat(limiter.allow("10.0.0.1", 5)).isTrue();
        }
    }

    @Test
    void behindTrustedProxiesTheClientIsTheRightMostHopNotAProxy() {
        java.util.Set<String> proxies = java.util.Set.of("127.0.0.1", "10.0.0.2");
        // the client may forge the left hops; the proxy appended the address it saw
        assertThat(RateLimiter.forwardedClient(
                        java.util.List.of("6.6.6.6, 203.0.113.9, 10.0.0.2"), "127.0.0.1", proxies))
                .isEqualTo("203.0.113.9");
        assertThat(RateLimiter.forwardedClient(java.util.List.of("198.51.100.1", "203.0.113.7"), "127.0.0.1", proxies))
                .as("several headers read as one list")
                .isEqualTo("203.0.113.7");
        assertThat(RateLimiter.forwardedClient(java.util.List.of(), "127.0.0.1", proxies))
                .as("no header: the proxy itself")
                .isEqualTo("127.0.0.1");
        assertThat(RateLimiter.forwardedClient(java.util.List.of(" , 10.0.0.2"), "127.0.0.1", proxies))
                .isEqualTo("10.0.0.2");
    }
}
