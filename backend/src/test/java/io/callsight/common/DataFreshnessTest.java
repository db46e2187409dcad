package io.callsight.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Without {@code CALLSIGHT_REPLICA_URL} (the default, as in every other test) report queries run on the
 * primary and {@code dataFreshness} says so; the replica itself is exercised by {@link ReadReplicaIT}.
 */
@QuarkusTest
class DataFreshnessTest extends DatabaseTest {

    @Test
    void withoutAReplicaReportsRunOnThePrimaryWithNoLag() {
        JsonPath d = GraphQL.query("{ dataFreshness { servedBy reason lagSeconds committedAsOf replicaConfigured "
                + "replicaLagSeconds } }");
        assertThat(d.getString("data.dataFreshness.servedBy")).isEqualTo("PRIMARY");
        assertThat(d.getString("data.dataFreshness.reason")).isEqualTo("NO_REPLICA");
        assertThat(d.getDouble("data.dataFreshness.lagSeconds")).isZero();
        assertThat(d.getString("data.dataFreshness.committedAsOf")).isNotBlank();
        assertThat(d.getBoolean("data.dataFreshness.replicaConfigured")).isFalse();
        assertThat(d.getString("data.dataFreshness.replicaLagSeconds")).isNull();
    }
}
