-- "Draft with AI" in the inbox: the model's draft of the next reply is kept on
-- the conversation (like a person's unsent draft), so it survives a reload and
-- whoever opens the thread next sees it; sending the reply clears it, and a
-- reply sent from it is marked `ai_generated` in the thread.
ALTER TABLE conversations
    ADD COLUMN reply_draft      text,
    -- {"model", "total_tokens", "cached", "by" (the member who asked), "at"}
    ADD COLUMN reply_draft_meta jsonb;
