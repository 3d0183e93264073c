package io.kinora.it.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** The real EAR the build produced: tests deploy exactly what users run. */
public final class Deployments {
    private Deployments() { }

    public static File earFile() {
        File ear = new File(System.getProperty("kinora.ear", "../ear/target/kinora.ear"));
        if (!ear.isFile()) throw new IllegalStateException("EAR not built: " + ear.getAbsolutePath());
        return ear;
    }

    public static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, earFile());
    }
}
