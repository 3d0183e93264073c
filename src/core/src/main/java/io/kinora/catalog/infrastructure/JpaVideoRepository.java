package io.kinora.catalog.infrastructure;

import io.kinora.catalog.domain.PlaybackRule;
import io.kinora.catalog.domain.Video;
import io.kinora.catalog.domain.VideoRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import io.kinora.catalog.domain.VideoPage;
import io.kinora.catalog.domain.VideoQuery;
import io.kinora.catalog.domain.Visibility;
import jakarta.persistence.Query;
import io.kinora.catalog.domain.SearchWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaVideoRepository implements VideoRepository {
    @PersistenceContext(unitName = "kinora")
    EntityManager em;

    public JpaVideoRepository() { }

    /** For use outside the container (tests against a real PostgreSQL). */
    public JpaVideoRepository(EntityManager em) { this.em = em; }

    @Override
    public Optional<Video> find(String id) {
        return Optional.ofNullable(em.find(Video.class, id));
    }

    @Override
    public Optional<PlaybackRule> playbackRule(String id) {
        return em.createQuery("select new io.kinora.catalog.domain.PlaybackRule(v.id, v.ownerId, v.visibility)"
                        + " from Video v where v.id = :id", PlaybackRule.class)
                .setParameter("id", id).getResultStream().findFirst();
    }

    @Override
    public Optional<Video> findByOwnerAndHash(long ownerId, String sha256) {
        return em.createQuery("select v from Video v where v.ownerId = :o and v.contentSha256 = :h", Video.class)
                .setParameter("o", ownerId).setParameter("h", sha256).setMaxResults(1)
                .getResultStream().findFirst();
    }

    @Override
    public Optional<Video> findByJobExecution(long jobExecutionId) {
        return em.createQuery("select v from Video v where v.jobExecutionId = :j", Video.class)
                .setParameter("j", jobExecutionId).getResultStream().findFirst();
    }

    @Override
    public List<Video> listByOwner(long ownerId, int offset, int limit) {
        return em.createQuery("select v from Video v where v.ownerId = :o order by v.createdAt desc", Video.class)
                .setParameter("o", ownerId).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    /**
     * Plain SQL from fixed fragments (H2 plans these shapes well only as written here); user text only ever
     * travels as a parameter. Private videos of others never match unless the caller sees all. Three shapes, each
     * bounded by the count cap rather than by the size of the library:
     * <ul>
     * <li>no words: walk ix_video_created newest first and stop after the page; count up to the cap.</li>
     * <li>the rarest query word starts the words of at most COUNT_CAP videos: start from those (video_word
     *     index) and look each up by id; the total is exact.</li>
     * <li>every word is commoner than that: walk newest first checking the words per row (so many rows match
     *     that a page is found quickly); the total, flagged capped, is a lower bound: the matches among the
     *     rarest word's first SAMPLE videos.</li>
     * </ul>
     */
    @Override
    public VideoPage search(VideoQuery q) {
        Sql where = new Sql(" where 1=1");
        if (!q.all()) {
            if (q.viewerId() == null) where.add(" and v.visibility = ?", Visibility.PUBLIC.name());
            else where.add(" and (v.visibility = ? or v.owner_id = ?)", Visibility.PUBLIC.name(), q.viewerId());
        }
        if (q.ownerId() != null) where.add(" and v.owner_id = ?", q.ownerId());
        if (q.status() != null) where.add(" and v.status = ?", q.status().name());
        if (q.visibility() != null) where.add(" and v.visibility = ?", q.visibility().name());
        String driver = null;
        int driverMatches = Integer.MAX_VALUE;
        for (String w : SearchWords.query(q.text())) {
            int n = wordMatches(w);
            if (n == 0) return new VideoPage(List.of(), 0, false, false);
            if (n < driverMatches) {
                driver = w;
                driverMatches = n;
            }
        }
        boolean rare = driver != null && driverMatches <= VideoPage.COUNT_CAP;
        for (String w : SearchWords.query(q.text())) {
            if (rare && w.equals(driver)) continue;
            where.add(" and exists (select 1 from video_word w where w.video_id = v.id and " + PREFIX + ")", prefix(w));
        }
        if (rare) where.add(" and v.id in (select w.video_id from video_word w where " + PREFIX + ")", prefix(driver));
        String dir = q.ascending() ? " asc" : " desc";
        String order = q.sortByTitle() ? " order by lower(v.title)" + dir + ", v.id" + dir
                : " order by v.created_at" + dir + ", v.id" + dir;
        @SuppressWarnings("unchecked")
        List<Video> page = where.bind(em.createNativeQuery("select v.* from video v" + where.sql + order, Video.class))
                .setFirstResult(q.offset()).setMaxResults(q.limit() + 1).getResultList();
        boolean hasNext = page.size() > q.limit();
        if (hasNext) page = page.subList(0, q.limit());
        if (rare) return new VideoPage(page, count(where, "select count(*) from video v" + where.sql), false, hasNext);
        if (driver != null) {
            // a lower bound: how many of the rarest word's first SAMPLE videos pass the other conditions
            Sql sample = new Sql(" and v.id in (select w.video_id from video_word w where " + PREFIX + " fetch first "
                    + SAMPLE + " rows only)", prefix(driver));
            long atLeast = count(where.then(sample), "select count(*) from video v" + where.sql + sample.sql);
            return new VideoPage(page, atLeast, true, hasNext);
        }
        long seen = count(where, "select count(*) from (select 1 from video v" + where.sql + " fetch first "
                + (VideoPage.COUNT_CAP + 1) + " rows only) c");
        return new VideoPage(page, Math.min(seen, VideoPage.COUNT_CAP), seen > VideoPage.COUNT_CAP, hasNext);
    }

    /** Word-index entries looked at for the lower-bound total of a search whose words are all common. */
    private static final int SAMPLE = 200;

    /** How many videos have a word starting with {@code prefix}, counted up to the cap + 1 (index range only). */
    private int wordMatches(String word) {
        return (int) count(new Sql("", prefix(word)), "select count(*) from (select 1 from video_word w where " + PREFIX
                + " fetch first " + (VideoPage.COUNT_CAP + 1) + " rows only) c");
    }

    /**
     * A word prefix as an index range (see {@link SearchWords#after}), exact in code point order. Not LIKE: H2 reads
     * the whole index for LIKE with a parameter, and next to the range it made PostgreSQL misjudge how many rows
     * match and pick plans a hundred times slower.
     */
    private static final String PREFIX = "w.word >= ? and w.word < ?";

    private static Object[] prefix(String word) {
        return new Object[] {word, SearchWords.after(word)};
    }

    private long count(Sql params, String sql) {
        return ((Number) params.bind(em.createNativeQuery(sql)).getSingleResult()).longValue();
    }

    /** A SQL fragment and its positional parameters, in order. */
    private static final class Sql {
        final StringBuilder sql = new StringBuilder();
        final List<Object> params = new ArrayList<>();

        Sql(String sql, Object... params) {
            add(sql, params);
        }

        Sql add(String fragment, Object... values) {
            sql.append(fragment);
            params.addAll(List.of(values));
            return this;
        }

        /** Parameters of this fragment followed by those of the next one. */
        Sql then(Sql next) {
            Sql both = new Sql("");
            both.params.addAll(params);
            both.params.addAll(next.params);
            return both;
        }

        Query bind(Query query) {
            for (int i = 0; i < params.size(); i++) query.setParameter(i + 1, params.get(i));
            return query;
        }
    }

    @Override
    public List<String> idsByOwner(long ownerId) {
        return em.createQuery("select v.id from Video v where v.ownerId = :o", String.class)
                .setParameter("o", ownerId).getResultList();
    }

    @Override
    public Video save(Video video) {
        if (em.find(Video.class, video.id()) == null) {
            em.persist(video);
            return video;
        }
        return em.merge(video);
    }

    @Override
    public void delete(Video video) {
        em.remove(em.contains(video) ? video : em.merge(video));
    }
}
