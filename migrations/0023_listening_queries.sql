-- Listening: the searches a workspace runs on the platforms (brand names,
-- competitors, products, hashtags). Each found mention (MongoDB `mentions`)
-- names its query in `queryId`. `cursors` keeps, per platform, where the last
-- run stopped (X's newest tweet id as `since_id`), so nothing is read twice
-- and nothing between runs is missed.
CREATE TABLE listening_queries (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         varchar(100) NOT NULL CHECK (btrim(name) <> ''),
    kind         text         NOT NULL DEFAULT 'brand'
                 CHECK (kind IN ('brand', 'competitor', 'product', 'hashtag', 'keyword')),
    -- Words, "exact phrases" and #hashtags, any of them matching (comma-separated).
    terms        varchar(500) NOT NULL CHECK (btrim(terms) <> ''),
    platforms    text[]       NOT NULL DEFAULT '{twitter}'
                 CHECK (platforms <@ '{twitter,reddit,youtube,instagram}'::text[]),
    active       boolean      NOT NULL DEFAULT true,
    cursors      jsonb        NOT NULL DEFAULT '{}',
    last_run_at  timestamptz,
    -- Why the last run found nothing on a platform, in words, per platform.
    last_errors  jsonb        NOT NULL DEFAULT '{}',
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT listening_queries_workspace_id_id_key UNIQUE (workspace_id, id),
    CONSTRAINT listening_queries_workspace_name_key UNIQUE (workspace_id, name)
);
