package io.kinora.encode.batch;

import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The id of the video an encode job works on (its job property, from the job parameter): one declaration in the job XML. */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface JobVideoId {

    /** Produces it for the artifact being made (JBeret gives the artifact's job context). */
    @Dependent
    class Producer {
        @Produces @JobVideoId
        static String videoId(JobContext job) {
            return job.getProperties().getProperty("videoId");
        }
    }
}
