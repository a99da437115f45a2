-- Short links (not in the seeds): a campaign post's link, tagged with the
-- campaign's UTM parameters, served by Aura as /l/<code>, which redirects to
-- exactly the stored address and counts clicks per post, account and day.
CREATE TABLE short_links (
    id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    code         varchar(16) NOT NULL CONSTRAINT short_links_code_key UNIQUE
                             CHECK (code ~ '^[A-Za-z0-9]{6,16}$'),
    campaign_id  uuid,
    post_id      uuid        NOT NULL,
    account_id   uuid        NOT NULL,
    url          text        NOT NULL CHECK (url ~ '^https?://'),
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT short_links_workspace_id_id_key UNIQUE (workspace_id, id),
    CONSTRAINT short_links_target_url_key UNIQUE (post_id, account_id, url),
    CONSTRAINT short_links_post_fkey FOREIGN KEY (workspace_id, post_id)
        REFERENCES posts (workspace_id, id) ON DELETE CASCADE,
    CONSTRAINT short_links_campaign_fkey FOREIGN KEY (workspace_id, campaign_id)
        REFERENCES campaigns (workspace_id, id) ON DELETE SET NULL (campaign_id),
    CONSTRAINT short_links_account_fkey FOREIGN KEY (workspace_id, account_id)
        REFERENCES social_accounts (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_short_links_workspace_campaign ON short_links (workspace_id, campaign_id);
CREATE INDEX idx_short_links_workspace_post ON short_links (workspace_id, post_id);

CREATE TABLE short_link_clicks (
    workspace_id uuid    NOT NULL,
    link_id      uuid    NOT NULL,
    day          date    NOT NULL,
    clicks       integer NOT NULL DEFAULT 0 CHECK (clicks >= 0),
    PRIMARY KEY (link_id, day),
    CONSTRAINT short_link_clicks_link_fkey FOREIGN KEY (workspace_id, link_id)
        REFERENCES short_links (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_short_link_clicks_workspace_day ON short_link_clicks (workspace_id, day);

-- A post's links go out as short links (the composer's choice).
ALTER TABLE posts ADD COLUMN shorten_links boolean NOT NULL DEFAULT false;
