package io.callsight.common;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Every {@code @QuarkusTest} shares one real PostgreSQL (global test resource). Test classes
 * extend this to document the dependency; the annotation applies to the whole run.
 */
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
public abstract class DatabaseTest {
}
