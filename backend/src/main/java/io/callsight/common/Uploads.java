package io.callsight.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The one way the upload endpoints take a file: the request body or the multipart part {@code file}, its
 * name, a size limit for files read whole (call files are streamed), the SHA-256 checksum that recognises
 * the same file sent again, and the same messages for a missing part, an empty or an oversized file.
 */
public final class Uploads {

    /**
     * What an endpoint takes.
     *
     * @param noun how messages name the file, e.g. "the metric file"
     * @param maxBytes the largest file read whole
     */
    public record Kind(String noun, int maxBytes) {

        /** The noun at the start of a sentence ("The metric file"). */
        String subject() {
            return Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
        }
    }

    /** A file read whole: the name it came with (may be null), its content type (may be null) and its bytes. */
    public record Upload(String fileName, String contentType, byte[] content) {

        /** True when the file name ends in ".json". */
        public boolean jsonName() {
            return Uploads.jsonName(fileName);
        }
    }

    /** Opens a multipart upload's file once. */
    @FunctionalInterface
    public interface FileWork<T> {
        T run(InputStream in) throws IOException;
    }

    /** The content type of an .xlsx workbook (taken wherever CSV is: {@link Workbooks}). */
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** The content type of a legacy .xls workbook. */
    public static final String XLS = "application/vnd.ms-excel";

    private Uploads() {
    }

    /** The request body, read whole. */
    public static Upload body(InputStream body, String fileName, Kind kind) throws IOException {
        return body(body, fileName, null, null, null, kind);
    }

    /**
     * The request body, read whole, as UTF-8: a text file in another charset declared by {@code ?charset=}
     * ({@code charset}) or the Content-Type's charset parameter is transcoded ({@link TextCharsets#toUtf8}); an
     * Excel workbook becomes the CSV text of its sheet {@code sheet} ({@code ?sheet=}; null: the first), the
     * charset ignored.
     */
    public static Upload body(InputStream body, String fileName, String contentType, String charset, String sheet,
            Kind kind) throws IOException {
        Charset declared = TextCharsets.declared(charset, contentType);
        return new Upload(fileName, contentType,
                TextCharsets.toUtf8(readAll(body, kind), declared, sheet, kind.subject()));
    }


    /** The multipart part {@code file}, read whole. */
    public static Upload multipart(FileUpload file, Kind kind) throws IOException {
        return multipart(file, null, null, kind);
    }

    /**
     * The multipart part {@code file}, read whole, as UTF-8 (declared as for {@link #body}; the part's content
     * type); a workbook's sheet {@code sheet} as CSV.
     */
    public static Upload multipart(FileUpload file, String charset, String sheet, Kind kind) throws IOException {
        return withFile(file, kind.noun(), in -> {
            Charset declared = TextCharsets.declared(charset, file.contentType());
            return new Upload(file.fileName(), file.contentType(),
                    TextCharsets.toUtf8(readAll(in, kind), declared, sheet, kind.subject()));
        });
    }

    /**
     * Runs {@code work} on the multipart part {@code file} (for files that are streamed, not read whole).
     *
     * @param noun how the message names the missing file, e.g. "the call file"
     */
    public static <T> T withFile(FileUpload file, String noun, FileWork<T> work) throws IOException {
        if (file == null) {
            throw new BadInputException("Multipart upload needs a part named 'file' holding " + noun);
        }
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            return work.run(in);
        }
    }

    /** The whole body, refused when larger than the kind's limit or empty. */
    static byte[] readAll(InputStream in, Kind kind) throws IOException {
        byte[] content = in.readNBytes(kind.maxBytes() + 1);
        if (content.length > kind.maxBytes()) {
            throw new BadInputException(kind.subject() + " is refused: larger than " + (kind.maxBytes() >> 20) + " MB");
        }
        if (content.length == 0) {
            throw new BadInputException(kind.subject() + " is empty");
        }
        return content;
    }

    /** True when a file name ends in ".json". */
    public static boolean jsonName(String fileName) {
        return fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".json");
    }

    /** A new SHA-256 digest (for checksums computed while streaming). */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SHA-256 checksum of a file, in lower-case hex: the same file sent again has the same checksum. */
    public static String checksum(byte[] content) {
        return HexFormat.of().formatHex(sha256().digest(content));
    }
}
