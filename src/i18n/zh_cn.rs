//! The Chinese catalogue, in the CAM console's own words (访问管理 → 用户列表 → 用户详情 → API密钥;
//! SecretId and SecretKey stay as CAM writes them).

use std::borrow::Cow;

use super::Text;

pub(super) fn text(text: Text<'_>) -> Cow<'static, str> {
    Cow::Borrowed(match text {
        // ---- Console: the keymap's hints and help, the command line, the clipboard ----

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
    })
}
