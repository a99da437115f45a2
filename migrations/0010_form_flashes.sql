-- The one-time outcome of a form posted without JavaScript (app/src/server/flash.rs):
-- the error and typed values of a rejected form, or which action succeeded, kept
-- for the next view of the page by the browser that posted, then deleted. The
-- browser holds a random token; `id` is its SHA-256.
CREATE TABLE form_flashes (
    id         text        PRIMARY KEY,
    visitor    text        NOT NULL,
    path       text        NOT NULL,
    query      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_form_flashes_created ON form_flashes (created_at);
