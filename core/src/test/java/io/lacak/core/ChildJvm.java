package io.lacak.core;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM for the crash tests: this JVM's java with the flags the build gives tests
 * ({@code lacak.jvm.flags}, Chronicle's opens and exports) and this classpath, running one main
 * class, to be killed; its standard output read line by line as it comes.
 *
 * <p>{@code Process p = ChildJvm.command(CrashWorkload.class, "usage").start(); ChildJvm.drain(p, lines);}
 */
public final class ChildJvm {

    private ChildJvm() {}

    /** {@code java <flags> -Xmx512m -cp <classpath> main args...}, not started. */
    public static ProcessBuilder command(Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : System.getProperty("lacak.jvm.flags", "").split("\\s+")) {
            if (!flag.isBlank()) {
                cmd.add(flag);
            }
        }
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    /** Reads the child's standard output into {@code lines} on a daemon thread, until it ends or the child dies. */
    public static Thread drain(Process p, List<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (Exception e) {
                // the process was killed: its output simply ends
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
