package io.callsight.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Replica lag from WAL positions, and the routing rule of a report read (no database). */
class ReplicaPositionsTest {

    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    private static final Duration MAX_LAG = Duration.ofSeconds(30);

    @Test
    void walPositionsParseAsPostgresPrintsThem() {
        assertThat(ReplicaPositions.lsn("0/0")).isZero();
        assertThat(ReplicaPositions.lsn("0/3000060")).isEqualTo(0x3000060L);
        assertThat(ReplicaPositions.lsn("16/B374D848")).isEqualTo((0x16L << 32) | 0xB374D848L);
        assertThat(ReplicaPositions.lsn("1/0")).isGreaterThan(ReplicaPositions.lsn("0/FFFFFFFF"));
    }

    @Test
    void anInsertPositionRightAfterAPageHeaderComparesAsThePageBoundary() {
        assertThat(ReplicaPositions.comparableInsertPosition(ReplicaPositions.lsn("0/3002018"))).isEqualTo(0x3002000L);
        assertThat(ReplicaPositions.comparableInsertPosition(ReplicaPositions.lsn("0/3000028"))).as("a segment's first page")
                .isEqualTo(0x3000000L);
        assertThat(ReplicaPositions.comparableInsertPosition(ReplicaPositions.lsn("0/3002060"))).isEqualTo(0x3002060L);
    }

    @Test
    void aMalformedPositionIsRefused() {
        assertThatThrownBy(() -> ReplicaPositions.lsn("3000060")).hasMessage("not a WAL position: 3000060");
        assertThatThrownBy(() -> ReplicaPositions.lsn("0/")).hasMessage("not a WAL position: 0/");
        assertThatThrownBy(() -> ReplicaPositions.lsn(null)).hasMessage("no WAL position");
    }

    @Test
    void aReplicaHoldsEveryCommitBeforeTheNewestPrimaryPositionItReplayed() {
        ReplicaPositions p = new ReplicaPositions(Duration.ofSeconds(61));
        p.primaryAt(T0, 100);
        p.primaryAt(T0.plusMillis(150), 200);
        p.primaryAt(T0.plusMillis(300), 300);
        assertThat(p.replayedAsOf(50)).as("behind every position kept").isNull();
        assertThat(p.replayedAsOf(250)).isEqualTo(T0.plusMillis(150));
        assertThat(p.replayedAsOf(300)).isEqualTo(T0.plusMillis(300));
    }

    @Test
    void anIdlePrimaryKeepsACaughtUpReplicaCurrent() {
        ReplicaPositions p = new ReplicaPositions(Duration.ofSeconds(61));
        p.primaryAt(T0, 500);
        p.primaryAt(T0.plusSeconds(40), 500); // nothing written for 40 s
        assertThat(p.replayedAsOf(500)).isEqualTo(T0.plusSeconds(40));
    }

    @Test
    void aPausedReplicaFallsBehindByTheTimeSinceItsPositionWasCurrent() {
        ReplicaPositions p = new ReplicaPositions(Duration.ofSeconds(61));
        p.primaryAt(T0, 500);
        p.primaryAt(T0.plusSeconds(5), 900); // written after the pause at 500
        p.primaryAt(T0.plusSeconds(10), 900);
        Instant asOf = p.replayedAsOf(500);
        assertThat(asOf).isEqualTo(T0);
        ReplicaState s = new ReplicaState(true, 500, asOf, T0.plusSeconds(10), null);
        assertThat(s.lagSeconds(T0.plusSeconds(10))).isEqualTo(10.0);
    }

    @Test
    void historyOlderThanKeptIsDropped() {
        ReplicaPositions p = new ReplicaPositions(Duration.ofSeconds(10));
        p.primaryAt(T0, 100);
        p.primaryAt(T0.plusSeconds(20), 200);
        assertThat(p.replayedAsOf(150)).as("the position at T0 is gone").isNull();
    }

    @Test
    void readsGoToTheReplicaOnlyWhenItIsAvailableCurrentEnoughAndPastTheCallersWrite() {
        Instant now = T0.plusSeconds(1);
        ReplicaState fresh = new ReplicaState(true, 1000, T0, now, null);
        assertThat(fresh.route(null, MAX_LAG, now)).isEqualTo(ReadReason.REPLICA);
        assertThat(fresh.route(1000L, MAX_LAG, now)).as("its write replayed").isEqualTo(ReadReason.REPLICA);
        assertThat(fresh.route(1001L, MAX_LAG, now)).isEqualTo(ReadReason.OWN_WRITE_NOT_REPLAYED);
        assertThat(fresh.route(null, MAX_LAG, T0.plusSeconds(31))).isEqualTo(ReadReason.REPLICA_TOO_FAR_BEHIND);
        assertThat(new ReplicaState(true, 1000, null, now, null).route(null, MAX_LAG, now))
                .as("lag unknown").isEqualTo(ReadReason.REPLICA_TOO_FAR_BEHIND);
        assertThat(ReplicaState.unavailable(now, "connection refused").route(null, MAX_LAG, now))
                .isEqualTo(ReadReason.REPLICA_UNAVAILABLE);
        assertThat(ReplicaState.unavailable(now, "down").lagSeconds(now)).isNull();
    }
}
