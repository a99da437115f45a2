-- Posting times (not in the seeds): the times of the week an account posts at.
-- "Add to queue" in the composer gives a post the next of them that no other
-- scheduled post of the same account holds. Times are wall-clock times in the
-- workspace's time zone; `weekday` is ISO (1 = Monday … 7 = Sunday).
CREATE TABLE posting_slots (
    id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    account_id   uuid        NOT NULL,
    weekday      smallint    NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    at           time        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT posting_slots_account_fkey FOREIGN KEY (workspace_id, account_id)
        REFERENCES social_accounts (workspace_id, id) ON DELETE CASCADE,
    CONSTRAINT posting_slots_account_weekday_at_key UNIQUE (account_id, weekday, at)
);
CREATE INDEX idx_posting_slots_workspace_account ON posting_slots (workspace_id, account_id);
