package io.kinora.it.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

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

    /**
     * The real EAR plus the tests' fault drills (a CDI alternative added to the core module, which holds the drill
     * points): the only place they exist.
     */
    public static EnterpriseArchive earWithDrills() {
        EnterpriseArchive ear = ear();
        ear.getAsType(JavaArchive.class, "kinora-core.jar").addClass(io.kinora.it.drills.FaultDrills.class);
        return ear;
    }
}
