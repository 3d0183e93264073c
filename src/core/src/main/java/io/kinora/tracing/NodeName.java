package io.kinora.tracing;

/** This node's name on spans: {@code jboss.node.name}, unique per node in a cluster. */
public final class NodeName {
    private NodeName() { }

    public static String get() {
        return System.getProperty("jboss.node.name", "kinora");
    }
}
