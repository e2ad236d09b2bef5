//! The English catalogue.

use std::borrow::Cow;

use super::Text;

pub(super) fn text(text: Text<'_>) -> Cow<'static, str> {
    Cow::Borrowed(match text {
        // ---- Console: the keymap's hints and help, the command line, the clipboard ----

        // ---- Console: screens, dialogs, messages ----

        // ---- Subcommands ----
        Text::ColumnTime => "TIME",
        Text::ColumnAction => "ACTION",
        Text::ColumnSourceIp => "SOURCE IP",
        Text::ColumnRegion => "REGION",
        Text::ColumnResult => "RESULT",
        Text::NoRecords { secret_id } => {
            return format!("no access records for {secret_id} in the past 90 days").into();
        }
    })
}
