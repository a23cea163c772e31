package io.lacak.core.lifecycle;

import io.lacak.core.lifecycle.ReferenceData.Batch;
import io.lacak.core.store.CodeKey;
import io.lacak.core.store.CodeState;
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

    /** The binary form stored in the journal, written into an array of its exact size. */
    public byte[] encode() {
        List<byte[]> names = new ArrayList<>(batches.size());
        int size = 1
                + 4
                + 4
                + recalls.size() * 4
                + 4
                + containers.size() * (4 + CodeKey.SIZE)
                + 4
                + children.size() * (8 + CodeKey.SIZE)
                + 4;
        for (Batch b : batches) {
            byte[] name = b.batch().getBytes(StandardCharsets.UTF_8);
            names.add(name);
            size += 4 + 4 + 1 + name.length + 8;
        }
        for (Map.Entry<ByteBuffer, byte[]> e : states.entrySet()) {
            size += e.getKey().array().length + e.getValue().length;
        }
        ByteBuffer out = ByteBuffer.allocate(size); // big-endian, as DataOutputStream wrote it before
        out.put((byte) FORMAT); // 2: 17-byte states; 1: 28-byte states (read and converted)
        out.putInt(batches.size());
        for (int i = 0; i < batches.size(); i++) {
            Batch b = batches.get(i);
            out.putInt(b.ref());
            out.putInt(b.productId());
            out.put((byte) names.get(i).length);
            out.put(names.get(i));
            out.putLong(b.expiry().toEpochDay());
        }
        out.putInt(recalls.size());
        for (int r : recalls) {
            out.putInt(r);
        }
        out.putInt(containers.size());
        for (Container c : containers) {
            out.putInt(c.id());
            out.put(c.key());
        }
        out.putInt(children.size());
        for (Child c : children) {
            out.putInt(c.container());
            out.putInt(c.slot());
            out.put(c.key());
        }
        out.putInt(states.size());
        for (Map.Entry<ByteBuffer, byte[]> e : states.entrySet()) {
            out.put(e.getKey().array());
            out.put(e.getValue());
        }
        return out.array();
    }

    /**
     * Reads the binary form back, straight from the array (issue 18: a {@code DataInputStream}'s
     * {@code readNBytes} allocated and copied per field, most of the decode's time in a rebuild).
     */
    public static Effects decode(byte[] data) {
        Effects fx = new Effects(data.length / 64); // about 50 bytes per changed code
        ByteBuffer in = ByteBuffer.wrap(data); // big-endian, as DataOutputStream wrote it
        try {
            int version = in.get();
            if (version != 1 && version != FORMAT) {
                throw new IllegalStateException("unknown effects format " + version);
            }
            for (int i = in.getInt(); i > 0; i--) {
                int ref = in.getInt();
                int product = in.getInt();
                byte[] name = bytes(in, Byte.toUnsignedInt(in.get()));
                fx.batches.add(new Batch(
                        ref, product, new String(name, StandardCharsets.UTF_8), LocalDate.ofEpochDay(in.getLong())));
            }
            for (int i = in.getInt(); i > 0; i--) {
                fx.recalls.add(in.getInt());
            }
            for (int i = in.getInt(); i > 0; i--) {
                fx.containers.add(new Container(in.getInt(), bytes(in, CodeKey.SIZE)));
            }
            for (int i = in.getInt(); i > 0; i--) {
                fx.children.add(new Child(in.getInt(), in.getInt(), bytes(in, CodeKey.SIZE)));
            }
            for (int i = in.getInt(); i > 0; i--) {
                ByteBuffer key = ByteBuffer.wrap(bytes(in, CodeKey.SIZE));
                fx.states.put(
                        key,
                        version == FORMAT
                                ? bytes(in, CodeState.SIZE)
                                : CodeState.fromFormat1(bytes(in, CodeState.SIZE_FORMAT_1)));
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new UncheckedIOException("corrupt effects", new java.io.EOFException("effects end early"));
        }
        return fx;
    }

    private static byte[] bytes(ByteBuffer in, int n) {
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }
}
