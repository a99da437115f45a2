-- Connecting social accounts through each platform's OAuth flow, and their health.
-- A removed account keeps its row (its posts keep their history) without tokens;
-- connecting it again brings it back. The last publish outcome and the last
-- token-expiry warning sent serve the integration-health page and its daily job.

ALTER TABLE social_accounts
    ADD COLUMN removed_at      timestamptz,
    ADD COLUMN last_success_at timestamptz,
    ADD COLUMN last_error      text,
    ADD COLUMN last_error_at   timestamptz,
    -- 7 or 1: the "ends in N days" warning already sent for the current token.
    ADD COLUMN expiry_warned_days smallint;

ALTER TABLE connections
    ADD COLUMN expiry_warned_days smallint;
