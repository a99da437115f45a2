-- Saved replies: a workspace's answers to common questions, typed as
-- "/shortcut" in a reply (with `{name}` for the person's first name).
CREATE TABLE saved_replies (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    shortcut     varchar(40) NOT NULL CHECK (shortcut ~ '^[a-z0-9][a-z0-9-]*$'),
    body         text        NOT NULL CHECK (char_length(body) BETWEEN 1 AND 2000),
    created_by   uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT saved_replies_workspace_shortcut_key UNIQUE (workspace_id, shortcut)
);
