-- One live encode execution per video, cluster-wide: a node claims the video before it starts (or restarts) a job,
-- in one conditional statement, and keeps the claim alive with a heartbeat while the execution runs. A claim whose
-- heartbeat is older than the lease belongs to a dead node: another node may take it over and restart the job.
-- When the job ends the claim is freed (no node, no execution) but keeps the id of the dispatch message that started
-- it, so a late redelivery of that message is recognised and starts nothing. No foreign key to video: a claim must
-- not block a delete.
CREATE TABLE encode_claim (
    video_id     VARCHAR(36)  NOT NULL PRIMARY KEY,
    execution_id BIGINT,
    node         VARCHAR(128) NOT NULL,
    heartbeat_at TIMESTAMP    NOT NULL,
    dispatch_id  VARCHAR(128)
);
CREATE INDEX ix_encode_claim_node ON encode_claim (node);
