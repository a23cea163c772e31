package io.lacak.api.cli;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code ingest TEMPLATE FILE --url URL --api-key KEY [--partial] [--partner-id ID]}: uploads a CSV
 * report file to a running server (streamed from disk) and shows the job's progress until it ends.
 */
final class IngestCommand implements Command {

    private static final Set<String> TEMPLATES =
            Set.of("usage", "shipment", "receipt", "sale", "return", "recall-shipment");

    @Override
    public String summary() {
        return "upload a CSV report file to a running server and follow the job";
    }

    @Override
    public String usage() {
        return """
        usage: java -jar lacak.jar ingest TEMPLATE FILE [--url URL] [--api-key KEY] [--partial] [--partner-id ID]
          TEMPLATE is usage, shipment, receipt, sale, return or recall-shipment. The file is streamed
          to URL (default http://127.0.0.1:8080; or LACAK_URL) with the API key (or LACAK_API_KEY);
          progress is printed until the job ends, then the job as JSON.
          --partial applies the good rows and lists the rest (default: any bad row refuses the file).
          Exit status: 0 the file was applied, 1 refused or failed, 2 usage error.""";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        String url = System.getenv().getOrDefault("LACAK_URL", "http://127.0.0.1:8080");
        String key = System.getenv("LACAK_API_KEY");
        String partner = null;
        boolean partial = false;
        java.util.List<String> positional = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--partial" -> partial = true;
                case "--url", "--api-key", "--partner-id" -> {
                    if (i + 1 >= args.size()) {
                        err.println("lacak ingest: " + a + " needs a value");
                        return Main.USAGE;
                    }
                    String v = args.get(++i);
                    if (a.equals("--url")) {
                        url = v;
                    } else if (a.equals("--api-key")) {
                        key = v;
                    } else {
                        partner = v;
                    }
                }
                default -> positional.add(a);
            }
        }
        if (positional.size() != 2 || !TEMPLATES.contains(positional.get(0)) || key == null) {
            err.println(
                    key == null
                            ? "lacak ingest: give --api-key (or LACAK_API_KEY)"
                            : "lacak ingest: give a template and a file");
            err.println(usage());
            return Main.USAGE;
        }
        Path file = Path.of(positional.get(1));
        if (!Files.isRegularFile(file)) {
            err.println("lacak ingest: no file " + file);
            return Main.USAGE;
        }
        URI base = URI.create(url);
        Vertx vertx = Vertx.vertx();
        try {
            return upload(vertx, base, key, positional.get(0), file, partial, partner, out, err);
        } catch (Exception e) {
            err.println("lacak ingest: " + e.getMessage());
            return 1;
        } finally {
            vertx.close();
        }
    }

    private static int upload(
            Vertx vertx,
            URI base,
            String key,
            String template,
            Path file,
            boolean partial,
            String partner,
            PrintStream out,
            PrintStream err)
            throws Exception {
        WebClient client = WebClient.create(vertx);
        int port = base.getPort() > 0 ? base.getPort() : 80;
        String query = (partial ? "?mode=partial" : "?mode=atomic") + (partner == null ? "" : "&partnerId=" + partner);
        long size = Files.size(file);
        HttpResponse<Buffer> accepted = vertx.fileSystem()
                .open(file.toString(), new OpenOptions().setRead(true))
                .compose(f -> client.post(port, base.getHost(), "/api/v1/uploads/" + template + query)
                        .putHeader("X-API-Key", key)
                        .putHeader("content-type", "text/csv")
                        .putHeader("Content-Length", String.valueOf(size))
                        .sendStream(f))
                .await(24, TimeUnit.HOURS);
        if (accepted.statusCode() != 202) {
            err.println("lacak ingest: the server refused the upload (" + accepted.statusCode() + "): "
                    + accepted.bodyAsString());
            return 1;
        }
        JsonObject job = accepted.bodyAsJsonObject();
        long id = job.getLong("id");
        String last = "";
        while (!Set.of("DONE", "REFUSED", "FAILED").contains(job.getString("state"))) {
            String line = "upload " + id + ": " + job.getString("state") + " " + job.getInteger("percent") + "%, "
                    + job.getLong("rowsRead") + " rows read";
            if (!line.equals(last)) {
                err.println(line);
                last = line;
            }
            Thread.sleep(500);
            HttpResponse<Buffer> r = client.get(port, base.getHost(), "/api/v1/uploads/" + id)
                    .putHeader("X-API-Key", key)
                    .send()
                    .await(1, TimeUnit.MINUTES);
            if (r.statusCode() != 200) {
                err.println("lacak ingest: cannot read job " + id + ": " + r.bodyAsString());
                return 1;
            }
            job = r.bodyAsJsonObject();
        }
        out.println(job.encode());
        err.println("upload " + id + ": " + job.getString("state") + ", " + job.getLong("rowsAccepted") + " of "
                + job.getLong("rowsRead") + " rows applied, " + job.getLong("problemCount") + " problem(s)");
        return job.getString("state").equals("DONE") ? Main.OK : 1;
    }
}
