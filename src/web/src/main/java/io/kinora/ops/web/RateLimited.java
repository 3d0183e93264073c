package io.kinora.ops.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method whose calls are counted against a per-client budget ("upload": per user, or per
 * address when anonymous; "auth": per address). {@code limit = false}: only counted as an upload in flight.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RateLimited {
    String value();

    boolean limit() default true;
}
