package io.callsight.security;

import static io.callsight.common.Auth.anonymous;
import static io.callsight.common.Auth.asToken;
import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.callsight.common.GraphQL;
import io.callsight.common.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;

/**
 * The access matrix, generated from the served schema (every query and mutation, by introspection)
 * and the REST resources (every @Path class): a new operation or route is covered without being
 * listed here. Anonymous is refused everywhere; advertiser A gets nothing of B's through any
 * operation even with B's ids in its arguments and filters; ANALYST never sees a full phone number;
 * ANALYST and ADVERTISER cannot call admin mutations or routes.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class AccessMatrixTest {

    /** Mutations an ADVERTISER may call (on its own data). Anything else must answer FORBIDDEN. */
    private static final Set<String> ADVERTISER_MUTATIONS = Set.of("returnLead");
    /** Mutations an ANALYST may call: none. */
    private static final Set<String> ANALYST_MUTATIONS = Set.of();
    /** Error codes a refused or impossible request may carry; anything else (an internal error) fails. */
    private static final Set<String> CLEAN_CODES = Set.of("FORBIDDEN", "NOT_FOUND", "BAD_INPUT");
    private static final Pattern FULL_PHONE = Pattern.compile("\\+1555\\d{7}");

    private SchemaOperations schema;

    @BeforeEach
    void load() {
        AccessFixture.load();
        schema = new SchemaOperations(GraphQL.query(SchemaOperations.INTROSPECTION));
    }

    private static JsonPath send(RequestSpecification who, String document) {
        Response r = who.contentType(ContentType.JSON).body(Map.of("query", document)).when().post("/graphql");
        assertThat(r.statusCode()).as("HTTP status of %s", document).isEqualTo(200);
        return r.jsonPath();
    }

    private static String data(JsonPath r) {
        Object data = r.get("data");
        return data == null ? "" : data.toString();
    }

    private static List<String> codes(JsonPath r) {
        List<String> codes = r.getList("errors.extensions.code");
        return codes == null ? List.of() : codes;
    }

    private List<SchemaOperations.Operation> all(BiFunction<String, SchemaOperations.TypeRef, String> chooser) {
        List<SchemaOperations.Operation> ops = new ArrayList<>();
        schema.queries().forEach(f -> ops.add(schema.operation("query", f, chooser)));
        schema.mutations().forEach(f -> ops.add(schema.operation("mutation", f, chooser)));
        return ops;
    }

    @Test
    void theGeneratedOperationsAreValidGraphQL() {
        // as ADMIN, every query runs without a validation or internal error: the generator is sound
        assertThat(schema.queries()).hasSizeGreaterThan(30);
        for (var f : schema.queries()) {
            var op = schema.operation("query", f, (n, t) -> null);
            JsonPath r = send(given(), op.document());
            List<String> classifications = r.getList("errors.extensions.classification");
            assertThat(classifications == null ? List.<String>of() : classifications).as("%s", op.document())
                    .doesNotContain("ValidationError");
            assertThat(r.getList("errors.message") == null ? List.of() : r.getList("errors.message"))
                    .as("%s", op.document()).doesNotContain("System error");
        }
    }

    @Test
    void anonymousIsRefusedEveryOperation() {
        List<SchemaOperations.Operation> ops = all((n, t) -> null);
        for (var op : ops) {
            JsonPath r = send(anonymous(), op.document());
            assertThat(codes(r)).as("%s", op).containsExactly("UNAUTHENTICATED");
            assertThat(data(r)).as("%s", op).doesNotContain("MX-");
        }
    }

    /** B's ids wherever an argument or filter names an advertiser, campaign, lead, agent or feed entry. */
    private BiFunction<String, SchemaOperations.TypeRef, String> bIds(String filterField) {
        return new BiFunction<>() {
            @Override
            public String apply(String name, SchemaOperations.TypeRef type) {
                String n = name.toLowerCase();
                if ("INPUT_OBJECT".equals(type.kind()) && "CallFilter".equals(type.name())) {
                    return schema.inputObject("CallFilter", 0, (fn, ft) -> fn.equals(filterField) ? switch (fn) {
                        case "advertiserIds" -> "[\"MX-ADV-B\"]";
                        case "campaignIds" -> "[\"MX-CMP-B\"]";
                        default -> "[\"MX-AG-B\"]";
                    } : null);
                }
                if (n.equals("advertiserid")) {
                    return "\"MX-ADV-B\"";
                }
                if (n.equals("campaignid")) {
                    return "\"MX-CMP-B\"";
                }
                if (n.equals("leadid")) {
                    return "\"MX-LEAD-B1\"";
                }
                if (n.equals("agentid")) {
                    return "\"MX-AG-B\"";
                }
                if (n.equals("seq")) {
                    return Long.toString(AccessFixture.seqB());
                }
                if (n.equals("seqs")) {
                    return "[" + AccessFixture.seqB() + "]";
                }
                return null;
            }
        };
    }

    @Test
    void advertiserAGetsNothingOfBsThroughAnyOperation() {
        RequestSpecification a = asToken(AccessFixture.advertiserToken());
        int answered = 0;
        for (String filterField : List.of("advertiserIds", "campaignIds", "agentIds")) {
            for (var op : all(bIds(filterField))) {
                JsonPath r = send(asToken(AccessFixture.advertiserToken()), op.document());
                String body = data(r);
                for (String marker : AccessFixture.B_MARKERS) {
                    assertThat(body).as("%s leaks %s: %s", op.document(), marker, body).doesNotContain(marker);
                }
                assertThat(CLEAN_CODES).as("%s: %s", op.document(), r.prettify()).containsAll(codes(r));
                if (op.kind().equals("mutation") && !ADVERTISER_MUTATIONS.contains(op.name())) {
                    assertThat(codes(r)).as("%s", op).containsExactly("FORBIDDEN");
                }
                if (codes(r).isEmpty()) {
                    answered++;
                }
            }
        }
        assertThat(answered).as("operations an advertiser may call answered").isGreaterThan(5);
        // B's lead was not returned by A's returnLead(seq of B)
        assertThat(GraphQL.query("query { verifiedLeads(advertiserId: \"MX-ADV-B\") { edges { node { returnedAt } } } }")
                .getString("data.verifiedLeads.edges[0].node.returnedAt")).isNull();
        // and A does see its own data (the scoping does not simply blank everything)
        JsonPath own = send(a, "{ campaignPerformance { campaignId totalCalls } verifiedLeads { edges { node { leadId phone } } } "
                + "calls(filter: {campaignIds: [\"MX-CMP-A\"]}) { edges { node { leadId toNumber } } } }");
        assertThat(own.getList("data.campaignPerformance.campaignId")).containsExactly("MX-CMP-A");
        assertThat(own.getList("data.verifiedLeads.edges.node.leadId")).containsExactly("MX-LEAD-A1");
        assertThat(own.getString("data.verifiedLeads.edges[0].node.phone")).isEqualTo("+15551110001");
        // full numbers only for the lead delivered to it
        assertThat(own.getString("data.calls.edges.find { it.node.leadId == 'MX-LEAD-A1' }.node.toNumber"))
                .isEqualTo("+15551110001");
        assertThat(own.getString("data.calls.edges.find { it.node.leadId == 'MX-LEAD-A2' }.node.toNumber"))
                .isEqualTo("+1******0002");
    }

    @Test
    void analystSeesEveryPhoneNumberMasked() {
        for (var f : schema.queries()) {
            var op = schema.operation("query", f, (n, t) -> null);
            JsonPath r = send(asToken(AccessFixture.analystToken()), op.document());
            assertThat(FULL_PHONE.matcher(data(r)).find()).as("%s shows a full number: %s", op, data(r)).isFalse();
        }
        JsonPath calls = send(asToken(AccessFixture.analystToken()),
                "{ calls(filter: {campaignIds: [\"MX-CMP-B\"]}) { edges { node { leadId fromNumber toNumber } } } "
                        + "verifiedLeads(advertiserId: \"MX-ADV-A\") { edges { node { phone } } } }");
        assertThat(calls.getList("data.calls.edges.node.toNumber")).contains("+1******0001").hasSize(3);
        assertThat(calls.getList("data.calls.edges.node.fromNumber")).containsOnly("+1******0000");
        assertThat(calls.getString("data.verifiedLeads.edges[0].node.phone")).isEqualTo("+1******0001");
        // ADMIN sees them in full
        assertThat(GraphQL.query("{ calls(filter: {campaignIds: [\"MX-CMP-B\"]}) { edges { node { toNumber } } } }")
                .getList("data.calls.edges.node.toNumber")).contains("+15559990001");
    }

    @Test
    void analystAndAdvertiserCannotCallAdminMutations() {
        for (var f : schema.mutations()) {
            var op = schema.operation("mutation", f, (n, t) -> null);
            if (!ANALYST_MUTATIONS.contains(op.name())) {
                assertThat(codes(send(asToken(AccessFixture.analystToken()), op.document()))).as("ANALYST %s", op)
                        .containsExactly("FORBIDDEN");
            }
            if (!ADVERTISER_MUTATIONS.contains(op.name())) {
                assertThat(codes(send(asToken(AccessFixture.advertiserToken()), op.document()))).as("ADVERTISER %s", op)
                        .containsExactly("FORBIDDEN");
            }
        }
    }

    /** Every REST route (from the @Path resources): anonymous gets 401, roles outside @RolesAllowed 403. */
    @Test
    void everyRestRouteIsGuarded() throws IOException {
        List<String[]> routes = new ArrayList<>();
        for (Class<?> type : callsightClasses()) {
            Path classPath = type.getAnnotation(Path.class);
            if (classPath == null) {
                continue;
            }
            RolesAllowed classRoles = type.getAnnotation(RolesAllowed.class);
            for (Method m : type.getDeclaredMethods()) {
                String verb = m.isAnnotationPresent(jakarta.ws.rs.POST.class) ? "POST"
                        : m.isAnnotationPresent(jakarta.ws.rs.GET.class) ? "GET"
                        : m.isAnnotationPresent(jakarta.ws.rs.PUT.class) ? "PUT"
                        : m.isAnnotationPresent(jakarta.ws.rs.DELETE.class) ? "DELETE" : null;
                if (verb == null) {
                    continue;
                }
                Path methodPath = m.getAnnotation(Path.class);
                String path = (classPath.value() + (methodPath == null ? "" : "/" + methodPath.value()))
                        .replaceAll("/+", "/").replaceAll("\\{[^}]+}", "1");
                RolesAllowed roles = m.isAnnotationPresent(RolesAllowed.class) ? m.getAnnotation(RolesAllowed.class)
                        : classRoles;
                routes.add(new String[] { verb, path, roles == null ? "" : String.join(",", roles.value()) });
            }
        }
        assertThat(routes).extracting(r -> r[1]).contains("/api/ingest/calls", "/api/feeds/leads.csv", "/api/auth/me");
        for (String[] r : routes) {
            if (r[1].equals("/api/auth/login")) {
                continue; // the one open route
            }
            assertThat(status(anonymous(), r)).as("anonymous %s %s", r[0], r[1]).isEqualTo(401);
            List<String> allowed = List.of(r[2].split(","));
            if (!r[2].isEmpty()) {
                if (!allowed.contains("ANALYST")) {
                    assertThat(status(asToken(AccessFixture.analystToken()), r)).as("ANALYST %s %s", r[0], r[1])
                            .isEqualTo(403);
                }
                if (!allowed.contains("ADVERTISER")) {
                    assertThat(status(asToken(AccessFixture.advertiserToken()), r)).as("ADVERTISER %s %s", r[0], r[1])
                            .isEqualTo(403);
                }
            }
        }
        // the CSV feed: A reads its own, never B's
        String csv = asToken(AccessFixture.advertiserToken()).when().get("/api/feeds/leads.csv?since=0").then()
                .statusCode(200).extract().asString();
        assertThat(csv).contains("MX-LEAD-A1", "+15551110001");
        AccessFixture.B_MARKERS.forEach(m -> assertThat(csv).doesNotContain(m));
        asToken(AccessFixture.advertiserToken()).when().get("/api/feeds/leads.csv?advertiserId=MX-ADV-B").then()
                .statusCode(403);
    }

    /** Every class the application compiled (target/classes), loaded by the test's class loader. */
    private static List<Class<?>> callsightClasses() throws IOException {
        java.nio.file.Path root = java.nio.file.Path.of("target", "classes");
        List<Class<?>> out = new ArrayList<>();
        try (var files = java.nio.file.Files.walk(root.resolve("io/callsight"))) {
            for (java.nio.file.Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    out.add(Class.forName(name, false, Thread.currentThread().getContextClassLoader()));
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new AssertionError("Could not load " + name, e);
                }
            }
        }
        return out;
    }

    private static int status(RequestSpecification who, String[] route) {
        RequestSpecification spec = who.contentType("text/csv").body("x\n");
        return switch (route[0]) {
            case "POST" -> spec.post(route[1]).statusCode();
            case "PUT" -> spec.put(route[1]).statusCode();
            case "DELETE" -> spec.delete(route[1]).statusCode();
            default -> who.get(route[1]).statusCode();
        };
    }
}
