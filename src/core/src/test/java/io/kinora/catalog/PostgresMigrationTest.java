package io.kinora.catalog;

import static io.kinora.testsupport.StandaloneJpa.call;
import static io.kinora.testsupport.StandaloneJpa.run;
import static org.junit.jupiter.api.Assertions.*;

import io.kinora.catalog.domain.Rendition;
import io.kinora.catalog.domain.SourceMetadata;
import io.kinora.catalog.domain.Video;
import io.kinora.catalog.domain.VideoPage;
import io.kinora.catalog.domain.VideoQuery;
import io.kinora.catalog.domain.VideoStatus;
import io.kinora.catalog.domain.Visibility;
import io.kinora.catalog.infrastructure.JpaVideoRepository;
import io.kinora.ops.FlywayMigrations;
import io.kinora.security.domain.Account;
import io.kinora.security.domain.Role;
import io.kinora.security.domain.Setting;
import io.kinora.security.infrastructure.JpaAccountRepository;
import io.kinora.testsupport.PostgresServer;
import io.kinora.testsupport.StandaloneJpa;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kinora's Flyway migrations and JPA mappings against the two databases it runs on: a real PostgreSQL
 * (production) and an H2 file database (the embedded default). Each test gets a fresh, empty database.
 */
class PostgresMigrationTest {
    @RegisterExtension
    static final PostgresServer postgres = new PostgresServer();

    @TempDir
    static Path h2Dir;

    private static int h2Count;

    enum Db {
        POSTGRESQL, H2;

        DataSource fresh() throws SQLException {
            if (this == POSTGRESQL) return postgres.createDatabase("kinora");
            JdbcDataSource ds = new JdbcDataSource();
            // the same URL form as wildfly-config/kinora.cli's KinoraDS
            ds.setURL("jdbc:h2:file:" + h2Dir.resolve("db" + (++h2Count)).resolve("kinora") + ";DB_CLOSE_ON_EXIT=FALSE");
            ds.setUser("sa");
            ds.setPassword("sa");
            return ds;
        }
    }

    private static String latestMigration;
    private static long migrationCount;

    @BeforeAll
    static void latestMigrationOnTheClasspath() throws IOException, URISyntaxException {
        Path dir = Path.of(FlywayMigrations.class.getClassLoader().getResource("db/migration").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            var versions = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.+\\.sql"))
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .toList();
            latestMigration = String.valueOf(versions.stream().max(Integer::compare).orElseThrow());
            migrationCount = versions.size();
        }
    }

    @AfterAll
    static void shutdownH2() {
        // DB_CLOSE_ON_EXIT=FALSE: files stay open until SHUTDOWN; @TempDir cleanup needs them closed
        for (int i = 1; i <= h2Count; i++) {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:file:" + h2Dir.resolve("db" + i).resolve("kinora") + ";IFEXISTS=TRUE");
            ds.setUser("sa");
            ds.setPassword("sa");
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException alreadyClosed) {
                // nothing open
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void migratesToTheLatestVersionAndIsIdempotent(Db db) throws SQLException {
        DataSource ds = db.fresh();

        assertEquals(latestMigration, FlywayMigrations.migrate(ds));
        assertEquals(Set.of("kinora_user", "kinora_setting", "video", "video_word", "rendition", "webhook", "encode_claim", "kinora_node",
                        "encoded_piece", "kinora_sso_session", "auto_captions", "maintenance_lease", "reconciler_action"),
                kinoraTables(ds), "tables created by the migrations");
        long applied = count(ds, "select count(*) from \"flyway_schema_history\"");
        assertEquals(migrationCount, count(ds, "select count(*) from \"flyway_schema_history\""
                + " where \"type\" = 'SQL' and \"success\" = true"), "one successful history row per migration: "
                + rows(ds, "select \"version\", \"type\", \"description\" from \"flyway_schema_history\""));

        // every server start runs it again: nothing new is applied, nothing fails
        assertEquals(latestMigration, FlywayMigrations.migrate(ds));
        assertEquals(applied, count(ds, "select count(*) from \"flyway_schema_history\""));
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void migratesNextToTheBatchJobRepository(Db db) throws SQLException {
        DataSource ds = db.fresh();
        // JBeret creates its job repository in the same database, possibly before Kinora's first migration
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE job_instance (jobinstanceid BIGINT PRIMARY KEY, jobname VARCHAR(512))");
        }

        assertEquals(latestMigration, FlywayMigrations.migrate(ds));
        assertTrue(kinoraTables(ds).contains("video"), "V1 applied despite a non-empty schema");
        assertEquals(1, count(ds, "select count(*) from \"flyway_schema_history\" where \"version\" = '0'"),
                "baseline at version 0 below every Kinora migration");
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void entityMappingsMatchTheMigratedSchema(Db db) throws SQLException {
        DataSource ds = db.fresh();
        FlywayMigrations.migrate(ds);
        // Hibernate's validator compares every mapped column with the Flyway-made tables; it creates nothing
        try (EntityManagerFactory emf = StandaloneJpa.create(ds, "validate")) {
            assertTrue(emf.isOpen());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void repositoriesRoundTrip(Db db) throws SQLException {
        DataSource ds = db.fresh();
        FlywayMigrations.migrate(ds);
        try (EntityManagerFactory emf = StandaloneJpa.create(ds, "none")) {
            // ---- accounts and settings
            long ownerId = call(emf, em -> {
                Account a = new Account("alice", "PBKDF2WithHmacSHA256:2048:c2FsdA==:aGFzaA==",
                        Set.of(Role.USER, Role.ADMIN), Account.Origin.LOCAL);
                a.setDisplayName("Alice Liddell");
                a.setEmail("alice@example.org");
                new JpaAccountRepository(em).save(a);
                em.persist(new Setting("signing.key", "k".repeat(2000)));
                return a.id();
            });
            long otherId = call(emf, em -> new JpaAccountRepository(em)
                    .save(new Account("bob", null, Set.of(Role.USER), Account.Origin.OIDC)).id());
            assertNotEquals(ownerId, otherId, "identity columns hand out distinct ids");

            run(emf, em -> {
                var accounts = new JpaAccountRepository(em);
                Account a = accounts.findByUsername("alice").orElseThrow();
                assertEquals(ownerId, a.id());
                assertEquals(Set.of("admin", "user"), a.roleIds());
                assertTrue(a.hasRole(Role.ADMIN));
                assertTrue(a.enabled());
                assertEquals(Account.Origin.LOCAL, a.origin());
                assertEquals("Alice Liddell", a.displayName());
                assertEquals("alice@example.org", a.email());
                assertNotNull(a.createdAt());
                Account b = accounts.findById(otherId).orElseThrow();
                assertNull(b.passwordHash());
                assertEquals(Account.Origin.OIDC, b.origin());
                assertEquals(2, accounts.count());
                assertEquals("alice", accounts.list(0, 10).get(0).username());
                assertEquals(2000, em.find(Setting.class, "signing.key").value().length());
                // V6: token generation and revocation time; alice is the only admin, bob has no admin role
                assertEquals(0, a.tokenGeneration());
                assertTrue(a.acceptsTokenIssuedAt(null));
                a.revokeTokens();
                assertEquals(1, a.tokenGeneration());
                assertFalse(a.acceptsTokenIssuedAt(java.time.Instant.now()), "issued in the second of the revocation");
                assertFalse(accounts.anyOtherEnabledWithRole(Role.ADMIN, a.id()), "alice is the last admin");
                assertTrue(accounts.anyOtherEnabledWithRole(Role.USER, b.id()), "alice is a user too");
            });
            run(emf, em -> assertEquals(1, new JpaAccountRepository(em).findByUsername("alice").orElseThrow().tokenGeneration()));
            assertThrows(PersistenceException.class, () -> run(emf, em -> new JpaAccountRepository(em)
                    .save(new Account("alice", null, Set.of(Role.USER), Account.Origin.OIDC))),
                    "username is unique");

            // ---- V10/V11: an SSO account is the provider's person (issuer + subject), its browser sessions
            run(emf, em -> new JpaAccountRepository(em).findById(otherId).orElseThrow().linkOidc("https://idp.example/realms/x", "sub-bob"));
            run(emf, em -> assertEquals(otherId, new JpaAccountRepository(em)
                    .findByOidcIdentity("https://idp.example/realms/x", "sub-bob").orElseThrow().id()));
            assertThrows(PersistenceException.class, () -> run(emf, em -> {
                Account twin = new Account("bob-twin", null, Set.of(Role.USER), Account.Origin.OIDC);
                twin.linkOidc("https://idp.example/realms/x", "sub-bob");
                new JpaAccountRepository(em).save(twin);
            }), "one account per issuer + subject");
            String sessionId = call(emf, em -> {
                var session = new io.kinora.security.domain.SsoSession(otherId, "kc-sid", "r".repeat(3000), "i".repeat(3000));
                em.persist(session);
                return session.id();
            });
            run(emf, em -> {
                var session = em.find(io.kinora.security.domain.SsoSession.class, sessionId);
                assertTrue(session.active());
                assertEquals(3000, session.refreshToken().length());
                session.end();
            });
            run(emf, em -> assertFalse(em.find(io.kinora.security.domain.SsoSession.class, sessionId).active()));

            // ---- a video with two renditions
            Instant created = Instant.now();
            String videoId = call(emf, em -> {
                Video v = new Video(ownerId, "Holiday in Lisbon", Visibility.UNLISTED, "default");
                v.describe(null, "Trams, tiles and \u00e9clairs \u2014 \ud83c\udfac", null);
                v.attachSource("lisbon.mov", "sources/abc/source", 123_456_789L, "a".repeat(64));
                v.probed(new SourceMetadata("mov,mp4", "h264", "aac", 1920, 1080, "30000/1001", 61_500L, 8_000_000L));
                v.startedAs(42L, null);
                v.addRendition("720p", "h264", 1280, 720, 3000).plan(10);
                v.addRendition("360p", "h264", 640, 360, 800).plan(10);
                return new JpaVideoRepository(em).save(v).id();
            });

            run(emf, em -> {
                var videos = new JpaVideoRepository(em);
                Video v = videos.find(videoId).orElseThrow();
                assertEquals(ownerId, v.ownerId());
                assertEquals("Holiday in Lisbon", v.title());
                assertEquals("Trams, tiles and \u00e9clairs \u2014 \ud83c\udfac", v.description());
                assertEquals(Visibility.UNLISTED, v.visibility());
                assertEquals(VideoStatus.PROCESSING, v.status());
                assertEquals("lisbon.mov", v.originalFilename());
                assertEquals(123_456_789L, v.sourceSize());
                assertEquals(123_456_789L, v.storedBytes());
                assertEquals("h264", v.source().videoCodec());
                assertEquals(1080, v.source().height());
                assertEquals("30000/1001", v.source().frameRate());
                assertEquals(61_500L, v.source().durationMillis());
                assertEquals(42L, v.jobExecutionId());
                assertFalse(v.createdAt().isBefore(created.truncatedTo(ChronoUnit.MILLIS)),
                        "timestamps keep their instant");
                assertEquals(2, v.renditions().size());
                Rendition low = v.renditions().get(0);
                assertEquals("360p", low.name());
                assertEquals(640, low.width());
                assertEquals(800, low.bitrateKbps());
                assertEquals(Rendition.Status.ENCODING, low.status());
                assertEquals(10, low.piecesTotal());
                assertEquals(v.id(), videos.findByJobExecution(42L).orElseThrow().id());
                assertEquals(1, videos.listByOwner(ownerId, 0, 10).size());
            });

            // ---- publishing: the first published rendition makes it READY, the last one COMPLETED
            run(emf, em -> {
                Video v = new JpaVideoRepository(em).find(videoId).orElseThrow();
                v.renditions().get(0).publish("avc1.64001e,mp4a.40.2", "30000/1001", 950_000, 800_000,
                        "videos/x/360p/index.m3u8", "videos/x/360p.mp4", 5_000_000);
                v.renditions().get(0).recordQuality(41.5, 0.987);
                v.renditionPublished(5_000_000);
            });
            run(emf, em -> {
                Video v = new JpaVideoRepository(em).find(videoId).orElseThrow();
                assertEquals(VideoStatus.READY, v.status());
                assertNotNull(v.readyAt());
                assertNull(v.completedAt());
                assertEquals(123_456_789L + 5_000_000L, v.storedBytes());
                Rendition low = v.renditions().get(0);
                assertEquals(Rendition.Status.PUBLISHED, low.status());
                assertEquals("avc1.64001e,mp4a.40.2", low.codecs());
                assertEquals(950_000L, low.peakBandwidth());
                assertEquals(5_000_000L, low.mp4Size());
                assertEquals(41.5, low.psnr());
                assertEquals(0.987, low.ssim());
                assertNotNull(low.publishedAt());
                assertEquals(Rendition.Status.ENCODING, v.renditions().get(1).status());

                v.renditions().get(1).publish("avc1.64001f,mp4a.40.2", "30000/1001", 3_500_000, 3_000_000,
                        "videos/x/720p/index.m3u8", "videos/x/720p.mp4", 20_000_000);
                v.renditionPublished(20_000_000);
            });
            long versionAfterPublishing = call(emf, em -> {
                Video v = new JpaVideoRepository(em).find(videoId).orElseThrow();
                assertEquals(VideoStatus.COMPLETED, v.status());
                assertNotNull(v.completedAt());
                assertFalse(v.completedAt().isBefore(v.readyAt()));
                assertTrue(v.renditions().stream().allMatch(r -> r.status() == Rendition.Status.PUBLISHED));
                assertEquals(123_456_789L + 25_000_000L, v.storedBytes());
                return em.createQuery("select v.version from Video v where v.id = :id", Long.class)
                        .setParameter("id", videoId).getSingleResult();
            });
            assertTrue(versionAfterPublishing >= 2, "optimistic version bumped by each update");

            // ---- de-duplication lookup by owner and content hash
            run(emf, em -> {
                var videos = new JpaVideoRepository(em);
                assertEquals(videoId, videos.findByOwnerAndHash(ownerId, "a".repeat(64)).orElseThrow().id());
                assertTrue(videos.findByOwnerAndHash(otherId, "a".repeat(64)).isEmpty(), "other owner");
                assertTrue(videos.findByOwnerAndHash(ownerId, "b".repeat(64)).isEmpty(), "other content");
            });

            // ---- search: word prefixes through video_word, scope, exact and capped totals, paging
            String later = call(emf, em -> new JpaVideoRepository(em)
                    .save(new Video(otherId, "Lisbon at night", Visibility.PUBLIC, "default")).id());
            run(emf, em -> {
                var videos = new JpaVideoRepository(em);
                assertEquals(List.of(later, videoId), ids(videos.search(query(ownerId, "lisb", 20))),
                        "prefix of a title word, newest first, the owner's unlisted one included");
                assertEquals(List.of(videoId), ids(videos.search(query(ownerId, "ECLAIR holiday", 20))),
                        "every word, case and accents ignored, description too");
                assertEquals(List.of(later), ids(videos.search(query(null, "lisbon", 20))), "anonymous: public only");
                assertEquals(List.of(), ids(videos.search(query(ownerId, "lisbonne", 20))));
                VideoPage first = videos.search(query(ownerId, "lisbon", 1));
                assertEquals(2, first.total());
                assertFalse(first.capped());
                assertTrue(first.hasNext());
                assertEquals(2, videos.search(query(ownerId, null, 20)).total(), "no q: count of the scope");
            });
            run(emf, em -> {
                Video v = new JpaVideoRepository(em).find(later).orElseThrow();
                v.describe("Porto by day", null, null);
            });
            run(emf, em -> assertEquals(List.of(), ids(new JpaVideoRepository(em).search(query(ownerId, "night", 20))),
                    "a new title replaces the old words"));
            assertEquals(List.of("by", "day", "porto"), words(ds, later));
            // more matches than the count cap: the common-word path, total capped
            run(emf, em -> {
                var videos = new JpaVideoRepository(em);
                for (int i = 0; i <= VideoPage.COUNT_CAP; i++) videos.save(new Video(otherId, "Common many", Visibility.PUBLIC, "default"));
            });
            run(emf, em -> {
                VideoPage common = new JpaVideoRepository(em).search(query(ownerId, "comm many", 10));
                assertEquals(10, common.items().size());
                assertTrue(common.capped(), "every word is common: the total is a lower bound");
                assertTrue(common.total() >= 10 && common.total() <= VideoPage.COUNT_CAP, "lower bound " + common.total());
                assertTrue(common.hasNext());
            });

            // ---- the schema refuses a video of nobody
            assertThrows(PersistenceException.class, () -> run(emf, em ->
                    new JpaVideoRepository(em).save(new Video(999_999L, "orphan", Visibility.PRIVATE, "default"))),
                    "owner_id references kinora_user");

            // ---- V12: a video's automatic captions record (JDBC, as AutoCaptionRecords writes it) goes with the video
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("insert into auto_captions"
                    + " (video_id, requested, lang, state, engine, note, words, audio_seconds, recognize_seconds, execution_id,"
                    + " updated_at) values (?, ?, 'en', 'DONE', 'pocketsphinx', 'n', 30, 15.8, 3.2, 7, ?)")) {
                ps.setString(1, videoId);
                ps.setObject(2, null, java.sql.Types.BOOLEAN);
                ps.setTimestamp(3, java.sql.Timestamp.from(Instant.now()));
                assertEquals(1, ps.executeUpdate());
            }
            assertEquals(1, count(ds, "select count(*) from auto_captions where requested is null and recognize_seconds > 3"));

            // ---- delete through the repository: JPA cascades to the renditions
            run(emf, em -> {
                var videos = new JpaVideoRepository(em);
                videos.delete(videos.find(videoId).orElseThrow());
            });
            run(emf, em -> assertTrue(new JpaVideoRepository(em).find(videoId).isEmpty()));
            assertEquals(0, count(ds, "select count(*) from rendition"));
            assertEquals(0, count(ds, "select count(*) from auto_captions"), "ON DELETE CASCADE");

            // ---- delete in SQL (e.g. an operator's cleanup): ON DELETE CASCADE in the schema
            String second = call(emf, em -> {
                Video v = new Video(otherId, "Second", Visibility.PUBLIC, "default");
                v.addRendition("360p", "h264", 640, 360, 800);
                v.addRendition("1080p", "h264", 1920, 1080, 6000);
                return new JpaVideoRepository(em).save(v).id();
            });
            assertEquals(2, count(ds, "select count(*) from rendition"));
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("delete from video where id = ?")) {
                ps.setString(1, second);
                assertEquals(1, ps.executeUpdate());
            }
            assertEquals(0, count(ds, "select count(*) from rendition"));
        }
    }

    // ------------------------------------------------------------------------------------------------

    private static VideoQuery query(Long viewer, String text, int limit) {
        return new VideoQuery(viewer, false, null, text, null, null, false, false, 0, limit);
    }

    private static List<String> ids(VideoPage page) {
        return page.items().stream().map(Video::id).toList();
    }

    private static List<String> words(DataSource ds, String videoId) throws SQLException {
        List<String> words = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("select word from video_word where video_id = ? order by word")) {
            ps.setString(1, videoId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) words.add(rs.getString(1));
            }
        }
        return words;
    }

    private static Set<String> kinoraTables(DataSource ds) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (Connection c = ds.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            String schema = c.getSchema();
            try (ResultSet rs = md.getTables(null, schema, "%", new String[] {"TABLE"})) {
                while (rs.next()) names.add(rs.getString("TABLE_NAME").toLowerCase());
            }
        }
        names.remove("flyway_schema_history");
        return names;
    }

    private static String rows(DataSource ds, String sql) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                sb.append('[');
                for (int i = 1; i <= n; i++) sb.append(i > 1 ? ", " : "").append(rs.getString(i));
                sb.append(']');
            }
        }
        return sb.toString();
    }

    private static long count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }
}
