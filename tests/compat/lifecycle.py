#!/usr/bin/env python3
"""Drives `camtui serve` with the official Tencent Cloud Python SDK and tccli.

Usage: lifecycle.py PORT ROOT_CREDENTIAL_JSON TCCLI_EXECUTABLE

Both clients run a full key lifecycle (list users, create two keys, third refused, disable,
delete, last used, access records) and must see the right codes for a bad signature and an
expired timestamp; the SDK also sets up and reads what User Details shows (a policy attached
directly and through a group, groups, security settings). Exits non-zero with a message on the
first mismatch.
"""
import json
import os
import subprocess
import sys
import tempfile
import time
from unittest import mock

from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.cam.v20190116 import cam_client, models as cam_models
from tencentcloud.cloudaudit.v20190319 import cloudaudit_client, models as audit_models

PORT = int(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as f:
    ROOT = json.load(f)
TCCLI = sys.argv[3]
ENDPOINT = f"127.0.0.1:{PORT}"


def check(condition, message):
    if not condition:
        print(f"FAIL: {message}", file=sys.stderr)
        sys.exit(1)
    print(f"ok: {message}")


def profile(method="POST", language="en-US"):
    return ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=ENDPOINT, reqMethod=method, reqTimeout=10), language=language)


def cam(secret_id, secret_key, method="POST", language="en-US"):
    return cam_client.CamClient(credential.Credential(secret_id, secret_key), "", profile(method, language))


def audit(secret_id, secret_key):
    return cloudaudit_client.CloudauditClient(credential.Credential(secret_id, secret_key), "ap-guangzhou", profile())


def request(model, **fields):
    req = model()
    req.from_json_string(json.dumps(fields))
    return req


def error_code(call):
    try:
        call()
    except TencentCloudSDKException as e:
        check(e.get_request_id(), f"{e.get_code()} carries a RequestId")
        return e.get_code()
    return "OK"


def next_second():
    """The SDKs sign content-type;host only, so two requests with the same parameters signed in
    one second carry one signature, and camtui serve binds a signature to its first request (a
    change's is accepted once): a request that repeats an earlier one's parameters waits for a
    second of its own."""
    time.sleep(1 - time.time() % 1)


def sdk_lifecycle():
    root = cam(ROOT["secretId"], ROOT["secretKey"])
    users = root.ListUsers(cam_models.ListUsersRequest())
    check(len(users.Data) > 0 and users.RequestId, f"SDK ListUsers lists {len(users.Data)} users")
    added = root.AddUser(request(cam_models.AddUserRequest, Name="sdk-compat", Remark="python sdk"))
    uin = added.Uin
    check(uin > 0, f"SDK AddUser made sub-user {uin}")
    user = root.GetUser(request(cam_models.GetUserRequest, Name="sdk-compat"))
    check(user.Uin == uin and user.Remark == "python sdk", "SDK GetUser reads it back")

    first = root.CreateAccessKey(request(cam_models.CreateAccessKeyRequest, TargetUin=uin, Description="sdk-1")).AccessKey
    second = root.CreateAccessKey(request(cam_models.CreateAccessKeyRequest, TargetUin=uin)).AccessKey
    check(first.AccessKeyId.startswith("IKID") and len(first.SecretAccessKey) == 32, "SDK CreateAccessKey returns an IKID key and its SecretKey")
    next_second()
    code = error_code(lambda: root.CreateAccessKey(request(cam_models.CreateAccessKeyRequest, TargetUin=uin)))
    check(code == "OperationDenied.AccessKeyOverLimit", f"SDK third key refused ({code})")

    # The user's own key, without TargetUin, over GET as well.
    own = cam(first.AccessKeyId, first.SecretAccessKey)
    keys = own.ListAccessKeys(cam_models.ListAccessKeysRequest()).AccessKeys
    check(sorted(k.AccessKeyId for k in keys) == sorted([first.AccessKeyId, second.AccessKeyId]), "SDK ListAccessKeys as the user lists both keys")
    own_get = cam(first.AccessKeyId, first.SecretAccessKey, method="GET")
    check(len(own_get.ListAccessKeys(cam_models.ListAccessKeysRequest()).AccessKeys) == 2, "SDK ListAccessKeys over GET")
    next_second()
    code = error_code(lambda: own.ListUsers(cam_models.ListUsersRequest()))
    check(code == "AuthFailure.UnauthorizedOperation", f"SDK a sub-user may not list users ({code})")

    root.UpdateAccessKey(request(cam_models.UpdateAccessKeyRequest, TargetUin=uin, AccessKeyId=second.AccessKeyId, Status="Inactive"))
    disabled = cam(second.AccessKeyId, second.SecretAccessKey)
    code = error_code(lambda: disabled.ListAccessKeys(cam_models.ListAccessKeysRequest()))
    check(code == "AuthFailure.SecretIdNotFound", f"SDK a disabled key is refused ({code})")
    keys = root.ListAccessKeys(request(cam_models.ListAccessKeysRequest, TargetUin=uin)).AccessKeys
    check({k.AccessKeyId: k.Status for k in keys}[second.AccessKeyId] == "Inactive", "SDK the key shows Inactive")
    root.DeleteAccessKey(request(cam_models.DeleteAccessKeyRequest, TargetUin=str(uin), AccessKeyId=second.AccessKeyId))
    keys = root.ListAccessKeys(request(cam_models.ListAccessKeysRequest, TargetUin=uin)).AccessKeys
    check([k.AccessKeyId for k in keys] == [first.AccessKeyId], "SDK DeleteAccessKey removed it")

    rows = cam(ROOT["secretId"], ROOT["secretKey"], method="GET").GetSecurityLastUsed(
        request(cam_models.GetSecurityLastUsedRequest, SecretIdList=[first.AccessKeyId, second.AccessKeyId])).SecretIdLastUsedRows
    check(rows[0].LastSecretUsedDate and rows[0].LastUsedDate, f"SDK GetSecurityLastUsed (GET) shows the use: {rows[0].LastUsedDate}")

    now = int(time.time())
    events = audit(ROOT["secretId"], ROOT["secretKey"]).DescribeEvents(request(
        audit_models.DescribeEventsRequest, StartTime=now - 3600, EndTime=now, MaxResults=50,
        LookupAttributes=[{"AttributeKey": "AccessKeyId", "AttributeValue": second.AccessKeyId}]))
    # A failed call's code is in the answer it got, which CloudAuditEvent keeps as JSON text.
    answers = [json.loads(json.loads(e.CloudAuditEvent)["responseElements"]) for e in events.Events]
    names = [(e.EventName, a.get("Error", {}).get("Code", "")) for e, a in zip(events.Events, answers)]
    check(("ListAccessKeys", "AuthFailure.SecretIdNotFound") in names, f"SDK DescribeEvents shows the refused call of the disabled key: {names}")
    check(events.ListOver is True, "SDK DescribeEvents ListOver")
    looked = audit(ROOT["secretId"], ROOT["secretKey"]).LookUpEvents(request(
        audit_models.LookUpEventsRequest, StartTime=now - 3600, EndTime=now, MaxResults=1,
        LookupAttributes=[{"AttributeKey": "AccessKeyId", "AttributeValue": first.AccessKeyId}]))
    check(len(looked.Events) == 1 and looked.ListOver is False and looked.NextToken, "SDK LookUpEvents pages with NextToken")

    code = error_code(lambda: cam(first.AccessKeyId, "x" * 32).ListAccessKeys(cam_models.ListAccessKeysRequest()))
    check(code == "AuthFailure.SignatureFailure", f"SDK bad signature ({code})")
    real = time.time
    with mock.patch("time.time", lambda: real() - 600):
        code = error_code(lambda: own.ListAccessKeys(cam_models.ListAccessKeysRequest()))
    check(code == "AuthFailure.SignatureExpire", f"SDK expired timestamp ({code})")

    # Language=zh-CN in the client profile: the same refusal, its message in Chinese.
    chinese = cam(ROOT["secretId"], ROOT["secretKey"], language="zh-CN")
    try:
        chinese.GetUser(request(cam_models.GetUserRequest, Name="nobody-here"))
        check(False, "SDK zh-CN: GetUser of a missing user is refused")
    except TencentCloudSDKException as e:
        check(e.get_code() == "ResourceNotFound.UserNotExist", f"SDK zh-CN: the code stays {e.get_code()}")
        check(e.get_message().startswith("用户不存在。"), f"SDK zh-CN message: {e.get_message()}")
    return uin


def sdk_permissions(uin):
    root = cam(ROOT["secretId"], ROOT["secretKey"])
    document = json.dumps({"version": "2.0", "statement": [{"effect": "allow", "action": ["name/cos:*"], "resource": ["*"]}]})
    policy = root.CreatePolicy(request(cam_models.CreatePolicyRequest, PolicyName="sdk-cos", PolicyDocument=document,
                                       Description="python sdk")).PolicyId
    read = root.GetPolicy(request(cam_models.GetPolicyRequest, PolicyId=policy))
    check(read.Type == 1 and json.loads(read.PolicyDocument) == json.loads(document), "SDK GetPolicy reads the document back")
    root.AttachUserPolicy(request(cam_models.AttachUserPolicyRequest, PolicyId=policy, AttachUin=uin))
    group = root.CreateGroup(request(cam_models.CreateGroupRequest, GroupName="sdk-group", Remark="python sdk")).GroupId
    root.AddUserToGroup(request(cam_models.AddUserToGroupRequest, Info=[{"GroupId": group, "Uin": uin}]))
    root.AttachGroupPolicy(request(cam_models.AttachGroupPolicyRequest, PolicyId=400411, AttachGroupId=group))
    listed = root.ListAttachedUserAllPolicies(request(cam_models.ListAttachedUserAllPoliciesRequest, TargetUin=uin, Rp=20,
                                                      Page=1, AttachType=0))
    rows = {p.PolicyName: p for p in listed.PolicyList}
    check(listed.TotalNum == 2 and rows["sdk-cos"].PolicyId == str(policy) and rows["sdk-cos"].StrategyType == "1",
          "SDK ListAttachedUserAllPolicies: ids and types as strings")
    check([g.GroupName for g in rows["ReadOnlyAccess"].Groups] == ["sdk-group"], "SDK ListAttachedUserAllPolicies names the group")
    groups = root.ListGroupsForUser(request(cam_models.ListGroupsForUserRequest, SubUin=uin))
    check([g.GroupId for g in groups.GroupInfo] == [group], "SDK ListGroupsForUser")
    code = error_code(lambda: root.SetMfaFlag(request(cam_models.SetMfaFlagRequest, OpUin=uin, LoginFlag={"Phone": 1})))
    check(code == "FailedOperation.UserNotBindPhone", f"SDK SetMfaFlag needs a phone ({code})")
    next_second()  # the same parameters as ListGroupsForUser's: one signature within a second
    flags = root.DescribeSafeAuthFlagColl(request(cam_models.DescribeSafeAuthFlagCollRequest, SubUin=uin))
    check(flags.LoginFlag.Phone == 0 and flags.ActionFlag.Stoken == 0, "SDK DescribeSafeAuthFlagColl: no protection")


def tccli(args, secret_id=ROOT["secretId"], secret_key=ROOT["secretKey"], clock_offset=0):
    env = {k: v for k, v in os.environ.items() if not k.upper().endswith("_PROXY")}
    env.update(HOME=TCCLI_HOME, TENCENTCLOUD_SECRET_ID=secret_id, TENCENTCLOUD_SECRET_KEY=secret_key)
    command = [TCCLI] + args + ["--endpoint", f"http://{ENDPOINT}"]
    if clock_offset:
        # tccli has no clock option: run its entry point with time.time shifted.
        shim = ("import sys, time; real = time.time; time.time = lambda: real() + %d; "
                "from tccli.main import main; sys.argv = ['tccli'] + sys.argv[1:]; sys.exit(main())" % clock_offset)
        python = os.path.join(os.path.dirname(TCCLI), "python3")
        command = [python, "-c", shim] + command[1:]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    if done.returncode == 0:
        return json.loads(done.stdout), "OK"
    for code in ["AuthFailure.SignatureFailure", "AuthFailure.SignatureExpire", "AuthFailure.SecretIdNotFound",
                 "OperationDenied.AccessKeyOverLimit"]:
        if f"code:{code} " in done.stderr:
            check("requestId:" in done.stderr and done.returncode == 255, f"tccli {code} exits 255 with a RequestId")
            return None, code
    print(done.stdout, done.stderr, file=sys.stderr)
    check(False, f"tccli {' '.join(args)} failed unexpectedly ({done.returncode})")


def tccli_lifecycle():
    users, _ = tccli(["cam", "ListUsers"])
    check(len(users["Data"]) > 0, f"tccli ListUsers lists {len(users['Data'])} users")
    added, _ = tccli(["cam", "AddUser", "--Name", "cli-compat"])
    uin = added["Uin"]
    first, _ = tccli(["cam", "CreateAccessKey", "--TargetUin", str(uin), "--Description", "cli-1"])
    second, _ = tccli(["cam", "CreateAccessKey", "--TargetUin", str(uin)])
    first, second = first["AccessKey"], second["AccessKey"]
    check(first["AccessKeyId"].startswith("IKID"), "tccli CreateAccessKey twice")
    next_second()
    _, code = tccli(["cam", "CreateAccessKey", "--TargetUin", str(uin)])
    check(code == "OperationDenied.AccessKeyOverLimit", f"tccli third key refused ({code})")
    keys, _ = tccli(["cam", "ListAccessKeys"], first["AccessKeyId"], first["SecretAccessKey"])
    check(len(keys["AccessKeys"]) == 2, "tccli ListAccessKeys with the user's own key")
    tccli(["cam", "UpdateAccessKey", "--TargetUin", str(uin), "--AccessKeyId", second["AccessKeyId"], "--Status", "Inactive"])
    _, code = tccli(["cam", "ListAccessKeys"], second["AccessKeyId"], second["SecretAccessKey"])
    check(code == "AuthFailure.SecretIdNotFound", f"tccli disabled key refused ({code})")
    tccli(["cam", "DeleteAccessKey", "--TargetUin", str(uin), "--AccessKeyId", second["AccessKeyId"]])
    keys, _ = tccli(["cam", "ListAccessKeys", "--TargetUin", str(uin)])
    check([k["AccessKeyId"] for k in keys["AccessKeys"]] == [first["AccessKeyId"]], "tccli DeleteAccessKey")
    rows, _ = tccli(["cam", "GetSecurityLastUsed", "--SecretIdList", json.dumps([first["AccessKeyId"]])])
    check(rows["SecretIdLastUsedRows"][0]["LastSecretUsedDate"], "tccli GetSecurityLastUsed shows the use")
    now = int(time.time())
    events, _ = tccli(["cloudaudit", "DescribeEvents", "--StartTime", str(now - 3600), "--EndTime", str(now),
                       "--LookupAttributes", json.dumps([{"AttributeKey": "AccessKeyId", "AttributeValue": first["AccessKeyId"]}])])
    check(any(e["EventName"] == "ListAccessKeys" for e in events["Events"]), f"tccli DescribeEvents shows {len(events['Events'])} records")
    _, code = tccli(["cam", "ListAccessKeys"], first["AccessKeyId"], "y" * 32)
    check(code == "AuthFailure.SignatureFailure", f"tccli bad signature ({code})")
    _, code = tccli(["cam", "ListAccessKeys"], first["AccessKeyId"], first["SecretAccessKey"], clock_offset=-900)
    check(code == "AuthFailure.SignatureExpire", f"tccli expired timestamp ({code})")
    policies, _ = tccli(["cam", "ListPolicies", "--Scope", "QCS", "--Rp", "200"])
    check(any(p["PolicyName"] == "AdministratorAccess" for p in policies["List"]), "tccli ListPolicies lists the presets")


if __name__ == "__main__":
    for proxy in [k for k in os.environ if k.upper().endswith("_PROXY")]:
        del os.environ[proxy]
    sdk_permissions(sdk_lifecycle())
    with tempfile.TemporaryDirectory() as home:
        TCCLI_HOME = home
        tccli_lifecycle()
    print("compat: all checks passed")
