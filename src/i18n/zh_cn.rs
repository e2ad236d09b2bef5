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
        Text::UserSubUser => "子用户",
        Text::UserCollaborator => "协作者",
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
        Text::SectionPermissions => "权限",
        Text::NoPolicies => "没有关联策略",
        Text::ColumnPolicy => "策略名称",
        Text::ColumnPolicyType => "策略类型",
        Text::ColumnAttachedVia => "关联类型",
        Text::ColumnAttached => "关联时间",
        Text::PolicyCustom => "自定义策略",
        Text::PolicyPreset => "预设策略",
        Text::ViaUser => "直接关联",
        Text::ViaGroup { group } => return format!("随组关联（{group}）").into(),
        Text::SectionGroups => "用户组",
        Text::InNoGroup => "未加入用户组",
        Text::ColumnGroup => "用户组名称",
        Text::SectionSecurity => "安全",
        Text::FieldLoginProtection => "登录保护",
        Text::FieldOperationProtection => "操作保护",
        Text::FieldUnusualLogin => "异地登录保护",
        Text::ProtectionOff => "未开启",
        Text::ProtectionVerify => "需要验证",
        Text::ProtectionNotify { channels } => return format!("通过{channels}通知").into(),
        Text::ProtectionVerifyAndNotify { channels } => {
            return format!("需要验证；通过{channels}通知").into();
        }
        Text::VerifyPhone => "安全手机",
        Text::VerifyHardToken => "硬件 MFA 设备",
        Text::VerifySoftToken => "虚拟 MFA 设备",
        Text::VerifyWechat => "微信",
        Text::VerifyCustom => "自定义校验",
        Text::VerifyEmail => "邮箱",
        Text::VerifyU2f => "U2F 安全密钥",
        Text::VerifyPasskey => "通行密钥（passkey）",
        Text::NoticePhone => "手机",
        Text::NoticeEmail => "邮箱",
        Text::NoticeWechat => "微信",
        Text::UserByUin { uin } => return format!("用户 {uin}").into(),
        Text::ColumnSecretId => "SecretId",
        Text::ColumnStatus => "状态",
        Text::ColumnLastUsed => "最近访问时间",
        Text::ColumnDescription => "描述",
        Text::KeyEnabled => "已启用",
        Text::KeyDisabled => "已禁用",
        Text::NeverUsed => "从未使用",
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
        Text::Days { days } => return format!("{days}天").into(),
        Text::ReportSkipped { count, users } => {
            return format!("警告：{count} 个用户的密钥无法列出：{users}").into();
        }
        Text::ListSeparator => "、",
    })
}
