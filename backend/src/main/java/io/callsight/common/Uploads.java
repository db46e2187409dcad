package io.callsight.common;

import java.io.IOException;
import java.io.InputStream;

/** Reading an uploaded file that is processed whole (not streamed like call files), with a size limit. */
public final class Uploads {

    private Uploads() {
    }

    /**
     * The whole body, refused when larger than {@code maxBytes} or empty.
     *
     * @param what how the message names the file, e.g. "The metric file"
     */
    public static byte[] readAll(InputStream in, int maxBytes, String what) throws IOException {
        byte[] content = in.readNBytes(maxBytes + 1);
        if (content.length > maxBytes) {
            throw new BadInputException(what + " is refused: larger than " + (maxBytes >> 20) + " MB");
        }
        if (content.length == 0) {
            throw new BadInputException(what + " is empty");
        }
        return content;
    }
}
