//! The Chinese catalogue, in the CAM console's own words (访问管理 → 用户列表 → 用户详情 → API密钥;
//! SecretId and SecretKey stay as CAM writes them).

use std::borrow::Cow;

use super::Text;

#[allow(clippy::match_same_arms)] // one word may serve two messages in one language, not in another
pub(super) fn text(text: Text<'_>) -> Cow<'static, str> {
    Cow::Borrowed(match text {
        // ---- Console: the keymap's hints and help, the command line, the clipboard ----

        // ---- Console: screens, dialogs, messages ----
        Text::TabUsers => "用户列表",
        Text::TabDetails => "用户详情",
        Text::TabKeys => "API密钥",
        Text::HeaderAccount => "账号 ",
        Text::HeaderClipboard | Text::HeaderClipboardShort => "剪贴板：",
        Text::HeaderTimes => "时区 ",
        Text::AccountUnknown { code } => return format!("未知（{code}）").into(),
        Text::AccountRoot { uin } => return format!("{uin}（主账号）").into(),
        Text::AccountSubUser { owner, uin } => return format!("{owner}（子用户 {uin}）").into(),
        Text::BadgeSandbox => "沙箱",
        Text::BadgeReadOnly => "只读",
        Text::FooterClipboardCountdown { seconds } => {
            return format!("SecretKey 将在 {seconds} 秒后移出剪贴板").into();
        }
        Text::Loading => "加载中…",
        Text::EscCloses => "Esc 关闭",
        Text::ScrollPosition { first, last, total } => {
            return format!("j/k 滚动 {first}-{last}/{total}").into();
        }
        Text::FilterLabel => "筛选：",
        Text::NoUserOpen => "未打开用户：请在用户列表（1）中选择一个用户并按 Enter",
        Text::NeverUsed => "从未使用",
        Text::Unknown => "未知",
        Text::ListSeparator => "、",
        Text::CallFailed {
            call,
            code,
            message,
        } => return format!("{call} 调用失败：{code} — {message}").into(),
        Text::RequestIdSuffix { request_id } => {
            return format!("（RequestId {request_id}）").into();
        }
        Text::NoRequestId => "（无 RequestId：请求未得到 API 应答）",
        Text::RetryHint => " · 按 r 重试",
        Text::UserSubUser => "子用户",
        Text::UserCollaborator => "协作者",
        Text::KeyEnabled => "已启用",
        Text::KeyDisabled => "已禁用",
        Text::PolicyPreset => "预设策略",
        Text::PolicyCustom => "自定义策略",
        Text::ViaUser => "直接关联",
        Text::ViaGroup { group } => return format!("随组关联（{group}）").into(),
        Text::ProtectionOff => "未开启",
        Text::VerifyPhone => "安全手机",
        Text::VerifyHardToken => "硬件 MFA 设备",
        Text::VerifySoftToken => "虚拟 MFA 设备",
        Text::VerifyCustom => "自定义校验",
        Text::VerifyU2f => "U2F 安全密钥",
        Text::VerifyPasskey => "通行密钥（passkey）",
        Text::VerifyEmail | Text::NoticeEmail => "邮箱",
        Text::VerifyWechat | Text::NoticeWechat => "微信",
        Text::NoticePhone => "手机",
        Text::ProtectionVerify => "需要验证",
        Text::ProtectionNotify { channels } => return format!("通过{channels}通知").into(),
        Text::ProtectionVerifyAndNotify { channels } => {
            return format!("需要验证；通过{channels}通知").into();
        }
        Text::LabelUsername => "用户名",
        Text::LabelUin => "UIN",
        Text::LabelUid => "UID",
        Text::LabelType => "用户类型",
        Text::LabelRemark => "备注",
        Text::LabelConsoleLogin => "控制台访问",
        Text::LabelLoginShort => "登录",
        Text::LabelPhone => "手机",
        Text::LabelCountryCode => "区号",
        Text::LabelEmail => "邮箱",
        Text::LabelLastLoginIp => "最近登录IP",
        Text::LabelLastLoginTime => "最近登录时间",
        Text::LabelCreated => "创建时间",
        Text::LabelUpdated => "更新时间",
        Text::LabelApiKeys => "API密钥",
        Text::LabelDescription => "描述",
        Text::LoginYes => "允许",
        Text::LoginNo => "禁止",
        Text::CanLogIn => "允许登录控制台",
        Text::ApiAccessOnly => "仅 API 访问（编程访问）",
        Text::NeverLoggedIn => "未登录过控制台",
        Text::UserCount { count } => return format!("共 {count} 个用户").into(),
        Text::UsersShown { shown, total } => return format!("{shown}/{total} 个用户").into(),
        Text::SortLabel => "排序：",
        Text::UsersLoading => "正在加载用户…",
        Text::FilterIsSecretId { secret_id } => {
            return format!("{secret_id} 是 SecretId：按 Enter 查找它所属的用户").into();
        }
        Text::NoUserMatchesEditing { filter } => {
            return format!("没有用户匹配“{filter}”（Esc 恢复按 / 之前的筛选）").into();
        }
        Text::NoUserMatches { filter } => {
            return format!("没有用户匹配“{filter}”（Esc 清除筛选）").into();
        }
        Text::NoUsers => "此账号下没有子用户或协作者",
        Text::DetailsWindow { first, last, total } => {
            return format!("第 {first}-{last} 行，共 {total} 行（j/k）").into();
        }
        Text::SectionPermissions => "权限",
        Text::SectionGroups => "用户组",
        Text::SectionSecurity => "安全",
        Text::PolicyCount { count } => return format!("{count} 个策略").into(),
        Text::GroupCount { count } => return format!("{count} 个用户组").into(),
        Text::NoPolicy => "此用户没有关联任何策略。",
        Text::NoGroup => "未加入任何用户组。",
        Text::PolicyColumnName => "策略名称",
        Text::PolicyColumnType => "策略类型",
        Text::PolicyColumnVia => "关联类型",
        Text::PolicyColumnAttached => "关联时间",
        Text::ProtectionLogin => "登录保护",
        Text::ProtectionOperation => "操作保护",
        Text::ProtectionUnusualLogin => "异地登录保护",
        Text::KeySummary {
            count,
            max,
            enabled,
        } => return format!("{count}/{max} 个 API 密钥，{enabled} 个已启用").into(),
        Text::KeysNoteLimit { max } => {
            return format!("• 一个子用户/协作者最多可以创建 {max} 个 API 密钥。").into();
        }
        Text::KeysNoteSecret => "• 新建的密钥只在创建时提供 SecretKey，后续不可再进行查询。",
        Text::KeysNoteLimitShort { max } => {
            return format!("• 每个用户最多 {max} 个 API 密钥。").into();
        }
        Text::KeysNoteSecretShort => "• SecretKey 只在创建时提供。",
        Text::KeysLoading => "正在加载密钥…",
        Text::NoKeys { user } => return format!("{user} 还没有 API 密钥：按 c 新建密钥。").into(),
        Text::KeyColumnStatus => "状态",
        Text::LastAccess => "最近访问时间",
        Text::RecordsTitle => "访问记录",
        Text::Position { position, total } => return format!("第 {position}/{total} 条").into(),
        Text::FailuresOnly => "仅失败调用",
        Text::RecordsSpan { count } => return format!("近 3 个月的最近 {count} 条").into(),
        Text::RecordsLoading => "正在加载访问记录…",
        Text::NoRecentRecords => "近 3 个月没有访问记录。",
        Text::NoFailedRecords => "其中没有失败的调用（按 f 显示全部调用）。",
        Text::RecordTime => "事件时间",
        Text::RecordAction => "事件名称",
        Text::RecordSourceIp => "源IP",
        Text::RecordRegion => "地域",
        Text::RecordResult => "结果",
        Text::ResultOk => "成功",
        Text::RecordOf { secret_id } => return format!("{secret_id} 的访问记录").into(),
        Text::RecordResource => "资源",
        Text::RecordDocument => "事件详情（CloudAuditEvent）",
        Text::PolicyOf { name } => return format!("策略 {name}").into(),
        Text::AttachedVia { via, time } => return format!("{via}，{time}").into(),
        Text::PolicyDocument => "策略语法",
        Text::HelpTitle { context } => return format!("按键 · {context}").into(),
        Text::ContextFilter => "用户列表筛选",
        Text::ContextConfirm => "确认",
        Text::ContextConfirmTyped => "删除确认",
        Text::ContextDescribe => "新建密钥",
        Text::ContextSecret => "新密钥的 SecretKey",
        Text::ContextHelp => "帮助",
        Text::ContextCommand => "命令行",
        Text::ContextSearch => "查找密钥所属用户",
        Text::ContextCallLog => "API 调用记录",
        Text::ContextLogFilter => "API 调用记录筛选",
        Text::ContextPager => "文档",
        Text::ButtonCancel => "取消",
        Text::VerbDisable => "禁用",
        Text::VerbEnable => "启用",
        Text::VerbDelete => "删除",
        Text::VerbCreate => "新建",
        Text::ConfirmTitle { verb } => return format!("{verb}密钥").into(),
        Text::ConfirmKey { verb, secret_id } => {
            return format!("确认{verb}密钥 {secret_id}？").into();
        }
        Text::ConfirmKeyOf { user } => return format!("所属用户：{user}").into(),
        Text::ConfirmCreate { verb, user } => return format!("确认为 {user} {verb}密钥？").into(),
        Text::DisableMeaning => "禁用此密钥后，腾讯云将拒绝此密钥的所有请求，\n直到再次启用。",
        Text::EnableMeaning => {
            "开启密钥时，请确保密钥处于安全状态。\n启用后，此密钥签名的请求将再次被接受。"
        }
        Text::DeleteMeaning => {
            "删除此密钥后，腾讯云将永久拒绝此密钥的所有请求。\n此操作不可恢复，请谨慎操作。"
        }
        Text::CreateMeaning => "新建的密钥只在创建时提供 SecretKey，请保存好。",
        Text::ConfirmKeysHint => "y 确定 · n/Esc 取消 · Tab 切换按钮，Enter 按下",
        Text::TypeLastCharacters { count } => {
            return format!("请输入 SecretId 的最后 {count} 个字符：").into();
        }
        Text::TypedMismatch => "输入不匹配：未删除任何密钥。",
        Text::TypedKeysHint => "Enter 删除 · Esc 取消",
        Text::DescriptionPrompt => "描述（选填）：",
        Text::DescriptionRule { max } => {
            return format!("最多 {max} 个字符：字母、数字和 _+=,.@:/-").into();
        }
        Text::DescribeKeysHint => "Enter 新建 · Esc 取消",
        Text::SecretTitle { user } => return format!("{user} 的新密钥").into(),
        Text::SecretMasks => "（v 隐藏）",
        Text::SecretReveals => "（v 显示）",
        Text::SecretWarning => {
            "为降低密钥泄漏的风险，新建的密钥只在创建时提供SecretKey，\n后续不可再进行查询，请保存好SecretKey。"
        }
        Text::SecretSaved => "我已保存 SecretKey",
        Text::SecretEnterCloses => "（Enter 关闭）",
        Text::SecretSpaceThenEnter => "（空格勾选后按 Enter 关闭）",
        Text::SecretCountdown { seconds } => {
            return format!("复制的 SecretKey 将在 {seconds} 秒后移出剪贴板").into();
        }
        Text::SecretCopyHint { seconds } => {
            return format!("Y 复制 SecretKey，{seconds} 秒后自动从剪贴板清除").into();
        }
        Text::CallLogTitle => "API 调用",
        Text::CallsThisRun { count } => return format!("本次运行 {count} 次").into(),
        Text::CallsFailed { count } => return format!("{count} 次失败").into(),
        Text::CallsKept { count } => return format!("保留最近 {count} 次").into(),
        Text::CallsMatch { count } => return format!("{count} 次匹配").into(),
        Text::Following => "跟随最新",
        Text::NoCalls => "本次运行尚无 API 调用。",
        Text::NoCallMatches { filter } => {
            return format!("没有调用匹配“{filter}”（Esc 清除筛选）").into();
        }
        Text::CallColumnTime => "时间",
        Text::CallColumnService => "服务",
        Text::CallColumnAction => "接口",
        Text::CallColumnTarget => "对象",
        Text::CallColumnLatency => "耗时",
        Text::Attempts { count } => return format!("尝试 {count} 次").into(),
        Text::NoApiAnswer => "无（API 未应答）",
        Text::SearchTitle { secret_id } => return format!("查找 {secret_id} 所属的用户").into(),
        Text::SearchCounts { done, total } => return format!("{done}/{total} 个用户").into(),
        Text::SearchEta { left } => return format!("预计还需 {left}").into(),
        Text::SearchEtaUnknown => "剩余时间：收到首批应答后估算",
        Text::SearchCalls {
            count,
            elapsed,
            eta,
        } => return format!("{count} 次 ListAccessKeys 调用 · {elapsed} · {eta}").into(),
        Text::SearchRate => "每秒最多 20 次调用；已查看过的用户不再调用。",
        Text::SearchKeys => "Esc 取消（保留已查到的结果）· @ 查看调用记录",
        Text::ReadOnlyRefused => "只读：新建、启用、禁用和删除从不发往此目标",
        Text::StillInFlight { call } => return format!("{call} 仍在进行中：请等待其应答").into(),
        Text::AChange => "一项更改",
        Text::NotDeletedMismatch { count, expected } => {
            return format!("未删除：请准确输入 SecretId 的最后 {count} 个字符（{expected}）")
                .into();
        }
        Text::CancelledNothingDeleted => "已取消：未删除任何密钥",
        Text::CancelledNothingChanged => "已取消：未做任何更改",
        Text::NoUserToOpen => "没有可打开的用户",
        Text::KeysStillLoading => "密钥仍在加载中",
        Text::NoKeysCreateOne { user } => {
            return format!("{user} 还没有 API 密钥（按 c 新建密钥）").into();
        }
        Text::KeysNotLoaded => "密钥尚未加载：请稍候，或按 r 重新加载",
        Text::KeyLimitReached { user, count } => {
            return format!("{user} 已有 {count} 个 API 密钥，已达 CAM 上限：请先删除一个").into();
        }
        Text::AlreadyEnabled { secret_id } => return format!("{secret_id} 已处于启用状态").into(),
        Text::AlreadyDisabled { secret_id } => {
            return format!("{secret_id} 已处于禁用状态").into();
        }
        Text::DisableFirst { secret_id } => {
            return format!("{secret_id} 已启用：请先禁用（d），再删除").into();
        }
        Text::KeyCreatedFlash { secret_id, user } => {
            return format!("已为 {user} 新建密钥 {secret_id}").into();
        }
        Text::KeyDisabledFlash { secret_id } => {
            return format!("已禁用 {secret_id}：腾讯云将拒绝此密钥的所有请求").into();
        }
        Text::KeyEnabledFlash { secret_id } => return format!("已启用 {secret_id}").into(),
        Text::KeyDeletedFlash { secret_id } => {
            return format!("已删除 {secret_id}：此密钥将永远不能再使用").into();
        }
        Text::SearchRunning => "已有一个查找在进行中：按 Esc 取消它",
        Text::SearchUsersLoading => "用户仍在加载中：请在用户列表加载完成后再查找",
        Text::SearchNoUsers { secret_id } => {
            return format!("没有用户拥有 {secret_id}：此账号下没有子用户或协作者").into();
        }
        Text::SearchCancelled {
            secret_id,
            done,
            total,
        } => {
            return format!(
                "已取消查找 {secret_id}（已查看 {done}/{total} 个用户）；查到的结果在本次运行中保留"
            )
            .into();
        }
        Text::OwnerNotListed {
            secret_id,
            name,
            uin,
        } => {
            return format!(
                "{secret_id} 属于 {name}（UIN {uin}），但该用户已不在列表中：请在用户列表按 r 刷新"
            )
            .into();
        }
        Text::OwnerFound {
            secret_id,
            name,
            uin,
            status,
        } => return format!("{secret_id} 属于 {name}（UIN {uin}），{status}").into(),
        Text::OwnerFromCache => "（本次运行中已查到，未发起调用）",
        Text::OwnerNotFound {
            secret_id,
            searched,
        } => {
            return format!("没有子用户或协作者拥有 {secret_id}（已查看 {searched} 个用户的密钥）")
                .into();
        }
        Text::OwnerSkipped { count, users } => {
            return format!("；无法列出 {count} 个用户的密钥：{users}").into();
        }
        Text::SecretGone => "SecretKey 已从 camtui 中清除，无法再次显示",
        Text::SecretNotSaved => {
            "SecretKey 无法再次显示：请先保存，勾选“我已保存 SecretKey”（空格），再关闭（Enter）"
        }
        Text::TabReport => "密钥报告",
        Text::ContextReportFilter => "密钥报告筛选",
        Text::ContextRotation => "轮换密钥",
        Text::ContextBulk => "批量禁用密钥",
        Text::ReportKeys { count } => return format!("共 {count} 个密钥").into(),
        Text::ReportKeysShown { shown, total } => {
            return format!("{shown}/{total} 个密钥").into();
        }
        Text::Marked { count } => return format!("已选中 {count} 个").into(),
        Text::ReportOwner => "所属用户",
        Text::ReportLastUsed => "最近访问",
        Text::ReportAge => "已创建",
        Text::ReportIdle => "闲置",
        Text::ReportFlags => "问题",
        Text::Days { count } => return format!("{count}天").into(),
        Text::NoKeysInAccount => "此账号下没有 API 密钥",
        Text::NoKeyMatchesEditing => "没有密钥符合筛选条件（Esc 恢复按 / 之前的筛选）",
        Text::NoKeyMatches => "没有密钥符合筛选条件（Esc 清除筛选）",
        Text::ReportWaitsForUsers => "用户列表加载完成后开始加载",
        Text::ReportEtaUnknown => "剩余时间：查看首批用户后估算",
        Text::ReportProgress {
            done,
            total,
            keys,
            left,
        } => {
            return format!(
                "{done}/{total} 个用户 · {keys} 个密钥 · {left} · X 停止（保留已加载的）"
            )
            .into();
        }
        Text::ReportDone => "所有用户的密钥均已加载 · 按 r 重新加载",
        Text::ReportDoneSkipped { skipped } => {
            return format!(
                "除 {skipped} 个用户（无法列出）外，所有用户的密钥均已加载 · 按 r 重新加载"
            )
            .into();
        }
        Text::ReportStopped { done, total } => {
            return format!(
                "已在查看 {done}/{total} 个用户后停止：其余用户的密钥不在此列 · 按 r 全部加载"
            )
            .into();
        }
        Text::FlagNeverUsed => "从未使用",
        Text::FlagUnused { days } => return format!("{days}天未使用").into(),
        Text::FlagOld { days } => return format!("创建超过{days}天").into(),
        Text::FlagDisabled | Text::FlagDisabledShort => "已禁用",
        Text::FlagTwoEnabled => "两个均启用",
        Text::FlagNeverUsedShort => "从未用",
        Text::FlagUnusedShort => "未使用",
        Text::FlagOldShort => "过旧",
        Text::FlagTwoEnabledShort => "双启用",
        Text::BulkDisableMeaning => {
            "禁用这些密钥后，腾讯云将拒绝它们签名的所有请求，\n直到再次启用。"
        }
        Text::ConfirmKeys { verb, count } => {
            return format!("确认{verb} {count} 个密钥？").into();
        }
        Text::ConfirmKeysTitle { verb, count } => {
            return format!("{verb} {count} 个密钥").into();
        }
        Text::UsersSubject { count } => return format!("{count} 个用户").into(),
        Text::KeyOf { secret_id, owner } => return format!("{secret_id}（{owner}）").into(),
        Text::AndMore { count } => return format!("还有 {count} 个").into(),
        Text::TypeKeyCount => "请输入密钥个数以确认：",
        Text::TypedMismatchBulk => "输入不匹配：未禁用任何密钥。",
        Text::TypedKeysHintBulk => "Enter 禁用 · Esc 取消",
        Text::NothingDisabledMismatch { expected } => {
            return format!("未禁用：请准确输入密钥个数（{expected}）").into();
        }
        Text::CancelledNothingDisabled => "已取消：未禁用任何密钥",
        Text::BulkCounts {
            answered,
            total,
            disabled,
            failed,
        } => {
            return format!("{answered}/{total} · 已禁用 {disabled} 个 · 失败 {failed} 个").into();
        }
        Text::NoKeyFailed => "没有密钥失败。",
        Text::NoKeyFailedYet => "目前没有密钥失败。",
        Text::BulkFailure {
            code,
            secret_id,
            owner,
        } => return format!("{code}：{secret_id}（{owner}）").into(),
        Text::NoApiAnswerShort => "无：API 未应答",
        Text::AndMoreCalls { count } => {
            return format!("… 还有 {count} 个（@ 列出全部调用）").into();
        }
        Text::BulkDone => "完成 · Esc 关闭 · @ 查看全部调用",
        Text::BulkStopping => "正在等待进行中的调用结束后停止…",
        Text::BulkRunning => "逐个禁用，每秒最多 5 个 · Esc 在进行中的调用结束后停止",
        Text::BulkTitleDone { disabled, total } => {
            return format!("已禁用 {disabled}/{total} 个密钥").into();
        }
        Text::BulkTitleRunning { total } => return format!("正在禁用 {total} 个密钥").into(),
        Text::BulkDisabledFlash { count } => return format!("已禁用 {count} 个密钥").into(),
        Text::BulkFailedSuffix { count } => return format!("；{count} 个失败（已列出）").into(),
        Text::BulkStoppedSuffix { left } => return format!("；停止时还剩 {left} 个").into(),
        Text::BulkStoppingFlash => "进行中的调用结束后停止：已禁用的密钥保持禁用",
        Text::KeysMarked { count } => return format!("已选中 {count} 个密钥").into(),
        Text::ReportNotLoading => "报告当前未在加载",
        Text::ReportStoppedFlash { done } => {
            return format!("已在查看 {done} 个用户后停止：已加载的保留（按 r 全部重新加载）")
                .into();
        }
        Text::NoKeyToOpen => "没有可打开的密钥",
        Text::OwnerGone { name, uin } => {
            return format!("{name}（UIN {uin}）已不在用户列表中：请在用户列表按 r 刷新").into();
        }
        Text::CursorKeyDisabledAlready => {
            "光标所在的密钥已禁用（空格选中密钥，A 选中全部显示的密钥）"
        }
        Text::MarkedDisabledAlready => "选中的密钥均已禁用",
        Text::ReportSkipped { count, users } => {
            return format!("无法列出 {count} 个用户的密钥：{users}").into();
        }
        Text::ReportWaitsFlash => "用户列表加载完成后开始生成报告",
        Text::VerifyHint => "按 t 测试：用它签名一次无害的调用（GetUserAppId）",
        Text::Verifying => "正在用它签名 GetUserAppId…",
        Text::KeySigns { uin } => {
            return format!("签名有效：GetUserAppId 已应答，UIN {uin}").into();
        }
        Text::DoesNotSign { failure } => return format!("签名无效：{failure}").into(),
        Text::SearchAskingAudit => "正在向操作审计（CloudAudit）查询近 90 天谁用它签过名…",
        Text::SearchAuditFallback => "若查不到，将逐个列出用户的密钥，每秒最多 20 次。",
        Text::OwnerFromAuditTrail => "（由操作审计查到，已用其密钥确认）",
        Text::StepFreeSlot => "腾出名额",
        Text::StepSwitch => "切换",
        Text::RotationTitle {
            secret_id,
            user,
            step,
        } => return format!("轮换 {user} 的密钥 {secret_id} · 第 {step}/5 步").into(),
        Text::RotationLoading => "正在加载密钥…",
        Text::RotationEnterCloses => "Enter 或 Esc 关闭",
        Text::RotationKeys { enter } => {
            return format!("Enter {enter} · r 刷新 · Esc 关闭（R 继续）· ? 帮助").into();
        }
        Text::EnterWaits => "等待",
        Text::EnterDeletesRetire => "删除它（需输入其 SecretId 末尾）",
        Text::EnterDisablesRetire => "禁用它（需确认）",
        Text::EnterCreates => "新建密钥",
        Text::EnterDisablesOld => "禁用旧密钥（需确认）",
        Text::EnterDeletesOld => "删除旧密钥（需输入其 SecretId 末尾）",
        Text::EnterCloses => "关闭",
        Text::RetireDisabledOld { user } => {
            return format!(
                "{user} 已有两个 API 密钥，达到 CAM 上限；要轮换的密钥已禁用，没有请求再用它签名，删除它即可为新密钥腾出名额。"
            )
            .into();
        }
        Text::NothingDeletedWithoutWord => "未经你确认，不会删除任何密钥。",
        Text::RetireSuggested {
            user,
            secret_id,
            status,
            last,
        } => {
            return format!(
                "{user} 已有两个 API 密钥，达到 CAM 上限：需先去掉一个才能新建。建议：{secret_id}（{status}，最近访问 {last}）。"
            )
            .into();
        }
        Text::RetireEnabledWarning => {
            "它已启用：禁用后，腾讯云将拒绝它签名的所有请求。请先禁用，再删除。"
        }
        Text::NothingChangedWithoutWord => "未经你确认，不会禁用或删除任何密钥。",
        Text::SlotFree => "已有空余名额：可以新建密钥。",
        Text::SecretOnceThenTest => {
            "新建的密钥只在创建时提供 SecretKey：关闭该窗口前请保存好，并可在窗口中按 t 检查它能否签名。"
        }
        Text::Successor { secret_id, created } => {
            return format!(
                "它的接替者（在它之后创建的密钥）是 {secret_id}，创建于 {created}。请把所有用旧密钥签名的业务切换到新密钥，然后禁用旧密钥。"
            )
            .into();
        }
        Text::Lateness => {
            "云端的使用记录有延迟：访问记录约 1 小时，最近访问时间约 1 天。每 15 秒重新查询一次。"
        }
        Text::OldDisabled => "旧密钥已禁用：腾讯云将拒绝它签名的所有请求。",
        Text::NoFailureSince => {
            "自它最后一次成功调用以来，没有用它签名的调用失败：确认无误后即可删除。"
        }
        Text::FailuresSince => {
            "自它最后一次成功调用以来，有用它签名的调用失败——仍有业务在使用它。按 e 重新启用。"
        }
        Text::RotationDone { secret_id } => {
            return format!("{secret_id} 已删除：轮换完成。").into();
        }
        Text::NowTheKey { secret_id, user } => {
            return format!("现在 {user} 的密钥是 {secret_id}。").into();
        }
        Text::OldLastUsed { when } => return format!("旧密钥最近访问时间：{when}").into(),
        Text::LastUseAfterSuccessor { last } => {
            return format!("{last}，晚于接替者的创建时间，说明仍有业务在使用它。").into();
        }
        Text::NotUsedSince { last } => {
            return format!("{last}，接替者创建后未再使用。").into();
        }
        Text::Sentence { text } => return format!("{text}。").into(),
        Text::OldRecordsLoading => "正在加载它的访问记录…",
        Text::NoOldRecords => "它近 3 个月没有访问记录。",
        Text::RotationClosed => "已关闭：在该密钥上按 R 可从当前步骤继续轮换",
        Text::RotationFinished { secret_id } => {
            return format!("{secret_id} 的轮换已完成").into();
        }
        Text::EnableAgainHint => "旧密钥禁用后（第 4 步），按 e 可重新启用",

        // ---- Subcommands ----
        Text::ColumnTime => "事件时间",
        Text::ColumnAction => "事件名称",
        Text::ColumnSourceIp => "源IP",
        Text::ColumnRegion => "地域",
        Text::ColumnResult => "结果",
        Text::NoRecords { secret_id } => {
            return format!("{secret_id} 近 90 天没有访问记录").into();
        }
    })
}
