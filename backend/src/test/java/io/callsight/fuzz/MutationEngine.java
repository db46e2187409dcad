package io.callsight.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the fuzz files of one kind from its seed (a few dozen real rows): file {@code i} of a run gets its own
 * {@link Random} from the run's seed, the kind and {@code i}, so any one file can be made again alone. The first
 * files of a run apply each operator alone (every operator at least once per kind); the others combine one to
 * three operators. Row-level operators change the table (the model the stored rows are checked against),
 * format operators change how it is written, byte operators damage the written file.
 */
final class MutationEngine {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Op[] SCHEDULE = Op.values();
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /** Values that parse in surprising ways: non-finite, out of range, impossible dates, other digits. */
    private static final String[] ODD = {"NaN", "Infinity", "-Infinity", "1e309", "-1", "-0", "99999999999999999999",
            "0x1p4", "\uFF11\uFF12", "\u0663", " ", "null", "true", "1,5", "5:-70", "-5:00", "24:00:00", "99:99:99",
            "2023-02-30", "00/00/0000", "0:00:00", "9".repeat(40), "\u202e", "\uD83D\uDCA5", "'; DROP TABLE call; --"};
    private static final byte[] INSERTS = {0, '"', '\n', '\r', ',', ';', '\t', (byte) 0xFF, (byte) 0xC3, '[', '{', '\\'};

    private MutationEngine() {
    }

    /** File {@code index} of {@code kind}'s run with {@code seed}. */
    static Mutant make(FuzzKind kind, long seed, int index) {
        Random rnd = new Random(seed * 0x9E3779B97F4A7C15L + kind.name().hashCode() * 1_000_003L + index);
        List<Op> ops = ops(rnd, index);
        String tag = "fz" + Integer.toString(kind.name().hashCode() & 0xfff, 36) + Long.toString(seed & 0xffff, 36) + "x"
                + index + "-"; // unique per kind, seed and file
        byte[] whole = kind.wholeFile(rnd);
        if (whole != null) { // a real file as it is, damaged by bytes only
            List<Op> byteOps = new ArrayList<>(ops.stream().filter(o -> o.damaging && o != Op.SHUFFLED_HEADER_ONLY).toList());
            if (byteOps.isEmpty()) {
                byteOps.add(Op.BYTE_FLIP);
            }
            return new Mutant(kind.name(), seed, index, damage(whole, byteOps, rnd), byteOps, Format.PARQUET, null,
                    null, tag, true);
        }
        Table t = kind.seed(rnd).copy();
        kind.tag(t, tag);
        Format f = kind.format(rnd, t);
        Set<Op> set = EnumSet.copyOf(ops);
        if (set.contains(Op.DUPLICATED_ROWS) && !t.rows().isEmpty()) {
            for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                List<String> row = t.rows().get(rnd.nextInt(t.rows().size()));
                t.rows().add(rnd.nextInt(t.rows().size() + 1), new ArrayList<>(row));
            }
        }
        if (set.contains(Op.THOUSANDS_OF_COLUMNS)) {
            int extra = 1000 + rnd.nextInt(3000);
            for (int c = 0; c < extra; c++) {
                t.header().add("extra_" + c);
                for (List<String> row : t.rows()) {
                    row.add(Integer.toString(c % 10));
                }
            }
        }
        if (set.contains(Op.HUGE_FIELD) && !t.rows().isEmpty()) {
            // longer than an index entry may be, than a CSV record may be (1 MB), or in between
            int size = switch (rnd.nextInt(3)) {
                case 0 -> 3_000 + rnd.nextInt(30_000);
                case 1 -> 200_000 + rnd.nextInt(600_000);
                default -> 1_200_000 + rnd.nextInt(2_000_000);
            };
            List<String> row = t.rows().get(rnd.nextInt(t.rows().size()));
            row.set(rnd.nextInt(row.size()), "x".repeat(size));
        }
        if (set.contains(Op.NUL)) {
            for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                if (!t.rows().isEmpty() && rnd.nextInt(5) > 0) {
                    insertFree(kind, t, rnd, "\u0000");
                } else {
                    int c = rnd.nextInt(t.header().size());
                    t.header().set(c, t.header().get(c) + "\u0000");
                }
            }
        }
        if (set.contains(Op.ODD_VALUES) && !t.rows().isEmpty()) {
            for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
                List<String> row = t.rows().get(rnd.nextInt(t.rows().size()));
                row.set(freeColumn(kind, t, rnd), ODD[rnd.nextInt(ODD.length)]);
            }
        }
        if (set.contains(Op.QUOTED_NEWLINE) && !t.rows().isEmpty()) {
            for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                insertFree(kind, t, rnd, rnd.nextBoolean() ? "\n" : rnd.nextBoolean() ? "\r\n" : "say \"hi\"\n");
            }
        }
        if (f.type() == Format.Type.PARQUET) { // line endings and a BOM inside values
            if (set.contains(Op.CRLF) && !t.rows().isEmpty()) {
                insertFree(kind, t, rnd, "\r\n");
            }
            if (set.contains(Op.CR) && !t.rows().isEmpty()) {
                insertFree(kind, t, rnd, "\r");
            }
        }
        if (set.contains(Op.SHUFFLED_COLUMNS)) {
            List<Integer> order = permutation(t.header().size(), rnd);
            List<String> header = new ArrayList<>();
            order.forEach(i -> header.add(t.header().get(i)));
            t.header().clear();
            t.header().addAll(header);
            for (List<String> row : t.rows()) {
                List<String> copy = new ArrayList<>(row);
                row.clear();
                order.forEach(i -> row.add(i < copy.size() ? copy.get(i) : ""));
            }
        }
        if (set.contains(Op.HEADER_ONLY)) {
            t.rows().clear();
        }
        if (set.contains(Op.WRONG_SEPARATOR)) {
            List<Character> others = new ArrayList<>(List.of(',', ';', '\t'));
            others.remove((Character) f.separator());
            f = f.withSeparator(others.get(rnd.nextInt(others.size())));
        }
        if (set.contains(Op.CRLF) && f.type() != Format.Type.PARQUET) {
            f = f.withEol("\r\n");
        }
        if (set.contains(Op.CR) && f.type() != Format.Type.PARQUET) {
            f = f.withEol("\r");
        }
        if (set.contains(Op.BOM)) {
            f = f.withBom();
        }
        List<String> written = t.header();
        boolean damaged = ops.stream().anyMatch(o -> o.damaging);
        if (set.contains(Op.SHUFFLED_HEADER_ONLY)) {
            written = new ArrayList<>(t.header());
            Collections.shuffle(written, rnd);
        }
        List<Integer> lines = new ArrayList<>();
        byte[] bytes;
        if (set.contains(Op.EMPTY)) {
            bytes = new byte[0];
        } else if (set.contains(Op.BLANK_LINES)) { // nothing but line breaks and spaces
            StringBuilder blank = new StringBuilder();
            for (int k = 1 + rnd.nextInt(6); k > 0; k--) {
                blank.append(new String[] {"\r\n", "\n", "\r", " ", "  \r\n"}[rnd.nextInt(5)]);
            }
            bytes = blank.toString().getBytes(StandardCharsets.UTF_8);
            t.rows().clear();
        } else {
            bytes = render(t, written, f, kind.firstJsonLine(), lines);
        }
        bytes = damage(bytes, ops, rnd);
        return new Mutant(kind.name(), seed, index, bytes, ops, f, damaged ? null : t, damaged ? null : lines, tag, false);
    }

    private static List<Op> ops(Random rnd, int index) {
        if (index < SCHEDULE.length) {
            return List.of(SCHEDULE[index]);
        }
        if (rnd.nextInt(10) == 0) {
            return List.of(Op.NONE);
        }
        Set<Op> ops = EnumSet.noneOf(Op.class);
        for (int n = 1 + rnd.nextInt(3); ops.size() < n;) {
            Op o = SCHEDULE[1 + rnd.nextInt(SCHEDULE.length - 1)];
            if (o == Op.EMPTY || o == Op.HUGE_FIELD || o == Op.THOUSANDS_OF_COLUMNS) {
                if (rnd.nextInt(4) > 0) { // the big and the empty ones less often: they say little more each time
                    continue;
                }
            }
            ops.add(o);
        }
        return List.copyOf(ops);
    }

    /** Inserts {@code s} in the middle of a field outside the kind's key columns of a random row. */
    private static void insertFree(FuzzKind kind, Table t, Random rnd, String s) {
        List<String> row = t.rows().get(rnd.nextInt(t.rows().size()));
        int c = freeColumn(kind, t, rnd);
        String v = row.get(c);
        int at = v.isEmpty() ? 0 : rnd.nextInt(v.length() + 1);
        row.set(c, v.substring(0, at) + s + v.substring(at));
    }

    private static int freeColumn(FuzzKind kind, Table t, Random rnd) {
        List<Integer> free = new ArrayList<>();
        for (int c = 0; c < t.header().size(); c++) {
            if (!kind.keyColumns().contains(t.header().get(c).replace("\u0000", ""))) { // a header NUL'ed before
                free.add(c);
            }
        }
        return free.get(rnd.nextInt(free.size()));
    }

    private static List<Integer> permutation(int n, Random rnd) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, rnd);
        return order;
    }

    /** The table as bytes in format {@code f} under the header {@code names}; fills {@code lines}. */
    static byte[] render(Table t, List<String> names, Format f, int firstJsonLine, List<Integer> lines) {
        byte[] body = switch (f.type()) {
            case CSV -> csv(t, names, f, lines);
            case JSON -> json(t, names, f, firstJsonLine, lines);
            case PARQUET -> parquet(t, names, lines);
        };
        if (!f.bom()) {
            return body;
        }
        byte[] out = new byte[body.length + 3];
        System.arraycopy(BOM, 0, out, 0, 3);
        System.arraycopy(body, 0, out, 3, body.length);
        return out;
    }

    private static byte[] csv(Table t, List<String> names, Format f, List<Integer> lines) {
        StringBuilder sb = new StringBuilder();
        int line = 1;
        List<List<String>> records = new ArrayList<>();
        records.add(names);
        records.addAll(t.rows());
        for (int r = 0; r < records.size(); r++) {
            List<String> rec = records.get(r);
            if (r > 0) {
                lines.add(line);
            }
            for (int c = 0; c < rec.size(); c++) {
                if (c > 0) {
                    sb.append(f.separator());
                }
                sb.append(SimpleCsv.field(rec.get(c), f.separator()));
            }
            sb.append(f.eol());
            line += 1 + SimpleCsv.embeddedBreaks(rec);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] json(Table t, List<String> names, Format f, int firstLine, List<Integer> lines) {
        ArrayNode array = JSON.createArrayNode();
        for (List<String> row : t.rows()) {
            ObjectNode o = array.addObject();
            for (int c = 0; c < names.size() && c < row.size(); c++) {
                o.put(names.get(c), row.get(c));
            }
            lines.add(firstLine + lines.size());
        }
        StringBuilder sb = new StringBuilder("[");
        try {
            for (int i = 0; i < array.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(f.eol()).append(JSON.writeValueAsString(array.get(i)));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String text = sb.append(f.eol()).append("]").append(f.eol()).toString();
        if (f.separator() != ',') { // a "wrong separator" in JSON: members separated by it
            text = text.replace("\",\"", "\"" + f.separator() + "\"");
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] parquet(Table t, List<String> names, List<Integer> lines) {
        for (int r = 0; r < t.rows().size(); r++) {
            lines.add(r + 1);
        }
        return ParquetWriter.write(names, t.rows());
    }

    /** Applies the byte operators among {@code ops}. */
    static byte[] damage(byte[] bytes, List<Op> ops, Random rnd) {
        byte[] b = bytes;
        for (Op o : ops) {
            if (b.length == 0) {
                return b;
            }
            switch (o) {
                case TRUNCATE -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
                case BYTE_FLIP -> {
                    b = b.clone();
                    for (int k = 1 + rnd.nextInt(8); k > 0; k--) {
                        b[rnd.nextInt(b.length)] ^= (byte) (1 + rnd.nextInt(255));
                    }
                }
                case BYTE_INSERT -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 16);
                    int[] at = rnd.ints(1 + rnd.nextInt(8), 0, b.length + 1).sorted().toArray();
                    int from = 0;
                    for (int p : at) {
                        out.write(b, from, p - from);
                        out.write(rnd.nextBoolean() ? INSERTS[rnd.nextInt(INSERTS.length)] : rnd.nextInt(256));
                        from = p;
                    }
                    out.write(b, from, b.length - from);
                    b = out.toByteArray();
                }
                default -> {
                }
            }
        }
        return b;
    }
}
