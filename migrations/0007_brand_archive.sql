-- Brands can be archived: hidden from dashboards and syncs, kept with their history,
-- and restorable. Active brands are the ones listed by default.
ALTER TABLE brands ADD COLUMN archived_at timestamptz;
CREATE INDEX idx_brands_workspace_active ON brands (workspace_id, name) WHERE archived_at IS NULL;
