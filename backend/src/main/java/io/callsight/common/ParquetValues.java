package io.callsight.common;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Turns the values of a flat projection into one {@code Object[]} per row, each column as the Java value its
 * physical and logical type mean (see {@link ParquetReader}).
 */
final class ParquetValues extends RecordMaterializer<Object[]> {

    /** Days between the Julian day number INT96 timestamps count from and 1970-01-01. */
    private static final long JULIAN_EPOCH_DAY = 2_440_588L;

    private final Object[][] current = new Object[1][];
    private final GroupConverter root;

    ParquetValues(MessageType projection) {
        List<PrimitiveType> fields = projection.getFields().stream().map(t -> t.asPrimitiveType()).toList();
        Converter[] converters = new Converter[fields.size()];
        for (int i = 0; i < converters.length; i++) {
            int index = i;
            converters[i] = converter(fields.get(i), v -> current[0][index] = v);
        }
        root = new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
                return converters[fieldIndex];
            }

            @Override
            public void start() {
                current[0] = new Object[converters.length];
            }

            @Override
            public void end() {
                // the row is complete
            }
        };
    }

    @Override
    public Object[] getCurrentRecord() {
        return current[0];
    }

    @Override
    public GroupConverter getRootConverter() {
        return root;
    }

    private static PrimitiveConverter converter(PrimitiveType type, Consumer<Object> out) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        PrimitiveTypeName physical = type.getPrimitiveTypeName();
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
            return new Decimals(d.getScale(), out);
        }
        if (logical instanceof TimestampLogicalTypeAnnotation t) {
            return new Longs(v -> out.accept(timestamp(v, t)));
        }
        if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            return new Longs(v -> out.accept(LocalDate.ofEpochDay(v)));
        }
        if (physical == PrimitiveTypeName.INT96) {
            return new Binaries(b -> out.accept(int96(b)));
        }
        if (physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY
                && !(logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation)) { // UUID, float16...: as hex
            return new Binaries(b -> out.accept(HexFormat.of().formatHex(b.getBytes())));
        }
        return new Plain(out);
    }

    /** A timestamp: an Instant when adjusted to UTC, else the wall-clock time it states. */
    private static Object timestamp(long v, TimestampLogicalTypeAnnotation t) {
        Instant instant = t.getUnit() == TimeUnit.MILLIS ? Instant.ofEpochMilli(v)
                : t.getUnit() == TimeUnit.MICROS
                        ? Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1_000L)
                : Instant.ofEpochSecond(0, v);
        return t.isAdjustedToUTC() ? instant : instant.atOffset(ZoneOffset.UTC).toLocalDateTime();
    }

    /** INT96 (Impala, Hive, Spark): nanoseconds of the day, then the Julian day, little-endian. */
    static Instant int96(Binary b) {
        ByteBuffer buf = b.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanos = buf.getLong();
        long julianDay = Integer.toUnsignedLong(buf.getInt());
        return Instant.ofEpochSecond((julianDay - JULIAN_EPOCH_DAY) * 86_400L, nanos);
    }

    /** Strings, integers, floating-point numbers and booleans as they are. */
    private static final class Plain extends PrimitiveConverter {
        private final Consumer<Object> out;

        Plain(Consumer<Object> out) {
            this.out = out;
        }

        @Override
        public void addBinary(Binary value) {
            out.accept(new String(value.getBytes(), StandardCharsets.UTF_8));
        }

        @Override
        public void addBoolean(boolean value) {
            out.accept(value);
        }

        @Override
        public void addDouble(double value) {
            out.accept(value);
        }

        @Override
        public void addFloat(float value) {
            out.accept((double) value);
        }

        @Override
        public void addInt(int value) {
            out.accept((long) value);
        }

        @Override
        public void addLong(long value) {
            out.accept(value);
        }
    }

    private static final class Longs extends PrimitiveConverter {
        private final java.util.function.LongConsumer out;

        Longs(java.util.function.LongConsumer out) {
            this.out = out;
        }

        @Override
        public void addInt(int value) {
            out.accept(value);
        }

        @Override
        public void addLong(long value) {
            out.accept(value);
        }
    }

    private static final class Binaries extends PrimitiveConverter {
        private final Consumer<Binary> out;

        Binaries(Consumer<Binary> out) {
            this.out = out;
        }

        @Override
        public void addBinary(Binary value) {
            out.accept(value);
        }
    }

    /** Decimals stored as INT32, INT64 or a big-endian two's-complement byte array, with the column's scale. */
    private static final class Decimals extends PrimitiveConverter {
        private final int scale;
        private final Consumer<Object> out;

        Decimals(int scale, Consumer<Object> out) {
            this.scale = scale;
            this.out = out;
        }

        @Override
        public void addInt(int value) {
            out.accept(BigDecimal.valueOf(value, scale));
        }

        @Override
        public void addLong(long value) {
            out.accept(BigDecimal.valueOf(value, scale));
        }

        @Override
        public void addBinary(Binary value) {
            out.accept(new BigDecimal(new BigInteger(value.getBytes()), scale));
        }
    }
}
