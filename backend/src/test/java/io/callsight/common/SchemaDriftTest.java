package io.callsight.common;

import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The served GraphQL schema must equal the committed one (backend/src/main/resources/schema.graphql),
 * which partner tools and the SPA's generated types are built from. After an intended change run
 * {@code UPDATE_SCHEMA=true ./mvnw -pl backend test -Dtest=SchemaDriftTest} and commit the file.
 */
@QuarkusTest
class SchemaDriftTest extends DatabaseTest {

    private static final Path COMMITTED = Path.of("src/main/resources/schema.graphql");

    @Test
    void servedSchemaMatchesTheCommittedFile() throws Exception {
        String served = given().when().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        if ("true".equals(System.getenv("UPDATE_SCHEMA"))) {
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(COMMITTED)).as("committed schema file " + COMMITTED.toAbsolutePath()).isTrue();
        String committed = Files.readString(COMMITTED, StandardCharsets.UTF_8);
        assertThat(served.strip())
                .as("The served GraphQL schema drifted from %s; if the change is intended, regenerate it with "
                        + "UPDATE_SCHEMA=true and commit it", COMMITTED)
                .isEqualTo(committed.strip());
    }
}
