-- Workflow-efficiency auditor (seed 004): efficiency score and time saved per period,
-- quick wins, tool usage. Then the updated_at trigger on every table that has one.

CREATE TABLE efficiency_metrics (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id       uuid         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id            uuid REFERENCES users (id) ON DELETE CASCADE,
    efficiency_score   integer CHECK (efficiency_score >= 0 AND efficiency_score <= 100),
    time_saved_hours   numeric(5,2) CHECK (time_saved_hours >= 0),
    active_tools_count integer      NOT NULL DEFAULT 0 CHECK (active_tools_count >= 0),
    period_start       date         NOT NULL,
    period_end         date         NOT NULL,
    created_at         timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT efficiency_metrics_period_check CHECK (period_end >= period_start)
);
CREATE INDEX idx_efficiency_metrics_user_id ON efficiency_metrics (user_id);
CREATE INDEX idx_efficiency_metrics_period ON efficiency_metrics (period_start, period_end);
CREATE INDEX idx_efficiency_metrics_workspace_period ON efficiency_metrics (workspace_id, period_start);

CREATE TABLE quick_wins (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id         uuid         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id              uuid REFERENCES users (id) ON DELETE CASCADE,
    title                varchar(255) NOT NULL CHECK (btrim(title) <> ''),
    description          text,
    category             varchar(50)  NOT NULL,
    impact               varchar(20) CHECK (impact IN ('low', 'medium', 'high')),
    effort               varchar(20) CHECK (effort IN ('low', 'medium', 'high')),
    estimated_time_saved varchar(50),
    is_completed         boolean      NOT NULL DEFAULT false,
    completed_at         timestamptz,
    created_at           timestamptz  NOT NULL DEFAULT now(),
    updated_at           timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT quick_wins_completed_at_check CHECK (is_completed OR completed_at IS NULL)
);
CREATE INDEX idx_quick_wins_user_id ON quick_wins (user_id);
CREATE INDEX idx_quick_wins_category ON quick_wins (category);
CREATE INDEX idx_quick_wins_is_completed ON quick_wins (is_completed);
CREATE INDEX idx_quick_wins_workspace ON quick_wins (workspace_id, is_completed);

CREATE TABLE usage_analytics (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id     uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id          uuid REFERENCES users (id) ON DELETE CASCADE,
    platform         varchar(50) NOT NULL,
    usage_percentage integer CHECK (usage_percentage >= 0 AND usage_percentage <= 100),
    status           varchar(50) CHECK (status IN ('optimal', 'needs_attention', 'underutilized', 'moderate')),
    period_start     date        NOT NULL,
    period_end       date        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT usage_analytics_period_check CHECK (period_end >= period_start)
);
CREATE INDEX idx_usage_analytics_user_id ON usage_analytics (user_id);
CREATE INDEX idx_usage_analytics_platform ON usage_analytics (platform);
CREATE INDEX idx_usage_analytics_period ON usage_analytics (period_start, period_end);
CREATE INDEX idx_usage_analytics_workspace_period ON usage_analytics (workspace_id, period_start);

-- Keep updated_at true on every table that has it. A later migration that adds a
-- table with updated_at creates its trigger the same way.
DO $$
DECLARE
    t text;
BEGIN
    FOR t IN
        SELECT table_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND column_name = 'updated_at'
    LOOP
        EXECUTE format(
            'CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION touch_updated_at()',
            t || '_touch_updated_at', t);
    END LOOP;
END
$$;
