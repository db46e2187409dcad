package io.callsight.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a table as the simplest valid Parquet file: one row group, every column an optional UTF-8 BYTE_ARRAY
 * (empty text written as null), one uncompressed PLAIN data page (v1) per column, the footer in Thrift's compact
 * protocol. Enough to make small Parquet files of real rows for the fuzz tests.
 */
final class ParquetWriter {

    private ParquetWriter() {
    }

    static byte[] write(List<String> columns, List<List<String>> rows) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("PAR1".getBytes(StandardCharsets.US_ASCII));
        List<long[]> chunks = new ArrayList<>(); // offset, size
        for (int c = 0; c < columns.size(); c++) {
            byte[] page = page(rows, c);
            Compact header = new Compact();
            header.i32(1, 0).i32(2, page.length).i32(3, page.length)
                    .struct(5).i32(1, rows.size()).i32(2, 0).i32(3, 3).i32(4, 3).end()
                    .end();
            long offset = file.size();
            file.writeBytes(header.bytes());
            file.writeBytes(page);
            chunks.add(new long[] {offset, file.size() - offset});
        }
        Compact meta = new Compact();
        meta.i32(1, 1).list(2, Compact.STRUCT, columns.size() + 1);
        meta.element().binary(4, "schema").i32(5, columns.size()).end();
        for (String name : columns) {
            meta.element().i32(1, 6).i32(3, 1).binary(4, name).i32(6, 0).end();
        }
        meta.i64(3, rows.size()).list(4, Compact.STRUCT, 1);
        meta.element().list(1, Compact.STRUCT, columns.size());
        long total = 0;
        for (int c = 0; c < columns.size(); c++) {
            long[] chunk = chunks.get(c);
            total += chunk[1];
            meta.element().i64(2, chunk[0]).struct(3).i32(1, 6).list(2, Compact.I32, 2).int32(0).int32(3)
                    .list(3, Compact.BINARY, 1).string(columns.get(c)).i32(4, 0).i64(5, rows.size())
                    .i64(6, chunk[1]).i64(7, chunk[1]).i64(9, chunk[0]).end().end();
        }
        meta.i64(2, total).i64(3, rows.size()).end();
        meta.end();
        byte[] footer = meta.bytes();
        file.writeBytes(footer);
        file.writeBytes(new byte[] {(byte) footer.length, (byte) (footer.length >>> 8), (byte) (footer.length >>> 16),
                (byte) (footer.length >>> 24)});
        file.writeBytes("PAR1".getBytes(StandardCharsets.US_ASCII));
        return file.toByteArray();
    }

    /** Definition levels (RLE runs, 4-byte length first), then the present values PLAIN. */
    private static byte[] page(List<List<String>> rows, int c) {
        ByteArrayOutputStream levels = new ByteArrayOutputStream();
        ByteArrayOutputStream values = new ByteArrayOutputStream();
        int run = 0;
        int current = -1;
        for (List<String> row : rows) {
            String v = c < row.size() ? row.get(c) : "";
            int level = v.isEmpty() ? 0 : 1;
            if (level != current && run > 0) {
                varint(levels, (long) run << 1);
                levels.write(current);
                run = 0;
            }
            current = level;
            run++;
            if (level == 1) {
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                le32(values, b.length);
                values.writeBytes(b);
            }
        }
        if (run > 0) {
            varint(levels, (long) run << 1);
            levels.write(current);
        }
        ByteArrayOutputStream page = new ByteArrayOutputStream();
        le32(page, levels.size());
        page.writeBytes(levels.toByteArray());
        page.writeBytes(values.toByteArray());
        return page.toByteArray();
    }

    private static void le32(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** Thrift compact protocol, as much of it as the footer and page headers need. */
    static final class Compact {
        static final int I32 = 5;
        static final int I64 = 6;
        static final int BINARY = 8;
        static final int LIST = 9;
        static final int STRUCT = 12;

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ArrayList<Integer> lastIds = new ArrayList<>(List.of(0));

        private Compact field(int id, int type) {
            int last = lastIds.get(lastIds.size() - 1);
            int delta = id - last;
            if (delta > 0 && delta <= 15) {
                out.write(delta << 4 | type);
            } else {
                out.write(type);
                varint(out, zigzag(id));
            }
            lastIds.set(lastIds.size() - 1, id);
            return this;
        }

        Compact i32(int id, int v) {
            field(id, I32);
            varint(out, zigzag(v));
            return this;
        }

        Compact i64(int id, long v) {
            field(id, I64);
            varint(out, zigzag(v));
            return this;
        }

        Compact binary(int id, String s) {
            field(id, BINARY);
            return string(s);
        }

        /** A string as a list element. */
        Compact string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(out, b.length);
            out.writeBytes(b);
            return this;
        }

        /** An i32 as a list element. */
        Compact int32(int v) {
            varint(out, zigzag(v));
            return this;
        }

        Compact struct(int id) {
            field(id, STRUCT);
            lastIds.add(0);
            return this;
        }

        Compact list(int id, int elementType, int size) {
            field(id, LIST);
            if (size < 15) {
                out.write(size << 4 | elementType);
            } else {
                out.write(0xF0 | elementType);
                varint(out, size);
            }
            return this;
        }

        /** A struct as a list element. */
        Compact element() {
            lastIds.add(0);
            return this;
        }

        /** Ends the current struct. */
        Compact end() {
            out.write(0);
            lastIds.remove(lastIds.size() - 1);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private static long zigzag(long v) {
            return (v << 1) ^ (v >> 63);
        }
    }
}
