-- A deleted key's row stays in `access_keys` as its tombstone (until now a row of its own in
-- `deleted_keys`, 0002): deleting a key rewrites one row and drops it from the owner index,
-- where a DELETE and a tombstone wrote three index pages and a fourth page besides.
--
-- A tombstone has `deleted` set (Unix seconds), its owner's name as it was then (`root` for the
-- root account) and its sealed SecretKey emptied; its SecretId is never given to a new key.
-- Every query about keys that exist says `deleted IS NULL`. Tombstones are read whole at start,
-- and by SecretId; they are kept for the audit retention (90 days), root's for good.
ALTER TABLE access_keys ADD COLUMN deleted INTEGER;
ALTER TABLE access_keys ADD COLUMN owner_name TEXT;

-- Each SecretId's latest tombstone (with MAX(), SQLite takes the other columns from that row),
-- unless a key with it exists again (a restored root key), in the order they were deleted.
-- Their creation times were not kept: the deletion's stands in.
INSERT INTO access_keys (secret_id, owner_uin, active, secret_key, created, deleted, owner_name)
SELECT secret_id, owner_uin, 0, X'', deleted, deleted, owner_name
FROM (SELECT secret_id, owner_uin, owner_name, deleted, MAX(id) AS latest
      FROM deleted_keys GROUP BY secret_id)
WHERE secret_id NOT IN (SELECT secret_id FROM access_keys)
ORDER BY latest;
DROP TABLE deleted_keys;

-- Only keys that exist, as the key count per owner (two at most) asks.
DROP INDEX access_keys_owner;
CREATE INDEX access_keys_owner ON access_keys (owner_uin) WHERE deleted IS NULL;

-- A change to a key is read from its row, tombstone or not.
ALTER TABLE directory_changes DROP COLUMN tombstone;
