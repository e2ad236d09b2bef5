//! The model decodes the spec's example responses and what real servers send: numbers as strings,
//! `null`, unknown fields, `EventTime` in both formats. And a SecretKey never prints.

use camtui::cam::de::EventTime;
use camtui::cam::model::{
    CreateAccessKeyResponse, DescribeEventsResponse, DescribeSubAccountsResponse,
    GetSecurityLastUsedResponse, GetUserAppIdResponse, GetUserResponse, KeyStatus,
    ListAccessKeysResponse, ListCollaboratorsResponse, ListUsersResponse, LookUpEventsResponse,
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
