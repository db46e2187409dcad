package io.callsight.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import java.util.Collections;

/** Shrinkage toward the team, with hand-computed values. */
class AgentEfficiencyTest {

    private static AgentEfficiency.Estimate metric(List<AgentEfficiency.Estimate> list, String name) {
        return list.stream().filter(e -> e.metric().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void littleHistoryIsPulledToTheTeamMuchHistoryIsNot() {
        // veteran: 20 days x (8 h, 80 calls, 40 connected, 10 interested, AHT 200 s)
        List<AgentEfficiency.Day> veteran = Collections.nCopies(20,
                new AgentEfficiency.Day(80, 8, 40, 10, 40 * 200, 40));
        // newcomer: one day of 8 h, 40 calls, 10 connected, 5 interested, AHT 300 s
        List<AgentEfficiency.Day> newcomer = List.of(new AgentEfficiency.Day(40, 8, 10, 5, 10 * 300, 10));
        var est = AgentEfficiency.estimate(Map.of(1, veteran, 2, newcomer), Map.of(1, "North", 2, "North"));

        // team: calls 1640 / hours 168; success 205 / 810; AHT (160000 + 3000) / 810
        double teamCph = 1640.0 / 168;
        var cph = metric(est.get(2), "CALLS_PER_HOUR");
        assertThat(cph.teamValue()).isCloseTo(teamCph, within(1e-9));
        assertThat(cph.agentValue()).isCloseTo(5.0, within(1e-9));
        assertThat(cph.weight()).isCloseTo(0.5, within(1e-9)); // 8 h of evidence against an 8 h prior
        assertThat(cph.value()).isCloseTo((40 + 8 * teamCph) / 16, within(1e-9));

        var success = metric(est.get(2), "SUCCESS_RATE");
        assertThat(success.agentValue()).isCloseTo(0.5, within(1e-9));
        assertThat(success.weight()).isCloseTo(10.0 / 60, within(1e-9));
        assertThat(success.value()).isCloseTo((5 + 50 * (205.0 / 810)) / 60, within(1e-9));

        var aht = metric(est.get(2), "AHT");
        assertThat(aht.value()).isCloseTo((3000 + 30 * (163000.0 / 810)) / 40, within(1e-9));
        assertThat(aht.lo80()).isNull(); // one day: no spread to read

        var veteranSuccess = metric(est.get(1), "SUCCESS_RATE");
        assertThat(veteranSuccess.weight()).isCloseTo(800.0 / 850, within(1e-9));
        assertThat(veteranSuccess.value()).isCloseTo(0.25, within(0.01));
        // every day was exactly 10/40: no spread, so the 80% range collapses onto the estimate
        assertThat(veteranSuccess.lo80()).isCloseTo(veteranSuccess.value(), within(1e-12));
        assertThat(veteranSuccess.hi80()).isCloseTo(veteranSuccess.value(), within(1e-12));
    }

    @Test
    void anAgentWithNoConnectedCallsGetsTheTeamRates() {
        var est = AgentEfficiency.estimate(Map.of(
                1, List.of(new AgentEfficiency.Day(50, 5, 20, 4, 20 * 150, 20)),
                2, List.of(new AgentEfficiency.Day(10, 2, 0, 0, 0, 0))), Map.of(1, "T", 2, "T"));
        var success = metric(est.get(2), "SUCCESS_RATE");
        assertThat(success.agentValue()).isNull();
        assertThat(success.weight()).isZero();
        assertThat(success.value()).isCloseTo(0.2, within(1e-9));
        assertThat(metric(est.get(2), "AHT").value()).isCloseTo(150.0, within(1e-9));
    }
}
