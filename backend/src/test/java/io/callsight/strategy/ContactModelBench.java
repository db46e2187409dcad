package io.callsight.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.callsight.calls.CallField;
import io.callsight.calls.RawCall;
import io.callsight.demo.DemoDataGenerator;

/**
 * The contact model's out-of-sample figures (bench/contact-model-bench.sh; not part of the normal suite: its name does
 * not end in Test). No app, no database: the demo floor of {@code make run} is generated in memory and read the way the
 * refresh reads calls ({@link DialHistory}); the real inbound call log of an Israeli bank
 * (testdata/calls-real/anonymous-bank-1999-02.tsv) is the analogue with hours: "served by an agent" (outcome AGENT)
 * against "abandoned" (HANG) per call that reached the queue, by hour, weekday, priority and call type (with an
 * hour-by-type interaction), PHANTOM calls left out.
 */
class ContactModelBench {

    @Test
    void demoFloor() {
        int calls = Integer.getInteger("strategy.bench.calls", 300_000);
        DemoDataGenerator g = new DemoDataGenerator(20261123L, calls, 90, LocalDate.of(2026, 11, 30),
                ZoneId.of("America/Chicago"), null, true);
        DialHistory history = new DialHistory();
        Map<String, long[]> leads = new HashMap<>(); // lead id -> last dial, created
        long start = System.nanoTime();
        RawCall r;
        while ((r = g.next()) != null) {
            long dial = java.time.Instant.parse(r.get(CallField.DIAL_TIME)).getEpochSecond();
            long created = java.time.Instant.parse(r.get(CallField.LEAD_CREATED_AT)).getEpochSecond();
            long[] lead = leads.computeIfAbsent(r.get(CallField.LEAD_ID), k -> new long[] { Long.MIN_VALUE, created });
            Long gap = lead[0] == Long.MIN_VALUE ? null : dial - lead[0];
            lead[0] = dial;
            String status = r.get(CallField.CALL_STATUS).strip().toLowerCase(Locale.ROOT);
            String leadStatus = r.get(CallField.LEAD_STATUS).strip().toLowerCase(Locale.ROOT);
            history.add(r.get(CallField.CAMPAIGN_ID), null, r.get(CallField.TO_NUMBER), dial,
                    Integer.parseInt(r.get(CallField.ATTEMPT_NO)), gap, dial - created, status.equals("answered"),
                    leadStatus.equals("interested"), Double.parseDouble(r.get(CallField.AGENT_CALL_DURATION)));
        }
        long loaded = System.nanoTime();
        List<ModelValidation.Result> results = ModelValidation.validate(history.spec(), history.observations(), 4);
        long validated = System.nanoTime();
        print("demo floor (" + history.observations().size() + " dials, seed 20261123, Central-time floor)", results);
        System.out.printf("| timing | load %d ms, 4 refits + predictions %d ms |%n", (loaded - start) / 1_000_000,
                (validated - loaded) / 1_000_000);
        Observations.Fitted fitted = Observations.fit(history.spec(),
                history.observations().cells(Long.MIN_VALUE, Long.MAX_VALUE));
        for (String state : List.of("CA", "TX", "NY")) {
            int s = history.states().indexOf(state);
            StringBuilder line = new StringBuilder("| " + state + " hour effect (log-odds, hour 8-20) |");
            for (int h = 8; h <= 20; h++) {
                // the interaction's level is hour x (number of states) + state (ContactModel.Spec.cross)
                double e = fitted.connect().effect(DialHistory.HOUR, h) + fitted.connect().effect(DialHistory.HOUR_STATE,
                        h * history.states().size() + s);
                line.append(String.format(Locale.ROOT, " %d:%+.2f", h, e));
            }
            System.out.println(line.append(" |"));
        }
        assertThat(results).hasSize(2);
    }

    @Test
    void realInboundLog() throws IOException {
        Path file = Path.of("..", "testdata", "calls-real", "anonymous-bank-1999-02.tsv");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split("\t");
        int date = List.of(header).indexOf("date");
        int entry = List.of(header).indexOf("vru_exit");
        int priority = List.of(header).indexOf("priority");
        int type = List.of(header).indexOf("type");
        int outcome = List.of(header).indexOf("outcome");
        Map<String, Integer> types = new HashMap<>();
        Observations obs = new Observations(24, 7, 3, 16);
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyyMMdd H:mm:ss");
        int skipped = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split("\t");
            String o = v[outcome].strip();
            if (!o.equals("AGENT") && !o.equals("HANG")) {
                skipped++; // PHANTOM: not a customer call
                continue;
            }
            LocalDateTime t = LocalDateTime.parse("19" + v[date].strip() + " " + v[entry].strip(), f);
            int typeLevel = types.computeIfAbsent(v[type].strip(), k -> types.size());
            int[] levels = { t.getHour(), t.getDayOfWeek().getValue() - 1, Math.min(2, Integer.parseInt(v[priority].strip())),
                typeLevel };
            obs.add(levels, t.toEpochSecond(ZoneOffset.UTC), o.equals("AGENT"), false, 0);
        }
        ContactModel.Spec spec = new ContactModel.Spec(List.of(ContactModel.Factor.of("hour", 24),
                ContactModel.Factor.of("dow", 7), ContactModel.Factor.of("priority", 3),
                ContactModel.Factor.of("type", Math.max(1, types.size())))).cross("hour_type", 0, 3);
        List<ModelValidation.Result> results = new ArrayList<>(ModelValidation.validate(spec, obs, 4));
        results.removeIf(x -> x.outcome() != ModelValidation.Outcome.CONNECT);
        print("anonymous bank, Feb 1999 (" + obs.size() + " calls served or abandoned, " + skipped
                + " phantom left out; 'connect' = served by an agent)", results);
        assertThat(results).hasSize(1);
    }

    private static void print(String title, List<ModelValidation.Result> results) {
        for (ModelValidation.Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %s | %d test weeks, %d test calls | Brier %.4f vs base rate %.4f, "
                    + "skill %s |%n", title, r.outcome(), r.testWeeks(), r.testDials(), r.brier(), r.baselineBrier(),
                    r.skill() == null ? "-" : String.format(Locale.ROOT, "%.3f", r.skill()));
            StringBuilder cal = new StringBuilder("| calibration (decile: predicted / observed) |");
            for (ModelValidation.Bin b : r.calibration()) {
                cal.append(String.format(Locale.ROOT, " %d: %.3f / %.3f (%d) ;", b.bin(), b.predicted(), b.observed(),
                        b.dials()));
            }
            System.out.println(cal.append(" |"));
            StringBuilder lift = new StringBuilder("| lift (top share: model / calling order = lift) |");
            for (ModelValidation.Lift l : r.lift()) {
                lift.append(String.format(Locale.ROOT, " %.0f%%: %.4f / %.4f = %s ;", l.share() * 100, l.modelRate(),
                        l.callingOrderRate(), l.lift() == null ? "-" : String.format(Locale.ROOT, "%.2f", l.lift())));
            }
            System.out.println(lift.append(" |"));
        }
    }
}
