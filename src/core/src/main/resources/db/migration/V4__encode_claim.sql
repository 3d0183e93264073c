-- One live encode execution per video, cluster-wide: a node claims the video before it starts (or restarts) a job,
-- in one conditional statement, and keeps the claim alive with a heartbeat while the execution runs. A claim whose
-- heartbeat is older than the lease belongs to a dead node: another node may take it over and restart the job.
-- No foreign key to video: a claim outlives nothing (it is removed when the job ends) and must not block a delete.
CREATE TABLE encode_claim (
    video_id     VARCHAR(36)  NOT NULL PRIMARY KEY,
    execution_id BIGINT,
    node         VARCHAR(128) NOT NULL,
    heartbeat_at TIMESTAMP    NOT NULL
);
CREATE INDEX ix_encode_claim_node ON encode_claim (node);
