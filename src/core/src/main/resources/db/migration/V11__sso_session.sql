-- Issue 21: a browser sign-in through SSO is a session: Kinora's short-lived tokens name it (sid), the provider's
-- refresh token renews them, and the provider's back-channel logout or a refused refresh ends it at once.
CREATE TABLE kinora_sso_session (
    id              VARCHAR(36)    NOT NULL PRIMARY KEY,
    account_id      BIGINT         NOT NULL REFERENCES kinora_user (id) ON DELETE CASCADE,
    provider_sid    VARCHAR(255),
    refresh_token   VARCHAR(16000),
    id_token        VARCHAR(16000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    refreshed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at        TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_sso_session_account ON kinora_sso_session (account_id);
CREATE INDEX ix_sso_session_provider_sid ON kinora_sso_session (provider_sid);
