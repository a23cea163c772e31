package io.lacak.api.cli;

import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.gs1.Gs1Element;
import io.lacak.core.gs1.Gs1Error;
import io.lacak.core.gs1.Gs1Profile;
import io.lacak.core.gs1.Gs1Result;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gs1 check [--no-day-zero] [FILE...]}: validates payloads one per line (stdin when no file)
 * and writes one JSON object per line. Exit 0 when all are valid, 1 otherwise, 2 on usage errors.
 */
final class Gs1CheckCommand implements Command {

  @Override
  public String summary() {
    return "validate GS1 payloads (one per line) against the BPOM profile";
  }

  @Override
  public String usage() {
    return """
        usage: java -jar lacak.jar gs1 check [--no-day-zero] [FILE...]
          Reads payloads one per line from each FILE, or from standard input when none is given,
          in any form: bracketed (90)..(21).., scanner data (]d2, ]Q3, ]C1, GS separators) or a
          GS1 Digital Link URI. Writes one JSON object per line:
            {"input":..,"valid":true|false,"kind":"AUTHENTICATION"|"IDENTIFICATION"|"LOGISTIC_UNIT"|null,
             "elements":{"90":..},"bracketed":..,"errors":[{"code":..,"ai":..,"offset":..,"message":..}]}
          --no-day-zero   refuse day 00 in (17) and (91) dates
          Exit status: 0 every line valid, 1 some line invalid, 2 usage error.""";
  }

  @Override
  public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
    Gs1Profile profile = new Gs1Profile();
    List<Path> files = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--no-day-zero")) {
        profile.setDayZeroAllowed(false);
      } else if (arg.startsWith("-") && !arg.equals("-")) {
        err.println("gs1 check: unknown option " + arg);
        err.println(usage());
        return Main.USAGE;
      } else {
        files.add(Path.of(arg));
      }
    }
    for (Path f : files) {
      if (!f.toString().equals("-") && !Files.isReadable(f)) {
        err.println("gs1 check: cannot read " + f);
        return Main.USAGE;
      }
    }
    Gs1Codec codec = Gs1Codec.create(profile);
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    boolean allValid = true;
    try {
      if (files.isEmpty()) {
        allValid = check(codec, in, w);
      } else {
        for (Path f : files) {
          try (InputStream fin = f.toString().equals("-") ? in : Files.newInputStream(f)) {
            allValid &= check(codec, fin, w);
          }
        }
      }
      w.flush();
    } catch (NoSuchFileException e) {
      err.println("gs1 check: no such file " + e.getFile());
      return Main.USAGE;
    } catch (IOException e) {
      err.println("gs1 check: " + e.getMessage());
      return Main.USAGE;
    }
    return allValid ? Main.OK : 1;
  }

  private static boolean check(Gs1Codec codec, InputStream in, Writer w) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    boolean allValid = true;
    String line;
    while ((line = r.readLine()) != null) {
      Gs1Result result = codec.parse(line);
      allValid &= result.valid();
      w.write(toJson(line, result).encode());
      w.write('\n');
    }
    return allValid;
  }

  static JsonObject toJson(String input, Gs1Result r) {
    JsonObject elements = new JsonObject();
    for (Gs1Element e : r.payload().elements()) {
      elements.put(e.ai(), e.value());
    }
    JsonArray errors = new JsonArray();
    for (Gs1Error e : r.errors()) {
      errors.add(new JsonObject().put("code", e.code().name()).put("ai", e.ai())
          .put("offset", e.offset()).put("message", e.message()));
    }
    return new JsonObject()
        .put("input", input)
        .put("valid", r.valid())
        .put("kind", r.kind() == null ? null : r.kind().name())
        .put("elements", elements)
        .put("bracketed", r.payload().isEmpty() ? null : r.payload().bracketed())
        .put("errors", errors);
  }
}
