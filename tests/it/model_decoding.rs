//! The model decodes the spec's example responses and what real servers send: numbers as strings,
//! `null`, unknown fields, `EventTime` in both formats. And a SecretKey never prints.

use camtui::cam::de::EventTime;
use camtui::cam::model::{
    CreateAccessKeyResponse, CreateGroupResponse, CreatePolicyResponse, DescribeEventsResponse,
    DescribeSafeAuthFlagCollResponse, DescribeSubAccountsResponse, Empty, GetPolicyResponse,
    GetSecurityLastUsedResponse, GetUserAppIdResponse, GetUserResponse, KeyStatus,
    ListAccessKeysResponse, ListAttachedUserAllPoliciesResponse, ListAttachedUserPoliciesResponse,
    ListCollaboratorsResponse, ListGroupsResponse, ListPoliciesResponse, ListUsersResponse,
    LookUpEventsResponse, POLICY_TYPE_CUSTOM, POLICY_TYPE_PRESET, Verification,
};
use camtui::cam::transport::decode_envelope;

fn decode<T: for<'de> serde::Deserialize<'de>>(envelope: &str) -> T {
    let reply = decode_envelope("test", envelope.as_bytes()).unwrap();
    reply.decode().unwrap()
}

#[test]
fn list_users_spec_example() {
    let r: ListUsersResponse = decode(
        r#"{"Response": {"Data": [{"Uin": 0, "Name": "开发商", "Uid": 1003668, "Remark": "", "ConsoleLogin": 0, "PhoneNum": "15118121005", "CountryCode": "86", "Email": "evianwang@personal.com", "CreateTime": "2021-11-26 16:21:01", "NickName": "开发商"}], "RequestId": "81b595fc-0700-40e3-847e-6bbf711c0d2c"}}"#,
    );
    assert_eq!(r.data[0].name, "开发商");
    assert_eq!(r.data[0].uid, 1_003_668);
}

#[test]
fn get_user_tolerates_strings_nulls_and_unknown_fields() {
    let r: GetUserResponse = decode(
        r#"{"Response": {"Uin": "100000546533", "Name": "jack", "Uid": 1001774, "Remark": null, "ConsoleLogin": "1", "PhoneNum": null, "CountryCode": "86", "Email": "1****0@qq.com", "RecentlyLoginIP": "1.1.1.1", "RecentlyLoginTime": "2023-02-27 14:59:08", "SomethingNew": {"x": 1}, "RequestId": "r"}}"#,
    );
    assert_eq!(r.uin, 100_000_546_533);
    assert_eq!(r.console_login, 1);
    assert_eq!(r.remark, None);
    assert_eq!(r.phone_num, "");
    assert_eq!(r.recently_login_ip, "1.1.1.1");
}

#[test]
fn collaborators_and_sub_accounts() {
    let r: ListCollaboratorsResponse = decode(
        r#"{"Response": {"TotalNum": 1, "Data": [{"Uin": 100000000001, "Name": "Jack", "Uid": 10000001, "Remark": "productUser", "ConsoleLogin": 1, "PhoneNum": "186****0001", "CountryCode": "86", "Email": "186****0001@qq.com", "CreateTime": "2023-06-01 10:53:48", "NickName": "Jack"}], "RequestId": "3bfc64a0"}}"#,
    );
    assert_eq!((r.total_num, r.data[0].uin), (1, 100_000_000_001));
    let r: DescribeSubAccountsResponse = decode(
        r#"{"Response": {"RequestId": "5b4d", "SubAccounts": [{"CreateTime": "2022-11-30 16:05:07", "LastLoginIp": "", "LastLoginTime": null, "Name": "testuser2", "Remark": "", "Uid": 14866045, "Uin": 100028732368, "UserType": 2}]}}"#,
    );
    assert_eq!(r.sub_accounts[0].last_login_time, None);
    assert_eq!(r.sub_accounts[0].user_type, 2);
}

#[test]
fn app_id_uins_are_strings_on_the_wire() {
    let r: GetUserAppIdResponse = decode(
        r#"{"Response": {"Uin": "12345678", "OwnerUin": 12345678, "AppId": 1250000000, "RequestId": "6fd8"}}"#,
    );
    assert_eq!(
        (r.uin.as_str(), r.owner_uin.as_str(), r.app_id),
        ("12345678", "12345678", 1_250_000_000)
    );
}

#[test]
fn access_keys_null_list_and_statuses() {
    let r: ListAccessKeysResponse =
        decode(r#"{"Response": {"AccessKeys": null, "RequestId": "r"}}"#);
    assert!(r.access_keys.is_empty());
    let r: ListAccessKeysResponse = decode(
        r#"{"Response": {"AccessKeys": [{"AccessKeyId": "AKID***", "Status": "Active", "CreateTime": "2019-12-25 14:53:03"}, {"AccessKeyId": "AKID2", "Status": "Inactive", "CreateTime": "2020-03-03 16:51:21", "Description": "ci"}], "RequestId": "bbc4"}}"#,
    );
    assert_eq!(r.access_keys[0].status, KeyStatus::Active);
    assert_eq!(r.access_keys[1].description.as_deref(), Some("ci"));
}

#[test]
fn created_key_secret_is_redacted_in_debug() {
    let r: CreateAccessKeyResponse = decode(
        r#"{"Response": {"AccessKey": {"AccessKeyId": "AKID***", "SecretAccessKey": "iDVdSuperSecretValue", "Status": "Active", "CreateTime": "2020-03-03 18:00:26"}, "RequestId": "f842"}}"#,
    );
    let key = r.access_key.unwrap();
    assert_eq!(key.secret_access_key.expose(), "iDVdSuperSecretValue");
    let shown = format!("{key:?}");
    assert!(!shown.contains("iDVdSuperSecretValue"), "{shown}");
}

#[test]
fn last_used_rows() {
    let r: GetSecurityLastUsedResponse = decode(
        r#"{"Response": {"SecretIdLastUsedRows": [{"SecretId": "AKID***", "LastUsedDate": "2022-12-19", "LastSecretUsedDate": 1671681023555}, {"SecretId": "AKIDnever", "LastUsedDate": null, "LastSecretUsedDate": null}], "RequestId": "b790"}}"#,
    );
    assert_eq!(
        r.secret_id_last_used_rows[0].last_secret_used_date,
        Some(1_671_681_023_555)
    );
    assert_eq!(r.secret_id_last_used_rows[1].last_used_date, None);
}

#[test]
fn events_in_both_time_formats() {
    let r: LookUpEventsResponse = decode(
        r#"{"Response": {"Events": [{"CloudAuditEvent": "{\"actionType\":\"Read\",\"apiErrorCode\":\"\"}", "EventId": "e92a", "EventName": "LookupEvents", "EventTime": "2019-03-20 12:36:27", "SecretId": "XXX", "ErrorCode": 0, "RequestID": "15936031437374_1553056587.6815_v2", "AccountID": 1150691759, "Location": "未知", "SourceIPAddress": "59.37.125.124", "ResourceRegion": "ap-guangzhou", "EventSource": "cloudaudit.api.tencentyun.com/v2/index.php", "EventRegion": "ap-guangzhou", "Resources": {"ResourceName": "", "ResourceType": "cloudaudit"}, "Username": "root", "ResourceTypeCn": "操作审计", "EventNameCn": "检索日志"}], "NextToken": "DnF1ZXJ5", "ListOver": true, "TotalCount": 1, "RequestId": "91e2"}}"#,
    );
    let e = &r.events[0];
    // 12:36:27 Beijing time is 04:36:27 UTC.
    assert_eq!(e.event_time, EventTime(1_553_056_587));
    assert_eq!(e.source_ip_address, "59.37.125.124");
    assert_eq!(e.request_id, "15936031437374_1553056587.6815_v2");
    assert_eq!(e.failure(), None);

    let r: DescribeEventsResponse = decode(
        r#"{"Response": {"ListOver": false, "NextToken": 12, "Events": [{"EventTime": "1680513809", "ErrorCode": "403", "CloudAuditEvent": "{\"apiErrorCode\":\"AuthFailure.SignatureFailure\"}", "EventName": "ListAccessKeys"}], "RequestId": "r"}}"#,
    );
    assert_eq!(r.next_token, Some(12));
    assert_eq!(r.events[0].event_time, EventTime(1_680_513_809));
    assert_eq!(r.events[0].error_code, 403);
    assert_eq!(
        r.events[0].failure().as_deref(),
        Some("AuthFailure.SignatureFailure")
    );
}

// The official examples (tccli's examples.json) of the User Details actions.

#[test]
fn policies_official_examples() {
    let r: CreatePolicyResponse = decode(
        r#"{"Response": {"PolicyId": 17698703, "RequestId": "89360f78-b1dd-4e43-aa91-ecb2c8b8f282"}}"#,
    );
    assert_eq!(r.policy_id, 17_698_703);
    let r: GetPolicyResponse = decode(
        r#"{"Response": {"PolicyDocument": "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":[\"name\\/cos:*\"],\"resource\":[\"*\"]}]}", "UpdateTime": "2019-04-29 21:28:32", "AddTime": "2019-04-29 21:18:40", "PolicyName": "test-2019-04-29", "Description": "测试策略", "Type": 1, "RequestId": "845b309d-e531-402d-a4f6-ec124f06738b", "PresetAlias": "备注", "IsServiceLinkedRolePolicy": 0, "Tags": [{"Key": "region", "Value": "ap-guangzhou"}]}}"#,
    );
    assert_eq!(r.policy_type, POLICY_TYPE_CUSTOM);
    assert_eq!(r.preset_alias.as_deref(), Some("备注"));
    assert_eq!(r.tags[0].value, "ap-guangzhou");
    // The document keeps CAM's escaped slash; it reads the same once parsed.
    let document: serde_json::Value = serde_json::from_str(&r.policy_document).unwrap();
    assert_eq!(document["statement"][0]["action"][0], "name/cos:*");
    let r: ListPoliciesResponse = decode(
        r#"{"Response": {"List": [{"PolicyId": 16313162, "PolicyName": "QcloudAccessForCDNRole", "AddTime": "2019-04-19 10:55:31", "Type": 2, "Description": "腾讯云内容分发网络(CDN)操作权限含日志服务(CLS)的增删改查日志集，增删改查日志主题，搜索下载上传日志。", "CreateMode": 2, "Attachments": 0, "ServiceType": "cooperator", "IsAttached": 1, "Deactived": 1, "DeactivedDetail": ["cvm"], "IsServiceLinkedPolicy": 1, "UpdateTime": "2019-04-19 10:55:31", "AttachEntityCount": 0, "AttachEntityBoundaryCount": 0}], "ServiceTypeList": ["scf"], "TotalNum": 239, "RequestId": "ae2bd2b7-1d55-4b0a-8154-e02407a2b390"}}"#,
    );
    assert_eq!((r.total_num, r.list.len()), (239, 1));
    let policy = &r.list[0];
    assert_eq!(policy.policy_type, POLICY_TYPE_PRESET);
    assert_eq!(
        policy.deactived_detail.as_deref(),
        Some(&["cvm".to_owned()][..])
    );
    assert_eq!(policy.tags, None);
    // Nullable fields come as null.
    let r: ListPoliciesResponse = decode(
        r#"{"Response": {"List": [{"PolicyId": "7", "PolicyName": "p", "AddTime": "2019-04-19 10:55:31", "Type": "1", "Description": null, "CreateMode": 2, "Attachments": 0, "ServiceType": null, "IsAttached": null, "Deactived": null, "DeactivedDetail": null, "IsServiceLinkedPolicy": null, "UpdateTime": null, "AttachEntityCount": null, "AttachEntityBoundaryCount": null}], "ServiceTypeList": [], "TotalNum": 1, "RequestId": "r"}}"#,
    );
    let policy = &r.list[0];
    assert_eq!(
        (policy.policy_id, policy.policy_type),
        (7, POLICY_TYPE_CUSTOM)
    );
    assert_eq!(
        (policy.description.as_deref(), policy.is_attached),
        (None, None)
    );
}

#[test]
fn attachments_official_examples() {
    // Attach/DetachUserPolicy and Attach/DetachGroupPolicy share this example.
    let _: Empty = decode(r#"{"Response": {"RequestId": "1a21f666-d00e-4df8-92f7-7121f9012e43"}}"#);
    let r: ListAttachedUserPoliciesResponse = decode(
        r#"{"Response": {"List": [{"PolicyId": 109360057, "PolicyName": "policygen-20240909141614", "AddTime": "2024-09-09 15:51:40", "CreateMode": 3, "Remark": "cos policy", "OperateOwnerUin": "100008847111", "OperateUin": "100008847111", "OperateUinType": 0, "PolicyType": "User", "Deactived": 0, "DeactivedDetail": ["ccs"]}], "TotalNum": 1, "RequestId": "db1cdf3f-9b1a-47c5-88b3-c49089aaa811"}}"#,
    );
    let policy = &r.list[0];
    assert_eq!((policy.policy_id, policy.create_mode), (109_360_057, 3));
    assert_eq!(policy.policy_type, "User");
    assert_eq!(policy.operate_uin.as_deref(), Some("100008847111"));
    assert_eq!(policy.operate_uin_type, Some(0));
    let r: ListAttachedUserAllPoliciesResponse = decode(
        r#"{"Response": {"TotalNum": 1, "PolicyList": [{"AddTime": "2020-01-16 15:09:27", "CreateMode": "2", "Deactived": 1, "DeactivedDetail": ["consolesms"], "Description": "短信（SMS）全读写访问权限", "Groups": [{"GroupId": 93878, "GroupName": "系统运维"}], "PolicyId": "219064", "PolicyName": "QcloudSMSFullAccess", "StrategyType": "2"}], "RequestId": "d369dabb-ebc9-4598-baae-e1177e9e3868"}}"#,
    );
    let policy = &r.policy_list[0];
    // Ids and types are strings on the wire: numbers here.
    assert_eq!(
        (policy.policy_id, policy.strategy_type, policy.create_mode),
        (219_064, POLICY_TYPE_PRESET, 2)
    );
    assert_eq!(policy.groups[0].group_name, "系统运维");
    assert_eq!(policy.groups[0].group_id, 93_878);
    // …and strings again when written, as the server answers.
    let written = serde_json::to_value(policy).unwrap();
    assert_eq!(written["PolicyId"], "219064");
    assert_eq!(written["StrategyType"], "2");
}

#[test]
fn groups_official_examples() {
    let r: CreateGroupResponse = decode(
        r#"{"Response": {"GroupId": 2020, "RequestId": "f36a5d34-0d51-4b91-b9fc-af5d02571656"}}"#,
    );
    assert_eq!(r.group_id, 2020);
    let r: ListGroupsResponse = decode(
        r#"{"Response": {"TotalNum": 2, "GroupInfo": [{"GroupId": 2021, "GroupName": "test2", "CreateTime": "2019-04-03 15:15:18", "Remark": "test2"}, {"GroupId": 2020, "GroupName": "test1", "CreateTime": "2019-04-03 15:11:34", "Remark": "test2"}], "RequestId": "dbb91d87-5e3f-42b4-8cc9-ad9f16600370"}}"#,
    );
    assert_eq!(
        (r.total_num, r.group_info[1].group_name.as_str()),
        (2, "test1")
    );
    for body in [
        r#"{"Response": {"RequestId": "47c4a570-17fa-44a3-8ff6-fe006170c104"}}"#,
        r#"{"Response": {"RequestId": "1fadd33e-6f57-4404-a912-bc00680b89d2"}}"#,
    ] {
        let _: Empty = decode(body);
    }
    let r: ListGroupsResponse = decode(
        r#"{"Response": {"TotalNum": 1, "GroupInfo": [{"GroupId": 2020, "GroupName": "test1", "CreateTime": "2019-04-03 15:11:34", "Remark": "test2"}], "RequestId": "a614c392-3079-4dab-b819-0ab0563a32f0"}}"#,
    );
    assert_eq!(r.group_info[0].create_time, "2019-04-03 15:11:34");
    let r: ListGroupsResponse =
        decode(r#"{"Response": {"TotalNum": "0", "GroupInfo": null, "RequestId": "r"}}"#);
    assert!(r.group_info.is_empty());
}

#[test]
fn security_settings_official_examples() {
    let r: DescribeSafeAuthFlagCollResponse = decode(
        r#"{"Response": {"LoginFlag": {"Phone": 1, "Token": 0, "Stoken": 0, "Wechat": 0, "Custom": 0}, "ActionFlag": {"Phone": 0, "Token": 0, "Stoken": 0, "Wechat": 0, "Custom": 0}, "OffsiteFlag": {"VerifyFlag": 0, "NotifyPhone": 1, "NotifyEmail": 1, "NotifyWechat": 1, "Tips": 0}, "PromptTrust": 0, "RequestId": "9626da03-4645-4c54-ba90-74836284af0c"}}"#,
    );
    // Mail, U2FToken and Passkey are absent from the example: 0.
    assert_eq!(r.login_flag.methods(), [Verification::Phone]);
    assert!(r.action_flag.methods().is_empty());
    assert_eq!(r.offsite_flag.notify_wechat, 1);
    let r: DescribeSafeAuthFlagCollResponse = decode(
        r#"{"Response": {"LoginFlag": {"Phone": "0", "U2FToken": "1"}, "ActionFlag": {"Passkey": 1}, "OffsiteFlag": {}, "PromptTrust": "1", "RequestId": "r"}}"#,
    );
    assert_eq!(r.login_flag.methods(), [Verification::U2fToken]);
    assert_eq!(r.action_flag.methods(), [Verification::Passkey]);
    assert_eq!(r.prompt_trust, 1);
    let _: Empty = decode(r#"{"Response": {"RequestId": "cf75531d-b72d-4dcb-b0ed-d1c029a37f38"}}"#);
}
