-- The brand dashboard reads a workspace's metrics by day across brands; the brand
-- index (idx_metrics_brand_date) serves one brand, this one serves "all brands".
CREATE INDEX idx_metrics_workspace_date ON metrics (workspace_id, date);

-- An insight is about one period of one brand: the same finding for the same period
-- is never stored twice, whether or not the first one was read.
ALTER TABLE insights
    ADD COLUMN period_start date,
    ADD COLUMN period_end date,
    ADD CONSTRAINT insights_period_check CHECK (period_start <= period_end);
CREATE UNIQUE INDEX insights_brand_type_period_key
    ON insights (brand_id, insight_type, period_start, period_end);
CREATE INDEX idx_insights_workspace_created ON insights (workspace_id, created_at DESC);

-- The hour of the day (in the brand's time zone) at which its integrations sync.
ALTER TABLE brands ADD COLUMN sync_hour smallint NOT NULL DEFAULT 6
    CHECK (sync_hour BETWEEN 0 AND 23);
