package io.callsight.calls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallIdFilterTest {

    @Test
    void distinctIdsGiveNoCandidatesAndEveryRepeatIsOne() {
        CallIdFilter f = new CallIdFilter();
        for (int i = 1; i <= 1_000_000; i++) {
            f.add(String.format("C%08d", i));
        }
        assertThat(f.candidates()).hasSizeLessThan(10); // false positives are rare, not impossible
        int before = f.candidates().size();
        f.add("C00000007");
        f.add("C00999999");
        assertThat(f.candidates()).contains("C00000007", "C00999999").hasSize(before + 2);
    }

    @Test
    void tooManyRepeatsGiveUp() {
        CallIdFilter f = new CallIdFilter();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i <= CallIdFilter.MAX_CANDIDATES; i++) {
                f.add("X" + i);
            }
        }
        assertThat(f.candidates()).isNull();
    }
}
