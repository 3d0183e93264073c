package io.kinora.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.kinora.it.support.Api;
import io.kinora.it.support.Deployments;
import io.kinora.it.support.Management;
import io.kinora.it.support.OtlpReceiver;
import io.kinora.it.support.OtlpReceiver.Received;
import io.kinora.it.support.Videos;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OTLP over gRPC ({@code kinora.otel.protocol=grpc}) to a gRPC receiver of the test's own: a traced request's span
 * arrives in its trace. The span tree itself is TracingIT's (over HTTP/protobuf): the protocol changes only the wire.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TracingGrpcIT {
    static final OtlpReceiver RECEIVER = OtlpReceiver.grpc();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        Management.setSystemProperty("kinora.otel.endpoint", RECEIVER.endpoint());
        Management.setSystemProperty("kinora.otel.protocol", "grpc");
        Management.setSystemProperty("otel.bsp.schedule.delay", "200");
        return Deployments.ear();
    }

    @AfterAll
    static void telemetryOff() {
        Management.removeSystemProperty("kinora.otel.endpoint");
        Management.removeSystemProperty("kinora.otel.protocol");
        Management.removeSystemProperty("otel.bsp.schedule.delay");
        RECEIVER.close();
    }

    @Test
    void spansAreExportedOverGrpc() {
        Api api = Api.local();
        HexFormat hex = HexFormat.of();
        SecureRandom random = new SecureRandom();
        String traceId = hex.formatHex(random.generateSeed(16));
        String clientSpan = hex.formatHex(random.generateSeed(8));
        Api.Reply r = api.get("/api/v1/videos", "traceparent", "00-" + traceId + "-" + clientSpan + "-01");
        assertEquals(200, r.status(), r.toString());

        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            List<Received> trace = RECEIVER.spans().stream().filter(s -> s.traceId().equals(traceId)).toList();
            if (!trace.isEmpty()) {
                Received request = trace.stream().filter(s -> s.parentSpanId().equals(clientSpan)).findFirst().orElseThrow();
                assertEquals("SERVER", request.kind(), request.toString());
                return;
            }
            if (System.nanoTime() > deadline) fail("no span of trace " + traceId + " over gRPC in 30 s; received " + RECEIVER.spans());
            Videos.sleep(200);
        }
    }
}
