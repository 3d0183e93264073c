package io.kinora.ingest.tus;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/** At start-up: uploads answered complete whose validation a stop cut short are validated again. */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class TusRecovery {
    @Inject TusCompletion completion;

    @PostConstruct
    void recover() {
        completion.resumeInterrupted();
    }
}
