-- The cluster's nodes as they report themselves: every node beats here (with its encode claims) with how many of its
-- encoders are busy; a node whose last
-- beat is older than the encode lease has stopped answering. Shown to operators (GET /api/v1/nodes, admin console).
CREATE TABLE kinora_node (
    name       VARCHAR(128) NOT NULL PRIMARY KEY,
    started_at TIMESTAMP    NOT NULL,
    last_seen  TIMESTAMP    NOT NULL,
    slots      INTEGER      NOT NULL,
    busy       INTEGER      NOT NULL
);
