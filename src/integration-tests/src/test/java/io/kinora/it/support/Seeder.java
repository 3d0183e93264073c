package io.kinora.it.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.libtorrent4j.AddTorrentParams;
import org.libtorrent4j.SessionManager;
import org.libtorrent4j.SessionParams;
import org.libtorrent4j.SettingsPack;
import org.libtorrent4j.TorrentBuilder;
import org.libtorrent4j.TorrentFlags;
import org.libtorrent4j.TorrentHandle;
import org.libtorrent4j.TorrentInfo;
import org.libtorrent4j.swig.error_code;
import org.libtorrent4j.swig.settings_pack;

/**
 * A real libtorrent session in the test JVM that seeds on 127.0.0.1 only (port chosen by the OS), with DHT, LSD,
 * UPnP and NAT-PMP off before it starts: the peer Kinora's child program downloads from.
 */
public final class Seeder implements AutoCloseable {
    private final SessionManager session = new SessionManager(false);

    public record Seeded(byte[] torrent, TorrentInfo info, TorrentHandle handle) {
        public String infoHash() { return info.infoHash().toHex(); }
    }

    public Seeder() {
        SettingsPack sp = new SettingsPack();
        for (var b : List.of(settings_pack.bool_types.enable_dht, settings_pack.bool_types.enable_lsd,
                settings_pack.bool_types.enable_upnp, settings_pack.bool_types.enable_natpmp)) {
            sp.setBoolean(b.swigValue(), false);
        }
        sp.setDhtBootstrapNodes("");
        sp.listenInterfaces("127.0.0.1:0");
        sp.setBoolean(settings_pack.bool_types.allow_multiple_connections_per_ip.swigValue(), true);
        session.start(new SessionParams(sp));
    }

    public int port() { return session.swig().listen_port(); }

    /** x.pe value of this seeder. */
    public String peer() { return "127.0.0.1:" + port(); }

    /** Creates a torrent of a file or directory with the same library, optional trackers, and seeds it. */
    public Seeded seed(Path content, List<String> trackers, int uploadLimitBytesPerSecond) throws IOException {
        TorrentBuilder b = new TorrentBuilder().path(content.toFile());
        for (String t : trackers) b.addTracker(t);
        byte[] torrent = b.generate().entry().bencode();
        TorrentInfo ti = new TorrentInfo(torrent);
        AddTorrentParams p = new AddTorrentParams();
        p.setTorrentInfo(ti);
        p.setSavePath(content.toAbsolutePath().getParent().toString());
        p.setFlags(p.getFlags().or_(TorrentFlags.SEED_MODE).and_(TorrentFlags.AUTO_MANAGED.inv()).and_(TorrentFlags.PAUSED.inv()));
        if (uploadLimitBytesPerSecond > 0) p.setUploadLimit(uploadLimitBytesPerSecond);
        error_code ec = new error_code();
        var h = session.swig().add_torrent(p.swig(), ec);
        if (ec.value() != 0) throw new IOException("seeding failed: " + ec.message());
        return new Seeded(torrent, ti, new TorrentHandle(h));
    }

    public String magnet(Seeded s) {
        return "magnet:?xt=urn:btih:" + s.infoHash() + "&dn=" + s.info().name().replace(" ", "%20") + "&x.pe=" + peer();
    }

    @Override
    public void close() {
        session.stop();
    }
}
