package io.kinora.ingest.web;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks tus endpoints: {@link TusHeaders} checks Tus-Resumable and stamps every answer, errors included. */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Tus {
    String VERSION = "1.0.0";
}
