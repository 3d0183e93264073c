package io.kinora.ingest.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How big an upload may be, and what counts as "small" for queue priority. */
@ApplicationScoped
public class UploadLimits {
    @Inject @ConfigProperty(name = "kinora.upload.max-bytes", defaultValue = "53687091200") // 50 GiB
    long maxBytes;

    @Inject @ConfigProperty(name = "kinora.upload.small-bytes", defaultValue = "104857600") // 100 MiB
    long smallBytes;

    public long maxBytes() { return maxBytes; }

    public long smallBytes() { return smallBytes; }
}
