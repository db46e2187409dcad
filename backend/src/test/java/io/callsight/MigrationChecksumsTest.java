package io.callsight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.callsight.testing.TestData;

/**
 * A Flyway migration is never edited once applied: Flyway refuses to start on a database where the old
 * version ran (checksum mismatch), and a database that never saw the edit silently differs from one that
 * did. db/migration-checksums.txt records every migration in `sha256sum` format (hash, two spaces, file
 * name); this test fails when a recorded migration changed or disappeared, and when a migration is not
 * recorded yet. The hash is SHA-256 of the file with CRLF read as LF, so a Windows checkout agrees; on
 * Linux or macOS it is what `sha256sum` prints ({@code cd db/migration && sha256sum -c ../migration-checksums.txt}).
 */
class MigrationChecksumsTest {

    static final String LIST = "db/migration-checksums.txt";

    @Test
    void everyMigrationIsRecordedAndUnchanged() throws IOException {
        Path dir = TestData.repoFile("db", "migration");
        Map<String, String> recorded = recorded(TestData.repoFile("db", "migration-checksums.txt"));
        TreeSet<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().endsWith(".sql")).forEach(p -> present.add(p.getFileName().toString()));
        }
        assertThat(present).as("migrations in db/migration").isNotEmpty();

        List<String> problems = new ArrayList<>();
        for (String name : present) {
            String now = sha256(dir.resolve(name));
            String then = recorded.get(name);
            if (then == null) {
                problems.add("db/migration/" + name + " is not in " + LIST + ". When the migration is final (it is applied as"
                        + " soon as it is merged), append this line to " + LIST + ":\n    " + now + "  " + name
                        + "\n  (or: cd db/migration && sha256sum " + name + " >> ../migration-checksums.txt)");
            } else if (!then.equals(now)) {
                problems.add("db/migration/" + name + " changed after it was recorded (sha256 " + then + " recorded, " + now
                        + " now). Applied migrations are never edited: restore it (git checkout -- db/migration/" + name
                        + ") and add the change as a new migration, V<next number>__<what it does>.sql, then append that"
                        + " file to " + LIST + " (cd db/migration && sha256sum V<next number>__<what it does>.sql >> ../migration-checksums.txt).");
            }
        }
        for (String name : recorded.keySet()) {
            if (!present.contains(name)) {
                problems.add("db/migration/" + name + " is recorded in " + LIST + " but missing. Applied migrations are"
                        + " never deleted or renamed: restore it (git checkout -- db/migration/" + name
                        + "); undo its effect, if needed, in a new migration appended to " + LIST + ".");
            }
        }
        assertThat(problems).as("Flyway migrations against " + LIST).isEmpty();
    }

    /** file name -> hash, in file order; a name listed twice or a malformed line fails. */
    static Map<String, String> recorded(Path list) throws IOException {
        Map<String, String> recorded = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+\\*?", 2);
            assertThat(parts).as(LIST + ":" + (i + 1) + " is <sha256 hex>  <file name>: " + line).hasSize(2);
            assertThat(parts[0]).as(LIST + ":" + (i + 1) + " hash").matches("[0-9a-f]{64}");
            assertThat(recorded.put(parts[1], parts[0])).as(LIST + ":" + (i + 1) + " lists " + parts[1] + " a second time").isNull();
        }
        return recorded;
    }

    /** SHA-256 of the file's bytes with every CRLF read as LF, lower-case hex. */
    static String sha256(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] lf = new byte[bytes.length];
        int n = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
                continue;
            }
            lf[n++] = bytes[i];
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(lf, 0, n);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
