package io.callsight.security;

import static io.callsight.common.Auth.anonymous;
import static io.callsight.common.Auth.asKey;
import static io.callsight.common.Auth.asToken;
import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.callsight.common.Auth;
import io.callsight.common.GraphQL;
import io.callsight.common.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Login, tokens, API keys, lockout and the audit log, over HTTP against the real database. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class AuthTest {

    private static JsonPath gql(io.restassured.specification.RequestSpecification who, String query,
            Map<String, Object> variables) {
        return who.contentType(ContentType.JSON).body(Map.of("query", query, "variables", variables))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void loginIssuesATokenThatCarriesTheRole() {
        String token = Auth.token("admin", Auth.ADMIN_PASSWORD);
        JsonPath me = gql(asToken(token), "{ me { username role advertiserId via } }", Map.of());
        assertThat(me.getString("data.me.username")).isEqualTo("admin");
        assertThat(me.getString("data.me.role")).isEqualTo("ADMIN");
        assertThat(me.getString("data.me.via")).isEqualTo("token");
        asToken(token).when().get("/api/auth/me").then().statusCode(200).body("role", equalTo("ADMIN"));
    }

    @Test
    void anonymousAndForgedCredentialsAreRefused() {
        JsonPath anon = gql(anonymous(), "{ campaigns { campaignId } }", Map.of());
        assertThat(anon.getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
        assertThat(anon.getString("errors[0].message")).contains("Sign in");
        anonymous().when().get("/api/auth/me").then().statusCode(401);
        asToken("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.AAAA").contentType(ContentType.JSON)
                .body(Map.of("query", "{ me { username } }")).when().post("/graphql").then().statusCode(401);
        asKey("cs_nope0000_00000000000000000000000000").contentType(ContentType.JSON)
                .body(Map.of("query", "{ me { username } }")).when().post("/graphql").then().statusCode(401);
        anonymous().contentType("text/csv").body("call_id\n").when().post("/api/ingest/calls").then().statusCode(401);
    }

    @Test
    void wrongPasswordsAreSlowedThenLockTheAccount() {
        GraphQL.query("mutation { createUser(username: \"locky\", password: \"right-password\", role: ANALYST) { id } }");
        for (int i = 0; i < 4; i++) {
            anonymous().contentType(ContentType.JSON).body(Map.of("username", "locky", "password", "wrong" + i))
                    .when().post("/api/auth/login").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        }
        anonymous().contentType(ContentType.JSON).body(Map.of("username", "locky", "password", "wrong-5"))
                .when().post("/api/auth/login").then().statusCode(429).body("code", equalTo("LOCKED"))
                .body("retryAfterSeconds", notNullValue());
        // locked: even the right password is refused until an admin unlocks it
        anonymous().contentType(ContentType.JSON).body(Map.of("username", "locky", "password", "right-password"))
                .when().post("/api/auth/login").then().statusCode(429);
        String id = GraphQL.query("{ users { id username lockedUntil } }").getString(
                "data.users.find { it.username == 'locky' }.id");
        assertThat(GraphQL.query("{ users { id username lockedUntil } }").getString(
                "data.users.find { it.username == 'locky' }.lockedUntil")).isNotNull();
        GraphQL.query("mutation($id: ID!) { unlockUser(id: $id) { lockedUntil } }", Map.of("id", id));
        assertThat(Auth.token("locky", "right-password")).isNotBlank();
        // every sign-in is in the audit log: the failures, the lock and the success
        List<String> outcomes = GraphQL.query("{ auditLog(first: 50, action: \"login\") { edges { node { actor outcome } } } }")
                .getList("data.auditLog.edges.findAll { it.node.actor == 'locky' }.node.outcome");
        assertThat(outcomes).contains("OK").anyMatch(o -> o.startsWith("LOCKED"))
                .filteredOn(o -> o.startsWith("FAILED")).hasSize(4);
        anonymous().contentType(ContentType.JSON).body(Map.of("username", "lo\u0000cky", "password", "x"))
                .when().post("/api/auth/login").then().statusCode(400).body("code", equalTo("BAD_INPUT"));
    }

    @Test
    void apiKeysAreShownOnceStoredHashedAndRevocable() {
        JsonPath created = GraphQL.query("mutation { createApiKey(name: \"partner tool\", role: ANALYST) "
                + "{ key apiKey { id prefix role revokedAt } } }");
        String key = created.getString("data.createApiKey.key");
        String prefix = created.getString("data.createApiKey.apiKey.prefix");
        assertThat(key).startsWith(prefix + "_").hasSizeGreaterThan(40);
        JsonPath me = gql(asKey(key), "{ me { role via } }", Map.of());
        assertThat(me.getString("data.me.role")).isEqualTo("ANALYST");
        assertThat(me.getString("data.me.via")).isEqualTo("key");
        // the listing never shows the key
        String listing = given().contentType(ContentType.JSON).body(Map.of("query", "{ apiKeys { prefix name } }"))
                .when().post("/graphql").then().statusCode(200).extract().asString();
        assertThat(listing).contains(prefix).doesNotContain(key);
        GraphQL.query("mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }",
                Map.of("id", created.getString("data.createApiKey.apiKey.id")));
        asKey(key).contentType(ContentType.JSON).body(Map.of("query", "{ me { role } }")).when().post("/graphql")
                .then().statusCode(401);
    }

    @Test
    void adminChangesAreAuditedWithoutSecrets() {
        GraphQL.query("mutation { createUser(username: \"audited-user\", password: \"very-secret-pw\", role: ANALYST) { id } }");
        JsonPath log = GraphQL.query("{ auditLog(first: 20, action: \"createUser\") { edges { node { actor action "
                + "target detail outcome } } } }");
        String entry = log.getString("data.auditLog.edges.find { it.node.target == 'audited-user' }.node.detail");
        assertThat(entry).contains("ANALYST").doesNotContain("very-secret-pw");
        assertThat(log.getString("data.auditLog.edges.find { it.node.target == 'audited-user' }.node.outcome"))
                .isEqualTo("OK");
        assertThat(log.getString("data.auditLog.edges.find { it.node.target == 'audited-user' }.node.actor"))
                .startsWith("key:");
    }

    @Test
    void analystCannotCallAdminMutations() {
        GraphQL.query("mutation { createUser(username: \"plain-analyst\", password: \"analyst-pw-1\", role: ANALYST) { id } }");
        String token = Auth.token("plain-analyst", "analyst-pw-1");
        JsonPath r = gql(asToken(token), "mutation { createApiKey(name: \"x\", role: ADMIN) { key } }", Map.of());
        assertThat(r.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        assertThat(r.getString("data")).isNull();
        JsonPath ok = gql(asToken(token), "{ campaigns { campaignId } }", Map.of());
        assertThat(ok.getList("errors")).isNull();
        asToken(token).contentType("text/csv").body("call_id\n").when().post("/api/ingest/calls").then()
                .statusCode(403).body("code", equalTo("FORBIDDEN")).body("error", notNullValue());
        assertThat(r.getString("errors[0].message")).contains("ANALYST");
        assertThat(ok.getList("data.campaigns")).isNotNull();
    }
}
