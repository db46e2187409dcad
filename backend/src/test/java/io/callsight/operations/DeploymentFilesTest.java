package io.callsight.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import io.callsight.common.DatabaseTest;
import io.callsight.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * What can be checked of `make up` without a Docker engine: docker-compose.yml parses, every variable it (and the
 * service's configuration) uses is documented in docs/operations.md, the healthcheck path answers in the app, the
 * services restart, and the images' files say what the compose file relies on.
 */
@QuarkusTest
class DeploymentFilesTest extends DatabaseTest {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

    private static String read(String first, String... more) throws IOException {
        return Files.readString(TestData.repoFile(first, more));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(Map<String, Object> compose, String name) {
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }

    private static Set<String> variables(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyVariableOfTheComposeFileAndTheConfigurationIsDocumented() throws IOException {
        String compose = read("docker-compose.yml");
        Map<String, Object> parsed = new Yaml().load(compose);
        assertThat(((Map<String, Object>) parsed.get("services")).keySet()).containsExactlyInAnyOrder("postgres", "backend", "frontend");
        String operations = read("docs", "operations.md");
        Set<String> used = variables(compose);
        used.addAll(variables(read("backend", "src", "main", "resources", "application.properties")));
        assertThat(used).contains("CALLSIGHT_ADMIN_PASSWORD", "CALLSIGHT_BOOTSTRAP_API_KEY", "CALLSIGHT_JAVA_OPTS",
                "CALLSIGHT_LOG_JSON", "CALLSIGHT_GRAPHQL_UI");
        List<String> undocumented = used.stream().filter(v -> !operations.contains("`" + v + "`")).toList();
        assertThat(undocumented).as("variables missing from docs/operations.md (as `NAME`)").isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theBackendIsPassedItsSecretsMemoryAndInboxAndRestartsWhenUnhealthy() throws IOException {
        Map<String, Object> compose = new Yaml().load(read("docker-compose.yml"));
        for (String name : List.of("postgres", "backend", "frontend")) {
            assertThat(service(compose, name)).as(name).containsEntry("restart", "unless-stopped").containsKey("healthcheck");
        }
        Map<String, Object> env = (Map<String, Object>) service(compose, "backend").get("environment");
        assertThat(env).containsKeys("CALLSIGHT_ADMIN_PASSWORD", "CALLSIGHT_BOOTSTRAP_API_KEY", "JAVA_OPTS",
                "CALLSIGHT_CRM_INBOX", "QUARKUS_DATASOURCE_JDBC_URL");
        String properties = read("backend", "src", "main", "resources", "application.properties");
        for (String v : List.of("CALLSIGHT_ADMIN_PASSWORD", "CALLSIGHT_BOOTSTRAP_API_KEY", "CALLSIGHT_CRM_INBOX")) {
            assertThat(properties).as("the service reads " + v).contains("${" + v + ":");
        }
        assertThat((List<String>) service(compose, "backend").get("volumes")).anyMatch(v -> v.endsWith(":/data/crm-inbox"));
        assertThat(env.get("CALLSIGHT_CRM_INBOX")).isEqualTo("/data/crm-inbox");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theHealthcheckPathAnswersReadyInTheApp() throws IOException {
        Map<String, Object> compose = new Yaml().load(read("docker-compose.yml"));
        Map<String, Object> health = (Map<String, Object>) service(compose, "backend").get("healthcheck");
        String test = String.join(" ", (List<String>) health.get("test"));
        Matcher path = Pattern.compile("GET (/\\S+) HTTP").matcher(test);
        assertThat(path.find()).as(test).isTrue();
        assertThat(path.group(1)).isEqualTo("/q/health/ready");
        assertThat(read("backend", "src", "main", "docker", "Dockerfile")).contains("GET " + path.group(1) + " HTTP");
        String body = RestAssured.given().when().get(path.group(1)).then().statusCode(200).extract().asString();
        assertThat(body).containsPattern("\"status\"\\s*:\\s*\"UP\"");
    }

    @Test
    void theWebImageSendsSecurityHeadersAndBuildsFromTheLockFile() throws IOException {
        String nginx = read("frontend", "docker", "nginx.conf") + read("frontend", "docker", "security-headers.conf");
        assertThat(nginx).contains("Content-Security-Policy", "script-src 'self'", "frame-ancestors 'none'",
                "connect-src 'self' ws://$http_host wss://$http_host", "X-Content-Type-Options \"nosniff\"", "Referrer-Policy",
                "proxy_set_header Upgrade $http_upgrade");
        String dockerfile = read("frontend", "docker", "Dockerfile");
        assertThat(dockerfile).contains("FROM nginx:stable");
        assertThat(dockerfile.indexOf("npm ci --no-audit")).isGreaterThan(dockerfile.indexOf("COPY frontend/package.json frontend/package-lock.json"))
                .isLessThan(dockerfile.indexOf("COPY frontend/ ./"));
        assertThat(read(".dockerignore")).contains("**/node_modules", "frontend/dist", "**/target");
    }
}
