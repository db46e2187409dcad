package io.callsight.leadquality;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import io.callsight.sources.CrmSource;

/** The snapshot parser alone (no database), for the fuzz tests of another package. */
public final class SnapshotParsing {

    private SnapshotParsing() {
    }

    /** Rows read from {@code content} with the source's registry entry; throws as the parser does. */
    public static int rowsRead(CrmSource registry, byte[] content) throws IOException {
        return new SnapshotParser(registry).parse(new ByteArrayInputStream(content)).rowsRead();
    }
}
