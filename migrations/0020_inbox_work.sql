-- Working the inbox: who read a thread up to when, internal notes, snoozing, a
-- sentiment a person set (kept over the scorer's), when the team first answered
-- and when the thread was resolved, and how each reply fared on its platform.
ALTER TABLE conversations
    ADD COLUMN snoozed_until     timestamptz,
    ADD COLUMN sentiment_manual  boolean     NOT NULL DEFAULT false,
    ADD COLUMN first_response_at timestamptz,
    ADD COLUMN resolved_at       timestamptz,
    -- The seed's order, "priority DESC", as a number an index can keep.
    ADD COLUMN priority_rank     smallint GENERATED ALWAYS AS (
        CASE priority WHEN 'urgent' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END
    ) STORED;
-- The inbox's list: a workspace's threads of one status, most urgent and most
-- recent first.
CREATE INDEX idx_conversations_inbox_order
    ON conversations (workspace_id, status, priority_rank DESC, last_message_at DESC);

ALTER TABLE messages
    -- An outbound reply: sending, sent (the platform gave its id) or failed
    -- (`error` says why, in words); inbound messages have none.
    ADD COLUMN delivery text CHECK (delivery IN ('sending', 'sent', 'failed')),
    ADD COLUMN error    text;

CREATE TABLE conversation_notes (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id    uuid        NOT NULL,
    conversation_id uuid        NOT NULL,
    author_id       uuid REFERENCES users (id) ON DELETE SET NULL,
    body            text        NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT conversation_notes_conversation_fkey FOREIGN KEY (workspace_id, conversation_id)
        REFERENCES conversations (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_conversation_notes_conversation ON conversation_notes (conversation_id, created_at);

CREATE TABLE conversation_reads (
    workspace_id    uuid        NOT NULL,
    conversation_id uuid        NOT NULL,
    user_id         uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    read_at         timestamptz NOT NULL,
    PRIMARY KEY (conversation_id, user_id),
    CONSTRAINT conversation_reads_conversation_fkey FOREIGN KEY (workspace_id, conversation_id)
        REFERENCES conversations (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_conversation_reads_user ON conversation_reads (user_id);
