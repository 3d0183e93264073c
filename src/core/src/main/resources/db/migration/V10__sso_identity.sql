-- Issue 21: an SSO account is the provider's person (issuer + subject), never whoever holds the same name. Accounts
-- provisioned before this carry no identity yet; their first sign-in after it stamps one.
ALTER TABLE kinora_user ADD COLUMN oidc_issuer VARCHAR(500);
ALTER TABLE kinora_user ADD COLUMN oidc_subject VARCHAR(255);
CREATE UNIQUE INDEX uk_user_oidc_identity ON kinora_user (oidc_issuer, oidc_subject);
