//! One listing of the users for the console and `camtui users`: sub-users, then every page of
//! collaborators, each UIN once — against a stand-in on 127.0.0.1 whose collaborator list
//! repeats a sub-user.

use axum::http::HeaderMap;
use axum::{Json, Router};
use serde_json::{Value, json};

use camtui::cam::model::UserKind;
use camtui::cam::{Client, Credential, Endpoint, Transport, TransportConfig};
use camtui::cli::{Command, OutputArgs, OutputFormat};
use camtui::commands::{self, Console};

fn user(uin: u64, name: &str) -> Value {
    json!({"Uin": uin, "Name": name, "Uid": uin % 1000, "Remark": "", "ConsoleLogin": 1,
           "PhoneNum": "", "CountryCode": "", "Email": "", "CreateTime": "2024-01-01 00:00:00"})
}

/// alice and bob are sub-users; the collaborators, one per page, are bob again and carol.
async fn answer(headers: HeaderMap, Json(body): Json<Value>) -> Json<Value> {
    let response = match headers["x-tc-action"].to_str().unwrap() {
        "ListUsers" => json!({"Data": [user(11, "alice"), user(12, "bob")]}),
        "ListCollaborators" => {
            let page = match body["Offset"].as_u64().unwrap_or(0) {
                0 => vec![user(12, "bob")],
                1 => vec![user(21, "carol")],
                _ => Vec::new(),
            };
            json!({"TotalNum": 2, "Data": page})
        }
        other => panic!("unexpected {other}"),
    };
    let mut response = response;
    response["RequestId"] = "req-1".into();
    Json(json!({ "Response": response }))
}

async fn client() -> Client {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = Router::new().fallback(answer);
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let config = TransportConfig::new(Endpoint::custom(&format!("http://{addr}")).unwrap());
    Client::new(Transport::new(config, Credential::new("IKIDroot", "root-key")).unwrap())
}

#[tokio::test]
async fn the_client_lists_a_sub_user_who_is_also_a_collaborator_once() {
    let users = client().await.all_users().await.unwrap();
    let listed: Vec<_> = users.iter().map(|u| (u.uin, u.kind)).collect();
    assert_eq!(
        listed,
        [
            (11, UserKind::SubUser),
            (12, UserKind::SubUser),
            (21, UserKind::Collaborator)
        ]
    );
}

async fn camtui_users(output: OutputFormat) -> String {
    let client = client().await;
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut console = Console {
        out: &mut out,
        err: &mut err,
        ask: None,
        err_is_terminal: false,
        language: camtui::i18n::Language::EnUs,
    };
    commands::run(
        &Command::Users(OutputArgs { output }),
        &client,
        &mut console,
    )
    .await
    .unwrap();
    String::from_utf8(out).unwrap()
}

#[tokio::test]
async fn camtui_users_prints_a_sub_user_who_is_also_a_collaborator_once() {
    let json: Value = serde_json::from_str(&camtui_users(OutputFormat::Json).await).unwrap();
    let listed: Vec<_> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["uin"].as_u64().unwrap(), u["type"].as_str().unwrap()))
        .collect();
    assert_eq!(
        listed,
        [(11, "sub-user"), (12, "sub-user"), (21, "collaborator")]
    );
    let table = camtui_users(OutputFormat::Table).await;
    assert_eq!(table.matches("bob").count(), 1, "{table}");
}
