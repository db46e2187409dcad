package io.callsight.common;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import io.callsight.calls.CallSource;
import io.callsight.calls.CsvCallSource;

/**
 * Not a test: run once by hand to measure what the personal data scan costs a call file of 1M rows (README,
 * "Personal data in ingested files"). Prints the time to read the file through {@link CsvCallSource} (which scans
 * its free-text and unknown columns) and the time of the scan alone over the same values.
 * {@code ./mvnw -o -q -pl backend test-compile} then
 * {@code java -cp backend/target/test-classes:backend/target/classes:$(cat cp.txt) io.callsight.common.PersonalDataScanCost}.
 */
public final class PersonalDataScanCost {

    private static final String[] NAMES = {"Campaign Name", "Agent Name", "Agent Team", "Call Status", "Lead Status",
        "Notes", "Source Ref"};

    private PersonalDataScanCost() {
    }

    /** The scanned fields of row {@code i} as the synthetic file has them. */
    private static String[] fields(int i) {
        return new String[] {"Solar Leads " + (i % 50), "Agent Name " + (i % 400), "Team " + (i % 12), "Answered",
            "Interested", i % 100 == 0 ? "call back jane" + i + "@example.com or (415) 555-2671"
                    : i % 7 == 0 ? "follow-up " + (i % 30) + " days" : "", Long.toString(1732982400000L + i)};
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        StringBuilder b = new StringBuilder(rows * 200);
        b.append("Call ID,Lead ID,Campaign ID,Campaign Name,Advertiser ID,Agent ID,Agent Name,Agent Team,Call Status,"
                + "Lead Status,From Number,Call Dial Time,Notes,Source Ref\n");
        for (int i = 0; i < rows; i++) {
            String notes = i % 100 == 0 ? "call back jane" + i + "@example.com or (415) 555-2671"
                    : i % 7 == 0 ? "follow-up " + (i % 30) + " days" : "";
            b.append("c-").append(i).append(",L").append(100000000 + i).append(",cmp-").append(i % 50)
                    .append(",Solar Leads ").append(i % 50).append(",adv-").append(i % 9).append(",ag-").append(i % 400)
                    .append(",Agent Name ").append(i % 400).append(",Team ").append(i % 12)
                    .append(",Answered,Interested,+1415555").append(String.format("%04d", i % 10000))
                    .append(",2026-01-").append(String.format("%02d", 1 + i % 28)).append("T10:").append(i % 60 < 10 ? "0" : "")
                    .append(i % 60).append(":00Z,").append(notes).append(",").append(1732982400000L + i).append('\n');
        }
        byte[] file = b.toString().getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            int n = 0;
            try (CallSource s = new CsvCallSource(new ByteArrayInputStream(file), StandardCharsets.UTF_8, null, "US")) {
                while (s.next() != null) {
                    n++;
                }
                long read = System.nanoTime() - t0;
                System.out.printf("round %d: CsvCallSource read %d rows (scan included) in %d ms; found %s%n", round, n,
                        read / 1_000_000, s.personalData());
            }
            long t1 = System.nanoTime();
            PersonalData.Scan scan = new PersonalData.Scan("US");
            long sink = 0;
            for (int i = 0; i < rows; i++) {
                String[] f = fields(i);
                for (int j = 0; j < f.length; j++) {
                    sink += scan.scan(NAMES[j], f[j]).length();
                }
            }
            long scanned = System.nanoTime() - t1;
            long t2 = System.nanoTime();
            for (int i = 0; i < rows; i++) {
                String[] f = fields(i);
                for (String v : f) {
                    sink += v.length();
                }
            }
            long built = System.nanoTime() - t2;
            System.out.printf("round %d: scan of 7 fields x %d rows: %d ms (%d ms with building the values, %d ms "
                    + "building alone) [%d]%n", round, rows, (scanned - built) / 1_000_000, scanned / 1_000_000,
                    built / 1_000_000, sink % 10);
            long t3 = System.nanoTime();
            PersonalData.Scan worst = new PersonalData.Scan("US");
            for (int i = 0; i < rows; i++) {
                sink += worst.scan("Created", Long.toString(1732982400000L + i)).length();
            }
            System.out.printf("round %d: an unknown column of epoch milliseconds (13 digits; bare runs, checked until "
                    + "a column gave no number in 1000): %d ms for %d values [%d]%n", round,
                    (System.nanoTime() - t3) / 1_000_000, rows, sink % 10);
        }
    }
}
