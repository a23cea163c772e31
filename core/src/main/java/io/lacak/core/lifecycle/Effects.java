package io.lacak.core.lifecycle;

import io.lacak.core.lifecycle.ReferenceData.Batch;
import io.lacak.core.store.CodeKey;
import io.lacak.core.store.CodeState;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything an accepted report changes, as final values: new batches, recall flags, new
 * containers, children packed into them (with their slot), and the new state of each code.
 * Applying the same effects twice gives the same store, which is what makes a replay of the
 * journal after a crash safe at any instant.
 */
public final class Effects {

    /** The binary form written: 2 since states are 17 bytes. */
    static final int FORMAT = 2;

    record Child(int container, int slot, byte[] key) {}

    record Container(int id, byte[] key) {}

    final List<Batch> batches = new ArrayList<>();
    final List<Integer> recalls = new ArrayList<>();
    final List<Container> containers = new ArrayList<>();
    final List<Child> children = new ArrayList<>();
    final Map<ByteBuffer, byte[]> states;

    public Effects() {
        this(16);
    }

    /** Effects sized for about {@code codes} changed codes, so that big reports do not rehash as they grow. */
    Effects(int codes) {
        states = new LinkedHashMap<>(Math.max(16, (int) (codes / 0.75f) + 1));
    }

    /** The effects of a bulk report's commit (issue 18): its new batches; its codes are in its parts. */
    public static Effects ofBatches(List<Batch> batches) {
        Effects fx = new Effects();
        fx.batches.addAll(batches);
        return fx;
    }

    /** The batch of each code this event changes: the batches a bulk report not yet committed is using. */
    public void forEachBatchOfCodes(java.util.function.IntConsumer action) {
        CodeState s = new CodeState();
        int last = 0;
        for (byte[] state : states.values()) {
            int batch = s.readFrom(state).batch();
            if (batch != last) {
                action.accept(batch);
                last = batch;
            }
        }
    }

    public boolean isEmpty() {
        return batches.isEmpty() && recalls.isEmpty() && containers.isEmpty() && children.isEmpty() && states.isEmpty();
    }

    /** Batches first reported by this event. */
    public List<Batch> newBatches() {
        return List.copyOf(batches);
    }

    /** Batches this event recalls (Lampiran L.a). */
    public List<Integer> recalledBatches() {
        return List.copyOf(recalls);
    }

    /** The new state of each code this event changes, by key (read-only view). */
    public Map<ByteBuffer, byte[]> states() {
        return Collections.unmodifiableMap(states);
    }

    /** The keys of the codes whose state changes. */
    public Set<ByteBuffer> codeKeys() {
        return Collections.unmodifiableSet(states.keySet());
    }

    /** Number of codes whose state changes. */
    public int codes() {
        return states.size();
    }

    /** The binary form stored in the journal. */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + states.size() * (CodeKey.SIZE + CodeState.SIZE));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT); // 2: 17-byte states; 1: 28-byte states (read and converted)
            out.writeInt(batches.size());
            for (Batch b : batches) {
                out.writeInt(b.ref());
                out.writeInt(b.productId());
                byte[] name = b.batch().getBytes(StandardCharsets.UTF_8);
                out.writeByte(name.length);
                out.write(name);
                out.writeLong(b.expiry().toEpochDay());
            }
            out.writeInt(recalls.size());
            for (int r : recalls) {
                out.writeInt(r);
            }
            out.writeInt(containers.size());
            for (Container c : containers) {
                out.writeInt(c.id());
                out.write(c.key());
            }
            out.writeInt(children.size());
            for (Child c : children) {
                out.writeInt(c.container());
                out.writeInt(c.slot());
                out.write(c.key());
            }
            out.writeInt(states.size());
            for (Map.Entry<ByteBuffer, byte[]> e : states.entrySet()) {
                out.write(e.getKey().array());
                out.write(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads the binary form back. */
    public static Effects decode(byte[] data) {
        Effects fx = new Effects(data.length / 64); // about 50 bytes per changed code
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data))) {
            int version = in.readByte();
            if (version != 1 && version != FORMAT) {
                throw new IllegalStateException("unknown effects format " + version);
            }
            for (int i = in.readInt(); i > 0; i--) {
                int ref = in.readInt();
                int product = in.readInt();
                byte[] name = in.readNBytes(in.readUnsignedByte());
                fx.batches.add(new Batch(
                        ref, product, new String(name, StandardCharsets.UTF_8), LocalDate.ofEpochDay(in.readLong())));
            }
            for (int i = in.readInt(); i > 0; i--) {
                fx.recalls.add(in.readInt());
            }
            for (int i = in.readInt(); i > 0; i--) {
                fx.containers.add(new Container(in.readInt(), in.readNBytes(CodeKey.SIZE)));
            }
            for (int i = in.readInt(); i > 0; i--) {
                fx.children.add(new Child(in.readInt(), in.readInt(), in.readNBytes(CodeKey.SIZE)));
            }
            for (int i = in.readInt(); i > 0; i--) {
                ByteBuffer key = ByteBuffer.wrap(in.readNBytes(CodeKey.SIZE));
                fx.states.put(
                        key,
                        version == FORMAT
                                ? in.readNBytes(CodeState.SIZE)
                                : CodeState.fromFormat1(in.readNBytes(CodeState.SIZE_FORMAT_1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt effects", e);
        }
        return fx;
    }
}
