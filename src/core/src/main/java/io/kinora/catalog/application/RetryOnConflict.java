package io.kinora.catalog.application;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A write to a video's row that lost an optimistic-locking race (the row's version moved: the encode job, a
 * packaging task and the owner's edits all write the same row) is done again on a fresh read, instead of failing
 * the job or answering 500. The annotated methods must each be a whole transaction (REQUIRES_NEW) that
 * re-reads what it changes, so running one again is safe.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RetryOnConflict { }
