-- Publishing (issue 14): what a target's publishing left behind. `permalink` is
-- the post's address on the platform; `unconfirmed` marks a target whose post
-- was sent but never answered (the platform may have published it, so it is not
-- sent again on its own); `first_comment_error` says why a published post's
-- first comment did not go out.
ALTER TABLE platform_posts
    ADD COLUMN permalink           text,
    ADD COLUMN unconfirmed         boolean NOT NULL DEFAULT false,
    ADD COLUMN first_comment_error text;
