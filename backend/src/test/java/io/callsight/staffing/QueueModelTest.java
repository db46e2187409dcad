package io.callsight.staffing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Known answers published by pyworkforce (and checked independently): 100 calls per 30 minutes,
 * AHT 180 s (10 Erlangs), answer within 20 s, target 80 %, occupancy at most 85 %, shrinkage 30 %.
 */
class QueueModelTest {

    private static final QueueModel ERLANG_C = new QueueModel(100, 180, 30, null);
    private static final QueueModel ERLANG_A = new QueueModel(100, 180, 30, 300.0);

    @Test
    void erlangCKnownAnswer() {
        AgentRequirement.Result r = AgentRequirement.find(ERLANG_C, 20, 0.8, 0.85, 0.3, null);
        assertThat(r.agents()).isEqualTo(14);
        assertThat(r.agentsWithShrinkage()).isEqualTo(20);
        assertThat(r.outcome().serviceLevel()).isCloseTo(0.8884, within(5e-4));
        assertThat(r.outcome().occupancy()).isCloseTo(0.7143, within(5e-4));
        assertThat(r.outcome().probWait()).isCloseTo(0.1741, within(5e-4));
        assertThat(r.outcome().stable()).isTrue();
    }

    @Test
    void erlangAKnownAnswer() {
        QueueModel.Outcome o = ERLANG_A.evaluate(14, 20);
        assertThat(o.probWait()).isCloseTo(0.1453, within(5e-4));
        assertThat(o.probAbandon()).isCloseTo(0.0140, within(5e-4));
        assertThat(o.serviceLevel()).isCloseTo(0.9168, within(5e-4));
    }

    @Test
    void erlangCAsaAndMonotonicity() {
        QueueModel.Outcome o = ERLANG_C.evaluate(14, 20);
        // ASA = P(wait) * AHT / (N - A) = 0.1741 * 180 / 4
        assertThat(o.asaSeconds()).isCloseTo(0.1741 * 180 / 4, within(0.05));
        double previous = -1;
        for (int n = 11; n <= 20; n++) {
            double sl = ERLANG_C.evaluate(n, 20).serviceLevel();
            assertThat(sl).isGreaterThan(previous);
            previous = sl;
        }
    }

    @Test
    void erlangAWithVeryLongPatienceApproachesErlangC() {
        QueueModel patient = new QueueModel(100, 180, 30, 1e7);
        assertThat(patient.evaluate(14, 20).probWait()).isCloseTo(ERLANG_C.evaluate(14, 20).probWait(), within(1e-3));
        assertThat(patient.evaluate(14, 20).serviceLevel()).isCloseTo(ERLANG_C.evaluate(14, 20).serviceLevel(),
                within(1e-3));
    }

    @Test
    void stableUpTo2000AgentsWithoutOverflow() {
        QueueModel big = new QueueModel(10_000, 180, 15, null); // 2000 Erlangs
        AgentRequirement.Result r = AgentRequirement.find(big, 20, 0.8, null, null, null);
        assertThat(r.agents()).isBetween(2000, 2100);
        assertThat(r.outcome().serviceLevel()).isBetween(0.8, 1.0);
        QueueModel.Outcome a = new QueueModel(10_000, 180, 15, 120.0).evaluate(2000, 20);
        assertThat(a.serviceLevel()).isBetween(0.0, 1.0);
        assertThat(a.probAbandon()).isBetween(0.0, 1.0);
        assertThat(a.asaSeconds()).isNotNull().isNotNegative();
    }

    @Test
    void trafficAtOrAboveAgentsIsUnstableNotNaN() {
        QueueModel.Outcome o = ERLANG_C.evaluate(10, 20); // 10 Erlangs on 10 agents
        assertThat(o.stable()).isFalse();
        assertThat(o.serviceLevel()).isEqualTo(0.0);
        assertThat(o.asaSeconds()).isNull();
        assertThat(o.probWait()).isEqualTo(1.0);
        QueueModel.Outcome none = ERLANG_C.evaluate(0, 20);
        assertThat(none.stable()).isFalse();
        // with abandonment there is always a steady state
        QueueModel.Outcome a = ERLANG_A.evaluate(8, 20);
        assertThat(a.stable()).isTrue();
        assertThat(a.serviceLevel()).isBetween(0.0, 1.0);
        assertThat(a.asaSeconds()).isNotNegative();
    }

    @Test
    void noCallsNeedsNoQueue() {
        QueueModel.Outcome o = new QueueModel(0, 180, 30, null).evaluate(1, 20);
        assertThat(o.serviceLevel()).isEqualTo(1.0);
        assertThat(o.occupancy()).isEqualTo(0.0);
    }

    @Test
    void invalidInputs() {
        assertThatThrownBy(() -> new QueueModel(-1, 180, 30, null)).hasMessageContaining("callsPerInterval must be 0 or more");
        assertThatThrownBy(() -> new QueueModel(100, 0, 30, null)).hasMessageContaining("ahtSeconds must be more than 0");
        assertThatThrownBy(() -> new QueueModel(100, 180, 0, null)).hasMessageContaining("intervalMinutes must be between");
        assertThatThrownBy(() -> new QueueModel(100, 180, 30, -5.0)).hasMessageContaining("patienceSeconds must be more than 0");
        assertThatThrownBy(() -> new QueueModel(Double.NaN, 180, 30, null)).hasMessageContaining("callsPerInterval");
        assertThatThrownBy(() -> ERLANG_C.evaluate(-1, 20)).hasMessageContaining("agents must be between");
        assertThatThrownBy(() -> ERLANG_C.evaluate(10, -1)).hasMessageContaining("answerWithinSeconds must be 0 or more");
        assertThatThrownBy(() -> AgentRequirement.find(ERLANG_C, 20, 1.5, null, null, null))
                .hasMessageContaining("targetServiceLevel must be");
        assertThatThrownBy(() -> AgentRequirement.find(ERLANG_C, 20, 0.8, 0.0, null, null))
                .hasMessageContaining("maxOccupancy must be");
        assertThatThrownBy(() -> AgentRequirement.find(ERLANG_C, 20, 0.8, null, 1.0, null))
                .hasMessageContaining("shrinkage must be");
        assertThatThrownBy(() -> AgentRequirement.find(ERLANG_C, 20, 0.8, null, null, 2.0))
                .hasMessageContaining("maxAbandonRate must be");
    }
}
