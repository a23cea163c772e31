package io.lacak.core.store;

import static io.lacak.core.store.Bytes.readInt;
import static io.lacak.core.store.Bytes.writeInt;

import io.lacak.core.serial.PackagingLevel;

/**
 * The stored state of one code: a fixed 28-byte record (DESIGN.md "Store"). A reusable flyweight:
 * read one with {@link #readFrom(byte[])}, change it, write it back with {@link #writeTo(byte[])};
 * no object per code lives on the heap.
 *
 * <pre>
 * byte  0      level (bits 0-1), status (bits 2-5)
 * bytes 1-4    batch reference
 * bytes 5-8    parent container reference (0: none)
 * bytes 9-12   this code's own container reference when it aggregates others (0: none)
 * bytes 13-16  holder facility reference
 * bytes 17-20  counterparty facility reference: addressee in transit, supplier of a pending return
 * bytes 21-27  sequence of the last journal event that changed this code (56 bits)
 * </pre>
 */
public final class CodeState {

  public static final int SIZE = 28;
  private static final PackagingLevel[] LEVELS = PackagingLevel.values();

  // The record's bytes for the store to read into and write from: no per-call or thread-local buffer.
  private final byte[] buffer = new byte[SIZE];
  private PackagingLevel level;
  private CodeStatus status;
  private int batch;
  private int parent;
  private int container;
  private int holder;
  private int counterparty;
  private long lastEvent;

  /** This state's own 28-byte buffer, for the store. */
  public byte[] buffer() {
    return buffer;
  }

  public CodeState readFrom(byte[] b) {
    level = LEVELS[b[0] & 3];
    status = CodeStatus.of((b[0] >>> 2) & 15);
    batch = readInt(b, 1);
    parent = readInt(b, 5);
    container = readInt(b, 9);
    holder = readInt(b, 13);
    counterparty = readInt(b, 17);
    long seq = 0;
    for (int i = 21; i < 28; i++) {
      seq = (seq << 8) | (b[i] & 0xFF);
    }
    lastEvent = seq;
    return this;
  }

  public byte[] writeTo(byte[] b) {
    b[0] = (byte) (level.ordinal() | (status.ordinal() << 2));
    writeInt(b, 1, batch);
    writeInt(b, 5, parent);
    writeInt(b, 9, container);
    writeInt(b, 13, holder);
    writeInt(b, 17, counterparty);
    long seq = lastEvent;
    for (int i = 27; i >= 21; i--) {
      b[i] = (byte) seq;
      seq >>>= 8;
    }
    return b;
  }

  public CodeState set(CodeState other) {
    level = other.level;
    status = other.status;
    batch = other.batch;
    parent = other.parent;
    container = other.container;
    holder = other.holder;
    counterparty = other.counterparty;
    lastEvent = other.lastEvent;
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

  public int container() {
    return container;
  }

  public CodeState container(int container) {
    this.container = container;
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

  public long lastEvent() {
    return lastEvent;
  }

  public CodeState lastEvent(long lastEvent) {
    if (lastEvent < 0 || lastEvent >= 1L << 56) {
      throw new IllegalArgumentException("event sequence out of range: " + lastEvent);
    }
    this.lastEvent = lastEvent;
    return this;
  }

  @Override
  public String toString() {
    return level + " " + status + " batch=" + batch + " parent=" + parent + " container=" + container
        + " holder=" + holder + " counterparty=" + counterparty + " event=" + lastEvent;
  }
}
