package io.callsight.demo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.callsight.calls.CallIngestService;
import io.callsight.calls.IngestResult;
import io.callsight.common.AppState;
import io.callsight.compliance.DncHasher;

/**
 * A few planted calling-rule violations on top of the demo calls, so the Compliance page shows each kind on
 * {@code make run}: leads on real area codes dialled after Florida's 20:00 (verified: held back from the first
 * advertiser's feed), before noon on a Texas Sunday, before 08:00 in California, a fourth dial in 24 hours to a
 * Florida number, a call after a do-not-call disposition and a call to a number on the internal do-not-call
 * list. Once per database ({@code app_state}), through the call ingest (so the check runs as for any file).
 */
@ApplicationScoped
public class ComplianceDemo {

    private static final Logger LOG = Logger.getLogger(ComplianceDemo.class);
    static final String STATE_KEY = "demo.compliance";
    private static final DateTimeFormatter F = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneId EASTERN = ZoneId.of("America/New_York");
    private static final ZoneId CENTRAL = ZoneId.of("America/Chicago");
    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

    @Inject
    CallIngestService ingest;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DncHasher dnc;

    /** Step of {@link StartupSequence} (demo data wanted): plants its rows once. */
    void generateIfNeeded() throws Exception {
        String campaign;
        String advertiser;
        List<String> agents = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            if (AppState.get(c, STATE_KEY) != null) {
                return;
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT cp.campaign_id, a.advertiser_id "
                    + "FROM campaign cp JOIN advertiser a ON a.advertiser_key = cp.advertiser_key "
                    + "ORDER BY a.advertiser_key, cp.campaign_key LIMIT 1")) {
                if (!rs.next()) {
                    return; // no demo calls
                }
                campaign = rs.getString(1);
                advertiser = rs.getString(2);
            }
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT agent_id FROM agent ORDER BY agent_key LIMIT 3")) {
                while (rs.next()) {
                    agents.add(rs.getString(1));
                }
            }
            // on the internal do-not-call list for a month: the call below breaks US-DNC
            String listed = "+13125550190";
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dnc_number (number_hash, added_at, added_by) "
                    + "VALUES (?, now() - interval '30 days', 'demo') ON CONFLICT DO NOTHING")) {
                ps.setBytes(1, dnc.hash(c, dnc.e164(listed)));
                ps.executeUpdate();
            }
        }
        String agent1 = agents.isEmpty() ? "" : agents.get(0);
        String agent2 = agents.size() > 1 ? agents.get(1) : agent1;
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        StringBuilder csv = new StringBuilder("Call ID,Lead ID,Campaign ID,Advertiser ID,Agent ID,Call Status,Lead Status,"
                + "Agent Call Duration,Customer Call Duration,Attempt No,Lead Created At,Call Dial Time,To Number\n");
        // after 20:00 in Miami, verified: held back from the feed (US-HOURS too when after 21:00)
        row(csv, "cmpl-demo-1", "CMPL-DEMO-FL1", campaign, advertiser, agent1, "Answered", "Interested", 1,
                at(today.minusDays(2), 20, 40, EASTERN), "+13055550111");
        row(csv, "cmpl-demo-2", "CMPL-DEMO-FL2", campaign, advertiser, agent2, "Answered", "Interested", 1,
                at(today.minusDays(5), 21, 15, EASTERN), "+13055550112");
        // Texas, last Sunday 10:30 in Dallas: before noon
        LocalDate sunday = today.minusDays(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
        row(csv, "cmpl-demo-3", "CMPL-DEMO-TX1", campaign, advertiser, agent1, "No Answer", "Not Answered", 1,
                at(sunday, 10, 30, CENTRAL), "+12145550113");
        // California at 07:15
        row(csv, "cmpl-demo-4", "CMPL-DEMO-CA1", campaign, advertiser, agent2, "Answered", "Callback", 1,
                at(today.minusDays(3), 7, 15, PACIFIC), "+14155550114");
        // Florida: four dials in five hours, the fourth over the limit of three in 24 h
        for (int i = 0; i < 4; i++) {
            row(csv, "cmpl-demo-5" + i, "CMPL-DEMO-FL3", campaign, advertiser, agent1, "No Answer", "Not Answered", i + 1,
                    at(today.minusDays(4), 10 + i, 30, EASTERN), "+13055550115");
        }
        // a do-not-call disposition, then another dial two days later
        row(csv, "cmpl-demo-60", "CMPL-DEMO-NY1", campaign, advertiser, agent2, "Answered", "DNC", 1,
                at(today.minusDays(8), 11, 0, EASTERN), "+12125550116");
        row(csv, "cmpl-demo-61", "CMPL-DEMO-NY1", campaign, advertiser, agent1, "Answered", "Not Interested", 2,
                at(today.minusDays(6), 11, 0, EASTERN), "+12125550116");
        // a number on the internal do-not-call list (Chicago, within hours)
        row(csv, "cmpl-demo-7", "CMPL-DEMO-IL1", campaign, advertiser, agent2, "Answered", "Not Interested", 1,
                at(today.minusDays(1), 14, 0, CENTRAL), "+13125550190");
        IngestResult result = ingest.ingest(new CallIngestService.Request("demo", "compliance-demo.csv", "text/csv",
                ZoneId.of("UTC")), new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), false);
        try (Connection c = dataSource.getConnection()) {
            AppState.put(c, STATE_KEY, "batch " + result.batchId());
        }
        LOG.infof("Demo compliance data: %d planted calls (batch %d, %d rejected)", result.accepted(), result.batchId(),
                result.rejected());
    }

    private static String at(LocalDate day, int hour, int minute, ZoneId zone) {
        LocalDateTime utc = day.atTime(hour, minute).atZone(zone).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
        return F.format(utc);
    }

    private static void row(StringBuilder csv, String call, String lead, String campaign, String advertiser, String agent,
            String callStatus, String leadStatus, int attempt, String dialUtc, String number) {
        boolean talked = "Answered".equals(callStatus);
        csv.append(call).append(',').append(lead).append(',').append(campaign).append(',').append(advertiser).append(',')
                .append(agent).append(',').append(callStatus).append(',').append(leadStatus).append(',')
                .append(talked ? "660" : "30").append(',').append(talked ? "600" : "0").append(',').append(attempt)
                .append(',').append(F.format(LocalDateTime.parse(dialUtc, F).minusHours(2))).append(',').append(dialUtc).append(',')
                .append(number).append('\n');
    }
}
