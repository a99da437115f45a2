-- External approvers (not in the seeds): a client without an account gets a
-- link by email that shows only the posts shared with it and lets them approve
-- or ask for changes. The link is a capability: its token (32 random bytes) is
-- kept only as its SHA-256 (hex, as invitations keep theirs); it expires after 30 days, or when a newer link goes
-- to the same address in the workspace.
CREATE TABLE approval_links (
    id           uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    email        varchar(255) NOT NULL CHECK (position('@' in email) > 1),
    name         varchar(200),
    token_hash   char(64)     NOT NULL CONSTRAINT approval_links_token_hash_key UNIQUE,
    created_by   uuid         REFERENCES users (id) ON DELETE SET NULL,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    expires_at   timestamptz  NOT NULL,
    revoked_at   timestamptz,
    last_used_at timestamptz,
    CONSTRAINT approval_links_workspace_id_id_key UNIQUE (workspace_id, id)
);
CREATE INDEX idx_approval_links_workspace_email ON approval_links (workspace_id, lower(email));

CREATE TABLE approval_link_posts (
    workspace_id uuid NOT NULL,
    link_id      uuid NOT NULL,
    post_id      uuid NOT NULL,
    PRIMARY KEY (link_id, post_id),
    CONSTRAINT approval_link_posts_link_fkey FOREIGN KEY (workspace_id, link_id)
        REFERENCES approval_links (workspace_id, id) ON DELETE CASCADE,
    CONSTRAINT approval_link_posts_post_fkey FOREIGN KEY (workspace_id, post_id)
        REFERENCES posts (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_approval_link_posts_post ON approval_link_posts (workspace_id, post_id);

-- An external approver's decision is an approval without a member: it names the
-- link it came through.
ALTER TABLE approvals
    ALTER COLUMN approver_id DROP NOT NULL,
    ADD COLUMN link_id uuid,
    ADD CONSTRAINT approvals_link_fkey FOREIGN KEY (workspace_id, link_id)
        REFERENCES approval_links (workspace_id, id),
    ADD CONSTRAINT approvals_someone_check CHECK (approver_id IS NOT NULL OR link_id IS NOT NULL);
CREATE UNIQUE INDEX approvals_post_round_level_link_key
    ON approvals (post_id, round, level, link_id);

-- Tries with a token that matches no link, by address: too many in 15 minutes
-- and the address waits.
CREATE TABLE approval_link_failures (
    ip         text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_approval_link_failures_ip_created ON approval_link_failures (ip, created_at);

-- Reminders: how many times a waiting approval has reminded its approver, and
-- whether the managers were told it is still waiting.
ALTER TABLE approvals
    ADD COLUMN reminders        smallint    NOT NULL DEFAULT 0 CHECK (reminders BETWEEN 0 AND 2),
    ADD COLUMN last_reminded_at timestamptz,
    ADD COLUMN escalated_at     timestamptz;
CREATE INDEX idx_approvals_pending_created ON approvals (created_at) WHERE status = 'pending';
