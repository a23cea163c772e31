package io.lacak.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.lacak.api.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's settings table and {@code serve --help} are made from {@link LacakConfig#SETTINGS}:
 * when the README differs, this prints the table to paste into it.
 */
class SettingsTableTest {

    static final String HEADER = "| setting | option | type | default | |";

    /** The README table as the code describes it. */
    static String markdown() {
        StringBuilder b = new StringBuilder(HEADER).append("\n|---|---|---|---|---|\n");
        for (LacakConfig.Setting<?> s : LacakConfig.SETTINGS) {
            row(
                    b,
                    "`" + s.name() + "`",
                    s.option().isEmpty() ? "" : "`" + s.option() + "`",
                    s.kind().label(),
                    s.defaultText(),
                    s.description());
        }
        for (LacakConfig.Option o : LacakConfig.OPTIONS) {
            row(b, "", "`" + o.option() + "`", "", o.defaultText(), o.description());
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String... cells) {
        for (String cell : cells) {
            assertThat(cell).as("a table cell").doesNotContain("|", "\n");
            b.append(cell.isEmpty() ? "| " : "| " + cell + " ");
        }
        b.append("|\n");
    }

    /** The table in README.md: from its header line to the first line that is not a table row. */
    static String readmeTable() throws Exception {
        Path readme = Path.of("README.md").toAbsolutePath();
        if (!Files.exists(readme)) { // surefire runs in the module's directory
            readme = readme.getParent().getParent().resolve("README.md");
        }
        List<String> lines = Files.readAllLines(readme);
        int from = -1;
        for (int i = 0; i < lines.size() && from < 0; i++) {
            if (lines.get(i).startsWith("| setting |")) {
                from = i;
            }
        }
        if (from < 0) {
            return "(no line starting with '| setting |' in " + readme + ")";
        }
        StringBuilder b = new StringBuilder();
        for (int i = from; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            b.append(lines.get(i)).append('\n');
        }
        return b.toString();
    }

    @Test
    void theReadmeTableIsTheCodesTable() throws Exception {
        String expected = markdown();
        if (!readmeTable().equals(expected)) {
            fail("README.md's settings table differs from LacakConfig.SETTINGS; replace it with:\n\n" + expected);
        }
    }

    @Test
    void serveHelpListsEverySettingWithItsTypeAndDefault() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(
                List.of("serve", "--help"),
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()));
        String help = out.toString(StandardCharsets.UTF_8);

        assertThat(status).isZero();
        for (LacakConfig.Setting<?> s : LacakConfig.SETTINGS) {
            String firstWords = s.description().replace("`", "").split(" ")[0];
            assertThat(help)
                    .contains(s.name() + (s.option().isEmpty() ? "" : ", " + s.option()) + " ("
                            + s.kind().label() + ", default " + s.defaultText().replace("`", "") + ")\n        "
                            + firstWords);
        }
        for (LacakConfig.Option o : LacakConfig.OPTIONS) {
            assertThat(help).contains(o.option());
        }
    }

    @Test
    void everySettingHasANameADefaultAndADescription() {
        assertThat(LacakConfig.SETTINGS)
                .extracting(LacakConfig.Setting::name)
                .doesNotHaveDuplicates()
                .allMatch(n -> n.matches("LACAK_[A-Z0-9_]+"));
        for (LacakConfig.Setting<?> s : LacakConfig.SETTINGS) {
            assertThat(s.defaultText()).as(s.name()).isNotBlank();
            assertThat(s.description()).as(s.name()).isNotBlank();
        }
    }
}
