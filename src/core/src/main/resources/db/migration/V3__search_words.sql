-- Search by word prefix (io.kinora.catalog.domain.SearchWords) instead of LIKE '%q%' over every title.
-- Rows are written by the application; SearchIndexBackfill fills them for videos that have none (rows made
-- before this migration, or inserted with SQL).
-- Words compare in code point order, so that a prefix is an index range (word >= p AND word < after(p)) under
-- any database locale: ${binary_collation} is COLLATE "C" on PostgreSQL and empty on H2 (binary by default),
-- set by FlywayMigrations.
CREATE TABLE video_word (
    video_id VARCHAR(36) NOT NULL REFERENCES video (id) ON DELETE CASCADE,
    word     VARCHAR(64) ${binary_collation} NOT NULL
);
CREATE UNIQUE INDEX ix_video_word ON video_word (word, video_id);
-- per-video checks of a query word (EXISTS ... video_id = ? AND word in the range) and deletes
CREATE INDEX ix_video_word_video ON video_word (video_id, word);
-- listings are newest first: an index in that order lets both databases stop after one page instead of
-- sorting the whole scope; the (visibility, created_at) index made H2 pick it and sort 90 % of the table
DROP INDEX ix_video_visibility_created;
CREATE INDEX ix_video_created ON video (created_at DESC, id DESC);
