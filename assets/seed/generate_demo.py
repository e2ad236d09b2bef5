#!/usr/bin/env python3
"""Writes demo.json, the sandbox's lived-in account: run `python3 assets/seed/generate_demo.py`.

Deterministic (fixed random seed). Times are relative to when the seed is loaded.
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


PEOPLE = [
    # name, nick/remark, email, phone, type
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

IPS = ["203.0.113.17", "203.0.113.54", "198.51.100.23", "198.51.100.77", "192.0.2.10",
       "10.0.12.5", "10.0.12.9", "172.16.8.21", "119.29.29.29", "183.60.83.19"]
REGIONS = ["ap-guangzhou", "ap-guangzhou", "ap-shanghai", "ap-beijing", "ap-singapore", "ap-hongkong", ""]
READS = ["ListAccessKeys", "ListUsers", "GetUser", "GetUserAppId", "DescribeSubAccounts",
         "GetSecurityLastUsed", "ListCollaborators", "DescribeEvents"]
WRITES = ["CreateAccessKey", "UpdateAccessKey", "UpdateUser", "AddUser"]
FAILURES = ["AuthFailure.SignatureFailure", "AuthFailure.SignatureExpire",
            "AuthFailure.UnauthorizedOperation", "OperationDenied.AccessKeyOverLimit",
            "ResourceNotFound.UserNotExist", "InvalidParameter", "MissingParameter"]
CLIENTS = ["SDK_PYTHON_3.1.195", "SDK_PYTHON_3.1.195; _CLI_3.1.189.1", "SDK_GO_1.0.1067",
           "camtui/0.1.0", "terraform-provider-tencentcloud/1.81.0"]

users = []
events = []
for i, (name, remark, email, phone, kind) in enumerate(PEOPLE):
    uin = 100000000100 + i * 7 + 3
    created = rng.randint(120, 900)
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
    n_keys = 0 if name in ("kate.lin", "黄敏", "Pixel Studio") else rng.choice([1, 1, 2, 2, 1, 0])
    keys = []
    for k in range(n_keys):
        status = "Active" if (k == 0 or rng.random() < 0.5) else "Inactive"
        if name == "ivan.ma":
            status = "Inactive"
        key = {
            "secretId": secret_id("AKID" if rng.random() < 0.2 else "IKID"),
            "status": status,
            "createdDaysAgo": rng.randint(1, created),
        }
        if rng.random() < 0.6:
            key["description"] = rng.choice(["prod", "staging", "ci", "laptop", "backup-job", "terraform-state", "数据同步"])
        keys.append(key)
    if keys:
        user["keys"] = keys
    users.append(user)

    home_ips = rng.sample(IPS, 2)
    for key in keys:
        age = key["createdDaysAgo"]
        window = min(age, 89) * DAY
        # Disabled keys went quiet some time ago.
        quiet = rng.randint(5, 40) * DAY if key["status"] == "Inactive" else 0
        busy = rng.choice([3, 8, 15, 30, 45])
        for _ in range(busy):
            ago = rng.randint(quiet + 60, max(quiet + 120, window))
            if ago > 89 * DAY:
                continue
            failed = rng.random() < 0.12
            action = rng.choice(WRITES) if rng.random() < 0.1 else rng.choice(READS)
            service = "cloudaudit" if action == "DescribeEvents" else "cam"
            event = {
                "secondsAgo": ago,
                "secretId": key["secretId"],
                "action": action,
                "service": service,
                "sourceIp": rng.choice(home_ips) if rng.random() < 0.85 else rng.choice(IPS),
                "region": rng.choice(REGIONS),
                "userAgent": rng.choice(CLIENTS),
            }
            if failed:
                event["errorCode"] = rng.choice(FAILURES)
            events.append(event)

events.sort(key=lambda e: -e["secondsAgo"])
seed = {"account": {"ownerUin": 100000000001, "appId": 1250000001}, "users": users, "events": events}
out = Path(__file__).with_name("demo.json")
def line(value):
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


# One user or event per line: readable, and diffs stay small.
text = "{\n \"account\": " + line(seed["account"]) + ",\n \"users\": [\n  "
text += ",\n  ".join(line(u) for u in users) + "\n ],\n \"events\": [\n  "
text += ",\n  ".join(line(e) for e in events) + "\n ]\n}\n"
json.loads(text)
out.write_text(text, encoding="utf-8")
print(f"{len(users)} users, {sum(len(u.get('keys', [])) for u in users)} keys, {len(events)} events -> {out}")
