package io.lacak.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.core.gs1.Gs1Codec;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code gs1 check}'s line splitting gives the lines {@link BufferedReader#readLine} gives, across chunk borders. */
class LineChunksTest {

    @TempDir
    Path dir;

    private static final List<String> TEXTS = List.of(
            "",
            "\n",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "a\rb\r",
            "\r\n\r\n",
            "\n\n\na\n\n",
            "a\r\r\nb\n\rc",
            "(90)DKL2600000001A1(10)B1(17)281231(21)2QXW28LW9WCL\r\n(90)X\u00e9\u4e2d(10)\ud83d\ude00\n",
            "a very long line that is longer than any small chunk used below\r\nand a last one");

    /** Every split of each text, with chunks of 1 to 9 bytes and reads of 1 byte at a time. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 7, 9, 64})
    void linesAreThoseOfReadLineWhateverTheChunkSize(int chunkSize) throws IOException {
        for (String text : TEXTS) {
            assertThat(split(text, chunkSize, false))
                    .as("%s / %d", escape(text), chunkSize)
                    .isEqualTo(readLines(text));
            assertThat(split(text, chunkSize, true))
                    .as("%s / %d, one byte per read", escape(text), chunkSize)
                    .isEqualTo(readLines(text));
        }
    }

    @Test
    void randomTextsOfTerminatorsSplitAsReadLineSplitsThem() throws IOException {
        Random random = new Random(14);
        String alphabet = "ab\r\n\n\r(";
        for (int t = 0; t < 2_000; t++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            int chunk = 1 + random.nextInt(12);
            assertThat(split(text.toString(), chunk, random.nextBoolean()))
                    .as("%s / %d", escape(text.toString()), chunk)
                    .isEqualTo(readLines(text.toString()));
        }
    }

    /** The whole command on a 1,000,000-line file gives, line for line, what the codec gives one line at a time. */
    @Test
    void aMillionLineFileChecksAsTheCodecChecksEachLineAlone() throws IOException {
        Random random = new Random(1);
        Path file = dir.resolve("lines.txt");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 1_000_000; i++) {
                switch (i % 10) {
                    case 0 -> w.append("]d290DKL2600000001A1\u001d10B" + i + "17281231\u001d21S" + i);
                    case 1 -> w.append("(90)DKL2600000001A1(10)B" + i + "(17)281331(21)S" + i);
                    case 2 -> w.append(i % 20 == 2 ? "" : "(90)DKL\u00e9(10)x\r");
                    default -> w.append("(90)DKL2600000001A1(10)B" + random.nextInt(99_999) + "(17)281231(21)S" + i);
                }
                w.append(i % 7 == 0 ? "\r\n" : "\n");
            }
            w.append("(90)DKL2600000001A1(91)281231"); // the last line has no line end
        }
        Path answers = dir.resolve("answers.jsonl");
        int status;
        try (PrintStream out = new PrintStream(Files.newOutputStream(answers), false, StandardCharsets.UTF_8)) {
            status = Main.run(
                    List.of("gs1", "check", file.toString()),
                    InputStream.nullInputStream(),
                    out,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        }

        assertThat(status).isEqualTo(1);
        Gs1Codec codec = Gs1Codec.bpom();
        long n = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                BufferedReader actual = Files.newBufferedReader(answers, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; n++) {
                StringBuilder expected = new StringBuilder();
                Gs1CheckCommand.writeJson(expected, line, codec.parse(line));
                String got = actual.readLine();
                if (!expected.toString().equals(got)) {
                    assertThat(got).as("line %d", n + 1).isEqualTo(expected.toString());
                }
            }
            assertThat(actual.readLine()).as("nothing after the last answer").isNull();
        }
        // 1,000,000 lines, the last one without a line end, and 7,143 lines "x\r\r\n" that are two lines each.
        assertThat(n).isEqualTo(1_007_144);
    }

    private static List<String> split(String text, int chunkSize, boolean byteAtATime) throws IOException {
        InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        if (byteAtATime) {
            in = new FilterInputStream(in) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return super.read(b, off, Math.min(len, 1));
                }
            };
        }
        LineChunks chunks = new LineChunks(in);
        LineChunks.Chunk chunk = new LineChunks.Chunk(chunkSize);
        List<String> lines = new ArrayList<>();
        while (chunks.next(chunk)) {
            chunk.forEachLine((d, from, to) -> lines.add(new String(d, from, to - from, StandardCharsets.UTF_8)));
        }
        return lines;
    }

    private static List<String> readLines(String text) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new StringReader(text))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String escape(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
