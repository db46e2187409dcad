package io.callsight.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The model alone (no database): planted effects on the log-odds scale are recovered, a sparse cell is pulled toward
 * its parent, bad input is refused.
 */
class ContactModelTest {

    /** hour (24), state (2), attempt (8); interaction hour x state. */
    private static final ContactModel.Spec SPEC = new ContactModel.Spec(List.of(
            ContactModel.Factor.of("hour", 24), ContactModel.Factor.of("state", 2), ContactModel.Factor.of("attempt", 8)))
            .cross("hour_state", 0, 1);

    static double planted(int hour, int state, int attempt) {
        double peak = state == 0 ? 18.5 : 12; // state 0 answers in the evening, state 1 at midday
        return -0.8 - 0.35 * attempt - 0.015 * (hour - peak) * (hour - peak);
    }

    @Test
    void recoversPlantedHourByStateAndAttemptEffects() {
        SplittableRandom rng = new SplittableRandom(7);
        int cells = 13 * 2 * 6;
        int[][] levels = new int[cells][];
        double[] n = new double[cells];
        double[] y = new double[cells];
        int i = 0;
        for (int h = 8; h <= 20; h++) {
            for (int s = 0; s < 2; s++) {
                for (int a = 0; a < 6; a++) {
                    levels[i] = new int[] { h, s, a };
                    n[i] = 2000;
                    double p = ContactModel.sigmoid(planted(h, s, a));
                    for (int k = 0; k < n[i]; k++) {
                        y[i] += rng.nextDouble() < p ? 1 : 0;
                    }
                    i++;
                }
            }
        }
        ContactModel m = ContactModel.fit(SPEC, levels, n, y);
        // differences of log-odds are identified whatever the parametrisation: tolerance 0.15 (about 2 standard errors
        // of a difference between two hour-state cells of 12,000 dials each, p 3-40%)
        for (int s = 0; s < 2; s++) {
            for (int h = 9; h <= 20; h++) {
                double fitted = m.eta(new int[] { h, s, 0 }) - m.eta(new int[] { 8, s, 0 });
                assertThat(fitted).as("hour %d vs 8, state %d", h, s).isCloseTo(planted(h, s, 0) - planted(8, s, 0),
                        within(0.15));
            }
        }
        for (int a = 1; a < 6; a++) {
            assertThat(m.eta(new int[] { 12, 1, a }) - m.eta(new int[] { 12, 1, 0 })).as("attempt %d", a + 1)
                    .isCloseTo(-0.35 * a, within(0.1));
        }
        // the best hours differ by state as planted
        assertThat(bestHour(m, 0)).isBetween(18, 19);
        assertThat(bestHour(m, 1)).isBetween(11, 13);
    }

    private static int bestHour(ContactModel m, int state) {
        int best = -1;
        double p = -1;
        for (int h = 8; h <= 20; h++) {
            double q = m.probability(new int[] { h, state, 0 });
            if (q > p) {
                p = q;
                best = h;
            }
        }
        return best;
    }

    @Test
    void aSparseCellIsPulledTowardItsParent() {
        // state 1 has 5 dials at hour 3, all connected; everything else is plenty of data at 20%
        int[][] levels = { { 10, 0, 0 }, { 10, 1, 0 }, { 3, 0, 0 }, { 3, 1, 0 } };
        double[] n = { 5000, 5000, 5000, 5 };
        double[] y = { 1000, 1000, 1000, 5 };
        ContactModel m = ContactModel.fit(SPEC, levels, n, y);
        double sparse = m.probability(new int[] { 3, 1, 0 });
        assertThat(sparse).as("5 of 5 is not 100%%: shrunk toward the 20%% of its hour and state").isBetween(0.2, 0.5);
        assertThat(m.etaVariance(new int[] { 3, 1, 0 })).isGreaterThan(m.etaVariance(new int[] { 3, 0, 0 }));
        assertThat(m.probability(new int[] { 10, 0, 0 })).isCloseTo(0.2, within(0.01));
    }

    @Test
    void refusesEventsAboveTrials() {
        assertThatThrownBy(() -> ContactModel.fit(SPEC, new int[][] { { 1, 0, 0 } }, new double[] { 2 },
                new double[] { 3 })).hasMessageContaining("0 <= events <= trials");
        assertThatThrownBy(() -> ContactModel.fit(SPEC, new int[][] { { 30, 0, 0 } }, new double[] { 2 },
                new double[] { 1 })).hasMessageContaining("outside factor hour");
    }
}
