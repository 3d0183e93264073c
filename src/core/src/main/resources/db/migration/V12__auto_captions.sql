-- Automatic captions of a video (issue 18): what the upload or the owner asked for, and what the captions step did.
-- requested: the upload's autoCaptions (NULL: the configuration's default, kinora.captions.auto); lang: the language
-- asked for (NULL: the engine's default), after DONE the language of the automatic track. state: REQUESTED (asked,
-- not run yet), QUEUED (its own small job is starting), RUNNING, DONE (a track is published and marked automatic),
-- SKIPPED (no engine, no sound, no speech, a language the engine lacks, the owner's own track kept), FAILED (the
-- recognizer failed; the video stays COMPLETED), REPLACED (the owner uploaded or removed that language since).
-- note: a sentence for people, never a server path.
CREATE TABLE auto_captions (
    video_id      VARCHAR(36)   NOT NULL PRIMARY KEY REFERENCES video (id) ON DELETE CASCADE,
    requested     BOOLEAN,
    lang          VARCHAR(16),
    state         VARCHAR(16)   NOT NULL,
    engine        VARCHAR(32),
    note          VARCHAR(1000),
    words         INTEGER,
    audio_seconds DOUBLE PRECISION,
    recognize_seconds DOUBLE PRECISION,
    execution_id  BIGINT,
    updated_at    TIMESTAMP     NOT NULL
);
