package io.kinora.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** A plain HTTP client speaking to a running Kinora, the way any program would. */
public final class Api {
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The test server's first admin (arquillian.xml and StandaloneKinora start it with this password). */
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-it-password";

    public Api(String base) { this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base; }

    /** The test server, shifted by -Dkinora.it.port-offset (set from the Maven property it.port.offset). */
    public static Api local() { return new Api("http://127.0.0.1:" + (8080 + portOffset())); }

    public static int portOffset() { return Integer.getInteger("kinora.it.port-offset", 0); }

    public String base() { return base; }

    public record Reply(int status, Map<String, java.util.List<String>> headers, String body) {
        public JsonObject json() {
            try (var r = Json.createReader(new StringReader(body))) {
                JsonStructure s = r.read();
                return s.asJsonObject();
            }
        }

        public jakarta.json.JsonArray jsonArray() {
            try (var r = Json.createReader(new StringReader(body))) {
                return r.readArray();
            }
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        @Override
        public String toString() { return status + " " + body; }
    }

    public Reply get(String path, String... headers) { return send("GET", path, null, null, headers); }

    public Reply postJson(String path, String json, String... headers) {
        return send("POST", path, json, "application/json", headers);
    }

    public Reply send(String method, String path, String body, String contentType, String... headers) {
        return sendBody(method, path, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body),
                contentType, headers);
    }

    public Reply sendBytes(String method, String path, byte[] body, String contentType, String... headers) {
        return sendBody(method, path, HttpRequest.BodyPublishers.ofByteArray(body), contentType, headers);
    }

    /** A path starting with http is used as is (tus Location headers are absolute). */
    public Reply sendBody(String method, String path, HttpRequest.BodyPublisher body, String contentType, String... headers) {
        URI target = URI.create(path.startsWith("http") ? path : base + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(120)).method(method, body);
        if (contentType != null) b.header("Content-Type", contentType);
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A bearer token for these credentials; fails the test if the server refuses. */
    public String token(String username, String password) {
        Reply r = postJson("/api/v1/auth/token", credentials(username, password));
        if (r.status() != 200) throw new AssertionError("login as " + username + " failed: " + r);
        return r.json().getString("access_token");
    }

    public static String credentials(String username, String password) {
        return Json.createObjectBuilder().add("username", username).add("password", password).build().toString();
    }

    /** Registers a fresh user (self-registration) and returns a bearer token for it. */
    public String newUser(String prefix) {
        String name = prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Reply r = postJson("/api/v1/users", credentials(name, "pw-" + name + "-long"));
        if (r.status() != 201) throw new AssertionError("registration failed: " + r);
        return token(name, "pw-" + name + "-long");
    }

    public static String[] bearer(String token) { return new String[] {"Authorization", "Bearer " + token}; }

    public static String[] basic(String user, String password) {
        return new String[] {"Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes())};
    }
}
