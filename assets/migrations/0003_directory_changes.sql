-- Several processes may serve one database at once (the console and subcommands on the sandbox,
-- two `camtui serve`). Each keeps users and keys in memory to authenticate, and follows this log
-- of which rows changed to stay equal to the database.

-- Every write to a user or key row adds a change naming it (the store's transactions do, in the
-- same transaction); a process that sees a change reads that row again (a user gone takes their
-- keys along). `version` grows by one per change: it is SQLite's max(rowid) + 1, and pruning
-- never deletes the newest row, so committed versions are consecutive and never reused. The
-- store keeps the latest 65,536; a process further behind reads every user and key again.
-- A deleted key's change points at the tombstone it left (`deleted_keys`, 0002), so that every
-- process keeps auditing attempts with it under its owner's name.
CREATE TABLE directory_changes (
    version   INTEGER PRIMARY KEY,
    uin       INTEGER,
    secret_id TEXT,
    tombstone INTEGER,
    CHECK ((uin IS NULL) <> (secret_id IS NULL))
);
