package io.callsight.staffing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.callsight.common.DatabaseTest;
import io.callsight.common.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The one-interval staffing questions through GraphQL, with the published known answers. */
@QuarkusTest
class StaffingGraphQLTest extends DatabaseTest {

    @Test
    void requiredAgentsErlangC() {
        JsonPath json = GraphQL.query("""
                { requiredAgents(callsPerInterval: 100, ahtSeconds: 180, intervalMinutes: 30, answerWithinSeconds: 20,
                    targetServiceLevel: 0.8, maxOccupancy: 0.85, shrinkage: 0.3) {
                  agents agentsWithShrinkage serviceLevel asaSeconds occupancy probWait probAbandon } }""");
        assertThat(json.getInt("data.requiredAgents.agents")).isEqualTo(14);
        assertThat(json.getInt("data.requiredAgents.agentsWithShrinkage")).isEqualTo(20);
        assertThat(json.getDouble("data.requiredAgents.serviceLevel")).isCloseTo(0.8884, within(5e-4));
        assertThat(json.getDouble("data.requiredAgents.occupancy")).isCloseTo(0.7143, within(5e-4));
        assertThat(json.getDouble("data.requiredAgents.probWait")).isCloseTo(0.1741, within(5e-4));
        assertThat(json.getDouble("data.requiredAgents.probAbandon")).isEqualTo(0.0);
    }

    @Test
    void serviceLevelForErlangA() {
        JsonPath json = GraphQL.query("""
                { serviceLevelFor(agents: 14, callsPerInterval: 100, ahtSeconds: 180, intervalMinutes: 30,
                    answerWithinSeconds: 20, patienceSeconds: 300) {
                  serviceLevel asaSeconds occupancy probWait probAbandon stable } }""");
        assertThat(json.getDouble("data.serviceLevelFor.probWait")).isCloseTo(0.1453, within(5e-4));
        assertThat(json.getDouble("data.serviceLevelFor.probAbandon")).isCloseTo(0.0140, within(5e-4));
        assertThat(json.getDouble("data.serviceLevelFor.serviceLevel")).isCloseTo(0.9168, within(5e-4));
        assertThat(json.getBoolean("data.serviceLevelFor.stable")).isTrue();
    }

    @Test
    void unstableErlangC() {
        JsonPath json = GraphQL.query("""
                { serviceLevelFor(agents: 9, callsPerInterval: 100, ahtSeconds: 180, intervalMinutes: 30,
                    answerWithinSeconds: 20) { serviceLevel asaSeconds stable } }""");
        assertThat(json.getDouble("data.serviceLevelFor.serviceLevel")).isEqualTo(0.0);
        assertThat(json.getString("data.serviceLevelFor.asaSeconds")).isNull();
        assertThat(json.getBoolean("data.serviceLevelFor.stable")).isFalse();
    }

    @Test
    void badInputIsNamed() {
        JsonPath json = GraphQL.failing("""
                { requiredAgents(callsPerInterval: 100, ahtSeconds: -3, intervalMinutes: 30, answerWithinSeconds: 20,
                    targetServiceLevel: 0.8) { agents } }""", Map.of());
        assertThat(json.getString("errors[0].extensions.code")).isEqualTo("BAD_INPUT");
        assertThat(json.getString("errors[0].message")).contains("ahtSeconds must be more than 0");
    }
}
