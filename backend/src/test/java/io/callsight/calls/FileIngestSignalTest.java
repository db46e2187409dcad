package io.callsight.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.callsight.common.DatabaseTest;
import io.callsight.common.LiveSignals;
import io.callsight.common.SignalRecorder;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A call file that adds calls signals {@code calls} at its commit, through PostgreSQL NOTIFY: every
 * instance's live views and feed workers hear of it (before, only events did, and a file's calls reached a
 * subscriber of the live floor at the next minute turn).
 */
@QuarkusTest
class FileIngestSignalTest extends DatabaseTest {

    @Inject
    CallIngestService ingest;

    @Inject
    SignalRecorder signals;

    @Test
    void aCallFileSignalsNewCallsToEveryInstance() throws Exception {
        signals.clear();
        String csv = "Call ID,Lead ID,Campaign ID,Call Status,Call Dial Time\nsig-1,SIG-L1,SIG-C1,Answered,2025-04-07 09:30:00\n";
        IngestResult r = ingest.ingest(new CallIngestService.Request("api", "signal.csv", "text/csv", ZoneOffset.UTC),
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), false);
        assertThat(r.accepted()).isEqualTo(1);
        assertThat(signals.await(LiveSignals.CALLS, 5000)).as("a 'calls' signal after the file's commit").isTrue();
    }
}
