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
import jakarta.persistence.TypedQuery;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
     * Built as JPQL from fixed fragments; user text only ever travels as a parameter. Private videos of
     * others never match unless the caller sees all. Indexed by (visibility, created_at) and
     * (owner_id, created_at); the text match is a scan over what the scope leaves.
     */
    @Override
    public VideoPage search(VideoQuery q) {
        StringBuilder where = new StringBuilder(" where 1=1");
        Map<String, Object> params = new HashMap<>();
        if (!q.all()) {
            if (q.viewerId() == null) {
                where.append(" and v.visibility = :pub");
            } else {
                where.append(" and (v.visibility = :pub or v.ownerId = :viewer)");
                params.put("viewer", q.viewerId());
            }
            params.put("pub", Visibility.PUBLIC);
        }
        if (q.ownerId() != null) {
            where.append(" and v.ownerId = :owner");
            params.put("owner", q.ownerId());
        }
        if (q.status() != null) {
            where.append(" and v.status = :status");
            params.put("status", q.status());
        }
        if (q.visibility() != null) {
            where.append(" and v.visibility = :vis");
            params.put("vis", q.visibility());
        }
        if (q.text() != null && !q.text().isBlank()) {
            where.append(" and (lower(v.title) like :text escape '!' or lower(v.description) like :text escape '!')");
            params.put("text", "%" + q.text().strip().toLowerCase(Locale.ROOT)
                    .replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        String dir = q.ascending() ? " asc" : " desc";
        String order = q.sortByTitle() ? " order by lower(v.title)" + dir + ", v.id" : " order by v.createdAt" + dir + ", v.id";
        TypedQuery<Video> items = em.createQuery("select v from Video v" + where + order, Video.class);
        TypedQuery<Long> count = em.createQuery("select count(v) from Video v" + where, Long.class);
        params.forEach((k, val) -> {
            items.setParameter(k, val);
            count.setParameter(k, val);
        });
        List<Video> page = items.setFirstResult(q.offset()).setMaxResults(q.limit()).getResultList();
        return new VideoPage(page, count.getSingleResult());
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
