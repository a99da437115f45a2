-- Reply approval: an inbox reply can wait for an approval chain (a `workflows`
-- row of type 'approval' whose settings say `"subject": "replies"`), like a
-- post. The reply is the subject: `approvals.message_id` names it instead of a
-- post, and the reply waits as `messages.delivery = 'awaiting_approval'` until
-- the chain's last level approves (then it is sent) or someone asks for
-- changes ('returned', the text kept for its author).
ALTER TABLE messages DROP CONSTRAINT messages_delivery_check;
ALTER TABLE messages
    ADD CONSTRAINT messages_delivery_check
        CHECK (delivery IN ('sending', 'sent', 'failed', 'awaiting_approval', 'returned')),
    ADD CONSTRAINT messages_workspace_id_id_key UNIQUE (workspace_id, id);

ALTER TABLE approvals
    ALTER COLUMN post_id DROP NOT NULL,
    ADD COLUMN message_id uuid,
    ADD CONSTRAINT approvals_message_fkey FOREIGN KEY (workspace_id, message_id)
        REFERENCES messages (workspace_id, id) ON DELETE CASCADE,
    ADD CONSTRAINT approvals_one_subject_check CHECK (num_nonnulls(post_id, message_id) = 1);
CREATE UNIQUE INDEX approvals_message_round_level_approver_key
    ON approvals (message_id, round, level, approver_id);
CREATE INDEX idx_approvals_message_status ON approvals (message_id, status)
    WHERE message_id IS NOT NULL;
