package io.callsight.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.callsight.testing.TestData;

/**
 * A damaged Parquet file is refused as bad input whatever is damaged (the fuzz tests found index, buffer and
 * string exceptions, that is 500s, and sizes that allocate gigabytes).
 */
class ParquetReaderDamageTest {

    private static byte[] real() throws IOException {
        return Files.readAllBytes(TestData.file("lead-quality", "leads.parquet"));
    }

    @Test
    void randomlyDamagedCopiesOfTheRealFileReadOrAreRefused() throws IOException {
        byte[] file = real();
        Random rnd = new Random(7);
        int refused = 0;
        for (int n = 0; n < 60; n++) {
            byte[] b = file.clone();
            for (int k = 1 + rnd.nextInt(8); k > 0; k--) {
                b[4 + rnd.nextInt(b.length - 8)] ^= (byte) (1 + rnd.nextInt(255));
            }
            try {
                new ParquetReader(b).rows();
            } catch (BadInputException e) {
                refused++;
                assertThat(e.getMessage()).startsWith("Damaged").doesNotContain("Exception");
            }
        }
        assertThat(refused).isPositive();
    }

    @Test
    void pagesOverwrittenAreRefused() throws IOException {
        byte[] b = real();
        for (int i = 4; i < 4000; i++) {
            b[i] = (byte) 0x7F;
        }
        assertThatThrownBy(() -> new ParquetReader(b).rows()).isInstanceOf(BadInputException.class);
    }

    @Test
    void aFooterStatingAHugeListIsRefusedBeforeAllocating() {
        // footer: field 2 (schema) a list of structs whose size (varint) is 2^30
        byte[] footer = {0x29, (byte) 0xFC, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04, 0};
        byte[] file = new byte[4 + footer.length + 8];
        System.arraycopy("PAR1".getBytes(), 0, file, 0, 4);
        System.arraycopy(footer, 0, file, 4, footer.length);
        file[4 + footer.length] = (byte) footer.length;
        System.arraycopy("PAR1".getBytes(), 0, file, file.length - 4, 4);
        assertThatThrownBy(() -> new ParquetReader(file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("Damaged Parquet file");
    }
}
