-- Accounts, second part: sign-in attempts (rate limiting per account and per IP),
-- invitations to a workspace, password-reset links and the mail outbox.
-- Tokens are stored only as SHA-256 hashes; the link in the email carries the token.

CREATE TABLE login_attempts (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The email as typed, lower-cased; it need not belong to an account.
    email      varchar(255) NOT NULL,
    ip         varchar(64)  NOT NULL,
    succeeded  boolean      NOT NULL,
    created_at timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX idx_login_attempts_email_created ON login_attempts (email, created_at DESC);
CREATE INDEX idx_login_attempts_ip_created ON login_attempts (ip, created_at DESC);

CREATE TABLE invitations (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    email        varchar(255) NOT NULL CHECK (email = btrim(email) AND position('@' IN email) > 1),
    role         text         NOT NULL
                 CHECK (role IN ('owner', 'admin', 'manager', 'editor', 'viewer')),
    token_hash   char(64)     NOT NULL CONSTRAINT invitations_token_hash_key UNIQUE,
    invited_by   uuid REFERENCES users (id) ON DELETE SET NULL,
    expires_at   timestamptz  NOT NULL,
    accepted_at  timestamptz,
    accepted_by  uuid REFERENCES users (id) ON DELETE SET NULL,
    revoked_at   timestamptz,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    CHECK (accepted_at IS NULL OR revoked_at IS NULL)
);
-- One open invitation per email and workspace; inviting again replaces it.
CREATE UNIQUE INDEX invitations_open_email_key ON invitations (workspace_id, lower(email))
    WHERE accepted_at IS NULL AND revoked_at IS NULL;

CREATE TABLE password_resets (
    token_hash char(64)    PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_password_resets_user_id ON password_resets (user_id);

-- Every email Aura sends, kept whether or not SMTP is configured: without SMTP this
-- is the local outbox the development-only page shows.
CREATE TABLE outbox_emails (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    recipient  varchar(255) NOT NULL,
    subject    text         NOT NULL,
    body       text         NOT NULL,
    status     text         NOT NULL DEFAULT 'kept' CHECK (status IN ('kept', 'sent', 'failed')),
    error      text,
    created_at timestamptz  NOT NULL DEFAULT now(),
    sent_at    timestamptz
);
CREATE INDEX idx_outbox_emails_created_at ON outbox_emails (created_at DESC);
