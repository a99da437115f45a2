-- The inbox's threads as the platforms deliver them (seed 003 `conversations`,
-- `messages`): each conversation is one thread of one account — a person's
-- comments on one post, or their direct messages — named by `thread_key`, so a
-- redelivered webhook finds the same thread; a message is stored once per thread
-- by the platform's id.
ALTER TABLE conversations
    ADD COLUMN thread_key       varchar(512) NOT NULL DEFAULT gen_random_uuid()::text,
    -- The platform's id of the post a comment or mention is on.
    ADD COLUMN platform_post_id varchar(255),
    -- The post in Aura it came from, when Aura published it.
    ADD COLUMN post_id          uuid,
    ADD COLUMN last_message_at  timestamptz NOT NULL DEFAULT now(),
    ADD CONSTRAINT conversations_post_fkey FOREIGN KEY (workspace_id, post_id)
        REFERENCES posts (workspace_id, id) ON DELETE SET NULL (post_id);
ALTER TABLE conversations ALTER COLUMN thread_key DROP DEFAULT;
CREATE UNIQUE INDEX conversations_account_thread_key
    ON conversations (workspace_id, account_id, type, thread_key);
CREATE INDEX idx_conversations_post_id ON conversations (post_id);

CREATE UNIQUE INDEX messages_conversation_platform_message_key
    ON messages (conversation_id, platform_message_id)
    WHERE platform_message_id IS NOT NULL;
