package io.callsight.fuzz;

import java.util.List;

/**
 * One generated file: its bytes, the operators that made it, the format it was written in, and (unless an
 * operator damaged it beyond the generator's knowledge) the rows it holds with the line each one is read on.
 *
 * @param model the rows as written, or null when the file is damaged (only status and counts are checked)
 * @param lines the line (or position) each model row is reported on, parallel to {@code model.rows()}
 * @param tag the prefix of this file's identifiers
 * @param wholeFile true for a whole real file damaged by bytes (read by the parser only, see ParserFuzzTest)
 */
record Mutant(String kind, long seed, int index, byte[] bytes, List<Op> ops, Format format, Table model,
        List<Integer> lines, String tag, boolean wholeFile) {

    /** How to reproduce and recognise this file in a failure message. */
    String describe() {
        String head = new String(bytes, 0, Math.min(bytes.length, 160), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
        return kind + " file " + index + " (seed " + seed + ", rerun with -Dfuzz.seed=" + seed + " -Dfuzz.only=" + kind
                + ":" + index + "): ops " + ops + ", " + format + ", " + bytes.length + " bytes"
                + (wholeFile ? ", the whole real file" : model == null ? ", damaged" : ", " + model.rows().size() + " rows") + "; starts: " + head;
    }
}
