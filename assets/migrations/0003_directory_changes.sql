-- Several processes may serve one database at once (the console and subcommands on the sandbox,
-- two `camtui serve`). Each keeps users and keys in memory to authenticate, and follows this log
-- of which rows changed to stay equal to the database. Triggers write it, so no writer can forget.

-- A change names the user or the key whose row was inserted, updated or deleted; the process
-- reads that row again. `version` grows by one per change: the newest row is never deleted, so
-- SQLite's max(rowid) + 1 never reuses a number that was committed.
CREATE TABLE directory_changes (
    version   INTEGER PRIMARY KEY,
    uin       INTEGER,
    secret_id TEXT,
    CHECK ((uin IS NULL) <> (secret_id IS NULL))
);

CREATE TRIGGER users_inserted AFTER INSERT ON users
BEGIN INSERT INTO directory_changes (uin) VALUES (new.uin); END;
CREATE TRIGGER users_updated AFTER UPDATE ON users
BEGIN INSERT INTO directory_changes (uin) SELECT old.uin UNION SELECT new.uin; END;
CREATE TRIGGER users_deleted AFTER DELETE ON users
BEGIN INSERT INTO directory_changes (uin) VALUES (old.uin); END;

CREATE TRIGGER access_keys_inserted AFTER INSERT ON access_keys
BEGIN INSERT INTO directory_changes (secret_id) VALUES (new.secret_id); END;
CREATE TRIGGER access_keys_updated AFTER UPDATE ON access_keys
BEGIN INSERT INTO directory_changes (secret_id) SELECT old.secret_id UNION SELECT new.secret_id; END;
CREATE TRIGGER access_keys_deleted AFTER DELETE ON access_keys
BEGIN INSERT INTO directory_changes (secret_id) VALUES (old.secret_id); END;

-- Bounded: every 1,024th change drops all but the latest 65,536. A process further behind than
-- that reloads every user and key instead.
CREATE TRIGGER directory_changes_bounded AFTER INSERT ON directory_changes
WHEN new.version % 1024 = 0
BEGIN DELETE FROM directory_changes WHERE version <= new.version - 65536; END;
