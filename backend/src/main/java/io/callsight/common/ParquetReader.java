package io.callsight.common;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopCodecs;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Flat Parquet files read through parquet-java (Apache Parquet's reference implementation): every codec it
 * ships (uncompressed, Snappy, GZIP, ZSTD, LZ4_RAW), every encoding (PLAIN, dictionary, DELTA_*, BYTE_STREAM_SPLIT),
 * data pages v1 and v2, as pyarrow, pandas, Polars, Spark and DuckDB write them. Only the columns asked for are
 * decoded (projection). Values: String (byte arrays), Long (integers), Double, Boolean, BigDecimal (decimals),
 * LocalDate (dates), Instant (INT96 and UTC-adjusted timestamps), LocalDateTime (local timestamps); null for a
 * missing value. Nested or repeated columns are refused when asked for. A file that is not Parquet, or damaged
 * whatever is damaged, is refused with a BadInputException; the footer's sizes are checked against the file
 * before anything is read, and a page claiming more than {@link #MAX_PAGE} bytes is refused before it is inflated.
 */
public final class ParquetReader {

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    /** The most rows a row group may have (a bound on what a damaged footer can make this reader allocate). */
    static final int MAX_ROWS = 10_000_000;
    /** The largest page once decompressed. */
    static final int MAX_PAGE = 256 << 20;
    private static final java.util.Set<CompressionCodecName> READABLE = java.util.EnumSet.of(CompressionCodecName.UNCOMPRESSED,
            CompressionCodecName.SNAPPY, CompressionCodecName.GZIP, CompressionCodecName.ZSTD, CompressionCodecName.LZ4_RAW);

    private final byte[] file;
    private final ParquetMetadata footer;
    private final MessageType schema;

    public ParquetReader(byte[] file) {
        this.file = file;
        if (file.length < 12 || !startsWith(0) || !startsWith(file.length - 4)) {
            throw new BadInputException("Not a Parquet file (the PAR1 markers are missing)");
        }
        try (BoundedCodecs codecs = codecs(); ParquetFileReader reader = open(codecs)) {
            this.footer = reader.getFooter();
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            throw damaged("its footer cannot be read");
        }
        this.schema = footer.getFileMetaData().getSchema();
        checkSizes();
    }

    private static BadInputException damaged(String what) {
        return new BadInputException("Damaged Parquet file: " + what);
    }

    /** Every size the footer states, against the file and the bounds, before anything is allocated by it. */
    private void checkSizes() {
        for (BlockMetaData group : footer.getBlocks()) {
            if (group.getRowCount() < 0 || group.getRowCount() > MAX_ROWS) {
                throw new BadInputException("Damaged or oversized Parquet file: a row group of " + group.getRowCount()
                        + " rows (at most " + MAX_ROWS + " are read)");
            }
            for (ColumnChunkMetaData chunk : group.getColumns()) {
                long start = chunk.getStartingPos();
                long size = chunk.getTotalSize();
                if (start < 4 || size < 0 || start + size > file.length - 8L) {
                    throw damaged("column " + chunk.getPath().toDotString() + " states " + size + " bytes at " + start
                            + " in a file of " + file.length);
                }
            }
        }
    }

    /** The top-level column names, in file order. */
    public List<String> columns() {
        return schema.getFields().stream().map(Type::getName).toList();
    }

    public long rowCount() {
        return footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum();
    }

    /** All rows with every column, as maps from column name to value (null for a missing value), in file order. */
    public List<Map<String, Object>> rows() throws IOException {
        return rows(columns());
    }

    /** All rows with only the columns named (the others are not decoded), in file order. */
    public List<Map<String, Object>> rows(Collection<String> wanted) throws IOException {
        List<Type> fields = new ArrayList<>();
        for (String name : columns()) {
            if (wanted.contains(name)) {
                fields.add(flat(schema.getType(name)));
            }
        }
        MessageType projection = new MessageType(schema.getName(), fields);
        checkCodecs(projection);
        try {
            return read(projection);
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            throw damaged("its pages cannot be read");
        }
    }

    /**
     * A codec this build cannot read (Brotli and LZO: parquet-java ships no codec; Hadoop's framed LZ4: its lz4-java is
     * left out) is named, rather than reported as damage when it is met.
     */
    private void checkCodecs(MessageType projection) {
        for (BlockMetaData group : footer.getBlocks()) {
            for (ColumnChunkMetaData chunk : group.getColumns()) {
                if (projection.containsField(chunk.getPath().toArray()[0]) && !READABLE.contains(chunk.getCodec())) {
                    throw new BadInputException("Parquet compression codec " + chunk.getCodec() + " (column "
                            + chunk.getPath().toDotString() + ") is not supported (uncompressed, Snappy, GZIP, ZSTD and "
                            + "LZ4_RAW are); re-export with zstd or snappy");
                }
            }
        }
    }

    private static Type flat(Type field) {
        if (!field.isPrimitive()) {
            throw new BadInputException("Nested Parquet columns are not supported (" + field.getName() + ")");
        }
        if (field.isRepetition(Type.Repetition.REPEATED)) {
            throw new BadInputException("Repeated Parquet columns are not supported (" + field.getName() + ")");
        }
        return field;
    }

    private List<Map<String, Object>> read(MessageType projection) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> names = projection.getFields().stream().map(Type::getName).toList();
        ParquetValues values = new ParquetValues(projection);
        MessageColumnIO io = new ColumnIOFactory().getColumnIO(projection, schema);
        try (BoundedCodecs codecs = codecs(); ParquetFileReader reader = open(codecs)) {
            reader.setRequestedSchema(projection);
            PageReadStore group;
            while ((group = reader.readNextRowGroup()) != null) {
                RecordReader<Object[]> records = io.getRecordReader(group, values);
                for (long r = 0; r < group.getRowCount(); r++) {
                    Object[] record = records.read();
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 0; c < names.size(); c++) {
                        row.put(names.get(c), record[c]);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static BoundedCodecs codecs() {
        return new BoundedCodecs(HadoopCodecs.newFactory(0), MAX_PAGE);
    }

    private ParquetFileReader open(BoundedCodecs codecs) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).withCodecFactory(codecs).build();
        return new ParquetFileReader(new InMemoryFile(file), options);
    }

    private boolean startsWith(int offset) {
        for (int i = 0; i < 4; i++) {
            if (file[offset + i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** A value as text: decimals written out in full, everything else as its {@code toString}. */
    public static String text(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString();
    }

    /** The upload itself as parquet-java's input (no temporary file, no Hadoop file system). */
    private static final class InMemoryFile implements InputFile {
        private final byte[] bytes;

        InMemoryFile(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long getLength() {
            return bytes.length;
        }

        @Override
        public SeekableInputStream newStream() {
            Positioned in = new Positioned(bytes);
            return new DelegatingSeekableInputStream(in) {
                @Override
                public long getPos() {
                    return in.position();
                }

                @Override
                public void seek(long newPos) {
                    in.seek(newPos);
                }
            };
        }
    }

    private static final class Positioned extends ByteArrayInputStream {
        Positioned(byte[] bytes) {
            super(bytes);
        }

        long position() {
            return pos;
        }

        void seek(long to) {
            if (to < 0 || to > count) {
                throw new BadInputException("Damaged Parquet file: an offset of " + to + " in a file of " + count);
            }
            pos = (int) to;
        }
    }
}
