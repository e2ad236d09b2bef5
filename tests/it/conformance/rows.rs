//! One row per action the server answers: realistic requests it must answer, and requests it
//! must refuse by a rule of the action, over a lived-in account (the demo seed, plus a few users
//! of the suite's own). An action added to the server needs a row here (a test says so).

use camtui::cam::model::{
    Action, AddUser, AddUserToGroup, AttachGroupPolicy, AttachUserPolicy, CreateAccessKey,
    CreateGroup, CreatePolicy, DeleteAccessKey, DeleteUser, DescribeEvents,
    DescribeSafeAuthFlagColl, DescribeSubAccounts, DetachGroupPolicy, DetachUserPolicy, GetPolicy,
    GetSecurityLastUsed, GetUser, GetUserAppId, KeyStatus, ListAccessKeys,
    ListAttachedUserAllPolicies, ListAttachedUserPolicies, ListCollaborators, ListGroups,
    ListGroupsForUser, ListPolicies, ListUsers, LookUpEvents, RemoveUserFromGroup, SecretId,
    Service, SetMfaFlag, SubAccountInfo, UpdateAccessKey, UpdateUser,
};
use camtui::cam::transport::decode_envelope;
use camtui::server::seed::Seed;
use serde::Serialize;
use serde_json::{Value, json};

use crate::support::wire::{Signing, exchange};
use crate::support::{ROOT_ID, ROOT_KEY, TestServer};

const DAY: i64 = 24 * 3600;

/// Whose key signs a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    Root,
    /// A sub-user who is not an administrator, with her own enabled key.
    Alice,
}

/// The `X-TC-Region` a call sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    /// What the official SDKs send: `ap-guangzhou` for CloudAudit, none for CAM (a global API).
    Usual,
    Absent,
    Named(&'static str),
}

/// One request of a row.
#[derive(Debug, Clone)]
pub struct Call {
    pub caller: Caller,
    pub params: Value,
    pub region: Region,
}

impl Call {
    fn root(params: Value) -> Self {
        Self {
            caller: Caller::Root,
            params,
            region: Region::Usual,
        }
    }

    fn alice(params: Value) -> Self {
        Self {
            caller: Caller::Alice,
            ..Self::root(params)
        }
    }

    fn region(self, region: Region) -> Self {
        Self { region, ..self }
    }
}

impl std::fmt::Display for Call {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?} {}", self.caller, self.params)?;
        match self.region {
            Region::Usual => Ok(()),
            Region::Absent => f.write_str(" without X-TC-Region"),
            Region::Named(region) => write!(f, " in {region}"),
        }
    }
}

/// A key whose SecretKey the suite knows.
pub struct Key {
    pub id: String,
    pub secret: String,
}

/// The account the rows run against.
pub struct World {
    pub server: TestServer,
    host: String,
    /// Unix seconds when the world was made.
    pub now: i64,
    pub owner_uin: u64,
    /// The account's sub-users (the demo's and the suite's) and collaborators.
    pub sub_users: Vec<SubAccountInfo>,
    pub collaborators: Vec<SubAccountInfo>,
    /// A sub-user (console login, phone, email) with two keys: `alice_key`, enabled and used,
    /// and `alice_disabled`, never used.
    pub alice: SubAccountInfo,
    pub alice_key: Key,
    pub alice_disabled: String,
    /// A sub-user with one key, `bob_key`, and so room for one more.
    pub bob_uin: u64,
    pub bob_key: String,
    /// A sub-user with no keys, there to be deleted.
    pub carol: String,
}

impl World {
    pub async fn new() -> Self {
        let server = TestServer::start_with(Some(Seed::demo())).await;
        let root = server.root();
        let alice = root
            .send(&AddUser {
                name: "conformance.alice".into(),
                remark: Some("Sub-user of the conformance suite".into()),
                console_login: Some(1),
                phone_num: Some("13800138000".into()),
                country_code: Some("86".into()),
                email: Some("alice@example.com".into()),
                ..AddUser::default()
            })
            .await
            .unwrap();
        let (id, secret) = server.new_key(alice.uin).await;
        let alice_key = Key { id, secret };
        let (alice_disabled, _) = server.new_key(alice.uin).await;
        root.send(&UpdateAccessKey {
            access_key_id: SecretId::from_wire(alice_disabled.clone()),
            status: KeyStatus::Inactive,
            target_uin: Some(alice.uin),
        })
        .await
        .unwrap();
        // Alice's key has been used, once refused: her records hold a failure too.
        let as_alice = server.client(camtui::cam::Credential::new(
            &alice_key.id,
            &alice_key.secret,
        ));
        as_alice.send(&GetUserAppId {}).await.unwrap();
        as_alice.send(&ListUsers {}).await.unwrap_err();
        let bob_uin = server.add_user("conformance.bob", false).await;
        let (bob_key, _) = server.new_key(bob_uin).await;
        server.add_user("conformance.carol", false).await;

        let sub_users = root.send(&ListUsers {}).await.unwrap().data;
        let collaborators = root.all_collaborators().await.unwrap();
        let alice = sub_users
            .iter()
            .find(|u| u.uin == alice.uin)
            .cloned()
            .expect("alice is listed");
        Self {
            host: server.handle.addr.to_string(),
            now: chrono::Utc::now().timestamp(),
            owner_uin: server.owner_uin(),
            sub_users,
            collaborators,
            alice,
            alice_key,
            alice_disabled,
            bob_uin,
            bob_key,
            carol: "conformance.carol".into(),
            server,
        }
    }

    /// Sends `call` to `action` over loopback, as the official SDK would, and returns the reply
    /// envelope.
    pub async fn send(&self, service: Service, action: &str, call: &Call) -> Value {
        let (id, secret) = match call.caller {
            Caller::Root => (ROOT_ID, ROOT_KEY),
            Caller::Alice => (self.alice_key.id.as_str(), self.alice_key.secret.as_str()),
        };
        let mut signing = Signing::cam(id, secret, &self.host);
        if service == Service::CloudAudit {
            signing = signing.audit();
        }
        let wire = signing.post(action, call.params.to_string());
        let wire = match call.region {
            Region::Usual => wire,
            Region::Absent => wire.remove("X-TC-Region"),
            Region::Named(region) => wire.set("X-TC-Region", region),
        };
        let reply = exchange(self.server.handle.addr, &wire).await;
        assert_eq!(reply.status, 200, "{action} {call}: HTTP {}", reply.status);
        reply.json()
    }
}

/// An action's row.
pub struct Row {
    pub service: Service,
    pub action: &'static str,
    /// Realistic requests the server must answer.
    pub answers: fn(&World) -> Vec<Call>,
    /// Requests the server must refuse by a rule of the action.
    pub refusals: fn(&World) -> Vec<Call>,
    /// Decodes a reply envelope with camtui's client (its envelope decoder and the action's
    /// typed response) and encodes the typed response again.
    pub client_reading: fn(&[u8]) -> Result<Value, String>,
}

fn client_reading<A: Action>(envelope: &[u8]) -> Result<Value, String>
where
    A::Response: Serialize,
{
    let reply = decode_envelope("example", envelope).map_err(|e| e.to_string())?;
    let typed: A::Response = reply.decode().map_err(|e| e.to_string())?;
    serde_json::to_value(&typed).map_err(|e| e.to_string())
}

fn row<A: Action>(answers: fn(&World) -> Vec<Call>, refusals: fn(&World) -> Vec<Call>) -> Row
where
    A::Response: Serialize,
{
    Row {
        service: A::SERVICE,
        action: A::NAME,
        answers,
        refusals,
        client_reading: client_reading::<A>,
    }
}

/// A SecretId no account has.
const NO_SUCH_KEY: &str = "IKIDnosuchkeynosuchkeynosuchkey00000";

/// CAM's preset policies `AdministratorAccess` and `ReadOnlyAccess`.
const ADMINISTRATOR_ACCESS: u64 = 1;
const READ_ONLY_ACCESS: u64 = 400_411;
/// The demo's first custom policy and its first group (开发组).
const DEMO_CUSTOM_POLICY: u64 = 100_000_001;
const DEMO_GROUP: u64 = 10_001;
/// The official example's policy document.
const COS_DOCUMENT: &str = r#"{"version":"2.0","statement":[{"effect":"allow","action":["name/cos:*"],"resource":["*"]}]}"#;

/// A sub-user of the demo, by name.
fn demo_user<'w>(w: &'w World, name: &str) -> &'w SubAccountInfo {
    w.sub_users
        .iter()
        .find(|u| u.name == name)
        .unwrap_or_else(|| panic!("the demo has {name}"))
}

pub fn rows() -> Vec<Row> {
    vec![
        row::<ListUsers>(
            |_| vec![Call::root(json!({}))],
            |_| vec![Call::alice(json!({}))],
        ),
        row::<GetUser>(
            |w| {
                w.sub_users
                    .iter()
                    .map(|u| Call::root(json!({"Name": u.name})))
                    .collect()
            },
            |w| {
                vec![
                    Call::root(json!({"Name": "nobody.here"})),
                    Call::alice(json!({"Name": w.alice.name})),
                ]
            },
        ),
        row::<AddUser>(
            |_| {
                vec![
                    Call::root(json!({
                        "Name": "conformance.dave", "Remark": "Deploys the web shop", "ConsoleLogin": 1,
                        "UseApi": 1, "NeedResetPassword": 1, "PhoneNum": "13800138001",
                        "CountryCode": "86", "Email": "dave@example.com"
                    })),
                    Call::root(
                        json!({"Name": "conformance.erin", "ConsoleLogin": 1, "Password": "Str0ng!Passw0rd"}),
                    ),
                    Call::root(json!({"Name": "conformance.frank"})),
                ]
            },
            |w| {
                vec![
                    Call::root(json!({"Name": w.alice.name})),
                    Call::root(json!({"Name": "has space"})),
                    Call::root(
                        json!({"Name": "conformance.gina", "ConsoleLogin": 1, "Password": "weak"}),
                    ),
                    Call::alice(json!({"Name": "conformance.hank"})),
                ]
            },
        ),
        row::<UpdateUser>(
            |w| {
                vec![
                    Call::root(json!({
                        "Name": w.alice.name, "Remark": "Platform team", "ConsoleLogin": 1,
                        "NeedResetPassword": 0, "Email": "alice@example.org"
                    })),
                    // The official example sends its numbers as strings.
                    Call::root(
                        json!({"Name": w.alice.name, "ConsoleLogin": "1", "NeedResetPassword": "0"}),
                    ),
                ]
            },
            |w| {
                vec![
                    Call::root(json!({"Name": "nobody.here", "Remark": "x"})),
                    Call::root(json!({"Name": w.alice.name, "Password": "weak"})),
                    Call::alice(json!({"Name": w.alice.name, "Remark": "mine"})),
                ]
            },
        ),
        row::<DeleteUser>(
            |w| vec![Call::root(json!({"Name": w.carol}))],
            |w| {
                vec![
                    Call::root(json!({"Name": w.alice.name})),
                    Call::root(json!({"Name": "nobody.here"})),
                    Call::alice(json!({"Name": w.carol})),
                ]
            },
        ),
        row::<ListCollaborators>(
            |_| {
                vec![
                    Call::root(json!({})),
                    Call::root(json!({"Limit": 2, "Offset": 1})),
                ]
            },
            |_| vec![Call::alice(json!({}))],
        ),
        row::<DescribeSubAccounts>(
            |w| {
                let everyone = w.sub_users.iter().chain(&w.collaborators);
                let uins: Vec<u64> = everyone.map(|u| u.uin).take(50).collect();
                vec![Call::root(json!({"FilterSubAccountUin": uins}))]
            },
            |w| {
                let too_many: Vec<u64> = (0..51).map(|i| w.alice.uin + i).collect();
                vec![
                    Call::root(json!({"FilterSubAccountUin": []})),
                    Call::root(json!({"FilterSubAccountUin": too_many})),
                    Call::alice(json!({"FilterSubAccountUin": [w.alice.uin]})),
                ]
            },
        ),
        row::<GetUserAppId>(
            |_| vec![Call::root(json!({})), Call::alice(json!({}))],
            |_| Vec::new(),
        ),
        row::<ListAccessKeys>(
            |w| {
                vec![
                    Call::root(json!({"TargetUin": w.alice.uin})),
                    Call::root(json!({})),
                    Call::alice(json!({})),
                    // As the Terraform provider sends it when unset.
                    Call::alice(json!({"TargetUin": 0})),
                ]
            },
            |w| {
                vec![
                    Call::root(json!({"TargetUin": 100_000_000_002_u64})),
                    Call::alice(json!({"TargetUin": w.owner_uin})),
                    Call::alice(json!({"TargetUin": w.bob_uin})),
                ]
            },
        ),
        row::<CreateAccessKey>(
            |w| {
                vec![Call::root(
                    json!({"TargetUin": w.bob_uin, "Description": "deploy-bot"}),
                )]
            },
            |w| {
                vec![
                    Call::root(json!({"TargetUin": w.alice.uin})),
                    Call::root(json!({"TargetUin": w.bob_uin, "Description": "d".repeat(1025)})),
                    Call::root(json!({"TargetUin": w.bob_uin, "Description": "has space"})),
                    Call::root(json!({"TargetUin": 100_000_000_002_u64})),
                    Call::alice(json!({"TargetUin": w.bob_uin})),
                ]
            },
        ),
        row::<UpdateAccessKey>(
            |w| {
                vec![
                    Call::root(
                        json!({"TargetUin": w.alice.uin, "AccessKeyId": w.alice_disabled, "Status": "Inactive"}),
                    ),
                    Call::alice(json!({"AccessKeyId": w.alice_disabled, "Status": "Inactive"})),
                ]
            },
            |w| {
                vec![
                    Call::root(json!({"AccessKeyId": NO_SUCH_KEY, "Status": "Active"})),
                    Call::root(
                        json!({"TargetUin": w.alice.uin, "AccessKeyId": w.alice_key.id, "Status": "Paused"}),
                    ),
                    Call::root(
                        json!({"TargetUin": w.bob_uin, "AccessKeyId": w.alice_key.id, "Status": "Active"}),
                    ),
                    Call::alice(
                        json!({"TargetUin": w.owner_uin, "AccessKeyId": ROOT_ID, "Status": "Inactive"}),
                    ),
                ]
            },
        ),
        row::<DeleteAccessKey>(
            |w| {
                vec![Call::root(
                    json!({"TargetUin": w.bob_uin, "AccessKeyId": w.bob_key}),
                )]
            },
            |w| {
                vec![
                    Call::root(json!({"AccessKeyId": NO_SUCH_KEY})),
                    Call::root(json!({"TargetUin": w.alice.uin, "AccessKeyId": w.bob_key})),
                    Call::alice(json!({"AccessKeyId": w.bob_key})),
                ]
            },
        ),
        row::<GetSecurityLastUsed>(
            |w| {
                vec![
                    Call::root(
                        json!({"SecretIdList": [w.alice_key.id, w.alice_disabled, ROOT_ID]}),
                    ),
                    Call::alice(json!({"SecretIdList": [w.alice_key.id]})),
                ]
            },
            |w| {
                let eleven: Vec<String> = (0..11).map(|i| format!("{NO_SUCH_KEY}{i}")).collect();
                vec![
                    Call::root(json!({"SecretIdList": []})),
                    Call::root(json!({"SecretIdList": eleven})),
                    Call::alice(json!({"SecretIdList": [w.bob_key]})),
                ]
            },
        ),
        row::<CreatePolicy>(
            |_| {
                vec![
                    // The official example.
                    Call::root(json!({
                        "PolicyName": "test-2019-04-29", "Description": "策略描述",
                        "PolicyDocument": COS_DOCUMENT
                    })),
                    Call::root(json!({
                        "PolicyName": "conformance-cos", "PolicyDocument": COS_DOCUMENT,
                        "Tags": [{"Key": "team", "Value": "web"}]
                    })),
                ]
            },
            |_| {
                vec![
                    Call::root(
                        json!({"PolicyName": "AdministratorAccess", "PolicyDocument": COS_DOCUMENT}),
                    ),
                    Call::root(json!({"PolicyName": "has space", "PolicyDocument": COS_DOCUMENT})),
                    Call::root(json!({"PolicyName": "conformance-bad", "PolicyDocument": "{}"})),
                    Call::root(json!({
                        "PolicyName": "conformance-long", "PolicyDocument": COS_DOCUMENT,
                        "Description": "长".repeat(101)
                    })),
                    Call::alice(
                        json!({"PolicyName": "conformance-mine", "PolicyDocument": COS_DOCUMENT}),
                    ),
                ]
            },
        ),
        row::<GetPolicy>(
            |_| {
                vec![
                    Call::root(json!({"PolicyId": ADMINISTRATOR_ACCESS})),
                    Call::root(json!({"PolicyId": DEMO_CUSTOM_POLICY})),
                ]
            },
            |_| {
                vec![
                    Call::root(json!({"PolicyId": 999})),
                    Call::root(json!({"PolicyId": 0})),
                    Call::alice(json!({"PolicyId": ADMINISTRATOR_ACCESS})),
                ]
            },
        ),
        row::<ListPolicies>(
            |_| {
                vec![
                    Call::root(json!({})),
                    // The official example sends its numbers as strings.
                    Call::root(json!({"Rp": "1", "Page": "10"})),
                    Call::root(json!({"Scope": "Local", "Keyword": "cos", "Rp": 200})),
                ]
            },
            |_| {
                vec![
                    Call::root(json!({"Scope": "Mine"})),
                    Call::root(json!({"Rp": 201})),
                    Call::root(json!({"Page": 201})),
                    Call::alice(json!({})),
                ]
            },
        ),
        row::<AttachUserPolicy>(
            |w| {
                vec![
                    // The official example's shape: numbers as strings.
                    Call::root(json!({"AttachUin": w.alice.uin.to_string(), "PolicyId": "400415"})),
                    Call::root(json!({"AttachUin": w.alice.uin, "PolicyId": READ_ONLY_ACCESS})),
                ]
            },
            |w| {
                vec![
                    Call::root(json!({"AttachUin": w.alice.uin, "PolicyId": 999})),
                    Call::root(json!({"AttachUin": 42, "PolicyId": READ_ONLY_ACCESS})),
                    Call::root(json!({"AttachUin": w.alice.uin, "PolicyId": 0})),
                    Call::alice(
                        json!({"AttachUin": w.alice.uin, "PolicyId": ADMINISTRATOR_ACCESS}),
                    ),
                ]
            },
        ),
        row::<DetachUserPolicy>(
            |w| {
                let admin = demo_user(w, "ops-admin");
                vec![Call::root(
                    json!({"DetachUin": admin.uin, "PolicyId": ADMINISTRATOR_ACCESS}),
                )]
            },
            |w| {
                vec![
                    Call::root(json!({"DetachUin": w.bob_uin, "PolicyId": ADMINISTRATOR_ACCESS})),
                    Call::root(json!({"DetachUin": w.bob_uin, "PolicyId": 999})),
                    Call::root(json!({"DetachUin": 42, "PolicyId": ADMINISTRATOR_ACCESS})),
                    Call::alice(
                        json!({"DetachUin": w.alice.uin, "PolicyId": ADMINISTRATOR_ACCESS}),
                    ),
                ]
            },
        ),
        row::<AttachGroupPolicy>(
            |_| {
                vec![Call::root(
                    json!({"AttachGroupId": DEMO_GROUP, "PolicyId": ADMINISTRATOR_ACCESS}),
                )]
            },
            |_| {
                vec![
                    Call::root(json!({"AttachGroupId": 7, "PolicyId": ADMINISTRATOR_ACCESS})),
                    Call::root(json!({"AttachGroupId": DEMO_GROUP, "PolicyId": 999})),
                    Call::alice(
                        json!({"AttachGroupId": DEMO_GROUP, "PolicyId": ADMINISTRATOR_ACCESS}),
                    ),
                ]
            },
        ),
        row::<DetachGroupPolicy>(
            // The demo's 开发组 has the CVM read-only preset.
            |_| {
                vec![Call::root(
                    json!({"DetachGroupId": DEMO_GROUP, "PolicyId": 400_417}),
                )]
            },
            |_| {
                vec![
                    Call::root(
                        json!({"DetachGroupId": DEMO_GROUP, "PolicyId": ADMINISTRATOR_ACCESS}),
                    ),
                    Call::root(json!({"DetachGroupId": 7, "PolicyId": 400_417})),
                    Call::root(json!({"DetachGroupId": DEMO_GROUP, "PolicyId": 999})),
                    Call::alice(json!({"DetachGroupId": DEMO_GROUP, "PolicyId": 400_417})),
                ]
            },
        ),
        row::<ListAttachedUserPolicies>(
            |w| {
                let terraform = demo_user(w, "terraform");
                vec![
                    // The official example.
                    Call::root(json!({"TargetUin": terraform.uin, "Page": 1, "Rp": 10})),
                    Call::alice(json!({"TargetUin": w.alice.uin})),
                ]
            },
            |w| {
                vec![
                    Call::root(json!({"TargetUin": 42})),
                    Call::root(json!({"TargetUin": w.alice.uin, "Page": 0})),
                    Call::alice(json!({"TargetUin": w.bob_uin})),
                ]
            },
        ),
        row::<ListAttachedUserAllPolicies>(
            |w| {
                let zhou = demo_user(w, "周杰");
                vec![
                    Call::root(
                        json!({"TargetUin": zhou.uin, "Rp": 20, "Page": 1, "AttachType": 0}),
                    ),
                    // The official example.
                    Call::root(
                        json!({"TargetUin": zhou.uin, "Rp": 1, "Page": 10, "AttachType": 1}),
                    ),
                    Call::root(json!({
                        "TargetUin": zhou.uin, "Rp": 200, "Page": 1, "AttachType": 2,
                        "StrategyType": 2, "Keyword": "ReadOnly"
                    })),
                    Call::alice(
                        json!({"TargetUin": w.alice.uin, "Rp": 20, "Page": 1, "AttachType": 0}),
                    ),
                ]
            },
            |w| {
                vec![
                    Call::root(json!({"TargetUin": 42, "Rp": 20, "Page": 1, "AttachType": 0})),
                    Call::root(
                        json!({"TargetUin": w.alice.uin, "Rp": 0, "Page": 1, "AttachType": 0}),
                    ),
                    Call::root(
                        json!({"TargetUin": w.alice.uin, "Rp": 20, "Page": 201, "AttachType": 0}),
                    ),
                    Call::root(
                        json!({"TargetUin": w.alice.uin, "Rp": 20, "Page": 1, "AttachType": 3}),
                    ),
                    Call::alice(
                        json!({"TargetUin": w.bob_uin, "Rp": 20, "Page": 1, "AttachType": 0}),
                    ),
                ]
            },
        ),
        row::<CreateGroup>(
            // The official example.
            |_| vec![Call::root(json!({"GroupName": "test1", "Remark": "test2"}))],
            |_| {
                vec![
                    Call::root(json!({"GroupName": "ops"})),
                    Call::root(json!({"GroupName": "has space"})),
                    Call::alice(json!({"GroupName": "conformance"})),
                ]
            },
        ),
        row::<ListGroups>(
            |_| {
                vec![
                    // The official example.
                    Call::root(json!({"Page": 1, "Rp": 20})),
                    Call::root(json!({"Keyword": "ops"})),
                ]
            },
            |_| vec![Call::root(json!({"Page": 0})), Call::alice(json!({}))],
        ),
        row::<AddUserToGroup>(
            |w| {
                vec![
                    // The official example: Uid and GroupId as strings.
                    Call::root(
                        json!({"Info": [{"Uid": w.alice.uid.to_string(), "GroupId": DEMO_GROUP.to_string()}]}),
                    ),
                    Call::root(json!({"Info": [{"Uin": w.bob_uin, "GroupId": DEMO_GROUP}]})),
                ]
            },
            |w| {
                vec![
                    Call::root(json!({"Info": [{"GroupId": DEMO_GROUP}]})),
                    Call::root(json!({"Info": [{"Uin": w.alice.uin, "GroupId": 7}]})),
                    Call::root(json!({"Info": [{"Uin": 42, "GroupId": DEMO_GROUP}]})),
                    Call::alice(json!({"Info": [{"Uin": w.alice.uin, "GroupId": DEMO_GROUP}]})),
                ]
            },
        ),
        row::<RemoveUserFromGroup>(
            |w| {
                let bob_li = demo_user(w, "bob.li");
                vec![Call::root(
                    json!({"Info": [{"Uid": bob_li.uid.to_string(), "GroupId": DEMO_GROUP.to_string()}]}),
                )]
            },
            |w| {
                vec![
                    Call::root(json!({"Info": [{"Uin": w.bob_uin, "GroupId": DEMO_GROUP}]})),
                    Call::root(json!({"Info": [{"GroupId": DEMO_GROUP}]})),
                    Call::root(json!({"Info": [{"Uin": 42, "GroupId": DEMO_GROUP}]})),
                    Call::alice(json!({"Info": [{"Uin": w.alice.uin, "GroupId": DEMO_GROUP}]})),
                ]
            },
        ),
        row::<ListGroupsForUser>(
            |w| {
                let zhou = demo_user(w, "周杰");
                vec![
                    // The official example: Uid as a string.
                    Call::root(json!({"Uid": zhou.uid.to_string()})),
                    Call::root(json!({"SubUin": zhou.uin, "Rp": 1, "Page": 2})),
                    Call::alice(json!({"SubUin": w.alice.uin})),
                ]
            },
            |w| {
                vec![
                    Call::root(json!({})),
                    Call::root(json!({"SubUin": 42})),
                    Call::alice(json!({"SubUin": w.bob_uin})),
                ]
            },
        ),
        row::<DescribeSafeAuthFlagColl>(
            |w| {
                let admin = demo_user(w, "ops-admin");
                vec![
                    Call::root(json!({"SubUin": admin.uin})),
                    Call::alice(json!({"SubUin": w.alice.uin})),
                ]
            },
            |w| {
                vec![
                    Call::root(json!({"SubUin": 42})),
                    Call::alice(json!({"SubUin": w.bob_uin})),
                ]
            },
        ),
        row::<SetMfaFlag>(
            |w| {
                vec![Call::root(json!({
                    "OpUin": w.alice.uin, "LoginFlag": {"Phone": 1}, "ActionFlag": {"Phone": 1}
                }))]
            },
            |w| {
                vec![
                    // The official example, for a user who has not bound WeChat.
                    Call::root(json!({"OpUin": w.alice.uin, "LoginFlag": {"Wechat": 1}})),
                    Call::root(json!({"OpUin": w.bob_uin, "LoginFlag": {"Phone": 1}})),
                    Call::root(json!({"OpUin": w.alice.uin, "ActionFlag": {"Stoken": 1}})),
                    Call::root(json!({"OpUin": 42, "LoginFlag": {"Phone": 0}})),
                    Call::alice(json!({"OpUin": w.alice.uin, "LoginFlag": {"Phone": 1}})),
                ]
            },
        ),
        row::<DescribeEvents>(
            |w| {
                let window = |from_days: i64, to_days: i64| {
                    (w.now - from_days * DAY + 1, w.now - to_days * DAY)
                };
                let (start, end) = window(30, 0);
                let (old_start, old_end) = window(89, 60);
                vec![
                    Call::root(json!({"StartTime": start, "EndTime": end, "MaxResults": 50})),
                    Call::root(json!({
                        "StartTime": start, "EndTime": end, "MaxResults": 20, "IsReturnLocation": 1,
                        "LookupAttributes": [{"AttributeKey": "AccessKeyId", "AttributeValue": w.alice_key.id}]
                    })),
                    Call::root(
                        json!({"StartTime": old_start, "EndTime": old_end, "MaxResults": 5}),
                    ),
                ]
            },
            |w| {
                let end = w.now;
                vec![
                    Call::root(json!({"StartTime": end - 31 * DAY, "EndTime": end})),
                    Call::root(json!({"StartTime": end, "EndTime": end - DAY})),
                    Call::root(json!({"StartTime": end - DAY, "EndTime": end, "MaxResults": 51})),
                    Call::root(json!({"StartTime": end - 100 * DAY, "EndTime": end - 99 * DAY})),
                    Call::root(json!({
                        "StartTime": end - DAY, "EndTime": end,
                        "LookupAttributes": [{"AttributeKey": "Colour", "AttributeValue": "red"}]
                    })),
                    Call::root(json!({"StartTime": end - DAY, "EndTime": end}))
                        .region(Region::Absent),
                    Call::root(json!({"StartTime": end - DAY, "EndTime": end}))
                        .region(Region::Named("na-ashburn")),
                    Call::alice(json!({"StartTime": end - DAY, "EndTime": end})),
                ]
            },
        ),
        row::<LookUpEvents>(
            |w| {
                let start = w.now - 6 * DAY;
                vec![
                    Call::root(json!({"StartTime": start, "EndTime": w.now, "MaxResults": 10})),
                    Call::root(json!({
                        "StartTime": start, "EndTime": w.now,
                        "LookupAttributes": [{"AttributeKey": "AccessKeyId", "AttributeValue": w.alice_key.id}]
                    })),
                ]
            },
            |w| {
                let end = w.now;
                vec![
                    Call::root(json!({"StartTime": end - 8 * DAY, "EndTime": end})),
                    Call::root(json!({"StartTime": end, "EndTime": end - DAY})),
                    Call::root(json!({"StartTime": end - DAY, "EndTime": end, "MaxResults": 51})),
                    Call::root(json!({
                        "StartTime": end - DAY, "EndTime": end,
                        "LookupAttributes": [{"AttributeKey": "Colour", "AttributeValue": "red"}]
                    })),
                    Call::root(json!({"StartTime": end - DAY, "EndTime": end}))
                        .region(Region::Absent),
                    Call::alice(json!({"StartTime": end - DAY, "EndTime": end})),
                ]
            },
        ),
    ]
}
