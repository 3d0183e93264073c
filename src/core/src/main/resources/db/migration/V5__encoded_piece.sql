-- Which node encoded which piece of which rendition (the audio track is rendition '' piece -1), and how long it took:
-- for operators (the job view, the admin console) and for the cluster test. Written by the node that encoded it; a
-- piece encoded again (a restart, a redelivered item) records its latest node.
CREATE TABLE encoded_piece (
    video_id    VARCHAR(36)  NOT NULL,
    rendition   VARCHAR(32)  NOT NULL,
    piece_index INTEGER      NOT NULL,
    node        VARCHAR(128) NOT NULL,
    millis      BIGINT       NOT NULL,
    encoded_at  TIMESTAMP    NOT NULL,
    PRIMARY KEY (video_id, rendition, piece_index)
);
