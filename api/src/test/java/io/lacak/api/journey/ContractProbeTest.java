package io.lacak.api.journey;

import static io.lacak.api.Demo.MANUFACTURER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Issue 15 item 8: a bad-input suite generated from the contract. Every operation of
 * {@code openapi.yaml} gets hostile values in each of its path and query parameters and in each
 * member of its JSON body (null, NUL, numbers past 2^64, exponent and padded numbers, wrong types,
 * huge text), and malformed bodies; each answer is a 4xx problem document, never a 5xx, nothing is
 * journaled, and the server stays healthy.
 */
class ContractProbeTest {

    static Api api;
    static String regulator;
    static String manufacturer;

    /** Values for a JSON member, as JSON text. */
    static final List<String> MEMBER_PROBES = List.of(
            "null",
            "\"a\\u0000b\"",
            "18446744073709551621",
            "1e3",
            "-1",
            "\" 5\"",
            "{}",
            "[]",
            "true",
            "\"" + "x".repeat(70_000) + "\"",
            "9223372036854775808");
    /** Values for a path or query parameter, URL-encoded. */
    static final List<String> PARAM_PROBES =
            List.of("1e3", "%205", "9223372036854775808", "a%00b", "-1", "NaN", "x".repeat(3000), "%E0%A4%A");

    static final List<String> BODY_PROBES =
            List.of("null", "[]", "{", "\"text\"", "{\"a\":\"\\u0000\"}", "{\"\\u0000\":1}");

    @BeforeAll
    static void start() throws Exception {
        api = new Api(
                Files.createTempDirectory("lacak-probe"),
                c -> c.setBodyLimit(1024 * 1024).setVerifyRate(0).setLoginRate(0));
        regulator = api.login("regulator", Api.ADMIN_PASSWORD);
        manufacturer = api.key(MANUFACTURER);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    record Operation(
            String method,
            String path,
            List<Map<String, Object>> parameters,
            Set<String> members,
            boolean json,
            boolean multipart) {}

    /** Malformed multipart bodies: content type, then body. Each is complete, so none waits for more. */
    static final List<String[]> MULTIPART_PROBES = List.of(
            new String[] {
                "multipart/form-data", "--X\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--X--\r\n"
            },
            new String[] {
                "multipart/form-data; boundary=X",
                "--X\r\nContent-Disposition: form-data; name=\"code\"\r\n\r\na\u0000b\r\n--X--\r\n"
            },
            new String[] {
                "multipart/form-data; boundary=X",
                "--X\r\nContent-Disposition: form-data; name=\"a\u0000\"\r\n\r\nb\r\n--X--\r\n"
            },
            new String[] {"multipart/form-data; boundary=X", "--X\r\nContent-Disposition: garbage\r\n\r\nb\r\n--X--\r\n"
            },
            new String[] {
                "multipart/form-data; boundary=X",
                "--X\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.png\"\r\n"
                        + "Content-Type: image/png\r\n\r\nnot a png\r\n--X--\r\n"
            },
            new String[] {"multipart/form-data; boundary=X", "--X--\r\n"});

    @Test
    void everyOperationAnswersHostileInputWithA4xxProblemAndWritesNothing() throws Exception {
        List<Operation> operations = new ArrayList<>(operations());
        assertThat(operations).hasSizeGreaterThan(40);
        // the streaming and multipart routes live on the root router, outside the contract
        for (String path : List.of(
                "/api/v1/verify",
                "/api/v1/complaints",
                "/api/v1/facility-requests",
                "/api/v1/companies",
                "/api/v1/companies/{id}/revision",
                "/api/v1/uploads/usage",
                "/api/v1/certifications",
                "/api/v1/certifications/{id}/revision",
                "/api/v1/certifications/{id}/capa",
                "/api/v1/product-applications/{id}/documents")) {
            operations.add(new Operation("post", path, List.of(), Set.of(), false, true));
        }
        long journalBefore = journal();
        List<String> faults = new ArrayList<>();
        int probes = 0;
        for (Operation op : operations) {
            String plainPath = op.path().replaceAll("\\{[^}]+}", "999999");
            for (Map<String, Object> p : op.parameters()) {
                String name = (String) p.get("name");
                for (String v : PARAM_PROBES) {
                    if ("path".equals(p.get("in"))) {
                        probes++;
                        check(
                                op,
                                op.path().replace("{" + name + "}", v).replaceAll("\\{[^}]+}", "999999"),
                                null,
                                faults);
                    } else if ("query".equals(p.get("in"))) {
                        probes++;
                        check(op, plainPath + "?" + name + "=" + v, null, faults);
                    }
                }
            }
            if (op.json()) {
                for (String member : op.members()) {
                    for (String v : MEMBER_PROBES) {
                        probes++;
                        check(op, plainPath, "{\"" + member + "\":" + v + "}", faults);
                    }
                }
                for (String body : BODY_PROBES) {
                    probes++;
                    check(op, plainPath, body, faults);
                }
            }
            if (op.multipart()) {
                for (String[] form : MULTIPART_PROBES) {
                    probes++;
                    check(op, plainPath, form[1], form[0], faults);
                }
            }
        }
        assertThat(probes).isGreaterThan(1000);
        assertThat(faults).as("answers that were not a 4xx problem document").isEmpty();
        assertThat(journal()).as("nothing journaled").isEqualTo(journalBefore);
        assertThat(api.get("/health", null).statusCode()).isEqualTo(200);
    }

    private void check(Operation op, String uri, String body, List<String> faults) throws Exception {
        check(op, uri, body, "application/json", faults);
    }

    private void check(Operation op, String uri, String body, String type, List<String> faults) throws Exception {
        for (String credential : new String[] {manufacturer, regulator}) {
            HttpRequest<Buffer> r = api.client.request(
                    HttpMethod.valueOf(op.method().toUpperCase()), api.lacak.port(), "127.0.0.1", uri);
            if (credential.startsWith("lk_")) {
                r.putHeader("X-API-Key", credential);
            } else {
                r.putHeader("Authorization", "Bearer " + credential);
            }
            HttpResponse<Buffer> answer;
            if (body != null) {
                r.putHeader("content-type", type);
                answer = r.sendBuffer(Buffer.buffer(body)).await(60, TimeUnit.SECONDS);
            } else {
                answer = r.send().await(60, TimeUnit.SECONDS);
            }
            int status = answer.statusCode();
            String shown = op.method() + " " + (uri.length() > 120 ? uri.substring(0, 120) + "..." : uri)
                    + (body == null ? "" : " " + (body.length() > 80 ? body.substring(0, 80) + "..." : body));
            if (status >= 500) {
                faults.add(status + " " + shown + " -> " + answer.bodyAsString());
            } else if (status >= 400 && !"application/problem+json".equals(answer.getHeader("content-type"))) {
                faults.add(status + " without a problem document: " + shown);
            }
        }
    }

    private static long journal() throws Exception {
        return api.get("/health", null)
                .bodyAsJsonObject()
                .getJsonObject("journal")
                .getLong("lastSequence");
    }

    /** Every operation of the contract with its parameters and the members its JSON body may carry. */
    @SuppressWarnings("unchecked")
    static List<Operation> operations() throws Exception {
        Map<String, Object> contract;
        try (InputStream in = ContractProbeTest.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
            contract = new Yaml().load(in);
        }
        List<Operation> out = new ArrayList<>();
        Map<String, Object> paths = (Map<String, Object>) contract.get("paths");
        for (Map.Entry<String, Object> path : paths.entrySet()) {
            for (Map.Entry<String, Object> m : ((Map<String, Object>) path.getValue()).entrySet()) {
                if (!Set.of("get", "post", "put", "delete", "patch").contains(m.getKey())) {
                    continue;
                }
                Map<String, Object> op = (Map<String, Object>) m.getValue();
                List<Map<String, Object>> params = new ArrayList<>();
                for (Object p : (List<Object>) op.getOrDefault("parameters", List.of())) {
                    params.add((Map<String, Object>) resolve(contract, p));
                }
                Set<String> members = new LinkedHashSet<>();
                boolean json = false;
                boolean multipart = false;
                Map<String, Object> requestBody = (Map<String, Object>) resolve(contract, op.get("requestBody"));
                if (requestBody != null) {
                    Map<String, Object> content = (Map<String, Object>) requestBody.get("content");
                    multipart = content != null && content.containsKey("multipart/form-data");
                    if (content != null && content.containsKey("application/json")) {
                        json = true;
                        collect(
                                contract,
                                ((Map<String, Object>) content.get("application/json")).get("schema"),
                                members);
                    }
                }
                out.add(new Operation(m.getKey(), path.getKey(), params, members, json, multipart));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Map<String, Object> contract, Object schema, Set<String> members) {
        Map<String, Object> s = (Map<String, Object>) resolve(contract, schema);
        if (s == null) {
            return;
        }
        if (s.get("properties") instanceof Map<?, ?> props) {
            props.keySet().forEach(k -> members.add((String) k));
        }
        for (String combiner : List.of("allOf", "oneOf", "anyOf")) {
            if (s.get(combiner) instanceof List<?> parts) {
                parts.forEach(part -> collect(contract, part, members));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Object resolve(Map<String, Object> contract, Object node) {
        if (node instanceof Map<?, ?> map && map.get("$ref") instanceof String ref && ref.startsWith("#/")) {
            Object at = contract;
            for (String part : ref.substring(2).split("/")) {
                at = ((Map<String, Object>) at).get(part);
            }
            return resolve(contract, at);
        }
        return node;
    }
}
