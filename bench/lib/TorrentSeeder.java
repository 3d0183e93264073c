// bench/torrent's seeder: makes a .torrent of one file with libtorrent4j (the library Kinora's child program
// uses) and seeds it on 127.0.0.1 with DHT, LSD, UPnP and NAT-PMP off; prints "port <n>" when ready; seeds until
// stdin closes. Run with -Dlibtorrent4j.jni.path=<wildfly>/kinora/torrent/libtorrent4j.so and libtorrent4j.jar on
// the class path (java single-file launch).
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

public class TorrentSeeder {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]).toAbsolutePath();
        Path torrentOut = Path.of(args[1]);
        SettingsPack sp = new SettingsPack();
        for (var b : List.of(settings_pack.bool_types.enable_dht, settings_pack.bool_types.enable_lsd,
                settings_pack.bool_types.enable_upnp, settings_pack.bool_types.enable_natpmp)) sp.setBoolean(b.swigValue(), false);
        sp.setDhtBootstrapNodes("");
        sp.listenInterfaces("127.0.0.1:0");
        SessionParams params = new SessionParams(sp);
        params.setPosixDiskIO();
        SessionManager s = new SessionManager(false);
        s.start(params);
        byte[] torrent = Files.exists(torrentOut) ? Files.readAllBytes(torrentOut)
                : new TorrentBuilder().path(file.toFile()).generate().entry().bencode();
        Files.write(torrentOut, torrent);
        TorrentInfo ti = new TorrentInfo(torrent);
        AddTorrentParams p = new AddTorrentParams();
        p.setTorrentInfo(ti);
        p.setSavePath(file.getParent().toString());
        p.setFlags(p.getFlags().or_(TorrentFlags.SEED_MODE).and_(TorrentFlags.AUTO_MANAGED.inv()).and_(TorrentFlags.PAUSED.inv()));
        error_code ec = new error_code();
        s.swig().add_torrent(p.swig(), ec);
        if (ec.value() != 0) throw new IllegalStateException(ec.message());
        System.out.println("port " + s.swig().listen_port() + " hash " + ti.infoHash().toHex() + " pieces " + ti.numPieces()
                + " piece-length " + ti.pieceLength());
        System.out.flush();
        while (System.in.read() >= 0) { }
        s.stop();
    }
}
