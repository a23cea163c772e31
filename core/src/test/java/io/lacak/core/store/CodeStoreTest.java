package io.lacak.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lacak.core.serial.PackagingLevel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeStoreTest {

    @TempDir
    Path dir;

    private StoreOptions options(long initial) {
        return new StoreOptions().setDirectory(dir.resolve("store")).setInitialCodes(initial);
    }

    @Test
    void keysPackEveryAlphanumericSerialAndUnpackIt() {
        SplittableRandom rnd = new SplittableRandom(5);
        String symbols = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        byte[] key = new byte[CodeKey.SIZE];
        for (int i = 0; i < 20_000; i++) {
            int len = 1 + rnd.nextInt(20);
            StringBuilder serial = new StringBuilder();
            for (int k = 0; k < len; k++) {
                serial.append(symbols.charAt(rnd.nextInt(symbols.length())));
            }
            int product = rnd.nextInt(Integer.MAX_VALUE);
            CodeKey.encode(product, serial, key);
            assertThat(CodeKey.serial(key)).isEqualTo(serial.toString());
            assertThat(CodeKey.productId(key)).isEqualTo(product);
        }
    }

    @Test
    void keysOfDifferentSerialsDiffer() {
        byte[] a = CodeKey.encode(1, "A", new byte[20]);
        byte[] b = CodeKey.encode(1, "A0", new byte[20]);
        byte[] c = CodeKey.encode(2, "A", new byte[20]);
        assertThat(a).isNotEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void lampiranC2_keysRefuseWhatIsNoSerial() {
        assertThatThrownBy(() -> CodeKey.encode(1, "", new byte[20])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CodeKey.encode(1, "A".repeat(21), new byte[20]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CodeKey.encode(1, "AB-1", new byte[20])).hasMessageContaining("character 3");
    }

    @Test
    void stateRecordRoundTripsInSeventeenBytes() {
        CodeState s = new CodeState()
                .level(PackagingLevel.SECONDARY)
                .status(CodeStatus.RETURN_PENDING)
                .batch(7)
                .parent(123456)
                .holder(42)
                .counterparty(-5);
        byte[] b = s.writeTo(new byte[CodeState.SIZE]);

        CodeState t = new CodeState().readFrom(b);

        assertThat(CodeState.SIZE).isEqualTo(17);
        assertThat(t.toString()).isEqualTo(s.toString());
    }

    @Test
    void aRecordOfJournalFormatOneReadsAsToday() {
        byte[] old = new byte[CodeState.SIZE_FORMAT_1];
        old[0] = (byte) (PackagingLevel.SECONDARY.ordinal() | (CodeStatus.IN_TRANSIT.ordinal() << 2));
        Bytes.writeInt(old, 1, 7); // batch
        Bytes.writeInt(old, 5, 3); // parent
        Bytes.writeInt(old, 9, 99); // own container: kept beside the codes now
        Bytes.writeInt(old, 13, 42); // holder
        Bytes.writeInt(old, 17, 43); // counterparty
        old[27] = 5; // last event

        CodeState s = new CodeState().readFrom(CodeState.fromFormat1(old));

        assertThat(s.toString())
                .isEqualTo(new CodeState()
                        .level(PackagingLevel.SECONDARY)
                        .status(CodeStatus.IN_TRANSIT)
                        .batch(7)
                        .parent(3)
                        .holder(42)
                        .counterparty(43)
                        .toString());
    }

    @Test
    void aStoreOfAnOlderLayoutStartsEmptyForTheJournalToRebuild() throws Exception {
        Path dir = options(10_000).directory();
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.write(
                dir.resolve("store.meta"),
                java.nio.ByteBuffer.allocate(16).putLong(5).putLong(3).array());
        java.nio.file.Files.write(dir.resolve("codes-0-12500.dat"), new byte[64]); // the 28-byte-record map of format 1
        try (CodeStore store = CodeStore.open(options(10_000))) {
            assertThat(store.appliedSequence()).isZero();
            assertThat(store.nextContainerId()).isEqualTo(1);
            assertThat(dir.resolve("codes-0-12500.dat")).doesNotExist();
        }
    }

    @Test
    void issue19_anUncleanStopRebuildsTheIndexesFromTheRecords() throws Exception {
        Path dir = options(10_000).directory();
        byte[] key = CodeKey.encode(3, "SERIAL1", new byte[20]);
        byte[] box = CodeKey.encode(3, "BOX1", new byte[20]);
        try (CodeStore store = CodeStore.open(options(10_000))) {
            store.write(
                    key,
                    new CodeState()
                            .level(PackagingLevel.PRIMARY)
                            .status(CodeStatus.HELD)
                            .holder(9));
            store.putContainer(4, box);
            store.putChild(4, 0, key);
            store.appliedSequence(5);
        }
        // What a kill can leave: the marker of an unclean stop, and indexes that do not name every
        // record (a kill between recording a row and indexing it); here both indexes wiped.
        java.nio.file.Files.createFile(dir.resolve("store.open"));
        try (var files = java.nio.file.Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".idx")).toList()) {
                java.nio.file.Files.write(f, new byte[(int) java.nio.file.Files.size(f)]);
            }
        }
        try (CodeStore store = CodeStore.open(options(10_000))) {
            CodeState s = new CodeState();
            assertThat(store.read(key, s)).isTrue();
            assertThat(s.holder()).isEqualTo(9);
            assertThat(store.size()).isEqualTo(1); // the box is known as a container, never reported
            assertThat(store.read(box, s)).isFalse();
            assertThat(store.containerOf(box)).isEqualTo(4);
            assertThat(store.appliedSequence()).isEqualTo(5);
            byte[] out = new byte[20];
            assertThat(store.childKey(4, 0, out)).isTrue();
            assertThat(CodeKey.serial(out)).isEqualTo("SERIAL1");
        }
    }

    @Test
    void aCodeKnownOnlyAsAChildIsNotReportedUntilWritten() {
        byte[] key = CodeKey.encode(3, "UNIT9", new byte[20]);
        try (CodeStore store = CodeStore.open(options(10_000))) {
            store.putContainer(1, CodeKey.encode(3, "BOX9", new byte[20]));
            store.putChild(1, 0, key);
            CodeState s = new CodeState();
            assertThat(store.read(key, s)).isFalse();
            assertThat(store.size()).isZero();
            store.write(
                    key,
                    s.level(PackagingLevel.PRIMARY).status(CodeStatus.ACTIVE).parent(1));
            assertThat(store.read(key, s)).isTrue();
            assertThat(store.size()).isEqualTo(1);
        }
    }

    @Test
    void childrenOfInterleavedContainersKeepTheirSlots() {
        try (CodeStore store = CodeStore.open(options(10_000))) {
            store.putContainer(1, CodeKey.encode(1, "A", new byte[20]));
            store.putContainer(2, CodeKey.encode(1, "B", new byte[20]));
            for (int i = 0; i < 40; i++) { // two containers filled in turn: each moves past the other
                store.putChild(1, i, CodeKey.encode(1, "A" + i, new byte[20]));
                store.putChild(2, i, CodeKey.encode(1, "B" + i, new byte[20]));
            }
            byte[] out = new byte[20];
            for (int i = 0; i < 40; i++) {
                assertThat(store.childKey(1, i, out)).isTrue();
                assertThat(CodeKey.serial(out)).isEqualTo("A" + i);
                assertThat(store.childKey(2, i, out)).isTrue();
                assertThat(CodeKey.serial(out)).isEqualTo("B" + i);
            }
            assertThat(store.childKey(1, 40, out)).isFalse();
        }
    }

    @Test
    void containersAreFoundByTheirCode() {
        byte[] box = CodeKey.encode(3, "BOX1", new byte[20]);
        try (CodeStore store = CodeStore.open(options(10_000))) {
            assertThat(store.containerOf(box)).isZero();
            store.putContainer(12, box);
            assertThat(store.containerOf(box)).isEqualTo(12);
        }
        try (CodeStore store = CodeStore.open(options(10_000))) {
            assertThat(store.containerOf(box)).isEqualTo(12);
        }
    }

    @Test
    void codesSurviveCloseAndReopen() {
        byte[] key = CodeKey.encode(3, "SERIAL1", new byte[20]);
        try (CodeStore store = CodeStore.open(options(10_000))) {
            store.write(
                    key,
                    new CodeState()
                            .level(PackagingLevel.PRIMARY)
                            .status(CodeStatus.HELD)
                            .holder(9));
            store.appliedSequence(5);
        }
        try (CodeStore store = CodeStore.open(options(10_000))) {
            CodeState s = new CodeState();
            assertThat(store.read(key, s)).isTrue();
            assertThat(s.status()).isEqualTo(CodeStatus.HELD);
            assertThat(s.holder()).isEqualTo(9);
            assertThat(store.appliedSequence()).isEqualTo(5);
            assertThat(store.read(CodeKey.encode(3, "SERIAL2", new byte[20]), s))
                    .isFalse();
        }
    }

    @Test
    void growsPastItsInitialCapacityWithoutFailingAndKeepsEverything() {
        int codes = 20_000; // twenty times the initial size
        byte[] key = new byte[CodeKey.SIZE];
        CodeState state = new CodeState().level(PackagingLevel.PRIMARY).status(CodeStatus.ACTIVE);
        try (CodeStore store = CodeStore.open(options(1_000))) {
            for (int i = 0; i < codes; i++) {
                store.write(CodeKey.encode(1, "S" + i, key), state.holder(i));
            }
            assertThat(store.size()).isEqualTo(codes);
            assertThat(store.generations()).isGreaterThan(1);
            assertThat(store.capacity()).isGreaterThanOrEqualTo(codes);
            // rewriting an existing code updates it where it is, adding nothing
            store.write(CodeKey.encode(1, "S0", key), state.holder(77));
            assertThat(store.size()).isEqualTo(codes);
        }
        try (CodeStore store = CodeStore.open(options(1_000))) {
            CodeState s = new CodeState();
            for (int i = 1; i < codes; i++) {
                assertThat(store.read(CodeKey.encode(1, "S" + i, key), s)).isTrue();
                assertThat(s.holder()).isEqualTo(i);
            }
            store.read(CodeKey.encode(1, "S0", key), s);
            assertThat(s.holder()).isEqualTo(77);
        }
    }

    @Test
    void containersListTheChildrenStillInside() {
        try (CodeStore store = CodeStore.open(options(10_000))) {
            byte[] box = CodeKey.encode(1, "BOX", new byte[20]);
            int id = store.nextContainerId();
            store.putContainer(id, box);
            List<byte[]> inside = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                byte[] child = CodeKey.encode(1, "UNIT" + i, new byte[20]);
                store.write(
                        child,
                        new CodeState()
                                .level(PackagingLevel.PRIMARY)
                                .status(CodeStatus.ACTIVE)
                                .parent(id));
                store.putChild(id, i, child);
            }
            store.extendChildSlots(id, 5);
            // UNIT3 leaves the box on its own
            store.write(
                    CodeKey.encode(1, "UNIT3", new byte[20]),
                    new CodeState()
                            .level(PackagingLevel.PRIMARY)
                            .status(CodeStatus.ACTIVE)
                            .parent(0));

            store.forEachChild(id, k -> inside.add(k.clone()));

            assertThat(inside).extracting(CodeKey::serial).containsExactly("UNIT0", "UNIT1", "UNIT2", "UNIT4");
            byte[] out = new byte[20];
            assertThat(store.containerKey(id, out)).isTrue();
            assertThat(CodeKey.serial(out)).isEqualTo("BOX");
            assertThat(store.childSlots(id)).isEqualTo(5);
            // putting the same child again (a replay) changes nothing
            store.putChild(id, 4, CodeKey.encode(1, "UNIT4", new byte[20]));
            store.extendChildSlots(id, 5);
            store.extendChildSlots(id, 3);
            store.putContainer(id, box);
            assertThat(store.childSlots(id)).isEqualTo(5);
            assertThat(store.nextContainerId()).isEqualTo(id + 1);
        }
    }
}
