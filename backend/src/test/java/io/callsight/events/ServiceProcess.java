package io.callsight.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged service (target/quarkus-app) run as its own process for the failsafe ITs, as
 * {@code io.callsight.feeds.FeedRestartIT} runs it: with its own embedded PostgreSQL under a data
 * directory, or pointed at another instance's database. Knows how to kill it (SIGKILL of the java
 * process; the embedded server, a separate process, survives and is stopped by the next start on the
 * same data) and how to stop it and anything it left running.
 */
public final class ServiceProcess implements AutoCloseable {

    /** The bootstrap ADMIN API key of every instance. */
    public static final String KEY = "cs_liveit_0123456789abcdefghijklmnopqrs";
    public static final ObjectMapper JSON = new ObjectMapper();
    /** Readiness probes and GraphQL; HTTP/1.1 as a dialer or a script speaks it. */
    public static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** How long a start may take: the machine runs other builds; an idle one needs 10 to 25 s. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    final String name;
    final Path dataDir;
    final int port;
    /** JDBC URL of another instance's database; null: run the embedded server under {@link #dataDir}. */
    private final String externalJdbcUrl;
    private Process process;
    private int starts;
    /** Environment of the next starts besides the fixed one (e.g. CALLSIGHT_DRILL_PAUSE_AT); null values unset. */
    private final Map<String, String> extraEnv = new LinkedHashMap<>();

    private ServiceProcess(String name, Path dataDir, int port, String externalJdbcUrl) {
        this.name = name;
        this.dataDir = dataDir;
        this.port = port;
        this.externalJdbcUrl = externalJdbcUrl;
    }

    /** An instance with its own embedded PostgreSQL in a fresh directory under target/it. */
    public static ServiceProcess embedded(String name) throws IOException {
        return new ServiceProcess(name, newDataDir(name), freePort(), null);
    }

    /** An instance on {@code other}'s database (its embedded server), with a directory of its own for its log. */
    public static ServiceProcess on(String name, ServiceProcess other) throws IOException {
        return new ServiceProcess(name, newDataDir(name), freePort(), other.jdbcUrl());
    }

    /** An instance on the database at {@code jdbcUrl} (user and password postgres), with a directory of its own for its log. */
    public static ServiceProcess onDatabase(String name, String jdbcUrl) throws IOException {
        return new ServiceProcess(name, newDataDir(name), freePort(), jdbcUrl);
    }

    private static Path newDataDir(String name) throws IOException {
        Path jar = jar();
        assertThat(jar).as("the packaged service (mvn package runs before this test)").exists();
        return Files.createTempDirectory(Files.createDirectories(Path.of("target", "it")), name).toAbsolutePath();
    }

    private static Path jar() {
        return Path.of("target", "quarkus-app", "quarkus-run.jar");
    }

    public Path log() {
        return dataDir.resolve("app.log");
    }

    /** Starts the process and waits until /q/health/ready answers 200; returns the milliseconds it took. */
    public long start() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar().toAbsolutePath().toString());
        Map<String, String> env = pb.environment();
        env.remove("QUARKUS_DATASOURCE_JDBC_URL");
        env.remove("QUARKUS_DATASOURCE_USERNAME");
        env.remove("QUARKUS_DATASOURCE_PASSWORD");
        if (externalJdbcUrl != null) {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", externalJdbcUrl);
            env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        }
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("CALLSIGHT_DATA_DIR", dataDir.toString());
        env.put("CALLSIGHT_DEMO", "off");
        env.put("CALLSIGHT_BOOTSTRAP_API_KEY", KEY);
        env.put("CALLSIGHT_ADMIN_PASSWORD", "live-it-password");
        env.put("CALLSIGHT_FORECAST_CRON", "0 0 3 1 1 ? 2099");
        env.put("CALLSIGHT_FORECAST_REFRESH_AT_START", "false"); // a restart with calls would refresh at once
        env.put("CALLSIGHT_FEED_DELIVERY", "false");
        extraEnv.forEach((k, v) -> {
            if (v == null) {
                env.remove(k);
            } else {
                env.put(k, v);
            }
        });
        starts++;
        Files.writeString(log(), "==== " + name + " start " + starts + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        process = pb.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited during startup (" + process.exitValue() + "); log: " + log());
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(uri("/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                    System.out.printf("[%s] start %d ready in %d ms (port %d)%n", name, starts, ms, port);
                    return ms;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + " was not ready after " + START_TIMEOUT + "; log: " + log());
    }

    /** Sets (null: removes) a variable of the next starts' environment. */
    public ServiceProcess env(String name, String value) {
        extraEnv.put(name, value);
        return this;
    }

    /** SIGKILL of the java process (no shutdown hook runs: the embedded server is left running). */
    public void kill() throws InterruptedException {
        sendKill();
        awaitDeath();
    }

    /** Sends SIGKILL and returns at once. */
    public void sendKill() {
        process.destroyForcibly();
    }

    public void awaitDeath() throws InterruptedException {
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s died", name).isTrue();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM (its shutdown stops its embedded server), then whatever server a kill left orphaned. */
    @Override
    public void close() {
        try {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            if (externalJdbcUrl == null) {
                Optional<ProcessHandle> orphan = postgresProcess();
                if (orphan.isPresent()) {
                    orphan.get().destroy();
                    orphan.get().onExit().get(20, TimeUnit.SECONDS);
                }
            }
        } catch (Exception e) {
            System.out.printf("[%s] stopping: %s%n", name, e);
        }
    }

    /** Deletes the data directory (database and log) of a stopped instance: after a passing test. */
    public void deleteData() {
        try (var paths = Files.walk(dataDir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.out.printf("[%s] could not delete %s: %s%n", name, dataDir, e);
        }
    }

    /** The embedded server's postmaster, if one runs on this instance's data directory. */
    private Optional<ProcessHandle> postgresProcess() throws IOException {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        Optional<ProcessHandle> p = ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        return p.filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.contains("postgres")).orElse(false));
    }

    /** The pid of the embedded server, from its postmaster.pid (1st line). */
    public long postgresPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"),
                StandardCharsets.UTF_8).get(0).trim());
    }

    /** The running embedded server's port, from its postmaster.pid (4th line). */
    public int postgresPort() throws IOException {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        return Integer.parseInt(lines.get(3).trim());
    }

    public String jdbcUrl() throws IOException {
        return externalJdbcUrl != null ? externalJdbcUrl
                : "jdbc:postgresql://127.0.0.1:" + postgresPort() + "/postgres";
    }

    /** A direct connection to the instance's database (what the embedded server is configured with). */
    public Connection jdbc() throws SQLException, IOException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    URI ws() {
        return URI.create("ws://127.0.0.1:" + port + "/graphql");
    }

    /** POSTs a JSON body as the bootstrap ADMIN key. */
    public HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("X-Api-Key", KEY)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GraphQL query over HTTP; errors fail the test. Returns {@code data}. */
    public JsonNode graphql(String query, Map<String, Object> variables) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        HttpResponse<String> r = post("/graphql", "application/json", JSON.writeValueAsString(body));
        JsonNode json = JSON.readTree(r.body());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json.path("errors").isMissingNode() || json.path("errors").isNull()).as(r.body()).isTrue();
        return json.path("data");
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
