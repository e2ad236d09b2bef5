//! A user's security settings: `DescribeSafeAuthFlagColl` reads login protection,
//! sensitive-operation protection and unusual-location protection; `SetMfaFlag` chooses how
//! login and sensitive operations are verified — the security phone, a virtual MFA device
//! (soft token) or WeChat, each only if the user has it bound.

use super::context::Ctx;
use crate::cam::model::{
    DescribeSafeAuthFlagColl, DescribeSafeAuthFlagCollResponse, Empty, LoginActionFlag,
    LoginActionMfaFlag, OffsiteFlag, SetMfaFlag, Verification,
};
use crate::server::error::{Code, ServerError};
use crate::server::store::{StoredSecurity, StoredUser};

fn user_not_found(uin: u64) -> ServerError {
    ServerError::new(
        Code::ResourceUserNotExist,
        format!("No sub-user or collaborator has the UIN {uin}."),
    )
}

/// Unusual-location logins are not verified here (this server has no console to log in to);
/// they are reported to every channel the user has: phone, email, WeChat.
fn offsite(user: &StoredUser, security: StoredSecurity) -> OffsiteFlag {
    OffsiteFlag {
        verify_flag: 0,
        notify_phone: u64::from(!user.phone_num.is_empty()),
        notify_email: i64::from(!user.email.is_empty()),
        notify_wechat: u64::from(security.wechat_bound),
        tips: 0,
    }
}

pub fn describe_safe_auth_flag_coll(
    ctx: &Ctx<'_>,
    request: DescribeSafeAuthFlagColl,
) -> Result<DescribeSafeAuthFlagCollResponse, ServerError> {
    let uin = request.sub_uin;
    ctx.check_readable(uin)?;
    let user = ctx.store.user(uin)?.ok_or_else(|| user_not_found(uin))?;
    let security = ctx.store.security(uin)?;
    Ok(DescribeSafeAuthFlagCollResponse {
        login_flag: LoginActionFlag::only(security.login),
        action_flag: LoginActionFlag::only(security.action),
        offsite_flag: offsite(&user, security),
        prompt_trust: 0,
    })
}

/// The method a flag chooses: the one member set to 1, or none when all are 0.
fn chosen(name: &str, flag: LoginActionMfaFlag) -> Result<Option<Verification>, ServerError> {
    let members = [
        (Verification::Phone, flag.phone),
        (Verification::Stoken, flag.stoken),
        (Verification::Wechat, flag.wechat),
    ];
    if let Some(value) = members.iter().find_map(|(_, v)| v.filter(|v| *v > 1)) {
        return Err(ServerError::new(
            Code::InvalidParameterValue,
            format!("{name}'s members are 0 or 1, not {value}."),
        ));
    }
    let set: Vec<Verification> = members
        .into_iter()
        .filter(|(_, v)| *v == Some(1))
        .map(|(method, _)| method)
        .collect();
    match set.as_slice() {
        [] => Ok(None),
        [method] => Ok(Some(*method)),
        _ => Err(ServerError::new(
            Code::InvalidParameterValue,
            format!("{name} chooses one verification method, not several."),
        )),
    }
}

/// Whether `user` has what `method` needs bound.
fn check_bound(
    method: Option<Verification>,
    user: &StoredUser,
    security: StoredSecurity,
) -> Result<(), ServerError> {
    let refusal = match method {
        Some(Verification::Phone) if user.phone_num.is_empty() => {
            (Code::UserNotBindPhone, "has no phone number to verify with")
        }
        Some(Verification::Wechat) if !security.wechat_bound => {
            (Code::UserNotBindWechat, "has not bound WeChat")
        }
        Some(Verification::Stoken) if !security.mfa_device => {
            (Code::MfaTokenError, "has no virtual MFA device bound")
        }
        _ => return Ok(()),
    };
    Err(ServerError::new(
        refusal.0,
        format!("{} {}.", user.name, refusal.1),
    ))
}

/// Sets the protection of `OpUin` (the caller when left out); a flag left out stays as it is.
pub fn set_mfa_flag(ctx: &Ctx<'_>, request: SetMfaFlag) -> Result<Empty, ServerError> {
    if request.login_flag.is_none() && request.action_flag.is_none() {
        return Err(ServerError::new(
            Code::MissingParameter,
            "Give LoginFlag, ActionFlag or both.",
        ));
    }
    let login = request
        .login_flag
        .map(|flag| chosen("LoginFlag", flag))
        .transpose()?;
    let action = request
        .action_flag
        .map(|flag| chosen("ActionFlag", flag))
        .transpose()?;
    let uin = request.op_uin.unwrap_or(ctx.caller().uin);
    ctx.mutate(|tx| {
        let user = tx.user(uin)?.ok_or_else(|| user_not_found(uin))?;
        let mut security = tx.security(uin)?;
        for method in [login, action].into_iter().flatten() {
            check_bound(method, &user, security)?;
        }
        security.login = login.unwrap_or(security.login);
        security.action = action.unwrap_or(security.action);
        tx.set_security(uin, &security)
    })?;
    Ok(Empty {})
}
