//! The words the subcommands' tables use for the model's values (a user's type, a key's status,
//! how a policy is attached, how a user is protected), in the run's language. JSON keeps the
//! values as docs/json-output.md documents them.

use crate::cam::model::{KeyStatus, UserKind, Verification};
use crate::cam::permissions::{Notice, PolicyKind, Security, Via};
use crate::i18n::{Language, Text};

pub fn user_kind(language: Language, kind: UserKind) -> String {
    language
        .text(match kind {
            UserKind::SubUser => Text::UserSubUser,
            UserKind::Collaborator => Text::UserCollaborator,
        })
        .into_owned()
}

pub fn key_status(language: Language, status: KeyStatus) -> String {
    language.text(key_status_text(status)).into_owned()
}

pub fn key_status_text(status: KeyStatus) -> Text<'static> {
    match status {
        KeyStatus::Active => Text::KeyEnabled,
        KeyStatus::Inactive => Text::KeyDisabled,
    }
}

/// Whether the user may log in to the console.
pub fn console_login(language: Language, allowed: bool) -> String {
    language
        .text(if allowed {
            Text::ConsoleAllowed
        } else {
            Text::ConsoleDenied
        })
        .into_owned()
}

pub fn policy_kind(language: Language, kind: PolicyKind) -> String {
    language
        .text(match kind {
            PolicyKind::Custom => Text::PolicyCustom,
            PolicyKind::Preset => Text::PolicyPreset,
        })
        .into_owned()
}

pub fn via(language: Language, via: &Via) -> String {
    language
        .text(match via {
            Via::User => Text::ViaUser,
            Via::Group { group_name, .. } => Text::ViaGroup { group: group_name },
        })
        .into_owned()
}

/// How a console login is verified: off, or the methods.
pub fn login_protection(language: Language, security: &Security) -> String {
    methods(language, &security.login_protection)
}

/// How sensitive operations are verified: off, or the methods.
pub fn operation_protection(language: Language, security: &Security) -> String {
    methods(language, &security.operation_protection)
}

/// What a login from an unusual place meets: off, verify, verify and notify by email…
pub fn unusual_login(language: Language, security: &Security) -> String {
    let channels = list(
        language,
        security.unusual_login_notices.iter().map(|n| match n {
            Notice::Phone => Text::NoticePhone,
            Notice::Email => Text::NoticeEmail,
            Notice::Wechat => Text::NoticeWechat,
        }),
    );
    let channels = channels.as_str();
    language
        .text(
            match (security.unusual_login_verified, channels.is_empty()) {
                (true, true) => Text::ProtectionVerify,
                (true, false) => Text::ProtectionVerifyAndNotify { channels },
                (false, true) => Text::ProtectionOff,
                (false, false) => Text::ProtectionNotify { channels },
            },
        )
        .into_owned()
}

fn methods(language: Language, methods: &[Verification]) -> String {
    if methods.is_empty() {
        return language.text(Text::ProtectionOff).into_owned();
    }
    list(
        language,
        methods.iter().map(|m| match m {
            Verification::Phone => Text::VerifyPhone,
            Verification::Token => Text::VerifyHardToken,
            Verification::Stoken => Text::VerifySoftToken,
            Verification::Wechat => Text::VerifyWechat,
            Verification::Custom => Text::VerifyCustom,
            Verification::Mail => Text::VerifyEmail,
            Verification::U2fToken => Text::VerifyU2f,
            Verification::Passkey => Text::VerifyPasskey,
        }),
    )
}

/// `a, b, c` (`a、b、c` in Chinese).
fn list<'a>(language: Language, texts: impl Iterator<Item = Text<'a>>) -> String {
    texts
        .map(|text| language.text(text))
        .collect::<Vec<_>>()
        .join(&language.text(Text::ListSeparator))
}
