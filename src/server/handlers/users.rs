//! The user actions: `ListUsers`, `GetUser`, `AddUser`, `UpdateUser`, `DeleteUser`,
//! `ListCollaborators`, `DescribeSubAccounts` and `GetUserAppId` (spec §8.2–§8.9).

use rand::RngExt as _;
use unicode_normalization::UnicodeNormalization as _;
use unicode_security::{GeneralSecurityProfile, RestrictionLevel, RestrictionLevelDetection};

use super::context::Ctx;
use super::keys::insert_new_key;
use crate::cam::Secret;
use crate::cam::model::{
    AddUser, AddUserResponse, DeleteUser, DescribeSubAccounts, DescribeSubAccountsResponse, Empty,
    GetUser, GetUserAppId, GetUserAppIdResponse, GetUserResponse, ListCollaborators,
    ListCollaboratorsResponse, ListUsers, ListUsersResponse, SubAccountInfo, SubAccountUser,
    UpdateUser, UserKind,
};
use crate::server::dates::datetime;
use crate::server::error::{Code, ServerError, echo};
use crate::server::store::StoredUser;

/// `DescribeSubAccounts` takes at most this many UINs (spec §8.8).
const MAX_FILTER_UINS: usize = 50;
const DEFAULT_COLLABORATOR_PAGE: u64 = 20;
/// Longest accepted free-text field (remark, email, phone).
const MAX_TEXT_CHARS: usize = 256;

fn info(user: &StoredUser) -> SubAccountInfo {
    SubAccountInfo {
        uin: user.uin,
        name: user.name.clone(),
        uid: user.uid,
        remark: user.remark.clone(),
        console_login: user.console_login,
        phone_num: user.phone_num.clone(),
        country_code: user.country_code.clone(),
        email: user.email.clone(),
        create_time: datetime(user.created),
        nick_name: if user.nick_name.is_empty() {
            user.name.clone()
        } else {
            user.nick_name.clone()
        },
    }
}

pub fn list_users(ctx: &Ctx<'_>, _request: ListUsers) -> Result<ListUsersResponse, ServerError> {
    let data = ctx.store.sub_users()?.iter().map(info).collect();
    Ok(ListUsersResponse { data })
}

fn user_not_found(name: &str) -> ServerError {
    ServerError::new(
        Code::ResourceUserNotExist,
        format!("The sub-user {} does not exist.", echo(name)),
    )
}

pub fn get_user(ctx: &Ctx<'_>, request: GetUser) -> Result<GetUserResponse, ServerError> {
    let name = normalized(&request.name);
    let user = ctx
        .store
        .sub_user_by_name(&name)?
        .ok_or_else(|| user_not_found(&name))?;
    Ok(GetUserResponse {
        uin: user.uin,
        name: user.name,
        uid: user.uid,
        remark: Some(user.remark),
        console_login: user.console_login,
        phone_num: user.phone_num,
        country_code: user.country_code,
        email: user.email,
        recently_login_ip: user.last_login_ip,
        recently_login_time: user.last_login_time.map(datetime).unwrap_or_default(),
    })
}

/// A user name as it is kept and looked up: NFKC, so full-width and mathematical letters are
/// the plain ones (`ａｌｉｃｅ` and `𝐚𝐥𝐢𝐜𝐞` are `alice`) and names are unique in that form.
fn normalized(name: &str) -> String {
    name.nfkc().collect()
}

/// A new user's name, normalised (see [`normalized`]) and checked: 1 to 64 letters (any
/// script), digits and `+=,.@_-`; no letter that UTS #39 does not allow in identifiers (the
/// invisible Hangul filler U+3164 counts as a letter); and no mix of scripts that look alike
/// (`аlice` with a Cyrillic а), by UTS #39's "highly restrictive" level: one script, or Latin
/// with Han, kana or Hangul. The spec gives no rule; this one keeps names printable and
/// unambiguous.
fn check_name(given: &str) -> Result<String, ServerError> {
    let illegal = |message: String| Err(ServerError::new(Code::UserNameIllegal, message));
    let name = normalized(given);
    let count = name.chars().count();
    let shaped = (1..=64).contains(&count)
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || "+=,.@_-".contains(c));
    if !shaped {
        return illegal("A user name has 1 to 64 letters, digits or +=,.@_- characters.".into());
    }
    // Named as given: U+3164 normalises to U+1160, which the client never sent.
    if let Some(c) = given.chars().find(|c| {
        c.is_alphanumeric()
            && std::iter::once(*c)
                .nfkc()
                .any(|n| !GeneralSecurityProfile::identifier_allowed(n))
    }) {
        return illegal(format!(
            "A user name may not hold U+{:04X}: it is invisible, or not a letter used in names.",
            u32::from(c)
        ));
    }
    let letters: String = name.chars().filter(|c| c.is_alphanumeric()).collect();
    if letters.as_str().detect_restriction_level() > RestrictionLevel::HighlyRestrictive {
        return illegal(
            "A user name may not mix scripts whose letters look alike (such as Latin and Cyrillic)."
                .into(),
        );
    }
    Ok(name)
}

/// The default password rule (spec §8.4, "8位以上"): at least 8 characters with upper case,
/// lower case, a digit and a special character. Passwords are checked, never stored: this server
/// has no console to log in to.
fn check_password(password: &Secret) -> Result<(), ServerError> {
    let p = password.expose();
    let ok = p.chars().count() >= 8
        && p.chars().any(|c| c.is_ascii_uppercase())
        && p.chars().any(|c| c.is_ascii_lowercase())
        && p.chars().any(|c| c.is_ascii_digit())
        && p.chars().any(|c| c.is_ascii_punctuation());
    if ok {
        Ok(())
    } else {
        Err(ServerError::new(
            Code::PasswordViolatedRules,
            "A password has at least 8 characters with upper and lower case letters, digits and special characters.",
        ))
    }
}

fn check_flag(name: &str, value: Option<u64>) -> Result<(), ServerError> {
    match value {
        None | Some(0 | 1) => Ok(()),
        Some(other) => Err(ServerError::new(
            Code::InvalidParameterValue,
            format!("{name} must be 0 or 1, not {other}."),
        )),
    }
}

fn check_text(name: &str, value: Option<&String>) -> Result<(), ServerError> {
    match value {
        Some(text) if text.chars().count() > MAX_TEXT_CHARS => Err(ServerError::new(
            Code::InvalidParameterValue,
            format!("{name} may be at most {MAX_TEXT_CHARS} characters."),
        )),
        _ => Ok(()),
    }
}

/// A random console password that satisfies [`check_password`].
fn generated_password() -> Secret {
    const SETS: [&[u8]; 4] = [
        b"ABCDEFGHJKLMNPQRSTUVWXYZ",
        b"abcdefghijkmnopqrstuvwxyz",
        b"23456789",
        b"!#$%&*+-=?@^_",
    ];
    let mut rng = rand::rng();
    let mut chars: Vec<u8> = (0..32)
        .map(|i| {
            let set = SETS[i % SETS.len()];
            set[rng.random_range(0..set.len())]
        })
        .collect();
    // Shuffle so the classes do not sit in a fixed rhythm.
    for i in (1..chars.len()).rev() {
        chars.swap(i, rng.random_range(0..=i));
    }
    Secret::new(String::from_utf8(chars).unwrap_or_default())
}

fn new_uin() -> u64 {
    rand::rng().random_range(100_000_000_000..1_000_000_000_000)
}

/// The administrator flag is root's to give: from anyone else it is refused, not ignored.
fn check_is_admin(ctx: &Ctx<'_>, is_admin: Option<u64>) -> Result<(), ServerError> {
    check_flag("IsAdmin", is_admin)?;
    if is_admin.is_some() && !ctx.is_root() {
        return Err(ServerError::new(
            Code::UnauthorizedOperation,
            "Only the root account may set IsAdmin.",
        ));
    }
    Ok(())
}

pub fn add_user(ctx: &Ctx<'_>, request: AddUser) -> Result<AddUserResponse, ServerError> {
    let name = check_name(&request.name)?;
    check_flag("ConsoleLogin", request.console_login)?;
    check_flag("UseApi", request.use_api)?;
    check_flag("NeedResetPassword", request.need_reset_password)?;
    check_is_admin(ctx, request.is_admin)?;
    for (field, value) in [
        ("Remark", request.remark.as_ref()),
        ("PhoneNum", request.phone_num.as_ref()),
        ("CountryCode", request.country_code.as_ref()),
        ("Email", request.email.as_ref()),
    ] {
        check_text(field, value)?;
    }
    let console_login = request.console_login.unwrap_or(0);
    let password = request.password.filter(|p| !p.is_empty());
    if let Some(password) = &password {
        check_password(password)?;
    }
    let generated = (console_login == 1 && password.is_none()).then(generated_password);
    let now = ctx.meta.now;
    let is_admin = request.is_admin == Some(1);

    let (user, key) = ctx.mutate(|tx| {
        if tx.sub_user_by_name(&name)?.is_some() {
            return Err(ServerError::new(
                Code::SubUserNameInUse,
                format!("The sub-user name {} is already in use.", echo(&name)),
            ));
        }
        let mut uin = new_uin();
        while tx.uin_taken(uin)? {
            uin = new_uin();
        }
        let user = StoredUser {
            uin,
            uid: tx.next_uid()?,
            kind: UserKind::SubUser,
            name: name.clone(),
            nick_name: name.clone(),
            remark: request.remark.clone().unwrap_or_default(),
            console_login,
            phone_num: request.phone_num.clone().unwrap_or_default(),
            country_code: request.country_code.clone().unwrap_or_default(),
            email: request.email.clone().unwrap_or_default(),
            created: now,
            last_login_ip: String::new(),
            last_login_time: None,
            is_admin,
        };
        tx.insert_user(&user)?;
        let key = if request.use_api == Some(1) {
            Some(insert_new_key(tx, uin, None, now)?)
        } else {
            None
        };
        Ok((user, key))
    })?;
    Ok(AddUserResponse {
        uin: user.uin,
        name: user.name,
        password: generated.unwrap_or_else(|| Secret::new("")),
        secret_id: key
            .as_ref()
            .map(|k| crate::cam::model::SecretId::from_wire(k.secret_id.clone()))
            .unwrap_or_default(),
        secret_key: key.map_or_else(|| Secret::new(""), |k| k.secret_key),
        uid: user.uid,
        phone_num_verify_link: None,
    })
}

pub fn update_user(ctx: &Ctx<'_>, request: UpdateUser) -> Result<Empty, ServerError> {
    check_flag("ConsoleLogin", request.console_login)?;
    check_flag("NeedResetPassword", request.need_reset_password)?;
    check_is_admin(ctx, request.is_admin)?;
    for (field, value) in [
        ("Remark", request.remark.as_ref()),
        ("PhoneNum", request.phone_num.as_ref()),
        ("CountryCode", request.country_code.as_ref()),
        ("Email", request.email.as_ref()),
    ] {
        check_text(field, value)?;
    }
    if let Some(password) = request.password.as_ref().filter(|p| !p.is_empty()) {
        check_password(password)?;
    }
    let name = normalized(&request.name);
    ctx.mutate(|tx| {
        let mut user = tx
            .sub_user_by_name(&name)?
            .ok_or_else(|| user_not_found(&name))?;
        let set = |field: &mut String, value: &Option<String>| {
            if let Some(value) = value {
                field.clone_from(value);
            }
        };
        set(&mut user.remark, &request.remark);
        set(&mut user.phone_num, &request.phone_num);
        set(&mut user.country_code, &request.country_code);
        set(&mut user.email, &request.email);
        if let Some(console_login) = request.console_login {
            user.console_login = console_login;
        }
        if let Some(flag) = request.is_admin {
            user.is_admin = flag == 1;
        }
        tx.update_user(&user)
    })?;
    Ok(Empty {})
}

pub fn delete_user(ctx: &Ctx<'_>, request: DeleteUser) -> Result<Empty, ServerError> {
    check_flag("Force", request.force)?;
    let force = request.force == Some(1);
    let name = normalized(&request.name);
    let now = ctx.meta.now;
    ctx.mutate(|tx| {
        let user = tx
            .sub_user_by_name(&name)?
            .ok_or_else(|| user_not_found(&name))?;
        let keys = tx.keys_of(user.uin)?;
        if !keys.is_empty() && !force {
            return Err(ServerError::new(
                Code::HaveKeys,
                format!(
                    "The user {:?} still has {} API key(s): delete them first or pass Force=1.",
                    user.name,
                    keys.len()
                ),
            ));
        }
        tx.delete_user(&user, now)
    })?;
    Ok(Empty {})
}

pub fn list_collaborators(
    ctx: &Ctx<'_>,
    request: ListCollaborators,
) -> Result<ListCollaboratorsResponse, ServerError> {
    let limit = request
        .limit
        .filter(|l| *l > 0)
        .unwrap_or(DEFAULT_COLLABORATOR_PAGE);
    let (total, rows) = ctx
        .store
        .collaborators(limit, request.offset.unwrap_or(0))?;
    Ok(ListCollaboratorsResponse {
        total_num: total,
        data: rows.iter().map(info).collect(),
    })
}

pub fn describe_sub_accounts(
    ctx: &Ctx<'_>,
    request: DescribeSubAccounts,
) -> Result<DescribeSubAccountsResponse, ServerError> {
    let uins = request.filter_sub_account_uin;
    if uins.is_empty() || uins.len() > MAX_FILTER_UINS {
        return Err(ServerError::new(
            Code::InvalidParameter,
            format!("FilterSubAccountUin must list 1 to {MAX_FILTER_UINS} UINs."),
        ));
    }
    // SQLite integers are signed: a larger number is no UIN (it was `InternalError`).
    if let Some(uin) = uins.iter().find(|uin| i64::try_from(**uin).is_err()) {
        return Err(ServerError::new(
            Code::InvalidParameter,
            format!("FilterSubAccountUin lists {uin}, which is not a UIN."),
        ));
    }
    let sub_accounts = ctx
        .store
        .users_by_uin(&uins)?
        .into_iter()
        .map(|user| SubAccountUser {
            uin: user.uin,
            name: user.name,
            uid: user.uid,
            remark: user.remark,
            create_time: Some(datetime(user.created)),
            user_type: user.kind.user_type(),
            last_login_ip: user.last_login_ip,
            last_login_time: user.last_login_time.map(datetime),
        })
        .collect();
    Ok(DescribeSubAccountsResponse { sub_accounts })
}

pub fn get_user_app_id(
    ctx: &Ctx<'_>,
    _request: GetUserAppId,
) -> Result<GetUserAppIdResponse, ServerError> {
    let account = ctx.account;
    Ok(GetUserAppIdResponse {
        uin: ctx.caller().uin.to_string(),
        owner_uin: account.owner_uin.to_string(),
        app_id: account.app_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for ok in [
            "alice",
            "ops.bot-01",
            "张伟",
            "a@b.c",
            &"x".repeat(64),
            "ivan.petrov",
            "иван",
            "田中さん",
            "김민준",
            "张伟-ops",
        ] {
            assert_eq!(check_name(ok).unwrap(), ok);
        }
        for bad in ["", "has space", "semi;colon", &"x".repeat(65)] {
            assert_eq!(check_name(bad).unwrap_err().code(), Code::UserNameIllegal);
        }
    }

    // Regression (issue 11, attack 6): look-alike names were accepted as distinct users.
    #[test]
    fn look_alike_names_are_normalised_or_refused() {
        // Full-width and mathematical letters are the plain ones.
        assert_eq!(check_name("ａｌｉｃｅ").unwrap(), "alice");
        assert_eq!(check_name("𝐚𝐥𝐢𝐜𝐞").unwrap(), "alice");
        assert_eq!(normalized("ａｌｉｃｅ"), "alice");
        // An invisible filler, alone or after a name; a Cyrillic а among Latin letters.
        for bad in [
            "alice\u{3164}",
            "\u{3164}",
            "\u{115F}bob",
            "\u{0430}lice",
            "pаypal",
        ] {
            let error = check_name(bad).unwrap_err();
            assert_eq!(error.code(), Code::UserNameIllegal, "{bad:?}");
        }
        assert!(
            check_name("\u{3164}")
                .unwrap_err()
                .public_message()
                .contains("U+3164")
        );
    }

    #[test]
    fn passwords() {
        check_password(&Secret::new("Str0ng!pass")).unwrap();
        check_password(&generated_password()).unwrap();
        // "8位以上": eight is enough, seven is not.
        check_password(&Secret::new("Aa1!Aa1!")).unwrap();
        for bad in [
            "Aa1!Aa1",
            "Sh0rt!",
            "nouppercase1!",
            "NOLOWERCASE1!",
            "NoDigits!!x",
            "NoSpecial12x",
        ] {
            assert_eq!(
                check_password(&Secret::new(bad)).unwrap_err().code(),
                Code::PasswordViolatedRules,
                "{bad}"
            );
        }
    }
}
