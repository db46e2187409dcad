package io.callsight.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.AppState;
import io.callsight.leadquality.SnapshotIngestService;
import io.callsight.sources.SchemaRegistry;

/**
 * Demo lead-quality data for `make run`: the demo's converted leads of the last weeks get e-mail and
 * phone hashes (delivered leads), and the advertisers' CRM reports about them arrive as daily snapshots
 * through the same ingest as real files. Appointment, demo and sale chances depend on the campaign and
 * on the converting agent, so quality by campaign and agent has something true to show; the files drift
 * the way the real ones do (a renamed city column, booleans re-encoded, a location column added, column
 * order changes, a sentinel row, duplicate leads, a city in two states, unreadable ZIPs, and one day whose
 * export lost every Set flag).
 */
@ApplicationScoped
public class LeadQualityDemo {

    private static final Logger LOG = Logger.getLogger(LeadQualityDemo.class);
    private static final String STATE_KEY = "demo.lead-quality";
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy", Locale.US);
    private static final DateTimeFormatter US_TIME = DateTimeFormatter.ofPattern("MM/dd/yyyy  h:mma", Locale.US);
    private static final String[][] PLACES = {
        {"Springfield", "IL", "62701"}, {"Springfield", "MO", "65801"}, {"Bremerton", "WA", "98311"},
        {"Seattle", "WA", "98101"}, {"Tacoma", "WA", "98402"}, {"Boise", "ID", "83702"}, {"Reno", "NV", "89501"},
        {"Las Vegas", "NV", "89101"}, {"Salem", "OR", "97301"}, {"Portland", "OR", "97201"}, {"Phoenix", "AZ", "85001"},
        {"Surprise", "AZ", "85379"}, {"Denver", "CO", "80202"}, {"Hartford", "CT", "06103"}, {"Austin", "TX", "78701"}};
    private static final String[] LOST = {"Data", "DQ-Wrong Number", "DNC", "DNS-P", "No Contact", "DQ - R/P/C"};

    @Inject
    DemoConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SnapshotIngestService snapshots;

    private record Delivered(int leadKey, String leadId, LocalDate delivered, int campaignKey, int agentKey) {
    }

    private record Story(Delivered lead, String number, String email, String phone, String[] place, LocalDate setOn,
            LocalDate demoOn, LocalDate soldOn, String lostDispo, int apptHour) {
    }

    /** Step of {@link StartupSequence} (demo data wanted): plants the CRM snapshots once; none with 0 CRM days. */
    void generateIfNeeded() throws Exception {
        if (config.crmDays() <= 0) {
            return;
        }
        long started = System.nanoTime();
        int days = config.crmDays();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate first = today.minusDays(days - 1L);
        List<Story> stories;
        try (Connection c = dataSource.getConnection()) {
            if (AppState.get(c, STATE_KEY) != null) {
                return;
            }
            List<Delivered> delivered = delivered(c, first);
            if (delivered.isEmpty()) {
                return;
            }
            stories = stories(c, delivered);
        }
        int loaded = 0;
        for (int day = 0; day < days; day++) {
            LocalDate date = first.plusDays(day);
            byte[] file = snapshot(stories, date, day, days);
            snapshots.ingest(SchemaRegistry.DEFAULT_SOURCE, date, "crm-demo-" + date + ".csv", file);
            loaded++;
        }
        try (Connection c = dataSource.getConnection()) {
            AppState.put(c, STATE_KEY, loaded + " snapshots, " + stories.size() + " leads");
        }
        LOG.infof("Demo lead-quality data: %d delivered leads, %d daily CRM snapshots (%s to %s) in %d ms", stories.size(),
                loaded, first, today, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Converted leads (their first converting call) delivered in the two weeks before the first snapshot and
     * every day up to today, by lead id.
     */
    private static List<Delivered> delivered(Connection c, LocalDate first) throws SQLException {
        List<Delivered> delivered = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT ON (cc.lead_key) cc.lead_key, l.lead_id, "
                + "(cc.dial_time AT TIME ZONE 'UTC')::date, cc.campaign_key, coalesce(cc.agent_key, 0) "
                + "FROM conversion_call cc JOIN lead l ON l.lead_key = cc.lead_key "
                + "WHERE cc.dial_time >= ? ORDER BY cc.lead_key, cc.dial_time")) {
            ps.setObject(1, first.minusDays(14).atStartOfDay().atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    delivered.add(new Delivered(rs.getInt(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                            rs.getInt(4), rs.getInt(5)));
                }
            }
        }
        delivered.sort((a, b) -> a.leadId().compareTo(b.leadId()));
        return delivered;
    }

    /**
     * What happens to the leads delivered to an advertiser with a CRM report (their e-mail and phone hashes
     * stored), plus a few people entered twice under a second lead number (the duplicate-leads check).
     */
    private List<Story> stories(Connection c, List<Delivered> delivered) throws SQLException {
        List<Story> stories = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(config.seed() ^ 0x5EEDL);
        int number = 300_000;
        try (PreparedStatement ps = c.prepareStatement("UPDATE lead SET email_hash = ?, phone_hash = ? WHERE lead_key = ?");
                PreparedStatement delivery = c.prepareStatement("INSERT INTO lq_delivery (lead_key, source_key, delivered_at) "
                        + "VALUES (?, (SELECT source_key FROM crm_source WHERE name = ?), ?) ON CONFLICT DO NOTHING")) {
            for (Delivered d : delivered) {
                // About 60% of converted leads are delivered to an advertiser with a CRM report.
                if (random.nextDouble() > 0.6) {
                    continue;
                }
                Story s = story(random, d, Integer.toString(number++));
                ps.setString(1, s.email());
                ps.setString(2, s.phone());
                ps.setInt(3, d.leadKey());
                ps.addBatch();
                delivery.setInt(1, d.leadKey());
                delivery.setString(2, SchemaRegistry.DEFAULT_SOURCE);
                delivery.setObject(3, d.delivered().atTime(12, 0).atOffset(ZoneOffset.UTC));
                delivery.addBatch();
                stories.add(s);
            }
            ps.executeBatch();
            delivery.executeBatch();
        }
        for (int i = 0; i < Math.min(3, stories.size()); i++) {
            Story s = stories.get(i * 50 % stories.size());
            stories.add(new Story(s.lead(), Integer.toString(900_000 + i), s.email(), s.phone(), s.place(), null, null, null,
                    "Data", 10));
        }
        // A few people the advertiser's CRM lists that we never delivered (another vendor's leads): the funnel leaves
        // them out and counts them as unmatchedReportLeads.
        int ours = stories.size();
        for (int i = 0; i < Math.min(4, ours); i++) {
            Story s = stories.get((i * 37 + 11) % ours);
            stories.add(new Story(s.lead(), Integer.toString(950_000 + i), sha1("demo-other-email-" + i),
                    sha1("demo-other-phone-" + i), s.place(), null, null, null, "Data", 10));
        }
        return stories;
    }

    /** Quality: campaigns differ (0.16 .. 0.37 set rate), agents scale it (0.75 .. 1.25). */
    private static Story story(SplittableRandom random, Delivered d, String number) {
        String email = sha1("demo-email-" + d.leadId());
        String phone = sha1("demo-phone-" + d.leadId());
        double campaign = 0.16 + 0.03 * (d.campaignKey() % 8);
        double agent = 0.75 + 0.5 * ((d.agentKey() * 37) % 11) / 10.0;
        LocalDate setOn = random.nextDouble() < campaign * agent ? d.delivered().plusDays(1 + random.nextInt(5)) : null;
        LocalDate demoOn = setOn != null && random.nextDouble() < 0.62 ? setOn.plusDays(2 + random.nextInt(6)) : null;
        LocalDate soldOn = demoOn != null && random.nextDouble() < 0.24 * agent ? demoOn.plusDays(2 + random.nextInt(8)) : null;
        return new Story(d, number, email, phone, PLACES[random.nextInt(PLACES.length)],
                setOn, demoOn, soldOn, LOST[random.nextInt(LOST.length)], 9 + random.nextInt(9));
    }

    /** The CRM report as of one day, in the shape the files had on that day. */
    static byte[] snapshot(List<Story> stories, LocalDate date, int day, int totalDays) {
        // The file changes shape over the period, as the real ones did.
        boolean cityName = day >= totalDays / 3;
        boolean trueFalse = day >= totalDays / 2;
        boolean location = day >= totalDays * 2 / 3;
        boolean setLost = day == totalDays - 4; // one export lost every Set flag
        StringBuilder b = new StringBuilder(1 << 20);
        List<String> header = new ArrayList<>(List.of("ENTRYDATE", "LEADNUMBER", "email_hash", "phone_hash"));
        header.addAll(cityName ? List.of("STATE", "ZIP", "Appt Date", "Demo", "Set", "Dispo", "Job Status", "CityName")
                : List.of("CITY", "STATE", "ZIP", "Appt Date", "Set", "Demo", "Dispo", "Job Status"));
        if (location) {
            header.add("location");
        }
        b.append(String.join(",", header)).append("\r\n");
        if (day >= totalDays * 2 / 5) {
            b.append(String.join(",", Collections.nCopies(header.size(), "-----"))).append("\r\n");
        }
        int row = 0;
        for (Story s : stories) {
            if (s.lead().delivered().isAfter(date)) {
                continue;
            }
            row++;
            boolean set = s.setOn() != null && !s.setOn().isAfter(date);
            boolean demo = s.demoOn() != null && !s.demoOn().isAfter(date);
            boolean sold = s.soldOn() != null && !s.soldOn().isAfter(date);
            String dispo = sold ? "Sale" : demo ? "Demo - No Sale" : set ? "Appt Set" : s.lostDispo();
            String job = sold ? (s.soldOn().plusDays(5).isAfter(date) ? "Scheduled" : "Completed") : "";
            String appt = set ? s.setOn().plusDays(3).atTime(s.apptHour(), 30).format(US_TIME).toUpperCase(Locale.US) : "";
            String zip = row % 997 == 0 ? "0" : s.place()[2];
            String city = row % 7 == 0 ? s.place()[0] + "      " : s.place()[0];
            String setValue = setLost ? "0" : set ? "1" : "0";
            String demoValue = trueFalse ? (demo ? "True" : "False") : demo ? "1" : "0";
            List<String> v = new ArrayList<>(List.of(s.lead().delivered().format(US_DATE), s.number(), s.email(), s.phone()));
            if (cityName) {
                v.addAll(List.of(s.place()[1], zip, appt, demoValue, setValue, dispo, job, city));
            } else {
                v.addAll(List.of(city, s.place()[1], zip, appt, setValue, demoValue, dispo, job));
            }
            if (location) {
                v.add(s.place()[0] + " | " + s.place()[1]);
            }
            b.append(String.join(",", v)).append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String sha1(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
