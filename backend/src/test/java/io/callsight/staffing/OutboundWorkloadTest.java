package io.callsight.staffing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OutboundWorkloadTest {

    @Test
    void knownAnswer() {
        // 240 calls x 150 s = 36,000 agent-seconds in an hour = 10 agents busy all hour;
        // at 85% occupancy 11.76 -> 12 on the phones; with 30% shrinkage 16.81 -> 17 scheduled
        OutboundWorkload w = new OutboundWorkload(240, 150, 60, 0.85, 0.30);
        assertThat(w.workloadSeconds()).isEqualTo(36_000.0);
        assertThat(w.agentsExact()).isCloseTo(10 / 0.85, within(1e-9));
        assertThat(w.agents()).isEqualTo(12);
        assertThat(w.agentsWithShrinkage()).isEqualTo(17);
    }

    @Test
    void exactFitsDoNotRoundUp() {
        OutboundWorkload w = new OutboundWorkload(120, 60, 60, 1.0, 0.5); // 2 agents exactly
        assertThat(w.agents()).isEqualTo(2);
        assertThat(w.agentsWithShrinkage()).isEqualTo(4);
        assertThat(new OutboundWorkload(0, 60, 30, 0.85, 0.3).agents()).isZero();
    }

    @Test
    void invalidInputs() {
        assertThatThrownBy(() -> new OutboundWorkload(-1, 60, 60, 0.85, 0.3)).hasMessageContaining("expectedCalls");
        assertThatThrownBy(() -> new OutboundWorkload(10, -1, 60, 0.85, 0.3)).hasMessageContaining("agentCallSeconds");
        assertThatThrownBy(() -> new OutboundWorkload(10, 60, 0, 0.85, 0.3)).hasMessageContaining("intervalMinutes");
        assertThatThrownBy(() -> new OutboundWorkload(10, 60, 60, 0, 0.3)).hasMessageContaining("targetOccupancy");
        assertThatThrownBy(() -> new OutboundWorkload(10, 60, 60, 0.85, 1)).hasMessageContaining("shrinkage");
    }
}
