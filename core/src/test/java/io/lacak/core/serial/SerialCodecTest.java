package io.lacak.core.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerialCodecTest {

    private static final SerialKeys KEYS = SerialKeys.of(Map.of(1, new byte[32], 2, filled(7)));

    @TempDir
    Path dir;

    @Test
    void alphabetHasNoEasilyConfusedCharacters() {
        assertThat(SerialCodec.ALPHABET).hasSize(32).doesNotContain("0", "O", "1", "I");
        assertThat(SerialCodec.ALPHABET.chars().distinct().count()).isEqualTo(32);
    }

    @Test
    void lampiranF_guessProbabilityBelowOneInABillionForABillionCodes() {
        double space = Math.pow(SerialCodec.ALPHABET.length(), SerialCodec.LENGTH);
        assertThat((double) SerialCodec.CAPACITY).isEqualTo(space);
        assertThat(1e9 / space).isLessThan(1e-9);
    }

    @Test
    void serialsAreUniqueFixedLengthAndInvertible() {
        SerialCodec codec = SerialCodec.create(KEYS, 1, "DKL1234567890A1");
        Set<String> seen = new HashSet<>();
        for (long counter = 0; counter < 100_000; counter++) {
            String serial = codec.serial(counter);
            assertThat(serial).hasSize(SerialCodec.LENGTH);
            assertThat(seen.add(serial)).as("serial %s repeats", serial).isTrue();
            assertThat(codec.counter(serial)).isEqualTo(counter);
        }
        assertThat(codec.serial(SerialCodec.CAPACITY - 1)).hasSize(12);
    }

    @Test
    void consecutiveCountersDoNotLookConsecutive() {
        SerialCodec codec = SerialCodec.create(KEYS, 1, "DKL1234567890A1");
        String a = codec.serial(1000);
        String b = codec.serial(1001);
        int same = 0;
        for (int i = 0; i < SerialCodec.LENGTH; i++) {
            same += a.charAt(i) == b.charAt(i) ? 1 : 0;
        }
        assertThat(same).isLessThan(6);
    }

    @Test
    void eachProductAndKeyVersionHasItsOwnPermutation() {
        String a = SerialCodec.create(KEYS, 1, "DKL1234567890A1").serial(5);
        assertThat(SerialCodec.create(KEYS, 1, "DKL1234567890A2").serial(5)).isNotEqualTo(a);
        assertThat(SerialCodec.create(KEYS, 2, "DKL1234567890A1").serial(5)).isNotEqualTo(a);
        assertThat(SerialCodec.create(KEYS, 1, "DKL1234567890A1").serial(5)).isEqualTo(a);
    }

    @Test
    void foreignSerialsHaveNoCounter() {
        SerialCodec codec = SerialCodec.create(KEYS, 1, "DKL1234567890A1");
        assertThat(codec.counter("ABC")).isEqualTo(-1);
        assertThat(codec.counter("0000000000OO")).isEqualTo(-1);
        assertThat(codec.counter("abcdefghjkmn")).isEqualTo(-1);
    }

    @Test
    void keyFileIsCreatedOnceSecretAndReused() throws Exception {
        Path file = dir.resolve("keys/serial.keys");

        SerialKeys first = SerialKeys.load(file, null);
        SerialKeys second = SerialKeys.load(file, null);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(file.getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(SerialCodec.create(second, 1, "X1").serial(9))
                .isEqualTo(SerialCodec.create(first, 1, "X1").serial(9));
        assertThat(first.toString())
                .doesNotContain(Files.readString(file)
                        .lines()
                        .filter(l -> l.startsWith("1:"))
                        .findFirst()
                        .orElseThrow()
                        .substring(2));
    }

    @Test
    void configuredKeyWinsOverTheFile() {
        String configured = Base64.getEncoder().encodeToString(filled(3));

        SerialKeys keys = SerialKeys.load(dir.resolve("absent/serial.keys"), configured);

        assertThat(keys.currentVersion()).isEqualTo(1);
        assertThat(dir.resolve("absent")).doesNotExist();
        assertThat(SerialCodec.create(keys, 1, "X1").serial(9))
                .isEqualTo(SerialCodec.create(SerialKeys.of(Map.of(1, filled(3))), 1, "X1")
                        .serial(9));
    }

    private static byte[] filled(int b) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) b);
        return k;
    }
}
