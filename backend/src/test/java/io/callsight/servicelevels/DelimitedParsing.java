package io.callsight.servicelevels;

import java.io.IOException;
import java.io.StringReader;

import io.callsight.common.CsvReader;

/**
 * How the metric file and call log services read a file before the database is involved (text, separator, header,
 * records), for the fuzz tests of another package.
 */
public final class DelimitedParsing {

    private DelimitedParsing() {
    }

    /** Records after the header; throws as the services' reading does. */
    public static int rowsRead(byte[] content, String what) throws IOException {
        DelimitedText text = DelimitedText.of(content, what);
        try (CsvReader csv = new CsvReader(new StringReader(text.text()), text.separator())) {
            csv.header(what);
            int rows = 0;
            while (csv.next() != null) {
                rows++;
            }
            return rows;
        }
    }
}
