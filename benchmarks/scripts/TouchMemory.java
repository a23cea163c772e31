/**
 * What first touching heap memory costs on this machine: allocates N MB (zeroed, so touched) and
 * then writes it three times over (already touched). benchmarks/RESULTS.md, "gs1 check after
 * session 7".
 *
 * <pre>java -XX:+UseSerialGC -Xmx2g benchmarks/scripts/TouchMemory.java 400</pre>
 */
public class TouchMemory {
    public static void main(String[] args) {
        int mb = Integer.parseInt(args[0]);
        long t0 = System.nanoTime();
        byte[][] blocks = new byte[mb][];
        for (int i = 0; i < mb; i++) {
            blocks[i] = new byte[1 << 20];
        }
        long t1 = System.nanoTime();
        for (int pass = 0; pass < 3; pass++) {
            for (byte[] b : blocks) {
                java.util.Arrays.fill(b, (byte) pass);
            }
        }
        long t2 = System.nanoTime();
        System.err.printf(
                "%d MB first touched in %d ms; written 3 times more in %d ms%n",
                mb, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }
}
