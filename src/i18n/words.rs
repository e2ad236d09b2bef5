//! The domain's values in words, in the run's language, for the console and the subcommands'
//! tables alike: a user's kind, whether they may log in to the console, a key's status, a
//! policy's kind and how it reaches the user, a user's security settings, the key report's flags.
//! JSON keeps the values as docs/json-output.md documents them.

use std::borrow::Cow;

use super::{Language, Text};
use crate::cam::model::{KeyStatus, UserKind, Verification};
use crate::cam::permissions::{Notice, PolicyKind, Security, Via};
use crate::cam::report::Flag;

pub fn user_kind(language: Language, kind: UserKind) -> Cow<'static, str> {
    language.text(match kind {
        UserKind::SubUser => Text::UserSubUser,
        UserKind::Collaborator => Text::UserCollaborator,
    })
}

pub fn key_status(language: Language, status: KeyStatus) -> Cow<'static, str> {
    language.text(key_status_text(status))
}

pub fn key_status_text(status: KeyStatus) -> Text<'static> {
    match status {
        KeyStatus::Active => Text::KeyEnabled,
        KeyStatus::Inactive => Text::KeyDisabled,
    }
}

/// Whether the user may log in to the console.
pub fn console_login(language: Language, allowed: bool) -> Cow<'static, str> {
    language.text(if allowed {
        Text::ConsoleAllowed
    } else {
        Text::ConsoleDenied
    })
}

pub fn policy_kind(language: Language, kind: PolicyKind) -> Cow<'static, str> {
    language.text(match kind {
        PolicyKind::Preset => Text::PolicyPreset,
        PolicyKind::Custom => Text::PolicyCustom,
    })
}

/// `user`, or `group NAME`.
pub fn via(language: Language, via: &Via) -> Cow<'static, str> {
    language.text(match via {
        Via::User => Text::ViaUser,
        Via::Group { group_name, .. } => Text::ViaGroup { group: group_name },
    })
}

/// A line of the Security section in words, and whether it is off.
pub struct Setting {
    pub words: String,
    pub off: bool,
}

/// How a console login is verified: off, or the methods.
pub fn login_protection(language: Language, security: &Security) -> Setting {
    methods(language, &security.login_protection)
}

/// How sensitive operations are verified.
pub fn operation_protection(language: Language, security: &Security) -> Setting {
    methods(language, &security.operation_protection)
}

/// What a login from an unusual place meets: off, verification, notices, or both.
pub fn unusual_login(language: Language, security: &Security) -> Setting {
    let channels = list(
        language,
        security
            .unusual_login_notices
            .iter()
            .map(|notice| match notice {
                Notice::Phone => Text::NoticePhone,
                Notice::Email => Text::NoticeEmail,
                Notice::Wechat => Text::NoticeWechat,
            }),
    );
    let channels = channels.as_str();
    let words = match (security.unusual_login_verified, channels.is_empty()) {
        (false, true) => return off(language),
        (true, true) => language.text(Text::ProtectionVerify),
        (true, false) => language.text(Text::ProtectionVerifyAndNotify { channels }),
        (false, false) => language.text(Text::ProtectionNotify { channels }),
    };
    Setting {
        words: words.into_owned(),
        off: false,
    }
}

fn methods(language: Language, methods: &[Verification]) -> Setting {
    if methods.is_empty() {
        return off(language);
    }
    let words = list(
        language,
        methods.iter().map(|method| match method {
            Verification::Phone => Text::VerifyPhone,
            Verification::Token => Text::VerifyHardToken,
            Verification::Stoken => Text::VerifySoftToken,
            Verification::Wechat => Text::VerifyWechat,
            Verification::Custom => Text::VerifyCustom,
            Verification::Mail => Text::VerifyEmail,
            Verification::U2fToken => Text::VerifyU2f,
            Verification::Passkey => Text::VerifyPasskey,
        }),
    );
    Setting { words, off: false }
}

fn off(language: Language) -> Setting {
    Setting {
        words: language.text(Text::ProtectionOff).into_owned(),
        off: true,
    }
}

/// `a, b` (`a、b` in Chinese).
fn list<'a>(language: Language, texts: impl Iterator<Item = Text<'a>>) -> String {
    texts
        .map(|text| language.text(text))
        .collect::<Vec<_>>()
        .join(&language.text(Text::ListSeparator))
}

/// A key report's flag: `never-used`, `unused-90d`…
pub fn flag(language: Language, flag: Flag, stale_days: u32) -> Cow<'static, str> {
    language.text(match flag {
        Flag::NeverUsed => Text::FlagNeverUsed,
        Flag::Unused => Text::FlagUnused { days: stale_days },
        Flag::Old => Text::FlagOld { days: stale_days },
        Flag::Disabled => Text::FlagDisabled,
        Flag::TwoEnabled => Text::FlagTwoEnabled,
    })
}

/// A flag in a word, for narrow screens.
pub fn flag_short(language: Language, flag: Flag) -> Cow<'static, str> {
    language.text(match flag {
        Flag::NeverUsed => Text::FlagNeverUsedShort,
        Flag::Unused => Text::FlagUnusedShort,
        Flag::Old => Text::FlagOldShort,
        Flag::Disabled => Text::FlagDisabledShort,
        Flag::TwoEnabled => Text::FlagTwoEnabledShort,
    })
}
