-- The "all brands" dashboard's daily totals per workspace: every active brand's
-- metrics summed by its currency, day, source (platform or 'manual') and type.
-- Kept current by the analytics service: every write of metrics refreshes the days
-- it touched, and archiving, restoring or changing a brand's currency rebuilds the
-- workspace's (app/src/contexts/analytics/server/repo.rs).
CREATE TABLE metric_rollups (
    workspace_id uuid          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    currency     varchar(3)    NOT NULL,
    date         date          NOT NULL,
    source       varchar(32)   NOT NULL,
    metric_type  varchar(50)   NOT NULL,
    value        numeric(18,2) NOT NULL,
    PRIMARY KEY (workspace_id, currency, date, source, metric_type)
);

INSERT INTO metric_rollups (workspace_id, currency, date, source, metric_type, value)
SELECT m.workspace_id, b.currency, m.date, coalesce(c.platform, 'manual'), m.metric_type,
       sum(m.value)
FROM metrics m
JOIN brands b ON b.workspace_id = m.workspace_id AND b.id = m.brand_id AND b.archived_at IS NULL
LEFT JOIN connections c ON c.workspace_id = m.workspace_id AND c.id = m.connection_id
GROUP BY m.workspace_id, b.currency, m.date, coalesce(c.platform, 'manual'), m.metric_type;
