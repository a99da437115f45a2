-- "Make this a lead": a conversation's participant becomes a CRM lead, linked
-- both ways (the conversation names its lead; the lead keeps the platform and
-- the person's id there, so the same person is found again instead of twice).
ALTER TABLE leads
    ADD COLUMN platform         text,
    ADD COLUMN platform_user_id varchar(255);
CREATE UNIQUE INDEX leads_platform_user
    ON leads (workspace_id, platform, platform_user_id) WHERE platform_user_id IS NOT NULL;
CREATE INDEX idx_leads_email ON leads (workspace_id, lower(email)) WHERE email IS NOT NULL;
CREATE INDEX idx_leads_phone ON leads (workspace_id, phone) WHERE phone IS NOT NULL;

ALTER TABLE conversations
    ADD COLUMN lead_id uuid,
    ADD CONSTRAINT conversations_lead_fkey FOREIGN KEY (workspace_id, lead_id)
        REFERENCES leads (workspace_id, id) ON DELETE SET NULL (lead_id);
CREATE INDEX idx_conversations_lead_id ON conversations (lead_id);
