package io.callsight.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

/** TestData finds the repository and its testdata/, and refuses anything that leaves the repository. */
class TestDataTest {

    @Test
    void findsTheRepositoryAndItsData() {
        assertThat(TestData.root().resolve("pom.xml")).isRegularFile();
        assertThat(Files.isRegularFile(TestData.file("service-metrics", "sf311-monthly-2007-2017.csv"))).isTrue();
        assertThat(TestData.repoFile("db", "migration")).isDirectory();
    }

    @Test
    void refusesPathsOutsideTheRepository() {
        assertThatThrownBy(() -> TestData.file("..", "..", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the repository");
        assertThatThrownBy(() -> TestData.repoFile("..")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the repository");
        assertThatThrownBy(() -> TestData.file(TestData.root().getRoot().resolve("etc").toString(), "hostname"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not a path inside the repository");
        assertThatThrownBy(() -> TestData.file("series", "no-such-file.csv")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("testdata/series/no-such-file.csv");
    }
}
