package io.callsight;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.eclipse.microprofile.graphql.GraphQLApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package rules of the backend, checked on the compiled main classes (tests excluded):
 * features form no cycles, {@code common} and {@code demo} stay at the bottom and the top, and the
 * GraphQL entry points stay thin (nothing calls them). It also writes the package dependency graph to
 * {@code backend/target/package-graph.txt}: {@code ./mvnw -pl backend test -Dtest=ArchitectureTest}.
 */
class ArchitectureTest {

    private static final String ROOT = "io.callsight";
    private static final Path GRAPH_FILE = Path.of("target", "package-graph.txt");

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(ROOT);
    }

    @Test
    void featurePackagesFormNoCycles() {
        slices().matching(ROOT + ".(*)..")
                .should().beFreeOfCycles()
                .check(classes);
    }

    @Test
    void commonDependsOnNoFeature() {
        noClasses().that().resideInAPackage(ROOT + ".common..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage(ROOT + "..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage(ROOT + ".common..")))
                .because("common holds the shared primitives every feature builds on")
                .check(classes);
    }

    @Test
    void onlyTheDemoPackageUsesTheDemoPackage() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".demo..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".demo..")
                .because("the demo package only orchestrates the features (start-up order, demo data)")
                .check(classes);
    }

    @Test
    void graphQLApisAreEntryPointsOnly() {
        noClasses().that(areNotPartOfAGraphQLApi())
                .should().dependOnClassesThat().areAnnotatedWith(GraphQLApi.class)
                .because("GraphQL classes are thin entry points: the logic they reach lives in services")
                .check(classes);
    }

    @Test
    void writesThePackageGraph() throws IOException {
        String graph = packageGraph().entrySet().stream()
                .map(e -> (e.getKey() + " -> " + String.join(", ", e.getValue())).strip())
                .collect(Collectors.joining("\n", "", "\n"));
        Files.createDirectories(GRAPH_FILE.getParent());
        Files.writeString(GRAPH_FILE, graph);
        System.out.println("Package dependency graph (" + GRAPH_FILE.toAbsolutePath() + "):\n" + graph);
    }

    /** Each package under io.callsight (relative name) and the other io.callsight packages its classes use. */
    private static SortedMap<String, SortedSet<String>> packageGraph() {
        SortedMap<String, SortedSet<String>> graph = new TreeMap<>();
        for (JavaClass origin : classes) {
            SortedSet<String> targets = graph.computeIfAbsent(feature(origin), p -> new TreeSet<>());
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                if (target.getPackageName().startsWith(ROOT + ".") && !feature(target).equals(feature(origin))) {
                    targets.add(feature(target));
                }
            }
        }
        return graph;
    }

    private static String feature(JavaClass javaClass) {
        return javaClass.getPackageName().substring(ROOT.length() + 1);
    }

    /** Classes that are neither a @GraphQLApi class nor nested in one. */
    private static DescribedPredicate<JavaClass> areNotPartOfAGraphQLApi() {
        return DescribedPredicate.describe("are not part of a @GraphQLApi class",
                javaClass -> !outermost(javaClass).isAnnotatedWith(GraphQLApi.class));
    }

    private static JavaClass outermost(JavaClass javaClass) {
        JavaClass current = javaClass;
        while (current.getEnclosingClass().isPresent()) {
            current = current.getEnclosingClass().get();
        }
        return current;
    }
}
