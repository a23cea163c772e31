package io.lacak.core.store;

import static io.lacak.core.store.Bytes.readInt;
import static io.lacak.core.store.Bytes.writeInt;

import io.lacak.core.serial.PackagingLevel;

/**
 * The stored state of one code: a fixed 17-byte record (DESIGN.md "Store"; 62 bytes a code on
 * disk at 80 % fill with its 20-byte key). A reusable flyweight: read one with {@link
 * #readFrom(byte[])}, change it, write it back with {@link #writeTo(byte[])}; no object per code
 * lives on the heap. The container reference of a code that aggregates others is kept beside the
 * codes ({@code CodeStore.containerOf}), since only containers have one; when a code last changed
 * is in its chain of custody.
 *
 * <pre>
 * byte  0      level (bits 0-1), status (bits 2-5)
 * bytes 1-4    batch reference
 * bytes 5-8    parent container reference (0: none)
 * bytes 9-12   holder facility reference
 * bytes 13-16  counterparty facility reference: addressee in transit, supplier of a pending return
 * </pre>
 */
public final class CodeState {

    public static final int SIZE = 17;
    /** Size of the record in journal format 1 (with own container and last event). */
    public static final int SIZE_FORMAT_1 = 28;

    private static final PackagingLevel[] LEVELS = PackagingLevel.values();

    // The record's bytes for the store to read into and write from: no per-call or thread-local buffer.
    private final byte[] buffer = new byte[SIZE];
    private PackagingLevel level;
    private CodeStatus status;
    private int batch;
    private int parent;
    private int holder;
    private int counterparty;

    /** This state's own 17-byte buffer, for the store. */
    public byte[] buffer() {
        return buffer;
    }

    public CodeState readFrom(byte[] b) {
        level = LEVELS[b[0] & 3];
        status = CodeStatus.of((b[0] >>> 2) & 15);
        batch = readInt(b, 1);
        parent = readInt(b, 5);
        holder = readInt(b, 9);
        counterparty = readInt(b, 13);
        return this;
    }

    public byte[] writeTo(byte[] b) {
        b[0] = (byte) (level.ordinal() | (status.ordinal() << 2));
        writeInt(b, 1, batch);
        writeInt(b, 5, parent);
        writeInt(b, 9, holder);
        writeInt(b, 13, counterparty);
        return b;
    }

    /**
     * A record of journal format 1 (28 bytes: level and status, batch, parent, own container,
     * holder, counterparty, last event) in today's form.
     */
    public static byte[] fromFormat1(byte[] old) {
        byte[] b = new byte[SIZE];
        System.arraycopy(old, 0, b, 0, 9); // level and status, batch, parent
        System.arraycopy(old, 13, b, 9, 8); // holder, counterparty
        return b;
    }

    public CodeState set(CodeState other) {
        level = other.level;
        status = other.status;
        batch = other.batch;
        parent = other.parent;
        holder = other.holder;
        counterparty = other.counterparty;
        return this;
    }

    public PackagingLevel level() {
        return level;
    }

    public CodeState level(PackagingLevel level) {
        this.level = level;
        return this;
    }

    public CodeStatus status() {
        return status;
    }

    public CodeState status(CodeStatus status) {
        this.status = status;
        return this;
    }

    public int batch() {
        return batch;
    }

    public CodeState batch(int batch) {
        this.batch = batch;
        return this;
    }

    public int parent() {
        return parent;
    }

    public CodeState parent(int parent) {
        this.parent = parent;
        return this;
    }

    public int holder() {
        return holder;
    }

    public CodeState holder(int holder) {
        this.holder = holder;
        return this;
    }

    public int counterparty() {
        return counterparty;
    }

    public CodeState counterparty(int counterparty) {
        this.counterparty = counterparty;
        return this;
    }

    @Override
    public String toString() {
        return level + " " + status + " batch=" + batch + " parent=" + parent + " holder=" + holder + " counterparty="
                + counterparty;
    }
}
