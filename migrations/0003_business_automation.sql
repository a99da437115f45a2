-- Business automation (seed 002): leads, interactions, reviews, referrals, content,
-- company analytics, campaigns (merged with seed 003 campaigns), workflows (merged with
-- seed 003 workflows) and the scheduled-task queue. company_id is workspace_id.

CREATE TABLE leads (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id  uuid         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name          varchar(200) NOT NULL CHECK (btrim(name) <> ''),
    email         varchar(255),
    phone         varchar(50),
    source        varchar(50)  NOT NULL DEFAULT 'manual',
    status        text         NOT NULL DEFAULT 'new'
                  CHECK (status IN ('new', 'contacted', 'qualified', 'converted', 'lost')),
    notes         text,
    tags          text[]       NOT NULL DEFAULT '{}',
    assigned_to   uuid REFERENCES users (id) ON DELETE SET NULL,
    custom_fields jsonb        NOT NULL DEFAULT '{}',
    -- The referral that brought this lead (seed 002 referrals.referred_leads, inverted).
    referral_id   uuid,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    updated_at    timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT leads_workspace_id_id_key UNIQUE (workspace_id, id)
);
CREATE INDEX idx_leads_workspace_status ON leads (workspace_id, status);
CREATE INDEX idx_leads_workspace_created ON leads (workspace_id, created_at);

CREATE TABLE interactions (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid        NOT NULL,
    lead_id      uuid        NOT NULL,
    type         text        NOT NULL CHECK (type IN ('email', 'sms', 'call', 'meeting')),
    direction    text        NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    content      text,
    channel      varchar(50),
    status       text CHECK (status IN ('delivered', 'opened', 'clicked', 'replied')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    created_by   uuid REFERENCES users (id) ON DELETE SET NULL, -- NULL: the system
    metadata     jsonb       NOT NULL DEFAULT '{}',
    CONSTRAINT interactions_lead_fkey FOREIGN KEY (workspace_id, lead_id)
        REFERENCES leads (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_interactions_lead_created ON interactions (lead_id, created_at);

CREATE TABLE reviews (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id    uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    customer_id     uuid,
    platform        varchar(50) NOT NULL,
    rating          smallint CHECK (rating BETWEEN 1 AND 5),
    content         text,
    status          text        NOT NULL DEFAULT 'requested'
                    CHECK (status IN ('requested', 'completed', 'verified')),
    request_sent_at timestamptz,
    completed_at    timestamptz,
    review_url      text,
    request_message text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT reviews_customer_fkey FOREIGN KEY (workspace_id, customer_id)
        REFERENCES leads (workspace_id, id) ON DELETE SET NULL (customer_id)
);
CREATE INDEX idx_reviews_workspace_status ON reviews (workspace_id, status);

CREATE TABLE referrals (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id  uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    customer_id   uuid        NOT NULL,
    code          varchar(32) NOT NULL CONSTRAINT referrals_code_key UNIQUE
                  CHECK (code ~ '^[A-Za-z0-9_-]{3,32}$'),
    status        text        NOT NULL DEFAULT 'active'
                  CHECK (status IN ('active', 'used', 'expired')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz,
    offer_details text,
    times_used    integer     NOT NULL DEFAULT 0 CHECK (times_used >= 0),
    max_uses      integer CHECK (max_uses > 0),
    CONSTRAINT referrals_uses_within_max_check CHECK (max_uses IS NULL OR times_used <= max_uses),
    CONSTRAINT referrals_workspace_id_id_key UNIQUE (workspace_id, id),
    CONSTRAINT referrals_customer_fkey FOREIGN KEY (workspace_id, customer_id)
        REFERENCES leads (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_referrals_workspace ON referrals (workspace_id);

ALTER TABLE leads ADD CONSTRAINT leads_referral_fkey FOREIGN KEY (workspace_id, referral_id)
    REFERENCES referrals (workspace_id, id) ON DELETE SET NULL (referral_id);
CREATE INDEX idx_leads_referral_id ON leads (referral_id) WHERE referral_id IS NOT NULL;

CREATE TABLE content (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    title        varchar(255) NOT NULL CHECK (btrim(title) <> ''),
    type         text         NOT NULL CHECK (type IN ('blog', 'social', 'email')),
    body         text,
    status       text         NOT NULL DEFAULT 'draft'
                 CHECK (status IN ('draft', 'scheduled', 'published')),
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now(),
    published_at timestamptz,
    created_by   uuid REFERENCES users (id) ON DELETE SET NULL, -- NULL: the system
    platform     varchar(50),
    url          text,
    tags         text[]       NOT NULL DEFAULT '{}',
    metadata     jsonb        NOT NULL DEFAULT '{}',
    CONSTRAINT content_workspace_id_id_key UNIQUE (workspace_id, id)
);
CREATE INDEX idx_content_workspace_status ON content (workspace_id, status);
CREATE INDEX idx_content_workspace_type ON content (workspace_id, type);

CREATE TABLE analytics (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    date         date         NOT NULL,
    metric_type  varchar(50)  NOT NULL,
    metric_name  varchar(100) NOT NULL,
    value        numeric      NOT NULL,
    source       varchar(50),
    metadata     jsonb        NOT NULL DEFAULT '{}',
    created_at   timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX idx_analytics_workspace_date ON analytics (workspace_id, date);
CREATE INDEX idx_analytics_workspace_metric_type ON analytics (workspace_id, metric_type);

CREATE TABLE campaigns (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id    uuid          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name            varchar(200)  NOT NULL CHECK (btrim(name) <> ''),
    description     text,
    type            varchar(50),
    status          text          NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'active', 'paused', 'completed')),
    start_date      timestamptz   NOT NULL,
    end_date        timestamptz   NOT NULL,
    budget          numeric(14,2) CHECK (budget >= 0),
    goals           jsonb         NOT NULL DEFAULT '{}',
    tags            text[]        NOT NULL DEFAULT '{}',
    utm_params      jsonb         NOT NULL DEFAULT '{}',
    target_audience jsonb         NOT NULL DEFAULT '{}',
    metrics         jsonb         NOT NULL DEFAULT '{}',
    created_at      timestamptz   NOT NULL DEFAULT now(),
    updated_at      timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT campaigns_dates_check CHECK (end_date >= start_date),
    CONSTRAINT campaigns_workspace_id_id_key UNIQUE (workspace_id, id)
);
CREATE INDEX idx_campaigns_status ON campaigns (status);
CREATE INDEX idx_campaigns_workspace_status ON campaigns (workspace_id, status);
CREATE INDEX idx_campaigns_workspace_start ON campaigns (workspace_id, start_date);

-- Seed 002 campaigns.content_ids, as rows.
CREATE TABLE campaign_content (
    workspace_id uuid    NOT NULL,
    campaign_id  uuid    NOT NULL,
    content_id   uuid    NOT NULL,
    position     integer NOT NULL DEFAULT 0 CHECK (position >= 0),
    PRIMARY KEY (campaign_id, content_id),
    CONSTRAINT campaign_content_campaign_fkey FOREIGN KEY (workspace_id, campaign_id)
        REFERENCES campaigns (workspace_id, id) ON DELETE CASCADE,
    CONSTRAINT campaign_content_content_fkey FOREIGN KEY (workspace_id, content_id)
        REFERENCES content (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_campaign_content_content ON campaign_content (content_id);

CREATE TABLE workflows (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         varchar(200) NOT NULL CHECK (btrim(name) <> ''),
    description  text,
    type         text         NOT NULL CHECK (type IN (
                     'lead_nurturing', 'review_referral', 'content',
                     'approval', 'automation', 'chatbot')),
    status       text         NOT NULL DEFAULT 'draft'
                 CHECK (status IN ('active', 'paused', 'draft')),
    is_active    boolean GENERATED ALWAYS AS (status = 'active') STORED,
    trigger      jsonb        NOT NULL DEFAULT '{}',
    steps        jsonb        NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(steps) = 'array'),
    settings     jsonb        NOT NULL DEFAULT '{}',
    created_by   uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT workflows_workspace_id_id_key UNIQUE (workspace_id, id)
);
CREATE INDEX idx_workflows_workspace_type ON workflows (workspace_id, type);
CREATE INDEX idx_workflows_workspace_status ON workflows (workspace_id, status);
CREATE INDEX idx_workflows_workspace_type_active ON workflows (workspace_id, type, is_active);

CREATE TABLE scheduled_tasks (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id  uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    workflow_id   uuid,
    type          varchar(50) NOT NULL,
    status        text        NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
    scheduled_for timestamptz NOT NULL DEFAULT now(),
    executed_at   timestamptz,
    data          jsonb       NOT NULL DEFAULT '{}',
    result        jsonb,
    error         text,
    retry_count   integer     NOT NULL DEFAULT 0 CHECK (retry_count >= 0),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT scheduled_tasks_workflow_fkey FOREIGN KEY (workspace_id, workflow_id)
        REFERENCES workflows (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_scheduled_tasks_scheduled_status ON scheduled_tasks (scheduled_for, status);
CREATE INDEX idx_scheduled_tasks_workspace_status ON scheduled_tasks (workspace_id, status);
