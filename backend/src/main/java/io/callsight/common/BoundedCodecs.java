package io.callsight.common;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * parquet-java's codecs, refusing a page whose header claims more than a bound once decompressed (a damaged
 * header would otherwise make the reader allocate what it claims). Reading only: no compressor is offered. One per
 * file read, closed after it.
 */
final class BoundedCodecs implements CompressionCodecFactory, AutoCloseable {

    private final CompressionCodecFactory codecs;
    private final int maxPage;

    BoundedCodecs(CompressionCodecFactory codecs, int maxPage) {
        this.codecs = codecs;
        this.maxPage = maxPage;
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
        throw new UnsupportedOperationException("read only");
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
        BytesInputDecompressor d = codecs.getDecompressor(codecName);
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                check(uncompressedSize);
                return d.decompress(bytes, uncompressedSize);
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                    throws IOException {
                check(uncompressedSize);
                d.decompress(input, compressedSize, output, uncompressedSize);
            }

            @Override
            public void release() {
                d.release();
            }
        };
    }

    private void check(int uncompressedSize) {
        if (uncompressedSize < 0 || uncompressedSize > maxPage) {
            throw new BadInputException("Damaged Parquet file: a page says it holds " + uncompressedSize
                    + " bytes once decompressed (at most " + maxPage + ")");
        }
    }

    @Override
    public void release() {
        codecs.release();
    }

    /** Releases the decompressors (pooled ones go back to their pools). */
    @Override
    public void close() {
        release();
    }
}
