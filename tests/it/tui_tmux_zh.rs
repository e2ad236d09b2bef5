//! End to end in Chinese: the real binary in tmux (120×40) with `LANG=zh_CN.UTF-8` against a
//! fresh sandbox, finding its way by the CAM console's Chinese words only — 用户列表, the user
//! found with the filter (筛选), 用户详情, API密钥, 新建密钥 and the SecretKey window acknowledged
//! (我已保存 SecretKey), 禁用 confirmed, 删除 confirmed by typing the end of the SecretId — and
//! checking each change against the server.

use crate::support::tmux::{self, Tmux, field, field_where, is_secret_id, sandbox_client};
use crate::tui_tmux::pick_user;

use camtui::cam::model::KeyStatus;

#[ignore = "needs tmux"]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_lifecycle_in_chinese() {
    tmux::require();
    let data_dir = tempfile::tempdir().unwrap();
    // The locale alone picks the language (LC_ALL and LC_MESSAGES, which would win, are empty).
    let tmux = Tmux::start_with(
        data_dir.path(),
        "--sandbox",
        &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", ""), ("LC_MESSAGES", "")],
    );
    let screen = tmux.wait_for("用户列表", |s| {
        s.contains("[1 用户列表]") && s.contains("个用户") && s.contains("（主账号）")
    });
    for english in ["User List", "SANDBOX", "account ", "users"] {
        assert!(!screen.contains(english), "{english:?} on\n{screen}");
    }
    tmux.save("zh-user-list", &screen);
    let client = sandbox_client(&field(&screen, "沙箱 "), data_dir.path());
    let (name, uin, filter) = pick_user(&client).await;

    // 用户列表 → the filter → 用户详情 → API密钥.
    tmux.keys(&["/"]);
    tmux.type_text(&filter);
    tmux.wait_text(&format!("筛选：{filter}"));
    tmux.keys(&["Enter", "Enter"]);
    let screen = tmux.wait_text(&format!("用户详情 · {name}"));
    assert!(screen.contains("1/2 个 API 密钥"), "{screen}");
    tmux.save("zh-user-details", &screen);
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_text(&format!("API密钥 · {name}"));
    assert!(screen.contains("最近访问时间"), "{screen}");
    assert!(screen.contains("● 已启用"), "{screen}");

    // 新建密钥: the description, then the SecretKey window, which closes only once 我已保存
    // SecretKey is ticked.
    tmux.keys(&["c"]);
    tmux.wait_text(&format!("确认为 {name} 新建密钥？"));
    tmux.wait_text("描述（选填）：");
    tmux.type_text("e2e-zh");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_text(&format!("{name} 的新密钥"));
    assert!(
        screen.contains("新建的密钥只在创建时提供SecretKey"),
        "{screen}"
    );
    let secret_id = field_where(&screen, "SecretId   ", is_secret_id);
    tmux.save("zh-secret-modal", &screen);
    tmux.keys(&["Enter"]);
    tmux.wait_text("SecretKey 无法再次显示");
    tmux.keys(&["Space"]);
    tmux.wait_text("[x] 我已保存 SecretKey");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("the window to close and the keys to reload", |s| {
        !s.contains("的新密钥") && s.contains("2/2 个 API 密钥")
    });
    assert!(screen.contains(&secret_id), "{screen}");

    // 禁用: the new key selected, confirmed on the 禁用 button.
    tmux.keys(&["G"]);
    tmux.wait_text(&format!("▸ {secret_id}"));
    tmux.keys(&["d"]);
    let screen = tmux.wait_text(&format!("确认禁用密钥 {secret_id}？"));
    assert!(
        screen.contains("禁用此密钥后，腾讯云将拒绝此密钥的所有请求"),
        "{screen}"
    );
    tmux.save("zh-confirm-disable", &screen);
    tmux.keys(&["Tab", "Enter"]);
    tmux.wait_for("the key to show as 已禁用", |s| {
        s.lines()
            .any(|l| l.contains(&secret_id) && l.contains("○ 已禁用"))
    });
    tmux.wait_text(&format!("已禁用 {secret_id}"));
    let keys = client.access_keys(Some(uin)).await.unwrap();
    let disabled = keys.iter().find(|k| k.access_key_id == secret_id).unwrap();
    assert_eq!(disabled.status, KeyStatus::Inactive, "the server agrees");

    // 删除: confirmed by typing the last four characters of the SecretId.
    tmux.keys(&["D"]);
    let screen = tmux.wait_text(&format!("确认删除密钥 {secret_id}？"));
    assert!(screen.contains("此操作不可恢复，请谨慎操作。"), "{screen}");
    assert!(
        screen.contains("请输入 SecretId 的最后 4 个字符："),
        "{screen}"
    );
    tmux.save("zh-confirm-delete", &screen);
    tmux.type_text(&secret_id[secret_id.len() - 4..]);
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_text(&format!("已删除 {secret_id}"));
    tmux.wait_text("1/2 个 API 密钥");
    assert!(!screen.contains("Delete API key"), "{screen}");
    let keys = client.access_keys(Some(uin)).await.unwrap();
    assert!(keys.iter().all(|k| k.access_key_id != secret_id));

    tmux.keys(&["q"]);
    tmux.wait_exit();
}
