package io.callsight.fuzz;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one kind's run tried and what held: per kind and per operator, printed as "FUZZ ..." lines. */
final class Tally {

    /** Counts of one group of files (the kind, or the files one operator took part in). */
    static final class Counts {
        int files;
        int violations;
        final Map<String, Integer> outcomes = new TreeMap<>();

        void add(String outcome, boolean violated) {
            files++;
            outcomes.merge(outcome, 1, Integer::sum);
            violations += violated ? 1 : 0;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("files=" + files);
            outcomes.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
            return sb.append(" violated=").append(violations).toString();
        }
    }

    private final String kind;
    private final long seed;
    final Counts all = new Counts();
    private final Map<Op, Counts> byOp = new EnumMap<>(Op.class);
    int http;
    int wholeFiles;
    int readOnly;
    int countsHeld;
    int countsViolated;
    int storedHeld;
    int storedViolated;
    int storedUnchecked;
    final List<String> failures = new ArrayList<>();
    long millis;

    Tally(String kind, long seed) {
        this.kind = kind;
        this.seed = seed;
    }

    void add(Mutant m, String outcome, List<String> problems) {
        boolean violated = !problems.isEmpty();
        all.add(outcome, violated);
        for (Op o : m.ops()) {
            byOp.computeIfAbsent(o, x -> new Counts()).add(outcome, violated);
        }
        if (violated) {
            failures.add(m.describe() + "\n    answered " + outcome + "; " + String.join("\n    ", problems));
        }
    }

    List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format("FUZZ kind=%s seed=%d %s http=%d service=%d readerOnly=%d wholeRealFile=%d | counts held=%d violated=%d | "
                + "stored held=%d violated=%d unchecked=%d | %.1f s", kind, seed, all, http, all.files - http - readOnly - wholeFiles, readOnly, wholeFiles, countsHeld,
                countsViolated, storedHeld, storedViolated, storedUnchecked, millis / 1000.0));
        byOp.forEach((op, c) -> out.add(String.format("FUZZ kind=%s op=%s %s", kind, op, c)));
        return out;
    }
}
