package io.kinora.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;

/** The server's management API (local authentication), for operator actions such as fault drills. */
public final class Management {
    private Management() { }

    public static void setSystemProperty(String name, String value) {
        removeSystemProperty(name);
        ModelNode op = address(name);
        op.get("operation").set("add");
        op.get("value").set(value);
        execute(op);
    }

    public static void removeSystemProperty(String name) {
        ModelNode op = address(name);
        op.get("operation").set("remove");
        try (ModelControllerClient c = client()) {
            c.execute(op); // absent is fine
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Messages waiting in a JMS queue of the embedded broker (e.g. the dead-letter queue). */
    public static long queueDepth(String queue) {
        ModelNode op = new ModelNode();
        op.get("address").add("subsystem", "messaging-activemq").add("server", "default").add("jms-queue", queue);
        op.get("operation").set("read-attribute");
        op.get("name").set("message-count");
        try (ModelControllerClient c = client()) {
            ModelNode result = c.execute(op);
            if (!"success".equals(result.get("outcome").asString())) throw new AssertionError("read failed: " + result);
            return result.get("result").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ModelNode address(String name) {
        ModelNode op = new ModelNode();
        op.get("address").add("system-property", name);
        return op;
    }

    private static void execute(ModelNode op) {
        try (ModelControllerClient c = client()) {
            ModelNode result = c.execute(op);
            if (!"success".equals(result.get("outcome").asString())) throw new AssertionError("management op failed: " + result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ModelControllerClient client() throws IOException {
        return ModelControllerClient.Factory.create("127.0.0.1", 9990 + Integer.getInteger("kinora.it.port-offset", 0));
    }
}
