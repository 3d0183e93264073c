package io.kinora.it.support;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** A test class that drives the real EAR in the Arquillian-managed WildFly from outside, as clients do. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class AgainstTheServer {
    @Deployment(testable = false)
    static EnterpriseArchive deployment() { return Deployments.ear(); }
}
