package io.kinora.testsupport;

import io.kinora.catalog.domain.Rendition;
import io.kinora.catalog.domain.Video;
import io.kinora.security.domain.Account;
import io.kinora.security.domain.Setting;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/**
 * Kinora's entities on Hibernate outside the container: the same classes as the production unit
 * {@code kinora} (META-INF/persistence.xml), but on a plain DataSource with resource-local transactions,
 * because that unit needs the server's JTA data source. The schema is Flyway's: Hibernate creates nothing.
 */
public final class StandaloneJpa {
    private StandaloneJpa() { }

    /** @param schemaAction {@code none} (like production) or {@code validate} (mapping vs. migrated schema) */
    public static EntityManagerFactory create(DataSource dataSource, String schemaAction) {
        Configuration cfg = new Configuration()
                .addAnnotatedClass(Account.class)
                .addAnnotatedClass(Setting.class)
                .addAnnotatedClass(io.kinora.security.domain.SsoSession.class)
                .addAnnotatedClass(Video.class)
                .addAnnotatedClass(Rendition.class)
                .addAnnotatedClass(io.kinora.webhooks.Webhook.class)
                .setProperty(AvailableSettings.HBM2DDL_AUTO, schemaAction)
                .setProperty(AvailableSettings.JAKARTA_HBM2DDL_DATABASE_ACTION, "none")
                .setProperty(AvailableSettings.SHOW_SQL, "false");
        cfg.getProperties().put(AvailableSettings.DATASOURCE, dataSource);
        return cfg.buildSessionFactory();
    }

    /** Runs {@code work} in its own EntityManager and resource-local transaction; commits or rolls back. */
    public static <T> T call(EntityManagerFactory emf, Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } catch (RuntimeException e) {
            if (em.getTransaction().isActive()) em.getTransaction().rollback();
            throw e;
        } finally {
            em.close();
        }
    }

    public static void run(EntityManagerFactory emf, Consumer<EntityManager> work) {
        call(emf, em -> {
            work.accept(em);
            return null;
        });
    }
}
