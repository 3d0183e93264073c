-- Issue 19: bearer tokens carry the account's token generation; a password change, "sign out everywhere" or
-- disabling the account bumps it, and tokens of an older generation are refused.
ALTER TABLE kinora_user ADD COLUMN token_generation INTEGER DEFAULT 0 NOT NULL;
-- the same moment as a time, for the tokens of the company's OIDC provider (Kinora cannot stamp them): those issued
-- up to this second are refused
ALTER TABLE kinora_user ADD COLUMN tokens_revoked_at TIMESTAMP;
