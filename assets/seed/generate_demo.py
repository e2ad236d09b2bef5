#!/usr/bin/env python3
"""Writes demo.json, the sandbox's lived-in account: run `python3 assets/seed/generate_demo.py`.

Deterministic (fixed random seed). Times are relative to when the seed is loaded, in days with
fractions, so creation times fall at any hour rather than all at the load's clock time.

What a careful reader checks holds: a key is used only after it was created, and a disabled key
only until it was disabled (attempts after that fail with AuthFailure.SecretIdNotFound); a call
fails only with a code its action can answer with; a user calls only what their policies allow
(CAM reads need a CAM or read-only policy, writes need full CAM access), and a call beyond that is
refused with AuthFailure.UnauthorizedOperation.
"""
import json
import random
import string
from pathlib import Path

rng = random.Random(20240601)
ALNUM = string.ascii_letters + string.digits
DAY = 86400


def secret_id(prefix="IKID"):
    return prefix + "".join(rng.choice(ALNUM) for _ in range(32))


def days(low, high):
    """A time between `low` and `high` days ago, to a few seconds."""
    return round(rng.uniform(low, high), 4)


PEOPLE = [
    # name, remark, email, phone, type
    ("alice.chen", "Platform team lead", "alice.chen@example.com", "13800138001", "subUser"),
    ("bob.li", "Backend developer", "bob.li@example.com", "13800138002", "subUser"),
    ("ci-deployer", "CI pipeline for the web shop", "", "", "subUser"),
    ("张伟", "运维负责人", "zhangwei@example.cn", "13912345601", "subUser"),
    ("李娜", "财务管理", "lina@example.cn", "13912345602", "subUser"),
    ("王芳", "数据分析", "wangfang@example.cn", "13912345603", "subUser"),
    ("dana.wu", "Security auditor", "dana.wu@example.com", "13800138004", "subUser"),
    ("eric.zhao", "Mobile developer", "eric.zhao@example.com", "13800138005", "subUser"),
    ("backup-bot", "Nightly COS backups", "", "", "subUser"),
    ("刘洋", "前端开发", "liuyang@example.cn", "13912345604", "subUser"),
    ("陈静", "测试工程师", "chenjing@example.cn", "13912345605", "subUser"),
    ("frank.sun", "Data engineer", "frank.sun@example.com", "13800138006", "subUser"),
    ("grace.zhou", "Product manager", "grace.zhou@example.com", "13800138007", "subUser"),
    ("monitoring", "Cloud Monitor exporter", "", "", "subUser"),
    ("杨磊", "数据库管理员", "yanglei@example.cn", "13912345606", "subUser"),
    ("helen.xu", "Support engineer", "helen.xu@example.com", "13800138008", "subUser"),
    ("ivan.ma", "Contractor (until Q4)", "ivan.ma@example.com", "13800138009", "subUser"),
    ("黄敏", "市场部", "huangmin@example.cn", "13912345607", "subUser"),
    ("terraform", "Infrastructure as code", "", "", "subUser"),
    ("jack.hu", "SRE on call", "jack.hu@example.com", "13800138010", "subUser"),
    ("周杰", "大数据平台", "zhoujie@example.cn", "13912345608", "subUser"),
    ("kate.lin", "Intern", "kate.lin@example.com", "13800138011", "subUser"),
    ("log-shipper", "CLS log shipping", "", "", "subUser"),
    ("吴婷", "安全合规", "wuting@example.cn", "13912345609", "subUser"),
    ("ops-admin", "Account administrator", "ops-admin@example.com", "13800138000", "subUser"),
    ("leo.gao", "Game server developer", "leo.gao@example.com", "13800138012", "subUser"),
    ("Acme Consulting", "External auditors", "audit@acme.example", "13700137001", "collaborator"),
    ("深圳云服务商", "代运维合作伙伴", "ops@partner.example.cn", "13700137002", "collaborator"),
    ("Nova Games", "Co-publisher", "cloud@nova.example", "13700137003", "collaborator"),
    ("北京数据科技", "数据合作方", "data@bjdata.example.cn", "13700137004", "collaborator"),
    ("Pixel Studio", "Art outsourcing", "it@pixel.example", "13700137005", "collaborator"),
    ("赵强", "独立顾问", "zhaoqiang@example.cn", "13700137006", "collaborator"),
]


def statement(effect, actions, resources=("*",), condition=None):
    s = {"effect": effect, "action": list(actions), "resource": list(resources)}
    if condition:
        s["condition"] = condition
    return s


def document(*statements):
    return {"version": "2.0", "statement": list(statements)}


OWNER = 100000000001
APP_ID = 1250000001
# Custom policies: name, description, document, days ago.
POLICIES = [
    ("cos-backup-write", "Nightly backups: write and list the backup bucket only",
     document(statement("allow", ["name/cos:PutObject", "name/cos:GetBucket", "name/cos:HeadObject",
                                  "name/cos:InitiateMultipartUpload", "name/cos:UploadPart",
                                  "name/cos:CompleteMultipartUpload"],
                        [f"qcs::cos:ap-guangzhou:uid/{APP_ID}:backup-{APP_ID}/*"])), 610.3),
    ("ci-deploy", "CI: roll out the web shop to TKE and its load balancers",
     document(statement("allow", ["name/tke:DescribeClusters", "name/tke:UpdateClusterVersion",
                                  "name/clb:Describe*", "name/clb:RegisterTargets", "name/clb:DeregisterTargets",
                                  "name/cvm:DescribeInstances"])), 455.7),
    ("cls-log-upload", "Ship logs to the production CLS topics",
     document(statement("allow", ["name/cls:UploadLog", "name/cls:DescribeTopics"],
                        [f"qcs::cls:ap-guangzhou:uin/{OWNER}:topic/*"])), 300.2),
    ("monitor-read", "Read metrics for the Prometheus exporter",
     document(statement("allow", ["name/monitor:GetMonitorData", "name/monitor:Describe*",
                                  "name/cvm:DescribeInstances"])), 280.9),
    ("finance-invoice-read", "查看账单与发票",
     document(statement("allow", ["name/billing:Describe*", "name/finance:DescribeInvoice*"])), 500.1),
    ("deny-delete-prod", "No one outside ops terminates production machines",
     document(statement("deny", ["name/cvm:TerminateInstances", "name/cdb:IsolateDBInstance"],
                        [f"qcs::cvm:ap-guangzhou:uin/{OWNER}:instance/*",
                         f"qcs::cdb:ap-guangzhou:uin/{OWNER}:instanceId/*"])), 398.6),
    ("terraform-state", "Terraform remote state bucket",
     document(statement("allow", ["name/cos:GetObject", "name/cos:PutObject", "name/cos:DeleteObject",
                                  "name/cos:GetBucket"],
                        [f"qcs::cos:ap-shanghai:uid/{APP_ID}:tf-state-{APP_ID}/*"])), 350.4),
    ("dba-cdb", "数据库管理：云数据库 MySQL 全部操作",
     document(statement("allow", ["name/cdb:*"]),
              statement("allow", ["name/monitor:GetMonitorData"], ["*"],
                        {"ip_equal": {"qcs:ip": ["10.0.12.0/24", "172.16.8.0/24"]}})), 520.5),
    ("office-ip-only", "Console and API only from the office and VPN",
     document(statement("deny", ["*"], ["*"],
                        {"ip_not_equal": {"qcs:ip": ["203.0.113.0/24", "198.51.100.0/24", "10.0.0.0/8"]}})), 240.8),
]

# Groups: name, remark, days ago, policies.
GROUPS = [
    ("开发组", "研发团队", 700.2, ["QcloudCVMReadOnlyAccess", "QcloudCOSReadOnlyAccess", "deny-delete-prod"]),
    ("ops", "SRE and on-call", 690.6, ["QcloudCVMFullAccess", "QcloudCamReadOnlyAccess", "QcloudAuditReadOnlyAccess"]),
    ("财务", "财务与采购", 650.4, ["QCloudFinanceFullAccess", "finance-invoice-read"]),
    ("security-audit", "Read-only review of everything", 620.9, ["ReadOnlyAccess", "QcloudAuditFullAccess"]),
    ("data-platform", "数据平台", 520.3, ["dba-cdb", "QcloudCOSReadOnlyAccess"]),
    ("contractors", "External, time-limited", 300.7, ["QcloudCOSReadOnlyAccess", "office-ip-only"]),
]

MEMBERS = {
    "开发组": ["bob.li", "eric.zhao", "刘洋", "陈静", "frank.sun", "leo.gao", "kate.lin", "周杰"],
    "ops": ["张伟", "jack.hu", "alice.chen", "杨磊", "深圳云服务商"],
    "财务": ["李娜"],
    "security-audit": ["dana.wu", "吴婷", "Acme Consulting"],
    "data-platform": ["王芳", "周杰", "frank.sun", "杨磊", "北京数据科技"],
    "contractors": ["ivan.ma", "Pixel Studio", "赵强"],
}

# Policies attached to users directly.
DIRECT = {
    "ops-admin": ["AdministratorAccess"],
    "alice.chen": ["QcloudCamFullAccess"],
    "backup-bot": ["cos-backup-write"],
    "ci-deployer": ["ci-deploy", "QcloudCOSReadOnlyAccess"],
    "monitoring": ["monitor-read"],
    "log-shipper": ["cls-log-upload"],
    "terraform": ["QCloudResourceFullAccess", "terraform-state"],
    "李娜": ["finance-invoice-read"],
    "杨磊": ["dba-cdb"],
    "grace.zhou": ["ReadOnlyAccess"],
    "helen.xu": ["QcloudCVMReadOnlyAccess"],
    "Nova Games": ["QcloudCOSReadOnlyAccess"],
}

# Login and sensitive-operation protection (bots have none; people verify by phone unless noted).
SECURITY = {
    "ops-admin": {"login": "stoken", "action": "stoken", "mfaDevice": True},
    "alice.chen": {"login": "u2fToken", "action": "stoken", "mfaDevice": True},
    "dana.wu": {"login": "passkey", "action": "phone"},
    "张伟": {"login": "wechat", "action": "stoken", "wechatBound": True, "mfaDevice": True},
    "jack.hu": {"login": "phone", "action": "stoken", "mfaDevice": True},
    "李娜": {"login": "phone", "action": "phone"},
    "吴婷": {"login": "wechat", "action": "wechat", "wechatBound": True},
    "kate.lin": {},
    "ivan.ma": {"login": "phone"},
}

# What each policy lets a key do with the CAM API: "write" (manage users and keys), "read".
CAM_POWER = {
    "AdministratorAccess": "write", "QcloudCamFullAccess": "write",
    "QcloudCamReadOnlyAccess": "read", "ReadOnlyAccess": "read", "QcloudAuditReadOnlyAccess": "audit",
    "QcloudAuditFullAccess": "audit",
}
RANK = {"self": 0, "audit": 1, "read": 2, "write": 3}

IPS = ["203.0.113.17", "203.0.113.54", "198.51.100.23", "198.51.100.77", "192.0.2.10",
       "10.0.12.5", "10.0.12.9", "172.16.8.21", "119.29.29.29", "183.60.83.19"]
REGIONS = ["ap-guangzhou", "ap-guangzhou", "ap-shanghai", "ap-beijing", "ap-singapore", "ap-hongkong", ""]
CLIENTS = ["SDK_PYTHON_3.1.195", "SDK_PYTHON_3.1.195; _CLI_3.1.189.1", "SDK_GO_1.0.1067",
           "camtui/0.1.0", "terraform-provider-tencentcloud/1.81.0"]

# Any key may call these on itself.
SELF_ACTIONS = ["ListAccessKeys", "GetUserAppId", "GetSecurityLastUsed", "ListAttachedUserAllPolicies",
                "ListGroupsForUser", "DescribeSafeAuthFlagColl"]
READ_ACTIONS = ["ListUsers", "GetUser", "ListCollaborators", "DescribeSubAccounts", "ListPolicies",
                "GetPolicy", "ListGroups", "ListAccessKeys", "ListAttachedUserAllPolicies"]
AUDIT_ACTIONS = ["DescribeEvents", "LookUpEvents"]
WRITE_ACTIONS = ["CreateAccessKey", "UpdateAccessKey", "UpdateUser", "AddUser", "AttachUserPolicy",
                 "AddUserToGroup", "SetMfaFlag"]
# How a call of each action can fail besides a bad signature: codes from its documented list.
FAILS = {
    "ListAccessKeys": ["InvalidParameter.UserNotExist"],
    "GetSecurityLastUsed": ["InvalidParameter"],
    "ListAttachedUserAllPolicies": ["ResourceNotFound.UserNotExist", "InvalidParameter.ParamError"],
    "ListGroupsForUser": ["ResourceNotFound.UserNotExist"],
    "DescribeSafeAuthFlagColl": ["ResourceNotFound.UserNotExist"],
    "GetUser": ["ResourceNotFound.UserNotExist"],
    "DescribeSubAccounts": ["InvalidParameter"],
    "GetPolicy": ["ResourceNotFound.PolicyIdNotFound"],
    "ListPolicies": ["InvalidParameter.ScopeError"],
    "DescribeEvents": ["InvalidParameter"],
    "LookUpEvents": ["LimitExceeded.OverTime", "InvalidParameterValue.MaxResult"],
    "CreateAccessKey": ["OperationDenied.AccessKeyOverLimit"],
    "UpdateAccessKey": ["ResourceNotFound.SecretNotExist", "OperationDenied.UinNotMatch"],
    "UpdateUser": ["ResourceNotFound.UserNotExist"],
    "AddUser": ["InvalidParameter.SubUserNameInUse", "InvalidParameter.UserNameIllegal"],
    "AttachUserPolicy": ["ResourceNotFound.PolicyIdNotFound"],
    "AddUserToGroup": ["InvalidParameter.GroupNotExist"],
    "SetMfaFlag": ["FailedOperation.UserNotBindPhone", "FailedOperation.UserNotBindWechat"],
}
SIGNATURE_FAILS = ["AuthFailure.SignatureFailure", "AuthFailure.SignatureExpire"]


def power(name):
    """The most a user's policies (direct and through groups) let them do with CAM."""
    names = list(DIRECT.get(name, []))
    for group, _, _, policies in GROUPS:
        if name in MEMBERS[group]:
            names += policies
    return max((CAM_POWER.get(p, "self") for p in names), key=RANK.get, default="self")


# What a key tries that its policies do not allow, by its level.
BEYOND = {"self": READ_ACTIONS[:4] + AUDIT_ACTIONS[:1], "audit": READ_ACTIONS[:4],
          "read": WRITE_ACTIONS[:2], "write": []}


def call(level):
    """An action a key of this level calls, and whether it is beyond what the key may do."""
    if BEYOND[level] and rng.random() < 0.04:
        return rng.choice(BEYOND[level]), True
    if level == "write" and rng.random() < 0.12:
        return rng.choice(WRITE_ACTIONS), False
    if RANK[level] >= RANK["read"] and rng.random() < 0.6:
        return rng.choice(READ_ACTIONS), False
    if RANK[level] >= RANK["audit"] and rng.random() < 0.4:
        return rng.choice(AUDIT_ACTIONS), False
    return rng.choice(SELF_ACTIONS), False


def event(key, seconds_ago, action, home_ips, code=None):
    e = {
        "secondsAgo": seconds_ago,
        "secretId": key["secretId"],
        "action": action,
        "service": "cloudaudit" if action in AUDIT_ACTIONS else "cam",
        "sourceIp": rng.choice(home_ips) if rng.random() < 0.85 else rng.choice(IPS),
        "region": rng.choice(REGIONS),
        "userAgent": rng.choice(CLIENTS),
    }
    if code:
        e["errorCode"] = code
    return e


CREATED = {name: ago for name, _, _, ago in POLICIES}


def attached(policy, holder_created):
    """When a policy was attached to a user or group created `holder_created` days ago: after
    both existed (presets always have)."""
    return days(1, min(holder_created, CREATED.get(policy, holder_created)))


users = []
events = []
for i, (name, remark, email, phone, kind) in enumerate(PEOPLE):
    uin = 100000000100 + i * 7 + 3
    created = days(120, 900)
    never_logged_in = kind == "subUser" and (email == "" or rng.random() < 0.15)
    user = {
        "uin": uin,
        "uid": 11000000 + i * 13 + 1,
        "type": kind,
        "name": name,
        "nickName": name,
        "remark": remark,
        "consoleLogin": 0 if email == "" else 1,
        "phoneNum": phone,
        "countryCode": "86" if phone else "",
        "email": email,
        "createdDaysAgo": created,
    }
    if not never_logged_in:
        user["lastLoginIp"] = rng.choice(IPS)
        user["lastLoginSecondsAgo"] = rng.randint(600, 40 * DAY)
    if name == "ops-admin":
        user["isAdmin"] = True
    groups = [g for g, _, _, _ in GROUPS if name in MEMBERS[g]]
    if groups:
        user["groups"] = groups
    if name in DIRECT:
        user["policies"] = [{"policy": p, "attachedDaysAgo": attached(p, created)} for p in DIRECT[name]]
    if kind == "subUser" and email:
        security = SECURITY.get(name, {"login": "phone"})
        if security:
            user["security"] = security
    n_keys = 0 if name in ("kate.lin", "黄敏", "Pixel Studio") else rng.choice([1, 1, 2, 2, 1, 0])
    keys = []
    for k in range(n_keys):
        status = "Active" if (k == 0 or rng.random() < 0.5) else "Inactive"
        if name == "ivan.ma":
            status = "Inactive"
        key = {
            "secretId": secret_id("AKID" if rng.random() < 0.2 else "IKID"),
            "status": status,
            "createdDaysAgo": days(0.3, created),
        }
        if rng.random() < 0.6:
            key["description"] = rng.choice(["prod", "staging", "ci", "laptop", "backup-job", "terraform-state", "数据同步"])
        keys.append(key)
    if keys:
        user["keys"] = keys
    users.append(user)

    level = power(name)
    home_ips = rng.sample(IPS, 2)
    for key in keys:
        # A key is used from its creation (at most 89 days back) until now, or, once disabled,
        # until it was disabled; attempts after that are refused.
        born = int(min(key["createdDaysAgo"], 89) * DAY) - 60
        disabled = rng.randint(60, born // 2) if key["status"] == "Inactive" and born > 120 else 0
        if born <= disabled + 60:
            continue
        for _ in range(rng.choice([3, 8, 15, 30, 45])):
            ago = rng.randint(disabled + 60, born)
            action, beyond = call(level)
            code = None
            if beyond:
                code = "AuthFailure.UnauthorizedOperation"
            elif rng.random() < 0.08:
                code = rng.choice(SIGNATURE_FAILS + FAILS.get(action, []))
            events.append(event(key, ago, action, home_ips, code))
        if disabled:
            for _ in range(rng.choice([0, 1, 3])):
                action, _ = call(level)
                events.append(event(key, rng.randint(60, disabled), action, home_ips,
                                    "AuthFailure.SecretIdNotFound"))

events.sort(key=lambda e: -e["secondsAgo"])
policies = [{"name": n, "description": d, "document": doc, "createdDaysAgo": ago} for n, d, doc, ago in POLICIES]
groups = [{"name": n, "remark": r, "createdDaysAgo": ago,
           "policies": [{"policy": p, "attachedDaysAgo": attached(p, ago)} for p in ps]}
          for n, r, ago, ps in GROUPS]
seed = {"account": {"ownerUin": OWNER, "appId": APP_ID}}
out = Path(__file__).with_name("demo.json")


def line(value):
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def section(name, items, last=False):
    return f' "{name}": [\n  ' + ",\n  ".join(line(x) for x in items) + "\n ]" + ("\n" if last else ",\n")


# One user, policy, group or event per line: readable, and diffs stay small.
text = "{\n \"account\": " + line(seed["account"]) + ",\n"
text += section("policies", policies) + section("groups", groups) + section("users", users)
text += section("events", events, last=True) + "}\n"
json.loads(text)
out.write_text(text, encoding="utf-8")
print(f"{len(users)} users, {sum(len(u.get('keys', [])) for u in users)} keys, {len(policies)} policies, "
      f"{len(groups)} groups, {len(events)} events -> {out}")
