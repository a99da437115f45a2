-- Chatbot workflows in the inbox: a thread the bot handed to a person (or a
-- person answered) is the team's from then on, and an automatic answer names
-- the message it answers, once: a second answer to the same message cannot
-- be stored, so none can be sent.
ALTER TABLE conversations
    ADD COLUMN bot_stopped_at timestamptz,
    -- Why the bot handed over ("they asked for a person"), in words.
    ADD COLUMN bot_handover   text;
ALTER TABLE messages ADD COLUMN answers_message_id uuid;
CREATE UNIQUE INDEX messages_answers_once
    ON messages (answers_message_id) WHERE answers_message_id IS NOT NULL;
