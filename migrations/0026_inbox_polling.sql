-- Polling for the inbox where a platform does not push (X mentions, YouTube
-- comments, Reddit's inbox): where the last read of each account stopped, so
-- nothing is missed or read twice, and how the last read went.
CREATE TABLE inbox_poll_cursors (
    workspace_id uuid        NOT NULL,
    account_id   uuid        NOT NULL,
    -- The platform's own position: X's newest post id, YouTube's newest
    -- comment time, Reddit's newest item time.
    cursor       text,
    polled_at    timestamptz,
    -- Why the last read failed, in words (NULL when it went well).
    last_error   text,
    heard_total  bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, account_id),
    FOREIGN KEY (workspace_id, account_id)
        REFERENCES social_accounts (workspace_id, id) ON DELETE CASCADE
);
