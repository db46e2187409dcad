package io.callsight.events;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx as a process of the test, in front of instances of the packaged service: a config
 * generated under target/it (no daemon, no master process, so it runs as the test's user; pid, logs and
 * temp files in its own directory), round robin over the instances, HTTP/1.1 with the Upgrade headers for
 * the GraphQL WebSocket subscriptions, and the next instance tried when one refuses the connection.
 */
public final class LoadBalancer implements AutoCloseable {

    /** Where Debian's package puts it (not on every PATH: /usr/sbin). */
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/bin/nginx"));

    private final Path dir;
    public final int port;
    private final Process process;

    private LoadBalancer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** The nginx binary, or null when it is not installed. */
    public static Path binary() {
        for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!p.isBlank() && Files.isExecutable(Path.of(p, "nginx"))) {
                return Path.of(p, "nginx");
            }
        }
        return CANDIDATES.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    public static LoadBalancer start(Path nginx, List<Integer> upstreamPorts) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it")), "nginx").toAbsolutePath();
        int port = ServiceProcess.freePort();
        StringBuilder servers = new StringBuilder();
        for (int p : upstreamPorts) {
            // a refused connection takes the instance out for 30 s; requests go to the others meanwhile
            servers.append("    server 127.0.0.1:").append(p).append(" max_fails=1 fail_timeout=30s;\n");
        }
        String conf = """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 512; }
                http {
                  access_log %1$s/access.log;
                  client_body_temp_path %1$s/client_body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  client_max_body_size 0;
                  upstream callsight {
                %2$s  }
                  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
                  server {
                    listen 127.0.0.1:%3$d;
                    location / {
                      proxy_pass http://callsight;
                      proxy_http_version 1.1;
                      proxy_set_header Upgrade $http_upgrade;
                      proxy_set_header Connection $connection_upgrade;
                      proxy_set_header Host $host;
                      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                      proxy_read_timeout 300s;
                      proxy_send_timeout 300s;
                      proxy_next_upstream error timeout http_502 http_503;
                    }
                  }
                }
                """.formatted(dir, servers, port);
        Path confFile = dir.resolve("nginx.conf");
        Files.writeString(confFile, conf, StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(nginx.toString(), "-p", dir.toString(), "-e", dir.resolve("error.log").toString(),
                "-c", confFile.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile())).start();
        LoadBalancer lb = new LoadBalancer(dir, port, process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("nginx exited (" + process.exitValue() + "): "
                        + Files.readString(dir.resolve("stdout.log")) + readIfExists(dir.resolve("error.log")));
            }
            try (var s = new java.net.Socket("127.0.0.1", port)) {
                return lb;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        lb.close();
        throw new AssertionError("nginx did not listen on " + port + " within 10 s");
    }

    private static String readIfExists(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public URI ws() {
        return URI.create("ws://127.0.0.1:" + port + "/graphql");
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: fast shutdown
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void deleteFiles() {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.out.printf("[nginx] could not delete %s: %s%n", dir, e);
        }
    }
}
