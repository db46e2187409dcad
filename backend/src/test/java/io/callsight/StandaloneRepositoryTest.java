package io.callsight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.callsight.testing.TestData;

/**
 * The repository stands alone: `git clone` + `make test` has nothing beside the checkout, so no tracked
 * file may point at a sibling folder or at an absolute path of one machine. Every git-tracked file is
 * read (a walk of the tree when git is not there), except binary files and docs/*.md (prose that may
 * cite other projects). On a hit the message names the file, the line and the text.
 *
 * The patterns are assembled from pieces so that this file does not contain what it looks for.
 */
class StandaloneRepositoryTest {

    private static final String SIBLING = "shar" + "ed";

    /** Paths leaving the repository for the sibling data folder, or an absolute path of one machine. */
    static final List<Pattern> ESCAPES = List.of(
            Pattern.compile("(?:\\.\\.[/\\\\])+" + SIBLING + "\\b"), // ../x, ../../x (and \ on Windows)
            Pattern.compile("\\b" + SIBLING + "/da" + "ta\\b"), // x/data, however it is reached
            Pattern.compile("(?<![\\w.$}/-])/wo" + "rk/")); // an absolute path of this machine, not bench/work/ or $DIR/work/

    /** Folders a tree walk skips: build output, installed packages, git's own files, local run data. */
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "node_modules", "dist", ".data",
            "test-results", "playwright-report", "__pycache__");

    @Test
    void noTrackedFileReadsOutsideTheRepository() throws IOException {
        Path root = TestData.root();
        List<String> hits = new ArrayList<>();
        List<String> files = trackedFiles(root);
        assertThat(files).as("files of the repository").isNotEmpty();
        for (String file : files) {
            if (file.matches("docs/[^/]+\\.md")) {
                continue;
            }
            Path p = root.resolve(file);
            if (!Files.isRegularFile(p)) {
                continue; // deleted in the working tree, not yet committed
            }
            byte[] bytes = Files.readAllBytes(p);
            if (isBinary(bytes)) {
                continue;
            }
            String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                for (String hit : escapes(lines[i])) {
                    hits.add(file + ":" + (i + 1) + ": " + hit + "   <- " + lines[i].strip());
                }
            }
        }
        assertThat(hits)
                .as("Paths that leave the repository (a fresh clone has nothing beside it). Put the file in "
                        + "testdata/ (see testdata/README.md) and read it from there: backend tests through "
                        + "io.callsight.testing.TestData, frontend/e2e as ../testdata/..., bench scripts as "
                        + "$BENCH_DIR/../testdata. Hits")
                .isEmpty();
    }

    @Test
    void thePatternsFindEscapesAndLeaveOrdinaryTextAlone() {
        String up = "..";
        assertThat(escapes("readFileSync('" + up + "/" + up + "/" + SIBLING + "/data/x.csv')")).isNotEmpty();
        assertThat(escapes("Path.of(\"" + up + "/" + SIBLING + "\")")).isNotEmpty();
        assertThat(escapes("see `" + up + "/" + SIBLING + "/ARCHITECTURE.md`")).isNotEmpty();
        assertThat(escapes("DIR=$HOME/" + SIBLING + "/data/calls")).isNotEmpty();
        assertThat(escapes("cat /wo" + "rk/main/README.md")).isNotEmpty();
        assertThat(escapes("\"/wo" + "rk/x\"")).isNotEmpty();
        assertThat(escapes("bench/work/app and $BENCH_DIR/work and ${X}/work/y")).isEmpty();
        assertThat(escapes("shared_buffers=256MB; a " + SIBLING + " link; " + SIBLING + "/database; ../testdata/x")).isEmpty();
    }

    static List<String> escapes(String line) {
        List<String> found = new ArrayList<>();
        for (Pattern p : ESCAPES) {
            var m = p.matcher(line);
            while (m.find()) {
                found.add(m.group());
            }
        }
        return found;
    }

    private static boolean isBinary(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** `git ls-files` from the root; without git (or outside a git checkout) every file of the tree. */
    static List<String> trackedFiles(Path root) throws IOException {
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-z").directory(root.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = git.getInputStream().readAllBytes();
            if (git.waitFor(60, TimeUnit.SECONDS) && git.exitValue() == 0) {
                List<String> files = new ArrayList<>();
                for (String f : new String(out, StandardCharsets.UTF_8).split("\0")) {
                    if (!f.isEmpty()) {
                        files.add(f);
                    }
                }
                if (!files.isEmpty()) {
                    return files;
                }
            }
        } catch (IOException e) {
            // no git on this machine: walk the tree below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        List<String> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                String rel = root.relativize(dir).toString().replace('\\', '/');
                return !dir.equals(root) && (SKIPPED_DIRS.contains(name) || rel.equals("bench/work") || rel.equals("bench/results"))
                        ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
                files.add(root.relativize(file).toString().replace('\\', '/'));
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }
}
