package io.kinora.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Objects as plain files under a root directory, for single-node installs and development.
 *
 * <p>Layout: the object {@code a/b/c.mp4} is {@code root/a/b/c.mp4}; its metadata (etag, content
 * type) is the sidecar {@code root/a/b/.c.mp4.meta}. Writes go to a {@code .tmp-*} file in the same
 * directory and are renamed over the key atomically, so a crash never leaves half an object under
 * its key. Multipart uploads live in {@code root/.multipart/<uploadId>/}, one file per part named
 * {@code <n>.<md5>} so that a part and its etag appear in a single rename. Keys never have
 * dot-segments ({@link ObjectKeys}), so none of these names can collide with an object.
 *
 * <p>Etags are the hex MD5 of the content, computed while streaming the write: it costs little
 * next to the disk I/O and is exactly what S3 returns for single-part objects; multipart objects
 * get S3's {@code md5(part md5s)-N} form. It is an identity for caching and resume, not a
 * security digest.
 *
 * <p>Limitation versus S3: a key cannot be both an object and a "directory" of other keys
 * ({@code a} and {@code a/b}); Kinora's key schemes never do that.
 */
public class FilesystemObjectStore implements ObjectStore {

    private static final String MULTIPART_DIR = ".multipart";
    private static final String UPLOAD_FILE = "upload.properties";
    private static final Pattern PART_FILE = Pattern.compile("(\\d{1,5})\\.([0-9a-f]{32})");
    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int BUFFER = 64 * 1024;

    private final Path root;

    /**
     * Sidecars already read, checked against the file's attributes on every use: serving a segment then costs one
     * stat call instead of opening and parsing a properties file. Bounded crudely; a miss only re-reads a sidecar.
     */
    private final Map<Path, Meta> metas = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_METAS = 10_000;

    public FilesystemObjectStore(Path root) throws IOException {
        this.root = Files.createDirectories(root.toAbsolutePath().normalize());
    }

    public Path root() {
        return root;
    }

    @Override
    public String kind() {
        return "filesystem";
    }

    // ------------------------------------------------------------------ writes

    @Override
    public void put(String key, Path file) throws IOException {
        ObjectKeys.requireKey(key);
        try (InputStream in = Files.newInputStream(file)) {
            put(key, in, Files.size(file), null);
        }
    }

    @Override
    public void put(String key, InputStream in, long length, String contentType) throws IOException {
        Path target = resolve(ObjectKeys.requireKey(key));
        Written w = writeTemp(target.getParent(), in, length);
        commit(w, target, HexFormat.of().formatHex(w.md5), ContentTypes.orGuess(contentType, key));
    }

    /**
     * Renames the file into the key's directory, then over the key. Its etag is the first half of its SHA-256
     * (no MD5 without reading it again; an etag is an identity, S3's multipart etags are no MD5 either). Another
     * file system cannot rename: then it is copied like {@link #put(String, Path)}.
     */
    @Override
    public void adopt(String key, Path file, String sha256) throws IOException {
        Path target = resolve(ObjectKeys.requireKey(key));
        Path temp = createTemp(target.getParent());
        try {
            Files.move(file, temp, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temp);
            ObjectStore.super.adopt(key, file, sha256);
            return;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ch.force(true); // the caller may not have synced every byte
        }
        commit(new Written(temp, Files.size(temp), null, Meta.Stamp.of(temp)), target, sha256.substring(0, 32),
                ContentTypes.orGuess(null, key));
    }

    /** Renames a finished temp file over the key, then records its metadata. */
    private void commit(Written w, Path target, String etag, String contentType) throws IOException {
        try {
            Files.move(w.temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(w.temp);
            throw e;
        }
        // attributes were read from the temp file: a rename keeps inode and mtime, and a concurrent
        // writer of the same key can then only make the sidecar look stale, never wrong
        writeMeta(target, new Meta(etag, contentType, w.attrs));
    }

    private record Written(Path temp, long size, byte[] md5, Meta.Stamp attrs) {
    }

    /** Streams into a temp file in {@code dir}, digesting as it goes, and syncs it to disk. */
    private Written writeTemp(Path dir, InputStream in, long length) throws IOException {
        Path temp = createTemp(dir);
        try {
            MessageDigest md5 = md5();
            long total = 0;
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                byte[] buf = new byte[BUFFER];
                while (length < 0 || total < length) {
                    int want = length < 0 ? buf.length : (int) Math.min(buf.length, length - total);
                    int n = in.read(buf, 0, want);
                    if (n < 0) {
                        break;
                    }
                    md5.update(buf, 0, n);
                    ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                    while (bb.hasRemaining()) {
                        out.write(bb);
                    }
                    total += n;
                }
                if (length >= 0 && total < length) {
                    throw new IOException("stream ended after " + total + " of " + length + " bytes");
                }
                out.force(true); // the rename must never publish data still in the page cache only
            }
            return new Written(temp, total, md5.digest(), Meta.Stamp.of(temp));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Creates the directory and a temp file in it, retrying if a concurrent delete prunes the directory. */
    private Path createTemp(Path dir) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                Files.createDirectories(dir);
                return Files.createTempFile(dir, ".tmp-", null);
            } catch (NoSuchFileException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    // ------------------------------------------------------------------ reads

    @Override
    public InputStream get(String key) throws IOException {
        return get(key, 0, -1);
    }

    @Override
    public InputStream get(String key, long offset, long length) throws IOException {
        checkRange(offset, length);
        FileChannel ch = openObject(key);
        try {
            long end = end(ch.size(), offset, length);
            ch.position(Math.min(offset, end));
            return new LimitedInputStream(Channels.newInputStream(ch), end - ch.position());
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public long transferTo(String key, long offset, long length, WritableByteChannel out) throws IOException {
        checkRange(offset, length);
        try (FileChannel ch = openObject(key)) {
            long end = end(ch.size(), offset, length);
            long pos = Math.min(offset, end);
            while (pos < end) {
                long n = ch.transferTo(pos, end - pos, out); // sendfile/splice where the OS offers it
                if (n <= 0) {
                    break;
                }
                pos += n;
            }
            return pos - Math.min(offset, end);
        }
    }

    @Override
    public Optional<Path> localFile(String key) {
        return Optional.of(resolve(ObjectKeys.requireKey(key)));
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws IOException {
        Path file = resolve(ObjectKeys.requireKey(key));
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!attrs.isRegularFile()) {
            return Optional.empty();
        }
        Meta meta = metas.get(file);
        if (meta == null || !meta.stamp().equals(Meta.Stamp.of(attrs))) {
            meta = readMeta(file, attrs);
            if (metas.size() >= MAX_CACHED_METAS) metas.clear();
            metas.put(file, meta);
        }
        return Optional.of(new ObjectInfo(key, attrs.size(), meta.etag, attrs.lastModifiedTime().toInstant(),
                meta.contentType));
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
        ObjectKeys.requirePrefix(prefix);
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                String dirKey = keyOf(dir) + "/";
                boolean relevant = dirKey.startsWith(prefix) || prefix.startsWith(dirKey);
                return isHidden(dir) || !relevant ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String key = keyOf(file);
                if (attrs.isRegularFile() && !isHidden(file) && key.startsWith(prefix)) {
                    keys.add(key);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // deleted while we walked
                }
                throw e;
            }
        });
        keys.sort(Comparator.naturalOrder());
        List<ObjectInfo> result = new ArrayList<>(keys.size());
        for (String key : keys) {
            stat(key).ifPresent(result::add);
        }
        return result;
    }

    // ------------------------------------------------------------------ deletes

    @Override
    public void delete(String key) throws IOException {
        Path file = resolve(ObjectKeys.requireKey(key));
        if (Files.isRegularFile(file)) {
            Files.deleteIfExists(file);
        }
        Files.deleteIfExists(metaPath(file));
        pruneEmptyParents(file.getParent());
    }

    @Override
    public int deletePrefix(String prefix) throws IOException {
        if (ObjectKeys.requirePrefix(prefix).isEmpty()) {
            throw new IllegalArgumentException("refusing to delete with an empty prefix");
        }
        int deleted = 0;
        TreeMap<Integer, List<Path>> dirsByDepth = new TreeMap<>(Comparator.reverseOrder());
        for (ObjectInfo info : list(prefix)) {
            Path file = resolve(info.key());
            if (Files.deleteIfExists(file)) {
                deleted++;
            }
            Files.deleteIfExists(metaPath(file));
            Path dir = file.getParent();
            dirsByDepth.computeIfAbsent(dir.getNameCount(), d -> new ArrayList<>()).add(dir);
        }
        // deepest first, so that a parent emptied by its children's removal goes too
        for (List<Path> dirs : dirsByDepth.values()) {
            for (Path dir : dirs) {
                pruneEmptyParents(dir);
            }
        }
        return deleted;
    }

    /** Removes {@code dir} and its ancestors while they are empty, never the root. */
    private void pruneEmptyParents(Path dir) throws IOException {
        while (dir != null && dir.startsWith(root) && !dir.equals(root)) {
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            }
            dir = dir.getParent();
        }
    }

    // ------------------------------------------------------------------ multipart

    @Override
    public String createMultipart(String key, String contentType) throws IOException {
        ObjectKeys.requireKey(key);
        String uploadId = UUID.randomUUID().toString();
        Path dir = Files.createDirectories(root.resolve(MULTIPART_DIR).resolve(uploadId));
        Properties p = new Properties();
        p.setProperty("key", key);
        p.setProperty("contentType", ContentTypes.orGuess(contentType, key));
        writeProperties(dir.resolve(UPLOAD_FILE), p);
        return uploadId;
    }

    @Override
    public PartInfo uploadPart(String key, String uploadId, int partNumber, InputStream in, long length)
            throws IOException {
        checkPartNumber(partNumber);
        Path dir = uploadDir(key, uploadId);
        Written w = writeTemp(dir, in, length);
        String etag = HexFormat.of().formatHex(w.md5);
        try {
            // a re-sent part replaces the earlier one; a crash in between just loses the part
            for (Path old : partFiles(dir).stream().filter(p -> partNumberOf(p) == partNumber).toList()) {
                Files.deleteIfExists(old);
            }
            Files.move(w.temp, dir.resolve(partNumber + "." + etag), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(w.temp);
        }
        return new PartInfo(partNumber, etag, w.size);
    }

    @Override
    public List<PartInfo> listParts(String key, String uploadId) throws IOException {
        Path dir = uploadDir(key, uploadId);
        TreeMap<Integer, PartInfo> parts = new TreeMap<>();
        for (Path p : partFiles(dir)) {
            Matcher m = PART_FILE.matcher(p.getFileName().toString());
            if (m.matches()) {
                try {
                    // on a concurrent re-send two files may briefly coexist; either is a valid part
                    parts.put(Integer.parseInt(m.group(1)), new PartInfo(Integer.parseInt(m.group(1)), m.group(2), Files.size(p)));
                } catch (NoSuchFileException e) {
                    // replaced while listing
                }
            }
        }
        return List.copyOf(parts.values());
    }

    @Override
    public void completeMultipart(String key, String uploadId, List<PartInfo> parts) throws IOException {
        Path dir = uploadDir(key, uploadId);
        Properties upload = readProperties(dir.resolve(UPLOAD_FILE));
        List<Path> files = checkedParts(dir, parts);
        Path target = resolve(key);
        Path temp = createTemp(target.getParent());
        MessageDigest etagDigest = md5();
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                for (int i = 0; i < files.size(); i++) {
                    try (FileChannel in = FileChannel.open(files.get(i), StandardOpenOption.READ)) {
                        long size = in.size();
                        long pos = 0;
                        while (pos < size) {
                            pos += in.transferTo(pos, size - pos, out);
                        }
                    }
                    etagDigest.update(HexFormat.of().parseHex(etagOf(parts.get(i))));
                }
                out.force(true);
            }
            String etag = HexFormat.of().formatHex(etagDigest.digest()) + "-" + parts.size();
            long size = Files.size(temp);
            commit(new Written(temp, size, null, Meta.Stamp.of(temp)), target, etag, upload.getProperty("contentType"));
        } finally {
            Files.deleteIfExists(temp);
        }
        deleteTree(dir);
    }

    /** S3's completion rules: ascending part numbers, known etags, all parts but the last ≥ 5 MiB. */
    private List<Path> checkedParts(Path dir, List<PartInfo> parts) throws IOException {
        if (parts == null || parts.isEmpty()) {
            throw new IllegalArgumentException("a multipart upload needs at least one part");
        }
        List<Path> existing = partFiles(dir);
        List<Path> files = new ArrayList<>(parts.size());
        int previous = 0;
        for (int i = 0; i < parts.size(); i++) {
            PartInfo part = parts.get(i);
            if (part.partNumber() <= previous) {
                throw new IllegalArgumentException("parts must be listed in ascending order: " + part.partNumber()
                        + " after " + previous);
            }
            previous = part.partNumber();
            Path file = dir.resolve(part.partNumber() + "." + etagOf(part));
            if (!existing.contains(file)) {
                throw new IllegalArgumentException("part " + part.partNumber() + " with etag " + part.etag()
                        + " was not uploaded");
            }
            if (i < parts.size() - 1 && Files.size(file) < MIN_PART_SIZE) {
                throw new IllegalArgumentException("part " + part.partNumber() + " is smaller than "
                        + MIN_PART_SIZE + " bytes and is not the last part");
            }
            files.add(file);
        }
        return files;
    }

    @Override
    public void abortMultipart(String key, String uploadId) throws IOException {
        deleteTree(uploadDir(key, uploadId));
    }

    @Override
    public Optional<URI> presignPart(String key, String uploadId, int partNumber, Duration ttl) {
        return Optional.empty(); // browsers upload through Kinora's own endpoint instead
    }

    @Override
    public Optional<URI> presignGet(String key, Duration ttl) {
        return Optional.empty();
    }

    /** The upload's directory, after checking that it exists and belongs to {@code key}. */
    private Path uploadDir(String key, String uploadId) throws IOException {
        ObjectKeys.requireKey(key);
        if (uploadId == null || !UPLOAD_ID.matcher(uploadId).matches()) {
            throw new ObjectNotFoundException("no multipart upload " + uploadId + " for " + key);
        }
        Path dir = root.resolve(MULTIPART_DIR).resolve(uploadId);
        try {
            if (key.equals(readProperties(dir.resolve(UPLOAD_FILE)).getProperty("key"))) {
                return dir;
            }
        } catch (NoSuchFileException e) {
            // fall through
        }
        throw new ObjectNotFoundException("no multipart upload " + uploadId + " for " + key);
    }

    private static List<Path> partFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> PART_FILE.matcher(p.getFileName().toString()).matches()).toList();
        }
    }

    private static int partNumberOf(Path p) {
        String name = p.getFileName().toString();
        return Integer.parseInt(name.substring(0, name.indexOf('.')));
    }

    private static String etagOf(PartInfo part) {
        String etag = part.etag() == null ? "" : part.etag().replace("\"", "").toLowerCase();
        if (!etag.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("part " + part.partNumber() + " has an invalid etag: " + part.etag());
        }
        return etag;
    }

    private static void checkPartNumber(int partNumber) {
        if (partNumber < 1 || partNumber > MAX_PARTS) {
            throw new IllegalArgumentException("part number must be 1.." + MAX_PARTS + ": " + partNumber);
        }
    }

    // ------------------------------------------------------------------ health

    @Override
    public StoreHealth check() {
        try {
            Path probe = Files.createTempFile(root, ".health-", null);
            Files.delete(probe);
            long free = Files.getFileStore(root).getUsableSpace();
            return StoreHealth.up("filesystem store, " + (free >> 20) + " MiB free"); // no server path in any answer
        } catch (IOException | RuntimeException e) {
            // the directory goes to the server log only: answers never name a server path (issue 19)
            java.util.logging.Logger.getLogger(FilesystemObjectStore.class.getName())
                    .warning("filesystem store at " + root + " is not writable: " + e);
            return StoreHealth.down("filesystem store is not writable: " + e.getClass().getSimpleName()
                    + " (the server log names the directory; see kinora.storage.fs.root)");
        }
    }

    // ------------------------------------------------------------------ metadata sidecars

    /** Sidecar content; the stamp tells whether it still describes the file next to it. */
    private record Meta(String etag, String contentType, Stamp stamp) {

        record Stamp(long size, long mtimeNanos, String fileKey) {
            static Stamp of(Path file) throws IOException {
                return of(Files.readAttributes(file, BasicFileAttributes.class));
            }

            static Stamp of(BasicFileAttributes a) {
                return new Stamp(a.size(), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
                        String.valueOf(a.fileKey()));
            }
        }
    }

    private static Path metaPath(Path file) {
        return file.resolveSibling("." + file.getFileName() + ".meta");
    }

    private void writeMeta(Path file, Meta meta) throws IOException {
        Properties p = new Properties();
        p.setProperty("etag", meta.etag);
        p.setProperty("contentType", meta.contentType);
        p.setProperty("size", Long.toString(meta.stamp.size()));
        p.setProperty("mtime", Long.toString(meta.stamp.mtimeNanos()));
        p.setProperty("fileKey", meta.stamp.fileKey());
        writeProperties(metaPath(file), p);
    }

    /**
     * The sidecar if it matches the file; otherwise (crash between rename and sidecar, concurrent
     * writers, files placed by hand) the etag is recomputed and the sidecar repaired.
     */
    private Meta readMeta(Path file, BasicFileAttributes attrs) throws IOException {
        Meta.Stamp stamp = Meta.Stamp.of(attrs);
        String contentType = null;
        try {
            Properties p = readProperties(metaPath(file));
            contentType = p.getProperty("contentType");
            Meta.Stamp recorded = new Meta.Stamp(Long.parseLong(p.getProperty("size", "-1")),
                    Long.parseLong(p.getProperty("mtime", "-1")), p.getProperty("fileKey"));
            if (recorded.equals(stamp) && p.getProperty("etag") != null) {
                return new Meta(p.getProperty("etag"), contentType, stamp);
            }
        } catch (NoSuchFileException | NumberFormatException e) {
            // no usable sidecar
        }
        MessageDigest md5 = md5();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[BUFFER];
            for (int n; (n = in.read(buf)) > 0; ) {
                md5.update(buf, 0, n);
            }
        }
        Meta meta = new Meta(HexFormat.of().formatHex(md5.digest()),
                contentType != null ? contentType : ContentTypes.guess(file.getFileName().toString()), stamp);
        try {
            writeMeta(file, meta);
        } catch (IOException e) {
            // only a cache; the next stat recomputes
        }
        return meta;
    }

    private void writeProperties(Path file, Properties p) throws IOException {
        Path temp = createTemp(file.getParent());
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                p.store(out, null);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Properties readProperties(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }

    // ------------------------------------------------------------------ helpers

    private Path resolve(String key) {
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root) || p.equals(root)) { // defence in depth behind ObjectKeys
            throw new IllegalArgumentException("key escapes the store root: " + key);
        }
        return p;
    }

    private String keyOf(Path p) {
        return root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
    }

    private boolean isHidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private FileChannel openObject(String key) throws IOException {
        Path file = resolve(ObjectKeys.requireKey(key));
        if (!Files.isRegularFile(file)) {
            throw new ObjectNotFoundException("no object " + key);
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException("no object " + key, e);
        }
    }

    static void checkRange(long offset, long length) {
        if (offset < 0 || length < -1) {
            throw new IllegalArgumentException("invalid range: offset " + offset + ", length " + length);
        }
    }

    private static long end(long size, long offset, long length) {
        return length < 0 ? size : Math.min(size, offset + length);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** Stops after {@code remaining} bytes; closing it closes the file. */
    private static final class LimitedInputStream extends FilterInputStream {
        private long remaining;

        LimitedInputStream(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
