-- camtui serve: the account, its users and collaborators, their API keys, and the audit trail.
-- Times are Unix seconds (UTC); the API formats them as Beijing time.

CREATE TABLE account (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    owner_uin INTEGER NOT NULL,
    app_id    INTEGER NOT NULL
);

-- Sub-users (kind 2) and collaborators (kind 4). The root account is not a row here.
CREATE TABLE users (
    uin             INTEGER PRIMARY KEY,
    uid             INTEGER NOT NULL UNIQUE,
    kind            INTEGER NOT NULL CHECK (kind IN (2, 4)),
    name            TEXT    NOT NULL,
    nick_name       TEXT    NOT NULL DEFAULT '',
    remark          TEXT    NOT NULL DEFAULT '',
    console_login   INTEGER NOT NULL DEFAULT 0,
    phone_num       TEXT    NOT NULL DEFAULT '',
    country_code    TEXT    NOT NULL DEFAULT '',
    email           TEXT    NOT NULL DEFAULT '',
    created         INTEGER NOT NULL,
    last_login_ip   TEXT    NOT NULL DEFAULT '',
    last_login_time INTEGER,
    is_admin        INTEGER NOT NULL DEFAULT 0
);
-- Sub-user names are unique (InvalidParameter.SubUserNameInUse); collaborators are named by
-- their own accounts and may repeat.
CREATE UNIQUE INDEX users_sub_user_name ON users (name) WHERE kind = 2;
CREATE INDEX users_kind_created ON users (kind, created, uin);

-- owner_uin is a users.uin or the account's owner_uin (root's keys).
CREATE TABLE access_keys (
    secret_id  TEXT    PRIMARY KEY,
    owner_uin  INTEGER NOT NULL,
    active     INTEGER NOT NULL,
    -- ChaCha20-Poly1305: 12-byte nonce followed by the ciphertext; the key lives in <db>.key.
    secret_key BLOB    NOT NULL,
    description TEXT,
    created    INTEGER NOT NULL
);
CREATE INDEX access_keys_owner ON access_keys (owner_uin);

CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    event_id       TEXT    NOT NULL,
    time           INTEGER NOT NULL,
    secret_id      TEXT    NOT NULL,
    uin            INTEGER NOT NULL,
    username       TEXT    NOT NULL,
    action         TEXT    NOT NULL,
    service        TEXT    NOT NULL,
    action_type    TEXT    NOT NULL,
    source_ip      TEXT    NOT NULL,
    region         TEXT    NOT NULL,
    error_code     INTEGER NOT NULL,
    api_error_code TEXT    NOT NULL,
    api_error_message TEXT NOT NULL,
    request_id     TEXT    NOT NULL,
    http_method    TEXT    NOT NULL,
    user_agent     TEXT    NOT NULL,
    resource_name  TEXT    NOT NULL,
    sensitive      INTEGER NOT NULL
);
CREATE INDEX events_secret_time ON events (secret_id, time, id);
CREATE INDEX events_time ON events (time, id);
