package io.lacak.core.store;

import io.lacak.core.serial.PackagingLevel;
import java.nio.file.Path;

/**
 * Child JVM of {@link StoreCrashTest}. {@code fill DIR}: writes {@link #FILLED} codes, records
 * {@link #SEQUENCE} and halts without closing (an unclean stop). {@code grow DIR}: opens the store
 * (rebuilding its indexes, since the last stop was unclean), then writes codes until the code
 * index doubles, and waits to be killed.
 */
public final class StoreCrashChild {

    /** Codes of the fill; the index doubles three times on the way. */
    static final int FILLED = 199_000;

    static final long SEQUENCE = 4242;
    /** Codes the store is first sized for. */
    static final long INITIAL = 35_714;

    static StoreOptions options(Path dir) {
        return new StoreOptions().setDirectory(dir).setInitialCodes(INITIAL);
    }

    static byte[] key(int i) {
        return CodeKey.encode(7, "S" + i, new byte[CodeKey.SIZE]);
    }

    static CodeState state(int i) {
        return new CodeState()
                .level(PackagingLevel.values()[0])
                .status(CodeStatus.values()[0])
                .batch(i)
                .holder(i ^ 0x5a5a)
                .counterparty(i * 3);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "fill" -> {
                CodeStore store = CodeStore.open(options(dir));
                for (int i = 0; i < FILLED; i++) {
                    store.write(key(i), state(i));
                }
                store.appliedSequence(SEQUENCE);
                System.out.println("FILLED " + store.generations());
                System.out.flush();
                Runtime.getRuntime().halt(0); // no close: the store.open marker stays
            }
            case "grow" -> {
                // Warm up first, so that kills after START land in the recovery and the growth rather
                // than in class loading.
                Path warm = Path.of(args[1] + "-warm");
                CodeStore.open(options(warm)).close();
                System.out.println("START");
                System.out.flush();
                long t0 = System.nanoTime();
                CodeStore store = CodeStore.open(options(dir));
                System.out.println("OPENED " + (System.nanoTime() - t0) / 1_000_000);
                System.out.flush();
                int gens = store.generations();
                for (int i = FILLED; store.generations() == gens; i++) {
                    if (store.size() == store.capacity()) { // the next write doubles the index
                        System.out.println("GROWING " + (System.nanoTime() - t0) / 1_000_000);
                        System.out.flush();
                    }
                    store.write(key(i), state(i));
                }
                System.out.println("GREW " + (System.nanoTime() - t0) / 1_000_000);
                System.out.flush();
                Thread.sleep(60_000);
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
