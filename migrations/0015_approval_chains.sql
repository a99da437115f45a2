-- Approval chains (seed 003 `workflows` of type APPROVAL and `approvals`).
--
-- A chain is a `workflows` row of type 'approval' whose `settings` hold its
-- ordered levels (each "any one of" or "all of" a set of members or a role) and
-- the accounts it covers. Submitting a post starts a round: one `approvals` row
-- per approver of level 1; when a level is satisfied the next level's rows are
-- added. Editing what a post says starts a new round; the rows of the old one
-- stay as history, marked 'superseded' if nobody decided them.

ALTER TABLE approvals DROP CONSTRAINT approvals_status_check;
ALTER TABLE approvals
    ADD CONSTRAINT approvals_status_check CHECK (status IN (
        'pending', 'approved', 'rejected',
        -- Not in the seed: "request changes" (the author edits and resubmits),
        -- a row whose round ended before its approver decided, and a round whose
        -- post reached its publish time still waiting.
        'changes_requested', 'superseded', 'expired')),
    ADD COLUMN workflow_id uuid,
    ADD COLUMN round       integer     NOT NULL DEFAULT 1 CHECK (round >= 1),
    -- How the row's level is satisfied: 'any' one approval or 'all' of them.
    ADD COLUMN mode        text        NOT NULL DEFAULT 'any' CHECK (mode IN ('any', 'all')),
    -- The version of the post this round approves (a hash of its text, files
    -- and targets): a changed post needs a new round, a moved one does not.
    ADD COLUMN version     text        NOT NULL DEFAULT '',
    ADD COLUMN decided_at  timestamptz,
    ADD CONSTRAINT approvals_workflow_fkey FOREIGN KEY (workspace_id, workflow_id)
        REFERENCES workflows (workspace_id, id) ON DELETE SET NULL (workflow_id);
CREATE UNIQUE INDEX approvals_post_round_level_approver_key
    ON approvals (post_id, round, level, approver_id);
CREATE INDEX idx_approvals_workspace_approver_status
    ON approvals (workspace_id, approver_id, status);
CREATE INDEX idx_approvals_workspace_decided ON approvals (workspace_id, decided_at);

-- The version of the post its chain last approved.
ALTER TABLE posts ADD COLUMN approved_version text;

-- A post's internal comment thread (not in the seeds), shown with its approval
-- history; `mentions` are the members an @mention named, who were notified.
CREATE TABLE post_comments (
    id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid        NOT NULL,
    post_id      uuid        NOT NULL,
    author_id    uuid        REFERENCES users (id) ON DELETE SET NULL,
    body         text        NOT NULL CHECK (btrim(body) <> '' AND char_length(body) <= 2000),
    mentions     uuid[]      NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT post_comments_post_fkey FOREIGN KEY (workspace_id, post_id)
        REFERENCES posts (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_post_comments_post_created ON post_comments (workspace_id, post_id, created_at);
