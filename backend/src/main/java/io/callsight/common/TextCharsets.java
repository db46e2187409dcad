package io.callsight.common;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * How every text ingest (calls, leads, CRM snapshots, service metrics, inbound call logs, agent KPIs) turns bytes
 * into characters: UTF-8 unless the sender declares another charset ({@code ?charset=windows-1252} or
 * {@code Content-Type: text/csv; charset=windows-1252}), and strictly: a byte sequence that is not valid in that
 * charset refuses the file with its line and byte position, never a silent U+FFFD replacement character.
 *
 * <p>Two rules from practice: a UTF-8 byte order mark at the start means UTF-8, whatever was declared (as
 * browsers decide, WHATWG Encoding); and {@code charset=ISO-8859-1} or {@code US-ASCII} in a Content-Type is not
 * taken as a declaration, because many HTTP clients add it to every text upload by themselves (HTTP/1.1's old
 * default) without looking at the file: a real Latin-1 file says so with {@code ?charset=ISO-8859-1}.
 */
public final class TextCharsets {

    private static final int[] UTF8_BOM = { 0xEF, 0xBB, 0xBF };

    private static final Pattern CHARSET_PARAM = Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";\\s]+)\"?");

    private TextCharsets() {
    }

    /**
     * The charset a request declares: {@code ?charset=} when given, else the charset parameter of its content
     * type; null when neither names one (then UTF-8 is expected).
     */
    public static Charset declared(String charsetParam, String contentType) {
        if (charsetParam != null && !charsetParam.isBlank()) {
            return forName(charsetParam.strip());
        }
        if (contentType != null) {
            Matcher m = CHARSET_PARAM.matcher(contentType);
            if (m.find()) {
                Charset cs = forName(m.group(1));
                return cs.equals(StandardCharsets.ISO_8859_1) || cs.equals(StandardCharsets.US_ASCII) ? null : cs;
            }
        }
        return null;
    }

    /** The content type with {@code ?charset=} folded in (as its charset parameter), so one string carries both. */
    public static String withCharset(String contentType, String charsetParam) {
        if (charsetParam == null || charsetParam.isBlank()) {
            return contentType;
        }
        Charset cs = forName(charsetParam.strip());
        String base = contentType == null ? "text/csv" : CHARSET_PARAM.matcher(contentType).replaceAll("");
        return base + "; charset=" + cs.name();
    }

    /** The charset a content type declares, UTF-8 when it declares none. */
    public static Charset of(String contentType) {
        Charset cs = declared(null, contentType);
        return cs == null ? StandardCharsets.UTF_8 : cs;
    }

    private static Charset forName(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new BadInputException("Unknown charset '" + name + "': name one such as UTF-8, windows-1252 or "
                    + "ISO-8859-1");
        }
    }

    /**
     * A reader of {@code in} in {@code charset} that refuses undecodable bytes.
     *
     * @param what how the message names the file, e.g. "The call file"
     */
    public static Reader reader(InputStream in, Charset charset, String what) throws IOException {
        return reader(in, charset, null, what);
    }

    /**
     * A reader of {@code in}: text in {@code charset}, refused at an undecodable byte; a gzip file decompressed
     * first; an Excel workbook (.xlsx, .xls) read as the CSV text of its sheet {@code sheet} (null: the first),
     * whatever the charset ({@link Workbooks}).
     */
    public static Reader reader(InputStream in, Charset charset, String sheet, String what) throws IOException {
        PushbackInputStream head = new PushbackInputStream(in, Workbooks.MAGIC_BYTES);
        byte[] start = head.readNBytes(Workbooks.MAGIC_BYTES);
        if (Workbooks.isWorkbook(start)) {
            return Workbooks.csvReader(start, head, sheet, what); // a workbook has no charset
        }
        head.unread(start);
        if (startsWith(start, GZIP)) {
            return reader(gunzipping(head, what), charset, sheet, what); // a .gz file sent as it is
        }
        return new StrictReader(head, startsWith(start, UTF8_BOM) ? StandardCharsets.UTF_8 : charset, what);
    }

    /** The magic bytes of a gzip file: such a file is read decompressed (a .gz upload without Content-Encoding). */
    private static final int[] GZIP = {0x1F, 0x8B};

    /** The most a gzip file read whole may decompress to. */
    private static final int MAX_GUNZIPPED = 512 << 20;

    /** {@code in} (a gzip file) decompressed as it is read; a damaged one is bad input, named. */
    private static InputStream gunzipping(InputStream in, String what) throws IOException {
        GZIPInputStream gz;
        try {
            gz = new GZIPInputStream(in, 1 << 16);
        } catch (ZipException | EOFException e) {
            throw new BadInputException(what + " starts like a gzip file but is not a valid one: " + e.getMessage());
        }
        return new FilterInputStream(gz) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (ZipException | EOFException e) {
                    throw new BadInputException(what + " is a damaged gzip file: " + e.getMessage());
                }
            }
        };
    }

    /** {@code content} decompressed when it is a gzip file, else as it is. */
    public static byte[] gunzipped(byte[] content, String what) throws IOException {
        if (!startsWith(content, GZIP)) {
            return content;
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(content), 1 << 16)) {
            byte[] out = in.readNBytes(MAX_GUNZIPPED + 1);
            if (out.length > MAX_GUNZIPPED) {
                throw new BadInputException(what + " is a gzip file of more than " + (MAX_GUNZIPPED >> 20)
                        + " MiB decompressed: send it uncompressed, or split it");
            }
            return out;
        } catch (ZipException | EOFException e) {
            throw new BadInputException(what + " starts like a gzip file but is not a valid one: " + e.getMessage());
        }
    }

    /** The whole of {@code content} as text in {@code charset}, refused when a byte sequence is not valid in it. */
    public static String decode(byte[] content, Charset charset, String what) throws IOException {
        StringWriter text = new StringWriter(content.length);
        try (Reader r = reader(new ByteArrayInputStream(content), charset, what)) {
            r.transferTo(text);
        }
        return text.toString();
    }

    /**
     * A file read whole, as UTF-8 bytes: transcoded from the declared charset when it is not UTF-8 (refused when
     * not valid in it); unchanged when nothing or UTF-8 is declared (its readers then decode it strictly), or
     * when it is Parquet, which has no charset. A gzip file is decompressed first; an Excel workbook (.xlsx,
     * .xls) becomes the CSV text of its first sheet.
     */
    public static byte[] toUtf8(byte[] gzippedOrNot, Charset declared, String what) throws IOException {
        return toUtf8(gzippedOrNot, declared, null, what);
    }

    /** As {@link #toUtf8(byte[], Charset, String)}, a workbook's sheet {@code sheet} (null: the first) as CSV. */
    public static byte[] toUtf8(byte[] gzippedOrNot, Charset declared, String sheet, String what) throws IOException {
        byte[] content = gunzipped(gzippedOrNot, what);
        if (Workbooks.isWorkbook(content)) {
            return Workbooks.toCsv(content, sheet, what); // a workbook has no charset: the declared one is ignored
        }
        if (declared == null || declared.equals(StandardCharsets.UTF_8) || startsWith(content, 'P', 'A', 'R', '1')
                || startsWith(content, UTF8_BOM)) {
            return content;
        }
        return decode(content, declared, what).getBytes(StandardCharsets.UTF_8);
    }

    /** True when {@code b} starts with the bytes {@code magic} (each 0-255). */
    static boolean startsWith(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** Decodes as it reads, counting lines (LF) and bytes so that an error names where it is. */
    private static final class StrictReader extends Reader {

        private final InputStream in;
        private final CharsetDecoder decoder;
        private final String what;
        private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
        private boolean eof;
        private boolean flushed;
        private long consumed;
        private long line = 1;
        private long lineStart;

        StrictReader(InputStream in, Charset charset, String what) {
            this.in = in;
            this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            this.what = what;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (flushed) {
                return -1;
            }
            CharBuffer out = CharBuffer.wrap(cbuf, off, len);
            while (true) {
                if (!bytes.hasRemaining() && !eof) {
                    fill();
                }
                int before = bytes.position();
                CoderResult r = decoder.decode(bytes, out, eof);
                count(before, bytes.position());
                if (r.isError()) {
                    throw refusal(r);
                }
                if (out.position() > off) {
                    return out.position() - off;
                }
                if (eof) {
                    return finish(out, off);
                }
                fill();
            }
        }

        private int finish(CharBuffer out, int off) throws IOException {
            if (!flushed) {
                flushed = true;
                CoderResult r = decoder.flush(out);
                if (r.isError()) {
                    throw refusal(r);
                }
            }
            return out.position() > off ? out.position() - off : -1;
        }

        private void fill() throws IOException {
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }

        private void count(int from, int to) {
            for (int i = from; i < to; i++) {
                if (bytes.get(i) == '\n') {
                    line++;
                    lineStart = consumed + (i - from) + 1;
                }
            }
            consumed += to - from;
        }

        private BadInputException refusal(CoderResult r) {
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < Math.min(r.length(), bytes.remaining()); i++) {
                hex.append(i == 0 ? "0x" : " 0x")
                        .append(String.format(Locale.ROOT, "%02X", bytes.get(bytes.position() + i) & 0xFF));
            }
            String charset = decoder.charset().name();
            String hint = decoder.charset().equals(StandardCharsets.UTF_8)
                    ? ". Save the file as UTF-8, or declare its encoding: ?charset=windows-1252 or "
                            + "Content-Type: text/csv; charset=windows-1252 (for example)"
                    : ". Check the declared charset";
            return new BadInputException(what + " is not valid " + charset + ": line " + line + ", byte "
                    + (consumed - lineStart + 1) + " of the line (byte " + (consumed + 1) + " of the file) is " + hex
                    + (r.isUnmappable() ? " (no character in " + charset + ")" : "") + hint);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
