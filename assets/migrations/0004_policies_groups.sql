-- What User Details shows besides the profile: policies (CAM's presets and the account's own),
-- user groups, who is in which group, which policy is attached to which user or group, and each
-- user's login and sensitive-operation protection. Times are Unix seconds, as in 0001.
--
-- Rows that name a user or a group go with it: deleting a user (DeleteUser) removes its
-- memberships, attachments and security settings in the same transaction.

-- type 1: custom (the account's own); type 2: preset (CAM's, in every account, never changed by
-- it). Preset rows are written when the server opens the database (server::presets).
CREATE TABLE policies (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL UNIQUE,
    type         INTEGER NOT NULL CHECK (type IN (1, 2)),
    description  TEXT    NOT NULL DEFAULT '',
    -- JSON text as GetPolicy returns it: compact, slashes escaped (`\/`) as CAM writes them.
    document     TEXT    NOT NULL,
    -- The product a preset is for (`cos`, `cam`…); NULL for account-wide and custom policies.
    service_type TEXT,
    -- JSON [{"Key": …, "Value": …}], as CreatePolicy was given them.
    tags         TEXT    NOT NULL DEFAULT '[]',
    created      INTEGER NOT NULL,
    updated      INTEGER NOT NULL
);

CREATE TABLE user_groups (
    id      INTEGER PRIMARY KEY,
    name    TEXT    NOT NULL UNIQUE,
    remark  TEXT    NOT NULL DEFAULT '',
    created INTEGER NOT NULL
);

CREATE TABLE group_members (
    group_id INTEGER NOT NULL REFERENCES user_groups (id) ON DELETE CASCADE,
    uin      INTEGER NOT NULL REFERENCES users (uin) ON DELETE CASCADE,
    joined   INTEGER NOT NULL,
    PRIMARY KEY (group_id, uin)
);
CREATE INDEX group_members_uin ON group_members (uin, group_id);

-- operator_uin: who attached it (AttachPolicyInfo.OperateUin), the account's owner UIN for root.
CREATE TABLE user_policies (
    uin          INTEGER NOT NULL REFERENCES users (uin) ON DELETE CASCADE,
    policy_id    INTEGER NOT NULL REFERENCES policies (id) ON DELETE CASCADE,
    attached     INTEGER NOT NULL,
    operator_uin INTEGER NOT NULL,
    PRIMARY KEY (uin, policy_id)
);
CREATE INDEX user_policies_policy ON user_policies (policy_id);

CREATE TABLE group_policies (
    group_id  INTEGER NOT NULL REFERENCES user_groups (id) ON DELETE CASCADE,
    policy_id INTEGER NOT NULL REFERENCES policies (id) ON DELETE CASCADE,
    attached  INTEGER NOT NULL,
    PRIMARY KEY (group_id, policy_id)
);
CREATE INDEX group_policies_policy ON group_policies (policy_id);

-- Login protection and sensitive-operation protection: one verification method each, or none
-- (NULL), named as LoginActionFlag's members. A user without a row has neither. SetMfaFlag may
-- choose `phone` (needs a phone number), `wechat` (needs wechat_bound) or `stoken` (needs a
-- virtual MFA device, mfa_device).
CREATE TABLE security (
    uin           INTEGER PRIMARY KEY REFERENCES users (uin) ON DELETE CASCADE,
    login_method  TEXT CHECK (login_method IN
                      ('phone', 'token', 'stoken', 'wechat', 'custom', 'mail', 'u2fToken', 'passkey')),
    action_method TEXT CHECK (action_method IN
                      ('phone', 'token', 'stoken', 'wechat', 'custom', 'mail', 'u2fToken', 'passkey')),
    wechat_bound  INTEGER NOT NULL DEFAULT 0,
    mfa_device    INTEGER NOT NULL DEFAULT 0
);
