package io.callsight.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.callsight.calls.CallIngestService;
import io.callsight.common.Auth;
import io.callsight.common.BadInputException;
import io.callsight.common.DatabaseTest;
import io.callsight.common.NotFoundException;
import io.callsight.common.ParquetReader;
import io.callsight.leadquality.DeliveredLeadIngestService;
import io.callsight.leadquality.SnapshotIngestService;
import io.callsight.scorecards.AgentKpiIngestService;
import io.callsight.servicelevels.InboundCallIngestService;
import io.callsight.servicelevels.ServiceMetricIngestService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Fuzzing every parser: for each input kind, {@code fuzz.files} (1,000 by default) files generated from real
 * rows by {@link MutationEngine}, with the fixed seed {@code fuzz.seed}. Every {@code fuzz.httpEvery}-th file
 * (1 in 25 by default) goes over HTTP to the endpoint; the files applying one operator alone and every
 * {@code fuzz.serviceEvery}-th other file (none by default) go to the service method the endpoint calls, with the
 * endpoint's error mapping (BadInputException and malformed JSON are 400 BAD_INPUT; anything else would be a
 * 500); the rest are read by the kind's parser alone, without the database (most of the files: storing costs 50
 * to 250 ms a file, and the whole class must stay near a minute in {@code make test}).
 * Every file must answer data or a coded 4xx, never a 5xx or a stack trace; data must add up (rows read =
 * accepted + rejected + duplicates, or the kind's equivalent) and what is stored must equal the rows the file holds
 * by construction less the rejected ones. A failing file is printed with its seed, operators and a shrunk form.
 * {@code -Dfuzz.only=kind[:index],...} reruns some kinds or one file of a kind; bench/fuzz.sh runs long variants.
 */
@QuarkusTest
class ParserFuzzTest extends DatabaseTest {

    static final long SEED = Long.getLong("fuzz.seed", 20261130L);
    static final int FILES = Integer.getInteger("fuzz.files", 1000);
    /** Parquet files are decoded by parquet-java, about 10 ms a file here: fewer of them keep the class near a minute. */
    static final int PARQUET_FILES = Integer.getInteger("fuzz.parquetFiles", Math.min(FILES, 400));
    static final int HTTP_EVERY = Integer.getInteger("fuzz.httpEvery", 25);
    static final int SERVICE_EVERY = Integer.getInteger("fuzz.serviceEvery", 0);
    static final String ONLY = System.getProperty("fuzz.only", "");
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final Pattern STACK_TRACE = Pattern.compile("Exception|\\tat |\\bat [a-z]+\\.[a-z]+\\.|java\\.lang|org\\.postgresql|SQLState");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path REPORT = Path.of("target", "fuzz-report.txt");

    @Inject
    CallIngestService calls;
    @Inject
    SnapshotIngestService snapshots;
    @Inject
    DeliveredLeadIngestService leads;
    @Inject
    ServiceMetricIngestService metrics;
    @Inject
    InboundCallIngestService inbound;
    @Inject
    AgentKpiIngestService kpis;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void callCsv() throws Exception {
        run("calls-csv");
    }

    @Test
    void callJson() throws Exception {
        run("calls-json");
    }

    @Test
    void crmSnapshots() throws Exception {
        run("crm-snapshot");
    }

    @Test
    void parquetLeads() throws Exception {
        run("parquet-leads");
    }

    @Test
    void serviceMetrics() throws Exception {
        run("service-metrics");
    }

    @Test
    void inboundCallLogs() throws Exception {
        run("inbound-calls");
    }

    @Test
    void agentKpis() throws Exception {
        run("agent-kpis");
    }

    private static int files(String kind) {
        return kind.equals("parquet-leads") ? PARQUET_FILES : FILES;
    }

    /** An answer: the HTTP status, the error code of a 4xx, the body; {@code error} when the service threw. */
    record Answer(int status, String code, String body, Throwable error) {

        String outcome() {
            return status < 300 ? "2xx" : status < 500 ? status + "_" + code : "5xx";
        }
    }

    private void run(String name) throws Exception {
        String[] only = Arrays.stream(ONLY.split(",")).filter(o -> o.split(":")[0].equals(name)).findFirst()
                .map(o -> o.split(":")).orElse(new String[0]);
        if (!ONLY.isEmpty() && only.length == 0) {
            return;
        }
        FuzzKind kind = new Kinds(calls, snapshots, leads, metrics, inbound, kpis).all().stream()
                .filter(k -> k.name().equals(name)).findFirst().orElseThrow();
        Tally tally = new Tally(name, SEED);
        long start = System.currentTimeMillis();
        Set<String> shrunk = new HashSet<>();
        try (Connection c = dataSource.getConnection()) {
            for (int i = only.length > 1 ? Integer.parseInt(only[1]) : 0; i < (only.length > 1 ? Integer.parseInt(only[1]) + 1 : files(name)); i++) {
                Mutant m = MutationEngine.make(kind, SEED, i);
                if (m.wholeFile()) {
                    tally.wholeFiles++;
                    Answer a = parseOnly(m.bytes());
                    tally.add(m, "read_" + a.outcome(), a.status() >= 500 ? List.of(trace(a.error())) : List.of());
                    continue;
                }
                boolean http = HTTP_EVERY > 0 && i % HTTP_EVERY == 0;
                boolean service = !http && (i < Op.values().length || (SERVICE_EVERY > 0 && i % SERVICE_EVERY == 0));
                if (!http && !service) {
                    tally.readOnly++;
                    Answer a = read(kind, m, c);
                    tally.add(m, "read_" + a.outcome(), a.status() >= 500 ? List.of(trace(a.error())) : List.of());
                    continue;
                }
                tally.http += http ? 1 : 0;
                Answer a = http ? post(kind, m) : direct(kind, m);
                List<String> problems = check(kind, m, a, c, tally);
                if (!problems.isEmpty() && a.error() != null && shrunk.add(a.error().getClass().getName()) && shrunk.size() <= 5) {
                    problems.add("shrunk to: " + show(shrink(m.bytes(), b -> failsAlike(kind, m, b, a.error()))));
                }
                tally.add(m, a.outcome(), problems);
            }
        } finally {
            tally.millis = System.currentTimeMillis() - start;
            if (kind.cleanup() != null) {
                try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                    st.execute(kind.cleanup());
                }
            }
            report(tally);
        }
        assertThat(tally.failures).as("%s: files that broke an invariant (first 20 above)", name).isEmpty();
    }

    private List<String> check(FuzzKind kind, Mutant m, Answer a, Connection c, Tally tally) throws Exception {
        List<String> problems = new ArrayList<>();
        if (a.status() >= 500 || a.status() < 200) {
            problems.add("status " + a.status() + ": " + (a.error() != null ? trace(a.error()) : cut(a.body())));
            return problems;
        }
        if (STACK_TRACE.matcher(a.body()).find()) {
            problems.add("the answer shows a stack trace or exception: " + cut(a.body()));
        }
        if (a.status() >= 300) {
            if (a.code() == null || a.code().isBlank()) {
                problems.add("status " + a.status() + " without an error code: " + cut(a.body()));
            }
            return problems;
        }
        JsonNode r = JSON.readTree(a.body());
        String counts = kind.countProblem(r);
        if (counts != null) {
            tally.countsViolated++;
            problems.add("counts: " + counts);
        } else {
            tally.countsHeld++;
        }
        if (m.model() == null) {
            tally.storedUnchecked++;
            return problems;
        }
        List<String> stored = kind.storedProblems(m, r, c);
        if (stored == null) {
            tally.storedUnchecked++;
        } else if (stored.isEmpty()) {
            tally.storedHeld++;
        } else {
            tally.storedViolated++;
            problems.addAll(stored);
        }
        return problems;
    }

    /** The file to the service method the endpoint calls, answered as the endpoint's error mapping would. */
    private Answer direct(FuzzKind kind, Mutant m) {
        try {
            return new Answer(200, null, JSON.writeValueAsString(kind.ingest(m)), null);
        } catch (Throwable e) {
            return mapped(e);
        }
    }

    /** The file to the kind's reader alone (no database). */
    private static Answer read(FuzzKind kind, Mutant m, Connection c) {
        try {
            return new Answer(200, null, Integer.toString(kind.read(m, c)), null);
        } catch (Throwable e) {
            return mapped(e);
        }
    }

    /** As io.callsight.common.RestErrors answers an exception. */
    private static Answer mapped(Throwable e) {
        String code = e instanceof BadInputException || e instanceof JsonProcessingException ? "BAD_INPUT"
                : e instanceof NotFoundException ? "NOT_FOUND" : null;
        if (code == null) {
            return new Answer(500, null, String.valueOf(e), e);
        }
        ObjectNode body = JSON.createObjectNode().put("code", code).put("error", e.getMessage());
        return new Answer(code.equals("NOT_FOUND") ? 404 : 400, code, body.toString(), null);
    }

    private Answer post(FuzzKind kind, Mutant m) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + kind.path()
                + "?" + kind.query(m))).header("X-Api-Key", Auth.ADMIN_KEY).header("Content-Type", m.format().contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(m.bytes())).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        String code = null;
        if (response.statusCode() >= 400) {
            try {
                code = JSON.readTree(response.body()).path("code").asText(null);
            } catch (JsonProcessingException e) {
                code = null;
            }
        }
        return new Answer(response.statusCode(), code, response.body(), null);
    }

    /** A whole real Parquet file damaged by bytes: read only (stored, it would overwrite the real leads other tests load). */
    private static Answer parseOnly(byte[] bytes) {
        try {
            new ParquetReader(bytes).rows();
            return new Answer(200, null, "", null);
        } catch (Throwable e) {
            return mapped(e);
        }
    }

    private boolean failsAlike(FuzzKind kind, Mutant m, byte[] bytes, Throwable original) {
        Mutant smaller = new Mutant(m.kind(), m.seed(), m.index(), bytes, m.ops(), m.format(), null, null, m.tag(), false);
        Answer a = direct(kind, smaller);
        return a.error() != null && a.error().getClass() == original.getClass();
    }

    /** Removes ever smaller chunks of the file while it still fails the same way (at most 200 tries). */
    static byte[] shrink(byte[] bytes, Predicate<byte[]> fails) {
        byte[] b = bytes;
        int tries = 0;
        for (int chunk = Math.max(1, b.length / 2); chunk >= 1 && tries < 200; chunk /= 2) {
            for (int start = 0; start < b.length && tries < 200;) {
                byte[] candidate = new byte[b.length - Math.min(chunk, b.length - start)];
                System.arraycopy(b, 0, candidate, 0, start);
                System.arraycopy(b, Math.min(b.length, start + chunk), candidate, start, candidate.length - start);
                tries++;
                if (fails.test(candidate)) {
                    b = candidate;
                } else {
                    start += chunk;
                }
            }
        }
        return b;
    }

    private static String show(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length + " bytes: ");
        String s = new String(Arrays.copyOf(b, Math.min(b.length, 300)), StandardCharsets.UTF_8);
        sb.append(s.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t").replace("\u0000", "\\0"));
        return sb.toString();
    }

    private static String trace(Throwable e) {
        StringBuilder sb = new StringBuilder(e.toString());
        for (StackTraceElement el : Arrays.copyOf(e.getStackTrace(), Math.min(8, e.getStackTrace().length))) {
            sb.append("\n      at ").append(el);
        }
        return sb.toString();
    }

    private static String cut(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }

    private static void report(Tally tally) throws IOException {
        List<String> lines = new ArrayList<>(tally.lines());
        tally.failures.stream().limit(20).forEach(f -> lines.add("FUZZ FAILED " + f));
        lines.forEach(System.out::println);
        Files.write(REPORT, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
