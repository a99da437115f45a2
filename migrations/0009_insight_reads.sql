-- Each member reads and dismisses insights for themselves: one row per person who
-- has read (or dismissed) an insight. `insights.is_read` (seed 001) stays, meaning
-- "someone in the workspace has read it"; the pages use the person's own row.
CREATE TABLE insight_reads (
    workspace_id uuid        NOT NULL,
    insight_id   uuid        NOT NULL REFERENCES insights (id) ON DELETE CASCADE,
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    read_at      timestamptz NOT NULL DEFAULT now(),
    dismissed_at timestamptz,
    PRIMARY KEY (insight_id, user_id),
    CONSTRAINT insight_reads_workspace_fkey FOREIGN KEY (workspace_id)
        REFERENCES workspaces (id) ON DELETE CASCADE
);
CREATE INDEX idx_insight_reads_user ON insight_reads (workspace_id, user_id);

-- What the demo and earlier versions marked read counts as read by every member
-- of the workspace at the time.
INSERT INTO insight_reads (workspace_id, insight_id, user_id)
SELECT i.workspace_id, i.id, m.user_id
FROM insights i JOIN memberships m ON m.workspace_id = i.workspace_id
WHERE i.is_read;
