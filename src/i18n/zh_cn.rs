//! The Chinese catalogue, in the CAM console's own words (访问管理 → 用户列表 → 用户详情 → API密钥;
//! SecretId and SecretKey stay as CAM writes them).

use std::borrow::Cow;

use super::Text;

#[allow(clippy::match_same_arms)] // one word may serve two messages in one language, not in another
pub(super) fn text(text: Text<'_>) -> Cow<'static, str> {
    Cow::Borrowed(match text {
        // ---- Console: the keymap's hints and help, the command line, the clipboard ----
        Text::HintHelp => "帮助",
        Text::HintCommand => "命令",
        Text::HintCalls => "调用日志",
        Text::HintQuit => "退出",
        Text::HintOpen => "打开",
        Text::HintFilter => "搜索",
        Text::HintCopyUin => "复制 UIN",
        Text::HintSort => "排序",
        Text::HintRefresh => "刷新",
        Text::HintDone => "完成",
        Text::HintFindOwner => "查找所属用户",
        Text::HintCancel => "取消",
        Text::HintApiKeys => "API密钥",
        Text::HintPolicyDocument => "策略内容",
        Text::HintBack => "返回",
        Text::HintCreate => "新建密钥",
        Text::HintCopySecretId => "复制 SecretId",
        Text::HintDisable => "禁用",
        Text::HintEnable => "启用",
        Text::HintDelete => "删除",
        Text::HintRecords => "访问记录",
        Text::HintCopyRequestId => "复制 RequestId",
        Text::HintFailures => "仅看失败",
        Text::HintAllCalls => "全部调用",
        Text::HintKeys => "API密钥",
        Text::HintClose => "关闭",
        Text::HintConfirm => "确定",
        Text::HintMove => "切换按钮",
        Text::HintPress => "按下按钮",
        Text::HintReveal => "显示",
        Text::HintMask => "隐藏",
        Text::HintCopySecretKey => "复制 SecretKey",
        Text::HintSaved => "我已保存",
        Text::HintUntick => "取消勾选",
        Text::HintRun => "执行",
        Text::HintComplete => "补全",
        Text::HelpMoveDown => "下移",
        Text::HelpMoveUp => "上移",
        Text::HelpFirstRow => "到第一行",
        Text::HelpLastRow => "到最后一行",
        Text::HelpPageDown => "下一页",
        Text::HelpPageUp => "上一页",
        Text::HelpCursorLeft => "光标左移",
        Text::HelpCursorRight => "光标右移",
        Text::HelpLineStart => "到行首",
        Text::HelpLineEnd => "到行尾",
        Text::HelpEraseBefore => "删除光标前的字符",
        Text::HelpEraseToStart => "删除到行首",
        Text::HelpEraseWord => "删除光标前的词",
        Text::HelpShowHelp => "显示本帮助",
        Text::HelpCommandLine => "命令行（:users :keys :secretid :profile :sandbox :q）",
        Text::HelpCallLog => "本次运行的 API 调用日志",
        Text::HelpTabUsers => "用户列表",
        Text::HelpTabDetails => "用户详情",
        Text::HelpTabKeys => "API密钥",
        Text::HelpNextTab => "下一个标签页",
        Text::HelpPreviousTab => "上一个标签页",
        Text::HelpQuit => "退出",
        Text::HelpOpenUser => "打开用户详情",
        Text::HelpFilterUsers => "按用户名、备注或 UIN 搜索，或查找 SecretId 的所属用户",
        Text::HelpCopyUin => "复制 UIN",
        Text::HelpSortNext => "按下一列排序",
        Text::HelpSortReverse => "反向排序",
        Text::HelpReloadUsers => "重新加载用户列表",
        Text::HelpClearFilter => "清除搜索条件",
        Text::HelpKeepFilterOrFindOwner => "保留搜索条件，或查找 SecretId 的所属用户",
        Text::HelpFilterBefore => "恢复按 / 之前的搜索条件",
        Text::HelpOpenFromDetails => "在策略上：查看策略内容；其他位置：该用户的API密钥",
        Text::HelpBackToUsers => "返回用户列表",
        Text::HelpReloadUser => "重新加载该用户",
        Text::HelpCreateKey => "新建密钥（可填写描述）",
        Text::HelpCopySecretId => "复制 SecretId",
        Text::HelpDisableKey => "禁用密钥",
        Text::HelpEnableKey => "启用密钥",
        Text::HelpDeleteKey => "删除密钥（仅限已禁用的密钥）",
        Text::HelpIntoRecords => "进入该密钥的访问记录",
        Text::HelpToggleRecords => "显示或隐藏访问记录",
        Text::HelpReloadKeys => "重新加载密钥和访问记录",
        Text::HelpHideRecordsOrBack => "隐藏访问记录，否则返回用户详情",
        Text::HelpOpenRecord => "查看完整记录（消息、RequestId、事件）",
        Text::HelpCopyRecordRequestId => "复制该记录的 RequestId",
        Text::HelpFailuresOnly => "只看失败的调用，或看全部调用",
        Text::HelpReloadRecords => "重新加载访问记录",
        Text::HelpHideRecords => "隐藏访问记录",
        Text::HelpBackToKeys => "返回密钥列表",
        Text::HelpCopyPagerRequestId => "复制 RequestId（访问记录的）",
        Text::HelpClose => "关闭",
        Text::HelpConfirm => "确定",
        Text::HelpCancel => "取消",
        Text::HelpSwitchButton => "在按钮之间切换",
        Text::HelpPressButton => "按下选中的按钮（未切换时为取消）",
        Text::HelpEraseCharacter => "删除一个字符",
        Text::HelpCreateWithDescription => "新建密钥，使用已输入的描述（如有）",
        Text::HelpCancelCreate => "取消：不新建密钥",
        Text::HelpReveal => "显示或隐藏 SecretKey",
        Text::HelpCopySecretKey { seconds } => {
            return format!("复制 SecretKey（{seconds} 秒后清除）").into();
        }
        Text::HelpAcknowledge => "勾选“我已保存 SecretKey”",
        Text::HelpCloseSecret => "勾选后关闭",
        Text::HelpQuitUnlessSaved => "退出（保存 SecretKey 之前不能退出）",
        Text::HelpCloseHelp => "关闭帮助",
        Text::HelpRunCommand => "执行命令",
        Text::HelpComplete => "补全命令、用户名或配置名（再按：下一个）",
        Text::HelpCompleteBack => "上一个补全",
        Text::HelpCloseCommandLine => "关闭命令行",
        Text::HelpHistoryBack => "上一条命令",
        Text::HelpHistoryForward => "下一条命令",
        Text::HelpCancelSearch => "取消查找（已查到的信息在本次运行中保留）",
        Text::HelpFilterCalls => "按接口、目标、结果或 RequestId 搜索",
        Text::HelpCopyCallRequestId => "复制该调用的 RequestId",
        Text::HelpCloseLog => "清除搜索条件，否则关闭日志",
        Text::HelpKeepFilter => "保留搜索条件",
        Text::HelpRefusedReadOnly { help } => return format!("{help}（只读模式不可用）").into(),
        Text::NoteSecretIdFilter => {
            "在 / 后输入的 SecretId（AKID…/IKID…）在按 Enter 时查找（它的每个前缀看起来都像 \
             SecretId）；粘贴的 SecretId 会立即查找。"
        }
        Text::NoteCommands { commands } => return format!("命令：{commands}（Tab 补全）").into(),
        Text::NoteOwnerSearch => {
            "先查询操作审计（CloudAudit）：该密钥最新的一条记录会指明谁用它签名，再用该用户的一次 \
             ListAccessKeys 确认。否则对本次运行中尚未查过的每个用户调用 ListAccessKeys，每秒最多 \
             20 次。找到的所属用户在API密钥标签页打开。"
        }
        Text::LineEmpty { commands } => return format!("请输入命令：{commands}").into(),
        Text::LineUnknown { word, commands } => {
            return format!("未知命令 :{word}。可用命令：{commands}").into();
        }
        Text::LineNeeds { command, what } => return format!(":{command} 需要{what}").into(),
        Text::LineTakesNoArgument { command, extra } => {
            return format!(":{command} 不带参数（输入了“{extra}”）").into();
        }
        Text::ArgumentSecretId => "一个 SecretId（AKID… 或 IKID…）",
        Text::ClipboardNative => "系统",
        Text::ClipboardOsc52 => "osc52",
        Text::ClipboardOff => "已关闭",
        Text::CopiedSecretId { secret_id } => return format!("SecretId {secret_id}").into(),
        Text::CopiedSecretKey { secret_id } => {
            return format!("{secret_id} 的 SecretKey").into();
        }
        Text::CopiedUin { uin } => return format!("UIN {uin}").into(),
        Text::CopiedRequestId { request_id } => return format!("RequestId {request_id}").into(),
        Text::CopiedNative { what } => return format!("已将 {what} 复制到剪贴板").into(),
        Text::CopiedThroughTerminal { what } => {
            return format!("已将 {what} 发送给终端，由终端写入剪贴板（OSC 52）").into();
        }
        Text::ClipboardIsOff => "剪贴板已关闭（--clipboard off）",
        Text::ClipboardNativeFailed { error } => return format!("系统剪贴板：{error}").into(),
        Text::ClipboardTerminalFailed { error } => {
            return format!("无法写入终端：{error}").into();
        }
        Text::ClipboardFallback { error } => {
            return format!("系统剪贴板不可用（{error}），改用 OSC 52").into();
        }
        Text::Starting => "启动中…",
        Text::CannotSwitchProfile {
            name,
            error,
            current,
        } => return format!("无法切换到配置 {name}：{error}。仍在使用 {current}").into(),
        Text::HintRotate => "轮换密钥",
        Text::HintTestIt => "测试密钥",
        Text::HintMark => "标记",
        Text::HintMarkShown => "标记全部",
        Text::HintReload => "重新加载",
        Text::HintStop => "停止",
        Text::HintDoIt => "执行此步",
        Text::HintStopOrClose => "停止/关闭",
        Text::HelpTabReport => "密钥报告：账号下的全部密钥",
        Text::HelpRotate => "轮换密钥：新建、切换、禁用、删除",
        Text::HelpConfirmIfTyped => "输入内容一致时确定",
        Text::HelpTestKey => "测试新密钥：用它签名一次无害的调用（GetUserAppId）",
        Text::HelpOpenReportKey => "在所属用户的API密钥标签页打开该密钥",
        Text::HelpFilterReport => "按所属用户、UIN 或 SecretId 搜索",
        Text::HelpOnlyNeverUsed => "只看从未使用的密钥（再按：全部）",
        Text::HelpOnlyUnused => "只看闲置超过期限的密钥（再按：全部）",
        Text::HelpOnlyOld => "只看创建超过期限的密钥（再按：全部）",
        Text::HelpOnlyDisabled => "只看已禁用的密钥（再按：全部）",
        Text::HelpOnlyTwoEnabled => "只看有两个已启用密钥的用户（再按：全部）",
        Text::HelpMark => "标记该密钥供 d 禁用，或取消标记",
        Text::HelpMarkShown => "标记显示的全部密钥（再按：取消标记）",
        Text::HelpDisableMarked => "禁用已标记的密钥，或所选的密钥",
        Text::HelpReloadReport => "重新加载报告",
        Text::HelpStopLoading => "停止加载，保留已加载的内容",
        Text::HelpClearReportFilters => "清除搜索条件和快速筛选",
        Text::HelpDoStep => "执行此步（每项更改都会先确认）",
        Text::HelpEnableOldAgain => "如仍有地方需要，重新启用旧密钥",
        Text::HelpRefreshRotation => "立即查询密钥、最近访问时间和访问记录",
        Text::HelpCloseRotation => "关闭（在该密钥上按 R 从当前进度继续）",
        Text::HelpStopOrClose => "当前调用结束后停止；完成后关闭",
        Text::NoteReportFlags { days } => {
            return format!(
                "标记：never-used（从未有使用记录）、unused-{days}d（{days} 天未使用）、\
                 older-than-{days}d（创建超过 {days} 天）、disabled（可考虑删除）、two-enabled\
                 （没有空余名额用于轮换）。快速筛选可以组合：n u o i t 各自缩小显示的密钥范围。"
            )
            .into();
        }
        Text::NoteReportLoading => {
            "列出每个用户的密钥（ListAccessKeys），每次查询十个密钥的最近使用情况\
             （GetSecurityLastUsed），每种调用每秒最多 20 次；列出的结果也用于查找所属用户，\
             并可立即打开API密钥标签页。d 每次禁用一个密钥，每秒最多 5 个，每个结果到达即显示。"
        }
        Text::NoteRotation => {
            "轮换进度每次都从该用户的密钥读取（在旧密钥之后创建的密钥即其后继密钥），因此关闭\
             向导或 camtui 都不会丢失进度。云端报告使用情况有延迟：访问记录约一小时，最近访问\
             日期约一天。"
        }
        Text::ReadOnlyNothingSent => "目标为只读，未发送任何请求",
        Text::ReplyWithoutAccessKey => "应答中没有 AccessKey",

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
        Text::NoProfilesToSwitch => "尚无配置：请在 config.toml 中添加 [profiles.NAME] 表",
        Text::KnownProfiles { profiles } => return format!("已有配置：{profiles}").into(),
        Text::UnknownProfile { name, known } => {
            return format!("未知配置“{name}”。{known}").into();
        }
        Text::AlreadyOnSandbox => "已在使用沙箱",
        Text::SwitchedToProfile { profile } => return format!("已切换到配置 {profile}").into(),
        Text::SwitchedToSandbox => "已切换到沙箱",
        Text::SwitchedReadOnly { to } => return format!("{to}（只读）").into(),
        Text::ProfileInUse { name } => return format!("{name}（使用中）").into(),
        Text::NothingCompletes { text } => return format!("没有可补全“{text}”的内容").into(),
        Text::NotASecretIdLine { text } => {
            return format!("“{text}”不是 SecretId：SecretId 以 AKID 或 IKID 开头，后接字母和数字")
                .into();
        }
        Text::NoProfiles => {
            "尚无配置：请在 config.toml 中添加 [profiles.NAME] 表（或在 ~/.tencentcloud/credentials 中添加小节）"
        }
        Text::ProfilesHelp { profiles } => {
            return format!(
                "配置：{profiles}。:profile NAME 切换配置（Tab 补全），:sandbox 返回沙箱"
            )
            .into();
        }
        Text::UsersStillLoading => "用户仍在加载中，请在用户列表加载完成后重试",
        Text::NoUserNamed { name } => {
            return format!("没有名为“{name}”的用户（Tab 可补全用户名）").into();
        }
        Text::ClipboardOffNothingCopied => "剪贴板已关闭（--clipboard off），未复制任何内容",
        Text::ClearedInSeconds { seconds } => return format!("；{seconds} 秒后清除").into(),
        Text::NothingCopied { why } => return format!("未复制任何内容：{why}").into(),
        Text::SecretKeyCleared => "已从剪贴板清除复制的 SecretKey",
        Text::SecretKeyNoLongerHeld => "剪贴板中已不是该 SecretKey，未做改动",
        Text::ClipboardNotCleared { error } => return format!("无法清除剪贴板：{error}").into(),
        Text::CompletionsTitle { count } => return format!(" {count} 个补全 · Tab 下一个 ").into(),
        Text::CallUnreachable { url, cause } => return format!("无法连接 {url}：{cause}").into(),
        Text::CallTimeout { url, seconds } => {
            return format!("{url} 在 {seconds} 秒内未应答").into();
        }
        Text::CallUnconfirmed {
            url,
            action,
            reason,
        } => {
            return format!(
                "{url} 未应答 {action}（{reason}）；此变更可能已生效：请先确认，再决定是否重试"
            )
            .into();
        }
        Text::CallHttpStatus { url, status, body } => {
            return format!("{url} 返回 HTTP {status}，不是 API 应答：{body}").into();
        }
        Text::CallNotAnApiReply { url, reason, body } => {
            return format!("{url} 的应答不是腾讯云 API 应答（{reason}）：{body}").into();
        }
        Text::CallNotEncoded { error } => return format!("无法编码请求：{error}").into(),
        Text::CauseRefused => "连接被拒绝",
        Text::CauseReset => "连接被重置",
        Text::CauseUnresolved => "无法解析主机名",
        Text::Unreachable { url, cause } => return format!("{url}：{cause}").into(),
        Text::UnreachableCheck { url, cause, check } => {
            return format!("{url}：{cause}；{check}").into();
        }
        Text::CheckServerRunning => "服务是否在运行？",
        Text::CheckHostName => "请检查接入点的主机名",
        Text::CheckCertificate => "请检查接入点的证书（--ca-cert）",
        Text::AdviceSecretIdNotFound => "SecretId 不存在、已禁用或已删除，请检查所用的凭证",
        Text::AdviceSignatureFailure => {
            "SecretKey 与 SecretId 不匹配；若连接的是 camtui serve，也可能是签名已被使用（同一变更在一秒内发送了两次）：请重新发送"
        }
        Text::AdviceSignatureExpire => "本机时钟与服务器相差超过 5 分钟",
        Text::AdviceUnauthorized => "所用的凭证无权执行此操作",
        Text::AdviceKeyLimit => "请先删除该用户的一个密钥",
        Text::AdviceRequestLimit => "请求过多，请稍后重试",
        Text::MessageAdvice { message, advice } => return format!("{message}（{advice}）").into(),
        Text::CallPurpose { call, purpose } => return format!("{call}（{purpose}）").into(),
        Text::PurposeOwnerSearch => "查找密钥所属用户",
        Text::PurposeKeyReport => "密钥报告",
        Text::PurposeDisablingKeys => "禁用密钥",
        Text::PurposeSignedWithNewKey => "用新密钥签名",

        // ---- Subcommands ----
        Text::ColumnTime => "事件时间",
        Text::ColumnAction => "事件名称",
        Text::ColumnSourceIp => "源IP",
        Text::ColumnRegion => "地域",
        Text::ColumnResult => "结果",
        Text::NoRecords { secret_id } => {
            return format!("{secret_id} 近 90 天没有访问记录").into();
        }
        Text::ColumnName => "用户名",
        Text::ColumnType => "用户类型",
        Text::ColumnRemark => "备注",
        Text::ColumnConsole => "控制台访问",
        Text::ColumnCreated => "创建时间",
        Text::ConsoleAllowed => "允许",
        Text::ConsoleDenied => "禁止",
        Text::FieldUsername => "用户名",
        Text::FieldType => "用户类型",
        Text::FieldRemark => "备注",
        Text::FieldConsoleLogin => "控制台访问",
        Text::FieldPhone => "手机",
        Text::FieldEmail => "邮箱",
        Text::FieldLastLoginIp => "最近登录IP",
        Text::FieldLastLogin => "最近登录时间",
        Text::FieldCreated => "创建时间",
        Text::FieldApiKeys => "API密钥",
        Text::KeyCount {
            count,
            limit,
            enabled,
        } => return format!("{count}/{limit} 个API密钥，{enabled} 个已启用").into(),
        Text::NoPolicies => "没有关联策略",
        Text::ColumnPolicy => "策略名称",
        Text::ColumnPolicyType => "策略类型",
        Text::ColumnAttachedVia => "关联类型",
        Text::ColumnAttached => "关联时间",
        Text::InNoGroup => "未加入用户组",
        Text::ColumnGroup => "用户组名称",
        Text::FieldLoginProtection => "登录保护",
        Text::FieldOperationProtection => "操作保护",
        Text::FieldUnusualLogin => "异地登录保护",
        Text::UserByUin { uin } => return format!("用户 {uin}").into(),
        Text::ColumnSecretId => "SecretId",
        Text::ColumnStatus => "状态",
        Text::ColumnLastUsed => "最近访问时间",
        Text::ColumnDescription => "描述",
        Text::FieldUser => "用户",
        Text::FieldStatus => "状态",
        Text::FieldDescription => "描述",
        Text::FieldOwner => "所属用户",
        Text::SaveSecretKey { request_id } => {
            return format!(
                "为降低密钥泄漏的风险，新建的密钥只在创建时提供SecretKey，后续不可再进行查询，\
                 请保存好SecretKey。（RequestId {request_id}）"
            )
            .into();
        }
        Text::KeyChanged {
            done,
            secret_id,
            user,
            request_id,
        } => return format!("{done} {user} 的密钥 {secret_id}（RequestId {request_id}）").into(),
        Text::KeyDeleted => "已删除",
        Text::DeletePrompt { secret_id, user } => {
            return format!(
                "确认删除 {user} 的密钥 {secret_id}？删除此密钥后，腾讯云将永久拒绝此密钥的所有\
                 请求。此操作不可恢复，请谨慎操作。\n\
                 请输入 SecretId 的最后 4 个字符以确认："
            )
            .into();
        }
        Text::ErrorDeleteNeedsYes => "keys delete：标准输入不是终端时必须加 --yes",
        Text::ErrorRunsLocally => {
            "`camtui serve`、`completions` 和 `man` 在本地运行，不是发往目标的请求"
        }
        Text::ErrorInvalidJson { error, json } => {
            return format!("--json 不是有效的 JSON（{error}）：{json}").into();
        }
        Text::ErrorJsonNotObject => "--json 必须是 JSON 对象，例如 '{\"TargetUin\": 100000000001}'",
        Text::ErrorNotASecretId { text } => {
            return format!("{text:?} 不是 SecretId（应为 AKID… 或 IKID… 后接字母和数字）").into();
        }
        Text::ErrorReadOnly { target, why } => {
            return format!("已拒绝：{target} 为只读（{why}），未发送任何请求").into();
        }
        Text::ReadOnlyInProfile { profile } => {
            return format!("--read-only 或配置 {profile} 中的 read_only = true").into();
        }
        Text::ErrorNoSuchUser { name } => {
            return format!("没有名为 {name:?} 的子用户或协作者").into();
        }
        Text::ErrorNoKeyInReply { request_id } => {
            return format!("CreateAccessKey 的应答中没有 AccessKey（RequestId {request_id}）")
                .into();
        }
        Text::ErrorNoSuchKey { user, secret_id } => {
            return format!("{user} 没有API密钥 {secret_id}").into();
        }
        Text::ErrorKeyEnabled { secret_id, user } => {
            return format!(
                "{secret_id} 已启用，请先禁用（camtui keys disable {user} {secret_id}）"
            )
            .into();
        }
        Text::ErrorNotConfirmed => "未确认，没有删除任何密钥",
        Text::ErrorNoOwner {
            secret_id,
            searched,
        } => {
            return format!("没有子用户或协作者拥有 {secret_id}（查找了 {searched} 个用户）")
                .into();
        }
        Text::ErrorNoOwnerSomeUnread {
            secret_id,
            searched,
            unread,
            name,
            error,
        } => {
            return format!(
                "没有子用户或协作者拥有 {secret_id}（查找了 {searched} 个用户；{unread} 个无法读取，\
                 例如 {name}：{error}）"
            )
            .into();
        }
        Text::ErrorInterrupted => "已中断",
        Text::ErrorOutput { error } => return format!("无法写入输出：{error}").into(),
        Text::Hint { hint } => return format!("提示：{hint}").into(),
        Text::FieldReplaces => "替换的密钥",
        Text::KeyDone {
            done,
            secret_id,
            request_id,
        } => return format!("{done} {secret_id}（RequestId {request_id}）").into(),
        Text::KeyNowInUse { secret_id, user } => {
            return format!("{secret_id} 现在是 {user} 的密钥").into();
        }
        Text::RotateNext { old } => {
            return format!(
                "下一步：把使用 {old} 的地方改用新密钥，然后加 --finish 再运行一次（{old} 仍在使用时\
                 会拒绝）。"
            )
            .into();
        }
        Text::RetireDisabled => "它已禁用：camtui keys delete",
        Text::RetireEnabled => "先用 camtui keys disable 禁用，再用 camtui keys delete 删除",
        Text::ErrorNoFreeSlot {
            user,
            limit,
            retire,
            how,
        } => {
            return format!("{user} 已有 {limit} 个API密钥：请先停用 {retire}（{how}），再轮换")
                .into();
        }
        Text::ErrorRotationUnderWay { old, new, created } => {
            return format!(
                "{old} 的轮换正在进行：其后继密钥 {new} 创建于 {created}；{old} 不再被使用后，\
                 用 --finish 完成轮换"
            )
            .into();
        }
        Text::ErrorNoSuccessor { old } => {
            return format!("{old} 还没有后继密钥：不带 --finish 运行 camtui keys rotate 会新建它")
                .into();
        }
        Text::ErrorUnknownCreateTime { secret_id, created } => {
            return format!("无法确定 {secret_id} 的创建时间（{created:?}），未做任何更改").into();
        }
        Text::UsedAfterSuccessor {
            old,
            new,
            created,
            evidence,
        } => {
            return format!("{old} 在其后继密钥 {new} 创建（{created}）之后仍被使用：\n{evidence}")
                .into();
        }
        Text::ErrorStillUsed { used, old, new } => {
            return format!(
                "已拒绝：{used}\n未做任何更改。请把仍在使用 {old} 的地方改用 {new}，或用 --force \
                 强制完成。"
            )
            .into();
        }
        Text::ForceWarning { used } => return format!("警告：强制完成（--force）：{used}").into(),
        Text::EvidenceLastUsed { date } => return format!("  最近访问时间 {date}").into(),
        Text::EvidenceRecord {
            time,
            action,
            ip,
            result,
        } => return format!("  {time}  {action}  源IP {ip}  {result}").into(),
        Text::WalkProgress { what, done, total } => {
            return format!("{what}：{done}/{total} 个用户（Ctrl-C 取消）").into();
        }
        Text::WalkProgressLeft {
            what,
            done,
            total,
            seconds,
        } => {
            return format!("{what}：{done}/{total} 个用户，约剩 {seconds} 秒（Ctrl-C 取消）")
                .into();
        }
        Text::SearchingKeys => "正在查找API密钥",
        Text::ListingKeys => "正在列出API密钥",
        Text::ColumnUser => "用户",
        Text::ColumnAge => "已创建",
        Text::ColumnIdle => "未使用",
        Text::ColumnFlags => "标记",
        Text::ReportDays { days } => return format!("{days}天").into(),
        Text::ReportSkippedWarning { count, users } => {
            return format!("警告：{count} 个用户的密钥无法列出：{users}").into();
        }
    })
}
