-- camtui serve, schema 2 (issue 11): an event says whether its request authenticated, and a
-- deleted key leaves a tombstone.

-- 1 when the request's signature verified with an enabled key: only such events are a key's
-- use (GetSecurityLastUsed). Events from before this column are counted only if they succeeded.
ALTER TABLE events ADD COLUMN authenticated INTEGER NOT NULL DEFAULT 0;
UPDATE events SET authenticated = 1 WHERE api_error_code = '';

-- A key deleted within the audit retention (90 days), with its owner as they were when it was
-- deleted: attempts with it are still audited under their name, and a deleted root key is not
-- silently created again at start. Root's tombstones are kept for good. Rows are appended in
-- the order of deletion (a rowid table: a deletion writes the table's last page, not a random
-- one); they are read whole at start, and by SecretId only for the root key.
CREATE TABLE deleted_keys (
    id         INTEGER PRIMARY KEY,
    secret_id  TEXT    NOT NULL,
    owner_uin  INTEGER NOT NULL,
    -- `root` for the root account, as the audit trail names it.
    owner_name TEXT    NOT NULL,
    deleted    INTEGER NOT NULL
);
