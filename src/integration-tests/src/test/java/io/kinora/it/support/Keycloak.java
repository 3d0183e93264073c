package io.kinora.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak (the Quarkus distribution from Maven Central, unpacked by the build) on 127.0.0.1, started in dev
 * mode with an in-memory database and the realm Kinora ships ({@code docker/keycloak/kinora-realm.json}) imported,
 * with {@code KINORA_BASE_URL} pointing at the test's Kinora (the realm's back-channel logout URL). Its admin REST
 * API (master realm, admin-cli) is what a Keycloak administrator would click in the console: disable a person, end
 * their sessions. Killed on close.
 */
public final class Keycloak implements AutoCloseable {
    public static final String REALM = "kinora";
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "keycloak-it-admin";

    private final Process process;
    private final Api http;
    private final Duration startup;

    private Keycloak(Process process, String base, Duration startup) {
        this.process = process;
        this.http = new Api(base);
        this.startup = startup;
    }

    /** Keycloak's port: 18000 + the IT port offset (18400 with offset 400), beside nothing else. */
    public static int port() { return 18000 + Api.portOffset(); }

    public static Keycloak start(Path dir, String kinoraBase) {
        Path home = Path.of(System.getProperty("kinora.it.keycloak.home"));
        Path realm = Path.of(System.getProperty("kinora.it.keycloak.realm"));
        Path log = dir.resolve("keycloak.log");
        long began = System.nanoTime();
        try {
            Files.createDirectories(dir);
            Path imports = home.resolve("data").resolve("import");
            Files.createDirectories(imports);
            Files.copy(realm, imports.resolve("kinora-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            ProcessBuilder pb = new ProcessBuilder("bash", home.resolve("bin").resolve("kc.sh").toString(), "start-dev",
                    "--import-realm", "--db=dev-mem", "--cache=local", "--http-host=127.0.0.1",
                    "--http-port=" + port(), "--http-management-port=" + (port() + 1))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
            pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            pb.environment().put("KINORA_BASE_URL", kinoraBase);
            pb.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            Process p = pb.start();
            String base = "http://127.0.0.1:" + port();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) throw new AssertionError("Keycloak exited; see " + log + ":\n" + tail(log));
                try {
                    if (new Api(base).get("/realms/" + REALM + "/.well-known/openid-configuration").status() == 200) {
                        return new Keycloak(p, base, Duration.ofNanos(System.nanoTime() - began));
                    }
                } catch (RuntimeException notYet) {
                    // not listening yet
                }
                Videos.sleep(500);
            }
            p.destroyForcibly();
            throw new AssertionError("Keycloak not ready in 240 s; see " + log + ":\n" + tail(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path log) {
        try {
            String all = Files.readString(log);
            return all.substring(Math.max(0, all.length() - 4000));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    public String issuer() { return http.base() + "/realms/" + REALM; }

    public Duration startup() { return startup; }

    private String adminToken() {
        Api.Reply r = http.send("POST", "/realms/master/protocol/openid-connect/token",
                form("grant_type", "password", "client_id", "admin-cli", "username", ADMIN, "password", ADMIN_PASSWORD),
                "application/x-www-form-urlencoded");
        if (r.status() != 200) throw new AssertionError("Keycloak admin token: " + r);
        return r.json().getString("access_token");
    }

    private Api.Reply admin(String method, String path, JsonObject body) {
        return admin(method, path, body, null);
    }

    private Api.Reply admin(String method, String path, JsonObject body, String array) {
        String json = array != null ? array : body == null ? null : body.toString();
        Api.Reply r = http.send(method, "/admin/realms/" + REALM + path, json,
                json == null ? null : "application/json", "Authorization", "Bearer " + adminToken());
        if (r.status() / 100 != 2) throw new AssertionError("Keycloak admin " + method + " " + path + ": " + r);
        return r;
    }

    public String userId(String username) {
        return admin("GET", "/users?exact=true&username=" + username, null).jsonArray().getJsonObject(0).getString("id");
    }

    /** A person of the realm with a password and the realm role user. */
    public void createUser(String username, String password) {
        admin("POST", "/users", Json.createObjectBuilder().add("username", username).add("enabled", true)
                .add("email", username + "@example.org").add("emailVerified", true)
                .add("firstName", username).add("lastName", "Test")
                .add("credentials", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("type", "password").add("value", password).add("temporary", false)))
                .build());
    }

    /** Gives (true) or takes (false) a realm role, as the console's "Role mapping" tab does. */
    public void realmRole(String username, String role, boolean granted) {
        JsonObject rep = admin("GET", "/roles/" + role, null).json();
        admin(granted ? "POST" : "DELETE", "/users/" + userId(username) + "/role-mappings/realm",
                null, Json.createArrayBuilder().add(rep).build().toString());
    }

    public void setEnabled(String username, boolean enabled) {
        admin("PUT", "/users/" + userId(username), Json.createObjectBuilder().add("enabled", enabled).build());
    }

    /** The console's "Sign out" of a person: every session ends, and Keycloak sends back-channel logouts. */
    public void logout(String username) {
        admin("POST", "/users/" + userId(username) + "/logout", null);
    }

    /**
     * Lets the test take tokens with the password grant on Kinora's client (the shipped realm allows it nowhere):
     * the only way to hold a real ID token for Kinora's audience without a browser.
     */
    public void allowPasswordGrant() {
        String id = admin("GET", "/clients?clientId=kinora", null).jsonArray().getJsonObject(0).getString("id");
        admin("PUT", "/clients/" + id, Json.createObjectBuilder().add("directAccessGrantsEnabled", true).build());
    }

    /** The token endpoint's answer to a password grant on Kinora's client: access_token, id_token ... */
    public JsonObject passwordGrant(String username, String password, String clientSecret) {
        Api.Reply r = http.send("POST", "/realms/" + REALM + "/protocol/openid-connect/token",
                form("grant_type", "password", "client_id", "kinora", "client_secret", clientSecret, "scope", "openid",
                        "username", username, "password", password), "application/x-www-form-urlencoded");
        if (r.status() != 200) throw new AssertionError("password grant: " + r);
        return r.json();
    }

    /** A device authorization grant under way: what the person opens, and what the script polls with. */
    public record DeviceGrant(Api.Reply answer, String verifier, String auth) {
        public String verificationUri() { return answer.json().getString("verification_uri_complete"); }
    }

    /**
     * The README's way to a token for scripts, first step: the device authorization request, with PKCE as the client
     * requires (its pkce.code.challenge.method S256 holds for this grant too).
     */
    public DeviceGrant startDeviceGrant(String clientSecret) throws java.security.NoSuchAlgorithmException {
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString(("kinora:" + clientSecret).getBytes(StandardCharsets.UTF_8));
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String verifier = b64.encodeToString(random);
        String challenge = b64.encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        return new DeviceGrant(http.send("POST", "/realms/" + REALM + "/protocol/openid-connect/auth/device",
                form("scope", "openid", "code_challenge", challenge, "code_challenge_method", "S256"),
                "application/x-www-form-urlencoded", "Authorization", auth), verifier, auth);
    }

    /** The script's poll of the token endpoint: the tokens once the person approved, an error until then. */
    public Api.Reply pollDeviceGrant(DeviceGrant grant) {
        return http.send("POST", "/realms/" + REALM + "/protocol/openid-connect/token",
                form("grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                        "device_code", grant.answer().json().getString("device_code"), "code_verifier", grant.verifier()),
                "application/x-www-form-urlencoded", "Authorization", grant.auth());
    }

    private static String form(String... pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (b.length() > 0) b.append('&');
            b.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
