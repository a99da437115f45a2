-- Tenancy and accounts: workspaces (seed 002 companies + seed 003 workspaces), users
-- (all five seeds), user settings (seed 000), memberships with roles (seed 003 role,
-- moved from users so one user can belong to several workspaces), permission
-- overrides (seed 003), sessions (seed 004) and the activity log (seed 004).
-- Enum values are stored in lower case; docs/schema.md maps every seed field.

CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

CREATE TABLE workspaces (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name                varchar(100) NOT NULL CHECK (btrim(name) <> ''),
    slug                varchar(63)  NOT NULL
                        CONSTRAINT workspaces_slug_key UNIQUE
                        CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    industry            varchar(100),
    website             varchar(255),
    logo_url            text,
    timezone            varchar(64)  NOT NULL DEFAULT 'UTC',
    currency            char(3)      NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
    plan                text         NOT NULL DEFAULT 'free'
                        CHECK (plan IN ('free', 'starter', 'professional', 'enterprise')),
    subscription_status text         NOT NULL DEFAULT 'trial'
                        CHECK (subscription_status IN ('active', 'trial', 'expired')),
    settings            jsonb        NOT NULL DEFAULT '{}',
    branding            jsonb        NOT NULL DEFAULT '{}',
    limits              jsonb        NOT NULL DEFAULT '{}',
    created_at          timestamptz  NOT NULL DEFAULT now(),
    updated_at          timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email         varchar(255) NOT NULL
                  CHECK (email = btrim(email) AND position('@' IN email) > 1),
    password_hash varchar(255) NOT NULL,
    name          varchar(100),
    avatar_url    text,
    is_active     boolean      NOT NULL DEFAULT true,
    last_login_at timestamptz,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    updated_at    timestamptz  NOT NULL DEFAULT now()
);
-- Unique case-insensitively; also serves the seeds' idx_users_email.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX idx_users_is_active ON users (is_active);

CREATE TABLE user_settings (
    user_id                  uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    timezone                 varchar(64) NOT NULL DEFAULT 'UTC',
    notification_preferences jsonb       NOT NULL DEFAULT '{}',
    dashboard_layout         jsonb       NOT NULL DEFAULT '{}',
    preferences              jsonb       NOT NULL DEFAULT '{}',
    updated_at               timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role         text        NOT NULL DEFAULT 'viewer'
                 CHECK (role IN ('owner', 'admin', 'manager', 'editor', 'viewer')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX idx_memberships_user_id ON memberships (user_id);
CREATE INDEX idx_memberships_workspace_role ON memberships (workspace_id, role);

CREATE TABLE user_permissions (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid        NOT NULL,
    user_id      uuid        NOT NULL,
    resource     varchar(50) NOT NULL,
    action       text        NOT NULL CHECK (action IN ('create', 'read', 'update', 'delete')),
    conditions   jsonb,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT user_permissions_membership_fkey FOREIGN KEY (workspace_id, user_id)
        REFERENCES memberships (workspace_id, user_id) ON DELETE CASCADE,
    CONSTRAINT user_permissions_user_resource_action_key
        UNIQUE (workspace_id, user_id, resource, action)
);

CREATE TABLE sessions (
    id           varchar(255) PRIMARY KEY,
    user_id      uuid REFERENCES users (id) ON DELETE CASCADE,
    workspace_id uuid REFERENCES workspaces (id) ON DELETE SET NULL,
    data         text        NOT NULL,
    expires_at   timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_sessions_user_id ON sessions (user_id);
CREATE INDEX idx_sessions_expires_at ON sessions (expires_at);

CREATE TABLE activity_logs (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id      uuid REFERENCES users (id) ON DELETE CASCADE,
    description  text        NOT NULL,
    type         varchar(50),
    metadata     jsonb,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_activity_logs_user_id ON activity_logs (user_id);
CREATE INDEX idx_activity_logs_created_at ON activity_logs (created_at);
CREATE INDEX idx_activity_logs_type ON activity_logs (type);
CREATE INDEX idx_activity_logs_workspace_created ON activity_logs (workspace_id, created_at DESC);
