-- Social media management (seed 003): accounts on nine platforms, posts with
-- per-platform variants and media, the unified inbox and approval chains.

CREATE TABLE social_accounts (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id        uuid         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    platform            text         NOT NULL CHECK (platform IN (
                            'instagram', 'facebook', 'twitter', 'linkedin', 'tiktok',
                            'youtube', 'pinterest', 'threads', 'reddit')),
    platform_account_id varchar(255) NOT NULL,
    username            varchar(255) NOT NULL,
    display_name        varchar(255) NOT NULL,
    avatar_url          text,
    -- Encrypted at rest (AES-256-GCM envelope with key id); never plain text.
    access_token        text         NOT NULL,
    refresh_token       text,
    token_expires_at    timestamptz,
    is_active           boolean      NOT NULL DEFAULT true,
    metadata            jsonb        NOT NULL DEFAULT '{}',
    created_at          timestamptz  NOT NULL DEFAULT now(),
    updated_at          timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT social_accounts_workspace_platform_account_key
        UNIQUE (workspace_id, platform, platform_account_id),
    CONSTRAINT social_accounts_workspace_id_id_key UNIQUE (workspace_id, id)
);
CREATE INDEX idx_social_accounts_platform ON social_accounts (platform);
CREATE INDEX idx_social_accounts_is_active ON social_accounts (is_active);

CREATE TABLE posts (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    author_id    uuid REFERENCES users (id) ON DELETE SET NULL,
    content      jsonb       NOT NULL DEFAULT '{}',
    status       text        NOT NULL DEFAULT 'draft' CHECK (status IN (
                     'draft', 'pending_approval', 'approved', 'scheduled', 'publishing',
                     'published', 'failed', 'archived')),
    scheduled_at timestamptz,
    published_at timestamptz,
    campaign_id  uuid,
    tags         text[]      NOT NULL DEFAULT '{}',
    ai_generated boolean     NOT NULL DEFAULT false,
    ai_metadata  jsonb,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT posts_scheduled_has_time_check CHECK (status <> 'scheduled' OR scheduled_at IS NOT NULL),
    CONSTRAINT posts_workspace_id_id_key UNIQUE (workspace_id, id),
    CONSTRAINT posts_campaign_fkey FOREIGN KEY (workspace_id, campaign_id)
        REFERENCES campaigns (workspace_id, id) ON DELETE SET NULL (campaign_id)
);
CREATE INDEX idx_posts_author_id ON posts (author_id);
CREATE INDEX idx_posts_status ON posts (status);
CREATE INDEX idx_posts_scheduled_at ON posts (scheduled_at);
CREATE INDEX idx_posts_published_at ON posts (published_at);
CREATE INDEX idx_posts_campaign_id ON posts (campaign_id);
CREATE INDEX idx_posts_workspace_status_scheduled ON posts (workspace_id, status, scheduled_at);
CREATE INDEX idx_posts_workspace_created ON posts (workspace_id, created_at);

CREATE TABLE platform_posts (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id     uuid NOT NULL,
    post_id          uuid NOT NULL,
    account_id       uuid NOT NULL,
    platform         text NOT NULL CHECK (platform IN (
                         'instagram', 'facebook', 'twitter', 'linkedin', 'tiktok',
                         'youtube', 'pinterest', 'threads', 'reddit')),
    custom_content   jsonb,
    platform_post_id varchar(255),
    publish_status   text NOT NULL DEFAULT 'pending'
                     CHECK (publish_status IN ('pending', 'publishing', 'published', 'failed')),
    error            text,
    published_at     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT platform_posts_post_account_key UNIQUE (post_id, account_id),
    CONSTRAINT platform_posts_post_fkey FOREIGN KEY (workspace_id, post_id)
        REFERENCES posts (workspace_id, id) ON DELETE CASCADE,
    CONSTRAINT platform_posts_account_fkey FOREIGN KEY (workspace_id, account_id)
        REFERENCES social_accounts (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_platform_posts_account_id ON platform_posts (account_id);
CREATE INDEX idx_platform_posts_publish_status ON platform_posts (publish_status);
CREATE INDEX idx_platform_posts_platform_status ON platform_posts (platform, publish_status);

CREATE TABLE media_assets (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id  uuid         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    type          text         NOT NULL CHECK (type IN ('image', 'video', 'gif')),
    url           text         NOT NULL,
    thumbnail_url text,
    filename      varchar(255) NOT NULL,
    size          bigint       NOT NULL CHECK (size >= 0),
    dimensions    jsonb,
    duration      integer CHECK (duration >= 0),
    metadata      jsonb        NOT NULL DEFAULT '{}',
    tags          text[]       NOT NULL DEFAULT '{}',
    folder        varchar(255),
    created_at    timestamptz  NOT NULL DEFAULT now(),
    updated_at    timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT media_assets_workspace_id_id_key UNIQUE (workspace_id, id)
);
CREATE INDEX idx_media_assets_type ON media_assets (type);
CREATE INDEX idx_media_assets_folder ON media_assets (folder);
CREATE INDEX idx_media_assets_workspace_created ON media_assets (workspace_id, created_at);

CREATE TABLE post_media (
    workspace_id uuid    NOT NULL,
    post_id      uuid    NOT NULL,
    media_id     uuid    NOT NULL,
    position     integer NOT NULL DEFAULT 0 CHECK (position >= 0),
    PRIMARY KEY (post_id, media_id),
    CONSTRAINT post_media_post_fkey FOREIGN KEY (workspace_id, post_id)
        REFERENCES posts (workspace_id, id) ON DELETE CASCADE,
    CONSTRAINT post_media_media_fkey FOREIGN KEY (workspace_id, media_id)
        REFERENCES media_assets (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_post_media_media_id ON post_media (media_id);

CREATE TABLE conversations (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id       uuid         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    account_id         uuid         NOT NULL,
    platform           text         NOT NULL CHECK (platform IN (
                           'instagram', 'facebook', 'twitter', 'linkedin', 'tiktok',
                           'youtube', 'pinterest', 'threads', 'reddit')),
    type               text         NOT NULL CHECK (type IN ('comment', 'dm', 'mention', 'review')),
    participant_id     varchar(255) NOT NULL,
    participant_name   varchar(255) NOT NULL,
    participant_avatar text,
    status             text         NOT NULL DEFAULT 'open'
                       CHECK (status IN ('open', 'pending', 'resolved', 'archived')),
    priority           text         NOT NULL DEFAULT 'medium'
                       CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
    sentiment          text CHECK (sentiment IN ('positive', 'neutral', 'negative')),
    assigned_to_id     uuid REFERENCES users (id) ON DELETE SET NULL,
    tags               text[]       NOT NULL DEFAULT '{}',
    sla_deadline       timestamptz,
    created_at         timestamptz  NOT NULL DEFAULT now(),
    updated_at         timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT conversations_workspace_id_id_key UNIQUE (workspace_id, id),
    CONSTRAINT conversations_account_fkey FOREIGN KEY (workspace_id, account_id)
        REFERENCES social_accounts (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_conversations_account_id ON conversations (account_id);
CREATE INDEX idx_conversations_status ON conversations (status);
CREATE INDEX idx_conversations_assigned_to_id ON conversations (assigned_to_id);
CREATE INDEX idx_conversations_platform ON conversations (platform);
CREATE INDEX idx_conversations_sentiment ON conversations (sentiment);
CREATE INDEX idx_conversations_priority ON conversations (priority);
CREATE INDEX idx_conversations_workspace_status_created ON conversations (workspace_id, status, created_at);
CREATE INDEX idx_conversations_workspace_priority ON conversations (workspace_id, priority);

CREATE TABLE messages (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id        uuid        NOT NULL,
    conversation_id     uuid        NOT NULL,
    direction           text        NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    content             text        NOT NULL,
    -- Set for every inbound message; for an outbound reply once the platform accepts it.
    platform_message_id varchar(255),
    author_id           uuid REFERENCES users (id) ON DELETE SET NULL,
    sentiment           real CHECK (sentiment BETWEEN -1 AND 1),
    ai_generated        boolean     NOT NULL DEFAULT false,
    metadata            jsonb       NOT NULL DEFAULT '{}',
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT messages_inbound_has_platform_id_check
        CHECK (direction = 'outbound' OR platform_message_id IS NOT NULL),
    CONSTRAINT messages_conversation_fkey FOREIGN KEY (workspace_id, conversation_id)
        REFERENCES conversations (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_messages_direction ON messages (direction);
CREATE INDEX idx_messages_conversation_created ON messages (conversation_id, created_at);

CREATE TABLE approvals (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid        NOT NULL,
    post_id      uuid        NOT NULL,
    approver_id  uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status       text        NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'approved', 'rejected')),
    comments     text,
    level        integer     NOT NULL DEFAULT 1 CHECK (level >= 1),
    approved_at  timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT approvals_post_fkey FOREIGN KEY (workspace_id, post_id)
        REFERENCES posts (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_approvals_post_status ON approvals (post_id, status);
CREATE INDEX idx_approvals_approver_status ON approvals (approver_id, status);
