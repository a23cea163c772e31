package io.lacak.benchmarks;

/**
 * The JVM flags Chronicle Map needs on JDK 17 (CONVENTIONS.md), as constants for
 * {@code @Fork(jvmArgsAppend = ...)}: forked benchmark JVMs are started with {@code -cp}, so the
 * jar manifest's Add-Opens do not reach them.
 */
public final class JvmFlags {

    public static final String E1 = "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED";
    public static final String E2 = "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED";
    public static final String E3 = "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED";
    public static final String E4 = "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED";
    public static final String O1 = "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED";
    public static final String O2 = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    public static final String O3 = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";
    public static final String O4 = "--add-opens=java.base/java.io=ALL-UNNAMED";
    public static final String O5 = "--add-opens=java.base/java.util=ALL-UNNAMED";
    public static final String NO_ANALYTICS = "-Dchronicle.analytics.disable=true";

    private JvmFlags() {}
}
