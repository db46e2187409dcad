package io.callsight.common;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.Arrays;

/**
 * A small reader of flat Parquet files: the columns of the top-level schema as Java values (String for
 * BYTE_ARRAY, Long for INT32/INT64, Double for FLOAT/DOUBLE, Boolean), with nulls. Supports PLAIN and
 * dictionary encodings, data pages v1 and v2, and the UNCOMPRESSED, SNAPPY and GZIP codecs, which is
 * what pandas/pyarrow and Spark write by default. Nested or repeated columns are refused.
 * (A full Parquet library would bring Hadoop with it.) A damaged file is refused with a BadInputException,
 * whatever is damaged: no size it states is allocated before it is checked against the file.
 */
public final class ParquetReader {

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    /** The most rows a row group may have (a bound on what a damaged footer can make this reader allocate). */
    static final int MAX_ROWS = 10_000_000;
    /** The largest page once decompressed. */
    static final int MAX_PAGE = 256 << 20;

    private final byte[] file;
    private final List<String> columns = new ArrayList<>();
    private final List<Integer> types = new ArrayList<>();
    private final List<Boolean> optional = new ArrayList<>();
    private final Map<String, Object> metadata;

    public ParquetReader(byte[] file) {
        this.file = file;
        if (file.length < 12 || !startsWith(0) || !startsWith(file.length - 4)) {
            throw new BadInputException("Not a Parquet file (the PAR1 markers are missing)");
        }
        int footerLength = ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (footerLength <= 0 || footerLength > file.length - 12) {
            throw new BadInputException("Damaged Parquet file: footer length " + footerLength);
        }
        this.metadata = new HashMap<>();
        try {
            footer(new Thrift(file, file.length - 8 - footerLength).struct());
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw damaged("its footer cannot be read", e);
        }
    }

    private static BadInputException damaged(String what, RuntimeException e) {
        return new BadInputException("Damaged Parquet file: " + what + " (" + (e instanceof ClassCastException
                || e instanceof NullPointerException ? "a field has the wrong type or is missing" : "a length or offset "
                        + "points outside the file") + ")");
    }

    private void footer(Map<Integer, Object> meta) {        List<?> schema = (List<?>) meta.get(2);
        for (int i = 1; i < schema.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<Integer, Object> el = (Map<Integer, Object>) schema.get(i);
            if (el.containsKey(5) && ((Long) el.get(5)) > 0) {
                throw new BadInputException("Nested Parquet columns are not supported (" + str(el.get(4)) + ")");
            }
            long repetition = el.containsKey(3) ? (Long) el.get(3) : 0;
            if (repetition == 2) {
                throw new BadInputException("Repeated Parquet columns are not supported (" + str(el.get(4)) + ")");
            }
            columns.add(str(el.get(4)));
            types.add(((Long) el.get(1)).intValue());
            optional.add(repetition == 1);
        }
        metadata.put("rowGroups", meta.get(4));
        metadata.put("numRows", meta.get(3));
    }

    public List<String> columns() {
        return List.copyOf(columns);
    }

    public long rowCount() {
        return (Long) metadata.get("numRows");
    }

    /** All rows, as maps from column name to value (null for a missing value), in file order. */
    public List<Map<String, Object>> rows() throws IOException {
        try {
            return readRows();
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw damaged("its pages cannot be read", e);
        }
    }

    private List<Map<String, Object>> readRows() throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<?> groups = (List<?>) metadata.get("rowGroups");
        if (groups == null) {
            return rows;
        }
        for (Object g : groups) {
            @SuppressWarnings("unchecked")
            Map<Integer, Object> group = (Map<Integer, Object>) g;
            long rowsInGroup = (Long) group.get(3);
            if (rowsInGroup < 0 || rowsInGroup > MAX_ROWS) {
                throw new BadInputException("Damaged or oversized Parquet file: a row group of " + rowsInGroup
                        + " rows (at most " + MAX_ROWS + " are read)");
            }
            int n = (int) rowsInGroup;
            List<List<Object>> values = new ArrayList<>();
            for (Object cc : (List<?>) group.get(1)) {
                @SuppressWarnings("unchecked")
                Map<Integer, Object> meta = (Map<Integer, Object>) ((Map<Integer, Object>) cc).get(3);
                List<?> path = (List<?>) meta.get(3);
                int index = columns.indexOf(str(path.get(path.size() - 1)));
                values.add(readColumn(meta, index, n));
            }
            for (int r = 0; r < n; r++) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int cIdx = 0; cIdx < columns.size(); cIdx++) {
                    row.put(columns.get(cIdx), values.get(cIdx).get(r));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private List<Object> readColumn(Map<Integer, Object> meta, int index, int rows) throws IOException {
        int type = types.get(index);
        boolean nullable = optional.get(index);
        int codec = ((Long) meta.get(4)).intValue();
        long start = meta.containsKey(11) ? (Long) meta.get(11) : (Long) meta.get(9);
        long end = start + (Long) meta.get(7);
        List<Object> dictionary = null;
        List<Object> out = new ArrayList<>(rows);
        int pos = (int) start;
        while (pos < end && out.size() < rows) {
            Thrift t = new Thrift(file, pos);
            Map<Integer, Object> header = t.struct();
            int pageType = ((Long) header.get(1)).intValue();
            int uncompressed = ((Long) header.get(2)).intValue();
            int compressed = ((Long) header.get(3)).intValue();
            int dataStart = t.position();
            pos = dataStart + compressed;
            if (pageType == 2) {
                @SuppressWarnings("unchecked")
                Map<Integer, Object> dict = (Map<Integer, Object>) header.get(7);
                byte[] data = decompress(codec, dataStart, compressed, uncompressed);
                dictionary = plain(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN), type, ((Long) dict.get(1)).intValue());
            } else if (pageType == 0) {
                @SuppressWarnings("unchecked")
                Map<Integer, Object> dp = (Map<Integer, Object>) header.get(5);
                int count = pageValues(dp, rows);
                int encoding = ((Long) dp.get(2)).intValue();
                ByteBuffer b = ByteBuffer.wrap(decompress(codec, dataStart, compressed, uncompressed)).order(ByteOrder.LITTLE_ENDIAN);
                boolean[] present = new boolean[count];
                int nonNull = count;
                if (nullable) {
                    int len = b.getInt();
                    int[] levels = hybrid(b, b.position(), len, 1, count);
                    b.position(b.position() + len);
                    nonNull = 0;
                    for (int i = 0; i < count; i++) {
                        present[i] = levels[i] == 1;
                        nonNull += present[i] ? 1 : 0;
                    }
                } else {
                    Arrays.fill(present, true);
                }
                emit(out, present, values(b, encoding, type, nonNull, dictionary));
            } else if (pageType == 3) {
                @SuppressWarnings("unchecked")
                Map<Integer, Object> dp = (Map<Integer, Object>) header.get(8);
                int count = pageValues(dp, rows);
                int encoding = ((Long) dp.get(4)).intValue();
                int defLength = ((Long) dp.get(5)).intValue();
                int repLength = ((Long) dp.get(6)).intValue();
                boolean isCompressed = !dp.containsKey(7) || Boolean.TRUE.equals(dp.get(7));
                boolean[] present = new boolean[count];
                int nonNull = count;
                if (nullable && defLength > 0) {
                    int[] levels = hybrid(ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN), dataStart + repLength,
                            defLength, 1, count);
                    nonNull = 0;
                    for (int i = 0; i < count; i++) {
                        present[i] = levels[i] == 1;
                        nonNull += present[i] ? 1 : 0;
                    }
                } else {
                    Arrays.fill(present, true);
                }
                int valuesStart = dataStart + repLength + defLength;
                int valuesLength = compressed - repLength - defLength;
                byte[] data = isCompressed ? decompress(codec, valuesStart, valuesLength, uncompressed - repLength - defLength)
                        : Arrays.copyOfRange(file, valuesStart, valuesStart + valuesLength);
                emit(out, present, values(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN), encoding, type, nonNull, dictionary));
            }
            // index pages and unknown page types are skipped
        }
        if (out.size() != rows) {
            throw new BadInputException("Damaged Parquet file: column " + columns.get(index) + " has " + out.size()
                    + " values for " + rows + " rows");
        }
        return out;
    }

    /** A data page's value count: at most the row group's rows (flat columns have one value per row). */
    private static int pageValues(Map<Integer, Object> pageHeader, int rows) {
        long count = (Long) pageHeader.get(1);
        if (count < 0 || count > rows) {
            throw new BadInputException("Damaged Parquet file: a page of " + count + " values in a row group of " + rows
                    + " rows");
        }
        return (int) count;
    }

    private static void emit(List<Object> out, boolean[] present, List<Object> values) {
        int v = 0;
        for (boolean p : present) {
            out.add(p ? values.get(v++) : null);
        }
    }

    private static List<Object> values(ByteBuffer b, int encoding, int type, int count, List<Object> dictionary) {
        if (encoding == 0) {
            return plain(b, type, count);
        }
        if (encoding == 2 || encoding == 8) {
            if (dictionary == null) {
                throw new BadInputException("Damaged Parquet file: dictionary-encoded page without a dictionary");
            }
            int bitWidth = b.get() & 0xff;
            int[] ids = hybrid(b, b.position(), b.remaining(), bitWidth, count);
            List<Object> out = new ArrayList<>(count);
            for (int id : ids) {
                out.add(dictionary.get(id));
            }
            return out;
        }
        throw new BadInputException("Parquet encoding " + encoding + " is not supported (PLAIN and dictionary are)");
    }

    private static List<Object> plain(ByteBuffer b, int type, int count) {
        List<Object> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            switch (type) {
                case 0 -> out.add(((b.get(b.position() + i / 8) >> (i % 8)) & 1) == 1);
                case 1 -> out.add((long) b.getInt());
                case 2 -> out.add(b.getLong());
                case 4 -> out.add((double) b.getFloat());
                case 5 -> out.add(b.getDouble());
                case 6 -> {
                    int len = b.getInt();
                    out.add(new String(b.array(), b.arrayOffset() + b.position(), len, StandardCharsets.UTF_8));
                    b.position(b.position() + len);
                }
                default -> throw new BadInputException("Parquet physical type " + type + " is not supported");
            }
        }
        return out;
    }

    /** The RLE / bit-packed hybrid encoding (levels and dictionary ids). */
    static int[] hybrid(ByteBuffer b, int start, int length, int bitWidth, int count) {
        int[] out = new int[count];
        int n = 0;
        int pos = start;
        int end = start + length;
        int byteWidth = (bitWidth + 7) / 8;
        while (n < count && pos < end) {
            long header = 0;
            int shift = 0;
            int x;
            do {
                x = b.get(pos++) & 0xff;
                header |= (long) (x & 0x7f) << shift;
                shift += 7;
            } while ((x & 0x80) != 0);
            if ((header & 1) == 0) {
                int run = (int) (header >>> 1);
                int value = 0;
                for (int i = 0; i < byteWidth; i++) {
                    value |= (b.get(pos++) & 0xff) << (8 * i);
                }
                for (int i = 0; i < run && n < count; i++) {
                    out[n++] = value;
                }
            } else {
                int values = (int) (header >>> 1) * 8;
                long buffer = 0;
                int bits = 0;
                int mask = bitWidth == 32 ? -1 : (1 << bitWidth) - 1;
                for (int i = 0; i < values; i++) {
                    while (bits < bitWidth) {
                        buffer |= (long) (b.get(pos++) & 0xff) << bits;
                        bits += 8;
                    }
                    int v = (int) (buffer & mask);
                    buffer >>>= bitWidth;
                    bits -= bitWidth;
                    if (n < count) {
                        out[n++] = v;
                    }
                }
            }
        }
        return out;
    }

    private byte[] decompress(int codec, int start, int length, int uncompressed) throws IOException {
        if (length < 0 || start < 0 || start + (long) length > file.length || uncompressed < 0 || uncompressed > MAX_PAGE) {
            throw new BadInputException("Damaged Parquet file: a page of " + length + " bytes at " + start + " ("
                    + uncompressed + " uncompressed) in a file of " + file.length);
        }
        switch (codec) {
            case 0:
                return Arrays.copyOfRange(file, start, start + length);
            case 1:
                return snappy(file, start, length, uncompressed);
            case 2:
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(file, start, length))) {
                    return in.readNBytes(uncompressed);
                }
            default:
                throw new BadInputException("Parquet compression codec " + codec
                        + " is not supported (uncompressed, snappy and gzip are); re-export with snappy");
        }
    }

    /** Snappy raw format (as Parquet uses it: no framing). */
    static byte[] snappy(byte[] in, int start, int length, int expected) {
        int pos = start;
        int end = start + length;
        int size = 0;
        int shift = 0;
        int x;
        do {
            x = in[pos++] & 0xff;
            size |= (x & 0x7f) << shift;
            shift += 7;
        } while ((x & 0x80) != 0);
        if (size < 0 || size > 64L * length + 64 || (expected >= 0 && size != expected)) { // snappy expands ~22x at most
            throw new BadInputException("Damaged Parquet file: a snappy page of " + length + " bytes says it holds " + size);
        }
        byte[] out = new byte[size];
        int o = 0;
        while (pos < end) {
            int tag = in[pos++] & 0xff;
            int kind = tag & 3;
            if (kind == 0) {
                int len = tag >>> 2;
                if (len >= 60) {
                    int bytes = len - 59;
                    len = 0;
                    for (int i = 0; i < bytes; i++) {
                        len |= (in[pos++] & 0xff) << (8 * i);
                    }
                }
                len += 1;
                System.arraycopy(in, pos, out, o, len);
                pos += len;
                o += len;
            } else {
                int len;
                int offset;
                if (kind == 1) {
                    len = ((tag >>> 2) & 7) + 4;
                    offset = ((tag >>> 5) << 8) | (in[pos++] & 0xff);
                } else if (kind == 2) {
                    len = (tag >>> 2) + 1;
                    offset = (in[pos] & 0xff) | ((in[pos + 1] & 0xff) << 8);
                    pos += 2;
                } else {
                    len = (tag >>> 2) + 1;
                    offset = (in[pos] & 0xff) | ((in[pos + 1] & 0xff) << 8) | ((in[pos + 2] & 0xff) << 16)
                            | ((in[pos + 3] & 0xff) << 24);
                    pos += 4;
                }
                if (offset <= 0 || offset > o) {
                    throw new BadInputException("Damaged Parquet file: bad snappy back-reference");
                }
                for (int i = 0; i < len; i++) {
                    out[o] = out[o - offset];
                    o++;
                }
            }
        }
        if (o != size || (expected >= 0 && size != expected)) {
            throw new BadInputException("Damaged Parquet file: snappy page decompressed to " + o + " bytes, expected " + size);
        }
        return out;
    }

    private boolean startsWith(int offset) {
        for (int i = 0; i < 4; i++) {
            if (file[offset + i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static String str(Object binary) {
        return binary == null ? null : new String((byte[]) binary, StandardCharsets.UTF_8);
    }

    /** Thrift compact protocol, read generically: structs as field id -> value maps. */
    private static final class Thrift {
        private final byte[] b;
        private int pos;
        private int depth;

        Thrift(byte[] b, int pos) {
            this.b = b;
            this.pos = pos;
        }

        int position() {
            return pos;
        }

        Map<Integer, Object> struct() {
            Map<Integer, Object> fields = new HashMap<>();
            int last = 0;
            while (true) {
                int h = b[pos++] & 0xff;
                if (h == 0) {
                    return fields;
                }
                int type = h & 0x0f;
                int delta = h >>> 4;
                int id = delta == 0 ? (int) zigzag(varint()) : last + delta;
                last = id;
                fields.put(id, value(type));
            }
        }

        private Object value(int type) {
            switch (type) {
                case 1:
                    return Boolean.TRUE;
                case 2:
                    return Boolean.FALSE;
                case 3:
                    return (long) b[pos++];
                case 4:
                case 5:
                case 6:
                    return zigzag(varint());
                case 7: {
                    long bits = ByteBuffer.wrap(b, pos, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
                    pos += 8;
                    return Double.longBitsToDouble(bits);
                }
                case 8: {
                    int len = length(varint());
                    byte[] v = Arrays.copyOfRange(b, pos, pos + len);
                    pos += len;
                    return v;
                }
                case 9:
                case 10: {
                    int h = b[pos++] & 0xff;
                    int size = h >>> 4;
                    int elem = h & 0x0f;
                    if (size == 15) {
                        size = length(varint());
                    }
                    List<Object> list = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) {
                        list.add(elem == 1 || elem == 2 ? Boolean.valueOf(b[pos++] == 1) : value(elem));
                    }
                    return list;
                }
                case 11: {
                    int size = length(varint());
                    Map<Object, Object> map = new HashMap<>();
                    if (size > 0) {
                        int kv = b[pos++] & 0xff;
                        for (int i = 0; i < size; i++) {
                            Object k = value(kv >>> 4);
                            map.put(k instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : k, value(kv & 0x0f));
                        }
                    }
                    return map;
                }
                case 12:
                    if (++depth > 64) {
                        throw new BadInputException("Damaged Parquet file: structures nested too deep in its metadata");
                    }
                    Map<Integer, Object> inner = struct();
                    depth--;
                    return inner;
                default:
                    throw new BadInputException("Damaged Parquet file: unknown thrift type " + type);
            }
        }

        /** A length or element count, which cannot exceed the bytes left (each element takes one at least). */
        private int length(long n) {
            if (n < 0 || n > b.length - pos) {
                throw new BadInputException("Damaged Parquet file: a length of " + n + " with " + (b.length - pos)
                        + " bytes left");
            }
            return (int) n;
        }

        private long varint() {
            long v = 0;
            int shift = 0;
            int x;
            do {
                x = b[pos++] & 0xff;
                v |= (long) (x & 0x7f) << shift;
                shift += 7;
            } while ((x & 0x80) != 0);
            return v;
        }

        private static long zigzag(long n) {
            return (n >>> 1) ^ -(n & 1);
        }
    }
}
