package io.kinora.catalog.infrastructure;

import io.kinora.catalog.domain.Video;
import io.kinora.catalog.domain.VideoRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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
