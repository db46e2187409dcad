package io.callsight.demo;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.AppState;
import io.callsight.calls.CallIngestService;
import io.callsight.calls.IngestResult;
import io.callsight.common.BusinessTime;
import io.callsight.common.CallsightMain;
import io.callsight.common.Uploads;

/**
 * Generates the demo data once when configured to (see {@code callsight.demo.*}): {@code auto}
 * when the application runs its own embedded database, {@code on} always, {@code off} never. The
 * calls come from {@link DemoDataGenerator} and load through the ordinary ingest (COPY) path as one
 * batch; the {@code app_state} row {@value #STATE_KEY} is written only after that batch committed,
 * so a run killed mid-generation (its batch rolled back) generates again on the next start.
 */
@ApplicationScoped
public class DemoDataService {

    private static final Logger LOG = Logger.getLogger(DemoDataService.class);
    static final String STATE_KEY = "demo_data";
    /** Serialises generation across instances sharing one database. */
    private static final long ADVISORY_LOCK = 0x43_53_44_45_4D_4FL; // "CSDEMO"

    @Inject
    CallIngestService ingest;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DemoConfig config;

    @Inject
    BusinessTime businessTime;

    /** Called at startup: generates the demo data when the mode asks for it and it is not there yet. */
    public void generateIfNeeded() {
        if (!wanted()) {
            return;
        }
        int calls = config.calls();
        int days = config.days();
        long seed = config.seed();
        if (calls < 1 || days < 1) {
            LOG.warnf("Demo data not generated: callsight.demo.calls (%d) and callsight.demo.days (%d) must be "
                    + "1 or more", calls, days);
            return;
        }
        try (Connection lock = dataSource.getConnection()) {
            advisoryLock(lock, true);
            try {
                String done = AppState.get(lock, STATE_KEY);
                if (done != null) {
                    LOG.infof("Demo data already generated (%s)", done);
                    return;
                }
                ZoneId zone = floorZone();
                Instant now = Instant.now();
                IngestResult result = generate(seed, calls, days, LocalDate.ofInstant(now, zone), zone, now, true);
                AppState.put(lock, STATE_KEY, "batch=" + result.batchId() + " calls=" + result.accepted() + " seed=" + seed
                        + " days=" + days + " end=" + LocalDate.ofInstant(now, zone));
            } finally {
                advisoryLock(lock, false);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not generate the demo data: " + e.getMessage(), e);
        }
    }

    /**
     * Generates and loads {@code calls} demo calls over {@code days} days up to and including
     * {@code endDate} in the business time zone, whatever the mode; does not mark the data as
     * generated. Deterministic: the same arguments give the same calls (same call ids, so loading
     * them again adds nothing).
     */
    public IngestResult generate(long seed, int calls, int days, LocalDate endDate) {
        return generate(seed, calls, days, endDate, businessTime.zone(), null, false);
    }

    /**
     * As {@link #generate(long, int, int, LocalDate)} on the demo floor of {@code make run}: a US floor on its own clock
     * ({@code callsight.demo.floor-time-zone}) dialling each lead in the lead's own hours.
     */
    public IngestResult generateUsFloor(long seed, int calls, int days, LocalDate endDate) {
        return generate(seed, calls, days, endDate, floorZone(), null, true);
    }

    IngestResult generate(long seed, int calls, int days, LocalDate endDate, ZoneId zone, Instant notAfter,
            boolean leadLocalHours) {
        long started = System.nanoTime();
        DemoDataGenerator generator = new DemoDataGenerator(seed, calls, days, endDate, zone, notAfter, leadLocalHours);
        String description = generator.describe();
        IngestResult result = ingest.ingest(
                new CallIngestService.Request("demo", "demo-generator", "generated", ZoneId.of("UTC")),
                generator, () -> Uploads.sha256().digest(description.getBytes(StandardCharsets.UTF_8)));
        LOG.infof("Demo data: %d calls for %d leads, %s to %s (%s), generated and loaded in %d ms (batch %d, "
                + "%d accepted, %d rejected, %d already present)", generator.emittedCalls(), generator.emittedLeads(),
                generator.startDate(), generator.endDate(), zone, (System.nanoTime() - started) / 1_000_000,
                result.batchId(), result.accepted(), result.rejected(), result.duplicates());
        if (result.rejected() > 0) {
            LOG.warnf("Demo data: %d generated rows were rejected, first: %s", result.rejected(),
                    result.rejects().isEmpty() ? "-" : result.rejects().get(0));
        }
        return result;
    }

    /** The demo floor's clock ({@code callsight.demo.floor-time-zone}; the business zone when it is not a zone). */
    private ZoneId floorZone() {
        try {
            return ZoneId.of(config.floorTimeZone());
        } catch (java.time.DateTimeException e) {
            LOG.warnf("callsight.demo.floor-time-zone '%s' is not a time zone; the business time zone is used",
                    config.floorTimeZone());
            return businessTime.zone();
        }
    }

    /** Whether demo data belongs in this database: mode on, or auto on an embedded database. */
    public boolean wanted() {
        String mode = config.mode();
        String m = mode == null ? "auto" : mode.strip().toLowerCase(Locale.ROOT);
        switch (m) {
            case "on", "true", "always":
                return true;
            case "off", "false", "never":
                return false;
            case "auto":
                return "true".equals(System.getProperty(CallsightMain.EMBEDDED_FLAG));
            default:
                LOG.warnf("Unknown callsight.demo.mode '%s' (expected auto, on or off); treated as auto", mode);
                return "true".equals(System.getProperty(CallsightMain.EMBEDDED_FLAG));
        }
    }

    private static void advisoryLock(Connection c, boolean take) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                take ? "SELECT pg_advisory_lock(?)" : "SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, ADVISORY_LOCK);
            ps.execute();
        }
    }
}
