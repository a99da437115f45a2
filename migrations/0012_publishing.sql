-- Publishing (issue 14): what a target's publishing left behind. `permalink` is
-- the post's address on the platform; `unconfirmed` marks a target whose post
-- was sent but never answered (the platform may have published it, so it is not
-- sent again on its own); `first_comment_error` says why a published post's
-- first comment did not go out.
ALTER TABLE platform_posts
    ADD COLUMN permalink           text,
    ADD COLUMN unconfirmed         boolean NOT NULL DEFAULT false,
    ADD COLUMN first_comment_error text;

-- The calendar and the posts list find a workspace's posts by their date (when
-- they went out, else when they are due, else when they were written), and then
-- their targets.
CREATE INDEX idx_posts_workspace_due
    ON posts (workspace_id, (coalesce(published_at, scheduled_at)));
CREATE INDEX idx_posts_workspace_date
    ON posts (workspace_id, (coalesce(published_at, scheduled_at, created_at)) DESC, id);
CREATE INDEX idx_platform_posts_workspace_post ON platform_posts (workspace_id, post_id);
