package org.fangkong.infra.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * The test resources of a data-owning service, next to {@code @QuarkusTest}: one app boot per module on the shared
 * embedded PostgreSQL, Redis and OIDC provider. The module names its database with the system property
 * {@code fangkong.test.database} (set in its pom).
 */
@WithTestResource(value = ServiceTestResources.class, scope = TestResourceScope.GLOBAL)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ServiceTest {
}
