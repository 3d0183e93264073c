package io.kinora.it.support;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.libtorrent4j.AddTorrentParams;
import org.libtorrent4j.SessionManager;
import org.libtorrent4j.SessionParams;
import org.libtorrent4j.SettingsPack;
import org.libtorrent4j.TorrentBuilder;
import org.libtorrent4j.TorrentFlags;
import org.libtorrent4j.TorrentInfo;
import org.libtorrent4j.swig.error_code;
import org.libtorrent4j.swig.settings_pack;

/**
 * The tests' seeder, a real libtorrent session on 127.0.0.1 only (port chosen by the OS) with DHT, LSD, UPnP and
 * NAT-PMP off before it starts. It runs in a JVM of its own that {@link Seeder} starts with the JDK's libjsig
 * preloaded: libtorrent installs signal handlers that take SIGSEGV from the JVM, and the next implicit null check
 * kills the whole process with exit 139 (it did to the test JVM) - the reason Kinora downloads in a child process.
 *
 * <p>Protocol, one line each way: {@code seed <path>\t<tracker,...>\t<upload limit B/s>} -> {@code ok <.torrent
 * path>\t<info hash>\t<name>}; end of stdin ends it.
 */
public final class SeederMain {
    public static void main(String[] args) throws Exception {
        SettingsPack sp = new SettingsPack();
        for (var b : List.of(settings_pack.bool_types.enable_dht, settings_pack.bool_types.enable_lsd,
                settings_pack.bool_types.enable_upnp, settings_pack.bool_types.enable_natpmp)) {
            sp.setBoolean(b.swigValue(), false);
        }
        sp.setDhtBootstrapNodes("");
        sp.listenInterfaces("127.0.0.1:0");
        sp.setBoolean(settings_pack.bool_types.allow_multiple_connections_per_ip.swigValue(), true);
        SessionParams params = new SessionParams(sp);
        params.setPosixDiskIO();
        SessionManager session = new SessionManager(false);
        session.start(params);
        System.out.println("port " + session.swig().listen_port());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            try {
                String[] f = line.substring(5).split("\t", -1);
                Path content = Path.of(f[0]);
                TorrentBuilder b = new TorrentBuilder().path(content.toFile());
                for (String t : f[1].split(",")) if (!t.isBlank()) b.addTracker(t);
                byte[] torrent = b.generate().entry().bencode();
                Path out = content.resolveSibling(content.getFileName() + ".torrent");
                Files.write(out, torrent);
                TorrentInfo ti = new TorrentInfo(torrent);
                AddTorrentParams p = new AddTorrentParams();
                p.setTorrentInfo(ti);
                p.setSavePath(content.toAbsolutePath().getParent().toString());
                p.setFlags(p.getFlags().or_(TorrentFlags.SEED_MODE).and_(TorrentFlags.AUTO_MANAGED.inv())
                        .and_(TorrentFlags.PAUSED.inv()));
                int limit = Integer.parseInt(f[2]);
                if (limit > 0) p.setUploadLimit(limit);
                error_code ec = new error_code();
                session.swig().add_torrent(p.swig(), ec);
                if (ec.value() != 0) throw new IllegalStateException(ec.message());
                System.out.println("ok " + out + "\t" + ti.infoHash().toHex() + "\t" + ti.name());
            } catch (Exception e) {
                System.out.println("error " + e);
            }
            System.out.flush();
        }
        session.stop();
        Runtime.getRuntime().halt(0);
    }
}
