package org.fangkong.video;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.fangkong.infra.testing.ServiceTestResources;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** video-service tests: one app boot on the shared embedded PostgreSQL, Redis and OIDC provider. */
@QuarkusTest
@WithTestResource(value = ServiceTestResources.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "video"))
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface VideoServiceTest {
}
