package io.kinora.it.support;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP trace receiver of our own on loopback: OTLP/HTTP ({@code POST /v1/traces}, protobuf), or OTLP/gRPC
 * ({@link #grpc()}). It keeps every span the server exports, so a test can check the trace it built.
 */
public final class OtlpReceiver implements AutoCloseable {
    /** One exported span, ids in lower-case hex as in {@code traceparent}; kind as SERVER, CONSUMER...; values as strings. */
    public record Received(String traceId, String spanId, String parentSpanId, String name, String kind,
                           Map<String, String> attributes, List<String> events, String serviceInstance,
                           long startNanos, long endNanos) {
        public String attribute(String key) { return attributes.get(key); }
    }

    private final HttpServer server;
    private final io.grpc.Server grpc;
    private final List<Received> spans = new ArrayList<>();

    /** OTLP/gRPC: the collector's TraceService/Export, declared by hand (opentelemetry-proto has no gRPC stubs). */
    public static OtlpReceiver grpc() {
        return new OtlpReceiver(true);
    }

    public OtlpReceiver() {
        this(false);
    }

    private OtlpReceiver(boolean overGrpc) {
        if (overGrpc) {
            server = null;
            grpc = startGrpc();
            return;
        }
        grpc = null;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/traces", exchange -> {
            try (exchange) {
                InputStream in = exchange.getRequestBody();
                if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    in = new GZIPInputStream(in);
                }
                keep(ExportTraceServiceRequest.parseFrom(in.readAllBytes()));
                byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.start();
    }

    private io.grpc.Server startGrpc() {
        var export = io.grpc.MethodDescriptor.<ExportTraceServiceRequest, ExportTraceServiceResponse>newBuilder()
                .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
                .setFullMethodName("opentelemetry.proto.collector.trace.v1.TraceService/Export")
                .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(ExportTraceServiceRequest.getDefaultInstance()))
                .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(ExportTraceServiceResponse.getDefaultInstance()))
                .build();
        var service = io.grpc.ServerServiceDefinition.builder("opentelemetry.proto.collector.trace.v1.TraceService")
                .addMethod(export, io.grpc.stub.ServerCalls.asyncUnaryCall((request, answer) -> {
                    keep(request);
                    answer.onNext(ExportTraceServiceResponse.getDefaultInstance());
                    answer.onCompleted();
                }))
                .build();
        try {
            return io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder
                    .forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).addService(service).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL to give the exporter ({@code kinora.otel.endpoint}). */
    public String endpoint() {
        return "http://127.0.0.1:" + (grpc != null ? grpc.getPort() : server.getAddress().getPort());
    }

    public synchronized List<Received> spans() {
        return List.copyOf(spans);
    }

    private synchronized void keep(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans rs : request.getResourceSpansList()) {
            String instance = rs.getResource().getAttributesList().stream()
                    .filter(a -> a.getKey().equals("service.instance.id")).map(a -> text(a.getValue())).findFirst().orElse(null);
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (var s : ss.getSpansList()) {
                    Map<String, String> attributes = new LinkedHashMap<>();
                    for (KeyValue kv : s.getAttributesList()) attributes.put(kv.getKey(), text(kv.getValue()));
                    spans.add(new Received(hex.formatHex(s.getTraceId().toByteArray()), hex.formatHex(s.getSpanId().toByteArray()),
                            hex.formatHex(s.getParentSpanId().toByteArray()), s.getName(), s.getKind().name().replace("SPAN_KIND_", ""), attributes,
                            s.getEventsList().stream().map(e -> e.getName()).toList(), instance,
                            s.getStartTimeUnixNano(), s.getEndTimeUnixNano()));
                }
            }
        }
    }

    private static String text(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INT_VALUE -> Long.toString(v.getIntValue());
            case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
            case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
            case ARRAY_VALUE -> String.join(",", v.getArrayValue().getValuesList().stream().map(OtlpReceiver::text).toList());
            default -> v.toString();
        };
    }

    @Override
    public void close() {
        if (grpc != null) grpc.shutdownNow();
        else server.stop(0);
    }
}
