-- A reply form carries a one-time token: a form sent twice (a double click,
-- a resubmitted page) stores and sends the reply once.
ALTER TABLE messages ADD COLUMN client_token uuid;
CREATE UNIQUE INDEX messages_client_token
    ON messages (conversation_id, client_token) WHERE client_token IS NOT NULL;
