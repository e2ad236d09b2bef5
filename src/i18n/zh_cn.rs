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
        Text::HelpDeleteIfTyped => "输入的字符一致时删除",
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
            "对本次运行中尚未查过的每个用户调用 ListAccessKeys，每秒最多 20 次；找到的所属用户\
             在API密钥标签页打开。"
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
    })
}
