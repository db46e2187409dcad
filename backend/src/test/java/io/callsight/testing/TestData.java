package io.callsight.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's own files for tests: the real data files in {@code testdata/} (see testdata/README.md)
 * and any other file of the checkout. The repository root is the nearest folder, from the working
 * directory up, that holds both {@code testdata/} and {@code pom.xml} (Surefire runs in backend/, an IDE
 * may run in the root). A path that resolves outside the repository (through {@code ..}, an absolute
 * path or a symbolic link) is refused: a fresh clone has nothing beside it, so a test must not read there.
 */
public final class TestData {

    private static final Path ROOT = findRoot();

    private TestData() {
    }

    /** The repository root (real path). */
    public static Path root() {
        return ROOT;
    }

    /** A file or folder under testdata/, e.g. {@code TestData.file("series", "us-bank-2003-5min-handled.csv")}. */
    public static Path file(String first, String... more) {
        return inside(ROOT.resolve("testdata"), first, more);
    }

    /** A file or folder of the repository, relative to its root, e.g. {@code TestData.repoFile("db", "migration")}. */
    public static Path repoFile(String first, String... more) {
        return inside(ROOT, first, more);
    }

    private static Path inside(Path base, String first, String... more) {
        Path relative = Path.of(first, more);
        if (relative.isAbsolute()) {
            throw new IllegalArgumentException("Not a path inside the repository: " + relative + " (give it relative to "
                    + ROOT.relativize(base) + "/)");
        }
        Path p = base.resolve(relative).normalize();
        if (!p.startsWith(ROOT)) {
            throw new IllegalArgumentException(relative + " resolves to " + p + ", outside the repository " + ROOT
                    + ": tests read only the repository's own files (put real data in testdata/)");
        }
        if (!Files.exists(p)) {
            throw new IllegalStateException("Missing: " + ROOT.relativize(p) + " (testdata/README.md lists the data files)");
        }
        try {
            Path real = p.toRealPath();
            if (!real.startsWith(ROOT)) {
                throw new IllegalArgumentException(ROOT.relativize(p) + " is a link to " + real
                        + ", outside the repository " + ROOT + ": commit the file itself");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static Path findRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("testdata")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                try {
                    return dir.toRealPath();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("No repository root (a folder with testdata/ and pom.xml) at or above " + start);
    }
}
