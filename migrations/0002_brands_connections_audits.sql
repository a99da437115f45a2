-- Brands, metrics and insights (seed 001); one connections table for seed 000
-- platform_connections, seed 001 integrations and seed 004 integrations, with a kind;
-- connection logs, scheduled audits and audit templates (seed 000).
-- Tenant-owned children reference parents by (workspace_id, id), so a row can never
-- point at another workspace's row.

CREATE TABLE brands (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    created_by   uuid REFERENCES users (id) ON DELETE SET NULL,
    name         varchar(100) NOT NULL CHECK (btrim(name) <> ''),
    domain       varchar(255),
    currency     varchar(3)   NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
    timezone     varchar(50)  NOT NULL DEFAULT 'UTC',
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now(),
    -- Also the workspace's brand index (seed 001 idx_brands_user_id).
    CONSTRAINT brands_workspace_id_id_key UNIQUE (workspace_id, id)
);

CREATE TABLE connections (
    id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id          uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    -- audit: an account audited by seed 000; brand: a brand's data source (seed 001);
    -- tool: a work tool whose usage seed 004's efficiency auditor measures.
    kind                  text        NOT NULL CHECK (kind IN ('audit', 'brand', 'tool')),
    brand_id              uuid,
    connected_by          uuid REFERENCES users (id) ON DELETE SET NULL,
    platform              varchar(50) NOT NULL,
    status                text        NOT NULL DEFAULT 'disconnected'
                          CHECK (status IN ('connected', 'disconnected', 'error', 'expired')),
    is_active             boolean GENERATED ALWAYS AS (status = 'connected') STORED,
    -- Encrypted at rest (AES-256-GCM envelope with key id); never plain text.
    access_token          text,
    refresh_token         text,
    credentials           text,
    token_expires_at      timestamptz,
    platform_account_id   varchar(255),
    platform_account_name varchar(255),
    last_sync_at          timestamptz,
    metadata              jsonb       NOT NULL DEFAULT '{}',
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT connections_workspace_id_id_key UNIQUE (workspace_id, id),
    CONSTRAINT connections_brand_fkey FOREIGN KEY (workspace_id, brand_id)
        REFERENCES brands (workspace_id, id) ON DELETE CASCADE,
    CONSTRAINT connections_brand_kind_check CHECK ((kind = 'brand') = (brand_id IS NOT NULL)),
    CONSTRAINT connections_platform_check CHECK (
        (kind = 'audit' AND platform IN ('google_analytics', 'meta', 'google_ads'))
        OR (kind = 'brand' AND platform IN ('shopify', 'meta', 'google_ads', 'google_analytics'))
        OR (kind = 'tool' AND platform ~ '^[a-z0-9_]+$')
    ),
    CONSTRAINT unique_brand_platform UNIQUE (brand_id, platform)
);
CREATE INDEX idx_connections_platform ON connections (platform);
CREATE INDEX idx_connections_status ON connections (status);
CREATE INDEX idx_connections_is_active ON connections (is_active);
CREATE INDEX idx_connections_connected_by ON connections (connected_by);
CREATE INDEX idx_connections_workspace_kind ON connections (workspace_id, kind);

CREATE TABLE connection_logs (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id  uuid        NOT NULL,
    connection_id uuid        NOT NULL,
    event_type    varchar(50) NOT NULL,
    status        varchar(20) NOT NULL,
    message       text        NOT NULL DEFAULT '',
    occurred_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT connection_logs_connection_fkey FOREIGN KEY (workspace_id, connection_id)
        REFERENCES connections (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_connection_logs_connection_time ON connection_logs (connection_id, occurred_at DESC);

CREATE TABLE scheduled_audits (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id       uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id            uuid REFERENCES users (id) ON DELETE SET NULL,
    frequency          text        NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly')),
    next_run           timestamptz NOT NULL,
    platforms          text[]      NOT NULL DEFAULT '{}'
                       CHECK (platforms <@ ARRAY['google_analytics', 'meta', 'google_ads']),
    notification_email varchar(255),
    active             boolean     NOT NULL DEFAULT true,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_scheduled_audits_workspace ON scheduled_audits (workspace_id);
CREATE INDEX idx_scheduled_audits_due ON scheduled_audits (next_run) WHERE active;

CREATE TABLE audit_templates (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id      uuid REFERENCES users (id) ON DELETE SET NULL,
    name         varchar(100) NOT NULL CHECK (btrim(name) <> ''),
    description  text,
    metrics      text[]       NOT NULL DEFAULT '{}',
    platforms    text[]       NOT NULL DEFAULT '{}'
                 CHECK (platforms <@ ARRAY['google_analytics', 'meta', 'google_ads']),
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX idx_audit_templates_workspace ON audit_templates (workspace_id);

CREATE TABLE metrics (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id  uuid          NOT NULL,
    brand_id      uuid          NOT NULL,
    connection_id uuid,
    date          date          NOT NULL,
    metric_type   varchar(50)   NOT NULL CHECK (metric_type IN (
                      'revenue', 'orders', 'ad_spend', 'impressions', 'clicks',
                      'conversions', 'new_customers', 'sessions', 'engagement_rate')),
    value         numeric(15,2) NOT NULL,
    currency      varchar(3)    NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
    metadata      jsonb         NOT NULL DEFAULT '{}',
    created_at    timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT metrics_brand_fkey FOREIGN KEY (workspace_id, brand_id)
        REFERENCES brands (workspace_id, id) ON DELETE CASCADE,
    CONSTRAINT metrics_connection_fkey FOREIGN KEY (workspace_id, connection_id)
        REFERENCES connections (workspace_id, id) ON DELETE SET NULL (connection_id),
    -- One value per brand, source (NULL = manual/CSV), day and type: re-syncs upsert.
    CONSTRAINT metrics_brand_source_day_key
        UNIQUE NULLS NOT DISTINCT (brand_id, connection_id, date, metric_type)
);
CREATE INDEX idx_metrics_brand_date ON metrics (brand_id, date DESC);
CREATE INDEX idx_metrics_type_date ON metrics (metric_type, date DESC);
CREATE INDEX idx_metrics_created ON metrics (created_at DESC);

CREATE TABLE insights (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid         NOT NULL,
    brand_id     uuid         NOT NULL,
    insight_type varchar(50)  NOT NULL CHECK (insight_type IN (
                     'high_cpa', 'low_roas', 'budget_recommendation', 'conversion_drop',
                     'high_performer')),
    priority     varchar(20)  NOT NULL DEFAULT 'medium'
                 CHECK (priority IN ('high', 'medium', 'low')),
    title        varchar(255) NOT NULL,
    description  text         NOT NULL,
    action_items jsonb        NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(action_items) = 'array'),
    related_data jsonb        NOT NULL DEFAULT '{}',
    is_read      boolean      NOT NULL DEFAULT false,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    expires_at   timestamptz,
    CONSTRAINT insights_brand_fkey FOREIGN KEY (workspace_id, brand_id)
        REFERENCES brands (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_insights_brand_created ON insights (brand_id, created_at DESC);
CREATE INDEX idx_insights_priority ON insights (priority);
CREATE INDEX idx_insights_is_read ON insights (is_read);
