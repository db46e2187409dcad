package io.callsight.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.DateUtil;

/**
 * One sheet written as CSV text (RFC 4180, comma-separated), one line per sheet row, so that a CSV line number is
 * the sheet's row number: rows the sheet does not hold and rows without a value are written as empty lines
 * (every ingest parser skips blank lines); a line break inside a cell becomes a space. The first row with a value
 * (the header) sets the width: a shorter row is padded with empty fields, empty cells past the width are dropped.
 *
 * <p>Cell values as the parsers expect text: strings as they are; numbers as the cell holds them, without an
 * exponent, integral ones without ".0" (a percent-formatted 92.5% is 0.925: every share column takes a fraction,
 * not every one takes "%"); date-formatted numbers as ISO
 * {@code yyyy-MM-dd HH:mm:ss} ({@code yyyy-MM-dd} when the format has no time part and the time is midnight),
 * time-only formats as a duration {@code H:mm:ss}; booleans TRUE/FALSE; formulas their cached value; errors empty.
 */
final class SheetCsv {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT);

    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|[\r\n]");

    private final Writer out;
    private final List<String> cells = new ArrayList<>();
    private int nextRow;
    private int width = -1;
    private long rowsWithValues;

    SheetCsv(Writer out) {
        this.out = out;
    }

    /** Starts sheet row {@code row} (0-based): the rows skipped before it become empty lines. */
    void startRow(int row) {
        cells.clear();
        try {
            for (; nextRow < row; nextRow++) {
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of the cell in column {@code column} (0-based) of the current row; null is empty. */
    void cell(int column, String value) {
        while (cells.size() <= column) {
            cells.add("");
        }
        String v = value == null ? "" : value;
        if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = LINE_BREAK.matcher(v).replaceAll(" ");
        }
        cells.set(column, v);
    }

    /** Ends the current row (number {@code row}, 0-based): writes its line. */
    void endRow(int row) {
        int last = cells.size() - 1;
        while (last >= 0 && cells.get(last).isBlank()) {
            last--;
        }
        try {
            if (last >= 0) {
                rowsWithValues++;
                if (width < 0) {
                    width = last + 1;
                }
                int n = Math.max(last + 1, width);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    out.write(CsvReader.escape(i < cells.size() ? cells.get(i) : "", ','));
                }
            }
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        nextRow = row + 1;
    }

    /** How many rows held a value (the header included). */
    long rowsWithValues() {
        return rowsWithValues;
    }

    /**
     * A numeric cell as text, by its number format ({@code formatIndex}, {@code format}: may be null for General).
     *
     * @param date1904 true when the workbook counts days from 1904 (old Mac workbooks)
     */
    static String number(double value, int formatIndex, String format, boolean date1904) {
        if (format != null && DateUtil.isADateFormat(formatIndex, format) && DateUtil.isValidExcelDate(value)) {
            return dateOrTime(value, format, date1904);
        }
        if (!Double.isFinite(value)) {
            return "";
        }
        String s = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    private static String dateOrTime(double value, String format, boolean date1904) {
        String f = literalFree(format).toLowerCase(Locale.ROOT);
        boolean hasDate = f.contains("y") || f.contains("d");
        boolean hasTime = f.contains("h") || f.contains("s");
        if (!hasDate && hasTime) { // a time of day or a duration: whole seconds, hours past 24 kept ([h]:mm:ss)
            long seconds = Math.round(value * 86_400);
            return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
        }
        LocalDateTime t = DateUtil.getLocalDateTime(value, date1904, true);
        return !hasTime && t.toLocalTime().toSecondOfDay() == 0 ? t.format(DATE) : t.format(DATE_TIME);
    }

    /** A number format without its quoted literals, escaped characters and bracketed parts (colours, locales). */
    private static String literalFree(String format) {
        return format.replaceAll("\"[^\"]*\"", "").replaceAll("\\\\.", "").replaceAll("\\[[^\\]]*\\]", "");
    }
}
