package io.callsight.demo;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.AppState;
import io.callsight.scorecards.AgentKpiIngestService;
import io.callsight.servicelevels.InboundCallIngestService;

/**
 * Demo inbound data for `make run`, loaded through the real ingest paths: four weeks of a support queue's
 * call log (weekday and hour-of-day patterns, waits that grow with load, callers who hang up, a few rows
 * crossing midnight), and daily KPIs for the demo's agents (with their outbound handle time behind them,
 * a couple of slow wrap-ups for the bottleneck view, and notes holding a phone number to mask).
 */
@ApplicationScoped
public class ServiceLevelDemo {

    private static final Logger LOG = Logger.getLogger(ServiceLevelDemo.class);
    private static final String STATE_KEY = "demo.service-levels";
    private static final String[] SERVERS = {"DANA", "ERAN", "GILA", "HILA", "IDO", "LIOR", "MAYA", "NOA", "OMER", "RONI", "TAL", "YAEL"};

    @Inject
    DemoConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    InboundCallIngestService calls;

    @Inject
    AgentKpiIngestService kpis;

    /** Step of {@link StartupSequence} (demo data wanted): plants its rows once. */
    void generateIfNeeded() throws Exception {
        long started = System.nanoTime();
        List<String[]> agents = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            if (AppState.get(c, STATE_KEY) != null) {
                return;
            }
            try (Statement st = c.createStatement()) {
                // The demo queue's log has the bank layout: a source of its own, a copy of that one's columns.
                st.execute("INSERT INTO crm_source (name, description, sentinels, kind, granularity, queue_name) "
                        + "VALUES ('demo-support', 'Demo inbound support line (call log)', '{}', 'SERVICE_METRICS', NULL, 'demo-support') "
                        + "ON CONFLICT (name) DO NOTHING");
                st.execute("INSERT INTO crm_schema_column (source_key, name, data_type, synonyms, formats, required, description) "
                        + "SELECT (SELECT source_key FROM crm_source WHERE name = 'demo-support'), name, data_type, synonyms, formats, "
                        + "required, description FROM crm_schema_column WHERE source_key = (SELECT source_key FROM crm_source "
                        + "WHERE name = 'anonymous-bank') ON CONFLICT DO NOTHING");
                try (ResultSet rs = st.executeQuery("SELECT agent_id, name, team FROM agent ORDER BY agent_id")) {
                    while (rs.next()) {
                        agents.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                    }
                }
            }
        }
        SplittableRandom random = new SplittableRandom(config.seed() ^ 0x311L);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate first = today.minusDays(28);
        byte[] log = callLog(random, first, today);
        var loaded = calls.ingest("demo-support", "demo-support-calls.tsv", log);
        byte[] kpiJson = kpiJson(random, agents, first, today);
        var kpi = agents.isEmpty() ? null : kpis.ingest(kpiJson, true, "demo-agent-kpis.json");
        try (Connection c = dataSource.getConnection()) {
            AppState.put(c, STATE_KEY, loaded.accepted() + " calls, " + (kpi == null ? 0 : kpi.accepted()) + " agent-days");
        }
        LOG.infof("Demo service-level data: %d inbound calls (%s to %s), %d agent KPI days, in %d ms", loaded.accepted(), first,
                today.minusDays(1), kpi == null ? 0 : kpi.accepted(), (System.nanoTime() - started) / 1_000_000);
    }

    static byte[] callLog(SplittableRandom random, LocalDate first, LocalDate end) {
        DateTimeFormatter yymmdd = DateTimeFormatter.ofPattern("yyMMdd", Locale.US);
        StringBuilder b = new StringBuilder(4 << 20);
        b.append("vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tvru_time\tq_start\tq_exit\tq_time\t"
                + "outcome\tser_start\tser_exit\tser_time\tserver\r\n");
        int id = 10000;
        for (LocalDate day = first; day.isBefore(end); day = day.plusDays(1)) {
            int dow = day.getDayOfWeek().getValue();
            double dayVolume = dow <= 5 ? 1100 : dow == 6 ? 450 : 180;
            for (int hour = 7; hour < 22; hour++) {
                // Two peaks: late morning and early afternoon.
                double shape = Math.exp(-Math.pow(hour - 10.5, 2) / 6) + 0.8 * Math.exp(-Math.pow(hour - 14.5, 2) / 5) + 0.08;
                double lambda = dayVolume * shape / 13.0;
                int n = poisson(random, lambda);
                double load = Math.min(0.97, lambda / 150);
                for (int k = 0; k < n; k++) {
                    int second = hour * 3600 + random.nextInt(3600);
                    int vru = 5 + random.nextInt(25);
                    int queueStart = second + vru;
                    double meanWait = 15 + 400 * Math.pow(load, 6);
                    int wait = (int) Math.round(-meanWait * Math.log(1 - random.nextDouble()));
                    int patience = (int) Math.round(-180 * Math.log(1 - random.nextDouble()));
                    boolean hang = patience < wait;
                    boolean phantom = random.nextDouble() < 0.005;
                    int q = hang ? patience : wait;
                    int service = hang || phantom ? 0 : (int) Math.round(Math.exp(5.0 + 0.55 * gaussian(random)));
                    String outcome = phantom ? "PHANTOM" : hang ? "HANG" : "AGENT";
                    b.append("DS0").append(1 + random.nextInt(4)).append('\t').append(id++).append('\t')
                            .append(random.nextInt(10) == 0 ? "0" : Integer.toString(1_000_000 + random.nextInt(9_000_000)))
                            .append('\t').append(random.nextInt(3)).append('\t').append(random.nextInt(5) == 0 ? "NE" : "PS")
                            .append('\t').append(day.format(yymmdd)).append('\t').append(t(second)).append('\t')
                            .append(t(queueStart)).append('\t').append(vru).append('\t').append(t(queueStart)).append('\t')
                            .append(t(queueStart + q)).append('\t').append(q).append('\t').append(outcome).append('\t')
                            .append(outcome.equals("AGENT") ? t(queueStart + q) : "0:00:00").append('\t')
                            .append(outcome.equals("AGENT") ? t(queueStart + q + service) : "0:00:00").append('\t')
                            .append(service).append('\t')
                            .append(outcome.equals("AGENT") ? SERVERS[random.nextInt(SERVERS.length)] : "NO_SERVER").append("\r\n");
                }
            }
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] kpiJson(SplittableRandom random, List<String[]> agents, LocalDate first, LocalDate end) {
        StringBuilder b = new StringBuilder("[");
        boolean firstRow = true;
        for (int a = 0; a < agents.size(); a++) {
            String[] agent = agents.get(a);
            double skill = 0.55 + 0.45 * ((a * 37) % 11) / 10.0;
            boolean slowWrapUp = a % 9 == 4;
            for (LocalDate day = first; day.isBefore(end); day = day.plusDays(1)) {
                if (day.getDayOfWeek().getValue() > 5) {
                    continue;
                }
                double adherence = Math.min(1, 0.76 + 0.2 * skill + 0.03 * gaussian(random));
                double quality = Math.min(100, 45 + 52 * skill + 4 * gaussian(random));
                double csat = Math.min(5, 2.7 + 2.2 * skill + 0.2 * gaussian(random));
                double fcr = Math.min(1, 0.42 + 0.5 * skill + 0.04 * gaussian(random));
                double aht = 230 + 120 * (1.1 - skill) + 25 * gaussian(random);
                double acw = (slowWrapUp ? 150 : 40) + 8 * gaussian(random);
                String notes = random.nextInt(40) == 0 ? "customer asked for a call back on (415) 5" + (10 + random.nextInt(89)) + "-" + (1000 + random.nextInt(8999)) : "";
                b.append(firstRow ? "" : ",").append(String.format(Locale.ROOT,
                        "{\"agent_id\":\"%s\",\"agent_name\":\"%s\",\"team\":\"%s\",\"date\":\"%s\",\"adherence\":%.3f,"
                                + "\"quality_score\":%.1f,\"csat\":%.2f,\"fcr\":%.3f,\"aht\":%.0f,\"acw\":%.0f,\"notes\":\"%s\"}",
                        agent[0], agent[1] == null ? agent[0] : agent[1].replace("\"", ""), agent[2] == null ? "Floor" : agent[2],
                        day, Math.max(0, adherence), Math.max(0, quality), Math.max(1, csat), Math.max(0, fcr), Math.max(60, aht),
                        Math.max(5, acw), notes));
                firstRow = false;
            }
        }
        return b.append("]").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String t(int secondOfDay) {
        return LocalTime.ofSecondOfDay(Math.floorMod(secondOfDay, 86_400)).format(DateTimeFormatter.ofPattern("H:mm:ss"));
    }

    private static int poisson(SplittableRandom random, double lambda) {
        if (lambda > 30) {
            return Math.max(0, (int) Math.round(lambda + Math.sqrt(lambda) * gaussian(random)));
        }
        double l = Math.exp(-lambda);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
