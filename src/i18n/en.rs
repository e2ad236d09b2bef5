//! The English catalogue.

use std::borrow::Cow;

use super::Text;

#[allow(clippy::match_same_arms)] // one word may serve two messages in one language, not in another
pub(super) fn text(text: Text<'_>) -> Cow<'static, str> {
    Cow::Borrowed(match text {
        // ---- Console: the keymap's hints and help, the command line, the clipboard ----
        Text::HintHelp => "help",
        Text::HintCommand => "command",
        Text::HintCalls => "calls",
        Text::HintQuit => "quit",
        Text::HintOpen => "open",
        Text::HintFilter => "filter",
        Text::HintCopyUin => "copy UIN",
        Text::HintSort => "sort",
        Text::HintRefresh => "refresh",
        Text::HintDone => "done",
        Text::HintFindOwner => "find owner",
        Text::HintCancel => "cancel",
        Text::HintApiKeys => "API keys",
        Text::HintPolicyDocument => "policy document",
        Text::HintBack => "back",
        Text::HintCreate => "create",
        Text::HintCopySecretId => "copy SecretId",
        Text::HintDisable => "disable",
        Text::HintEnable => "enable",
        Text::HintDelete => "delete",
        Text::HintRecords => "records",
        Text::HintCopyRequestId => "copy RequestId",
        Text::HintFailures => "failures",
        Text::HintAllCalls => "all calls",
        Text::HintKeys => "keys",
        Text::HintClose => "close",
        Text::HintConfirm => "confirm",
        Text::HintMove => "move",
        Text::HintPress => "press",
        Text::HintReveal => "reveal",
        Text::HintMask => "mask",
        Text::HintCopySecretKey => "copy SecretKey",
        Text::HintSaved => "I have saved it",
        Text::HintUntick => "untick",
        Text::HintRun => "run",
        Text::HintComplete => "complete",
        Text::HelpMoveDown => "move down",
        Text::HelpMoveUp => "move up",
        Text::HelpFirstRow => "go to the first row",
        Text::HelpLastRow => "go to the last row",
        Text::HelpPageDown => "page down",
        Text::HelpPageUp => "page up",
        Text::HelpCursorLeft => "cursor left",
        Text::HelpCursorRight => "cursor right",
        Text::HelpLineStart => "to the start of the line",
        Text::HelpLineEnd => "to the end of the line",
        Text::HelpEraseBefore => "erase the character before the cursor",
        Text::HelpEraseToStart => "erase to the start of the line",
        Text::HelpEraseWord => "erase the word before the cursor",
        Text::HelpShowHelp => "show this help",
        Text::HelpCommandLine => "the command line (:users :keys :secretid :profile :sandbox :q)",
        Text::HelpCallLog => "the API-call log of this run",
        Text::HelpTabUsers => "User List tab",
        Text::HelpTabDetails => "User Details tab",
        Text::HelpTabKeys => "API Keys tab",
        Text::HelpNextTab => "next tab",
        Text::HelpPreviousTab => "previous tab",
        Text::HelpQuit => "quit",
        Text::HelpOpenUser => "open the user's details",
        Text::HelpFilterUsers => "a new filter by name, remark or UIN, or find a SecretId's owner",
        Text::HelpCopyUin => "copy the UIN",
        Text::HelpSortNext => "sort by the next column",
        Text::HelpSortReverse => "reverse the sort order",
        Text::HelpReloadUsers => "reload the users",
        Text::HelpClearFilter => "clear the filter",
        Text::HelpKeepFilterOrFindOwner => "keep the filter, or find the owner of a SecretId",
        Text::HelpFilterBefore => "back to the filter before /",
        Text::HelpOpenFromDetails => "on a policy: its document; elsewhere: the user's API keys",
        Text::HelpBackToUsers => "back to the User List",
        Text::HelpReloadUser => "reload the user",
        Text::HelpCreateKey => "create an API key (with an optional description)",
        Text::HelpCopySecretId => "copy the SecretId",
        Text::HelpDisableKey => "disable the key",
        Text::HelpEnableKey => "enable the key",
        Text::HelpDeleteKey => "delete the key (disabled keys only)",
        Text::HelpIntoRecords => "into the key's access records",
        Text::HelpToggleRecords => "show or hide the access records",
        Text::HelpReloadKeys => "reload the keys and records",
        Text::HelpHideRecordsOrBack => "hide the records, else back to User Details",
        Text::HelpOpenRecord => "the record in full (message, RequestId, event)",
        Text::HelpCopyRecordRequestId => "copy the record's RequestId",
        Text::HelpFailuresOnly => "failed calls only, or every call",
        Text::HelpReloadRecords => "reload the records",
        Text::HelpHideRecords => "hide the access records",
        Text::HelpBackToKeys => "back to the keys",
        Text::HelpCopyPagerRequestId => "copy the RequestId (of an access record)",
        Text::HelpClose => "close",
        Text::HelpConfirm => "confirm",
        Text::HelpCancel => "cancel",
        Text::HelpSwitchButton => "move between the buttons",
        Text::HelpPressButton => "press the focused button (Cancel, unless moved)",
        Text::HelpEraseCharacter => "erase a character",
        Text::HelpCreateWithDescription => "create the key, with the description typed (if any)",
        Text::HelpCancelCreate => "cancel: no key is created",
        Text::HelpReveal => "show or mask the SecretKey",
        Text::HelpCopySecretKey { seconds } => {
            return format!("copy the SecretKey (cleared after {seconds} s)").into();
        }
        Text::HelpAcknowledge => "tick \"I have saved the SecretKey\"",
        Text::HelpCloseSecret => "close, once the box is ticked",
        Text::HelpQuitUnlessSaved => "quit (refused until the SecretKey is saved)",
        Text::HelpCloseHelp => "close the help",
        Text::HelpRunCommand => "run the command",
        Text::HelpComplete => "complete the command, user or profile name (again: the next)",
        Text::HelpCompleteBack => "the previous completion",
        Text::HelpCloseCommandLine => "close the command line",
        Text::HelpHistoryBack => "the command run before",
        Text::HelpHistoryForward => "the command run after",
        Text::HelpCancelSearch => "cancel the search (what it learned is kept for the run)",
        Text::HelpFilterCalls => "a new filter by action, target, result or RequestId",
        Text::HelpCopyCallRequestId => "copy the call's RequestId",
        Text::HelpCloseLog => "clear the filter, else close the log",
        Text::HelpKeepFilter => "keep the filter",
        Text::HelpRefusedReadOnly { help } => return format!("{help} (read-only)").into(),
        Text::NoteSecretIdFilter => {
            "A SecretId (AKID…/IKID…) typed after / is searched when Enter is pressed (every \
             prefix of one looks like one); a pasted one is searched at once."
        }
        Text::NoteCommands { commands } => {
            return format!("Commands: {commands} — Tab completes.").into();
        }
        Text::NoteOwnerSearch => {
            "CloudAudit is asked first: its newest record of the key names who signed with it, \
             and one ListAccessKeys of that user confirms it. Otherwise ListAccessKeys is called \
             for each user not seen before this run, at most 20 a second. The owner found opens \
             on the API Keys tab."
        }
        Text::LineEmpty { commands } => return format!("Type a command: {commands}").into(),
        Text::LineUnknown { word, commands } => {
            return format!("Unknown command :{word} — commands: {commands}").into();
        }
        Text::LineNeeds { command, what } => return format!(":{command} needs {what}").into(),
        Text::LineTakesNoArgument { command, extra } => {
            return format!(":{command} takes no argument (got \"{extra}\")").into();
        }
        Text::ArgumentSecretId => "a SecretId (AKID… or IKID…)",
        Text::ClipboardNative => "native",
        Text::ClipboardOsc52 => "osc52",
        Text::ClipboardOff => "off",
        Text::CopiedSecretId { secret_id } => return format!("SecretId {secret_id}").into(),
        Text::CopiedSecretKey { secret_id } => {
            return format!("the SecretKey of {secret_id}").into();
        }
        Text::CopiedUin { uin } => return format!("UIN {uin}").into(),
        Text::CopiedRequestId { request_id } => return format!("RequestId {request_id}").into(),
        Text::CopiedNative { what } => return format!("Copied {what} to the clipboard").into(),
        Text::CopiedThroughTerminal { what } => {
            return format!("Sent {what} to the terminal for its clipboard (OSC 52)").into();
        }
        Text::ClipboardIsOff => "the clipboard is off (--clipboard off)",
        Text::ClipboardNativeFailed { error } => {
            return format!("native clipboard: {error}").into();
        }
        Text::ClipboardTerminalFailed { error } => {
            return format!("could not write to the terminal: {error}").into();
        }
        Text::ClipboardFallback { error } => {
            return format!("native clipboard unavailable ({error}); using OSC 52 instead").into();
        }
        Text::Starting => "starting…",
        Text::CannotSwitchProfile {
            name,
            error,
            current,
        } => {
            return format!("Cannot switch to profile {name}: {error} — still on {current}").into();
        }
        Text::HintRotate => "rotate",
        Text::HintTestIt => "test it",
        Text::HintMark => "mark",
        Text::HintMarkShown => "mark shown",
        Text::HintReload => "reload",
        Text::HintStop => "stop",
        Text::HintDoIt => "do it",
        Text::HintStopOrClose => "stop / close",
        Text::HelpTabReport => "Key Report tab: every key of the account",
        Text::HelpRotate => "rotate the key: create, switch, disable, delete",
        Text::HelpConfirmIfTyped => "confirm, if what is typed matches",
        Text::HelpTestKey => "test the new key: sign one harmless call (GetUserAppId) with it",
        Text::HelpOpenReportKey => "open the key on its owner's API Keys tab",
        Text::HelpFilterReport => "a new filter by owner, UIN or SecretId",
        Text::HelpOnlyNeverUsed => "only never-used keys (again: all)",
        Text::HelpOnlyUnused => "only keys unused for the stale days (again: all)",
        Text::HelpOnlyOld => "only keys older than the stale days (again: all)",
        Text::HelpOnlyDisabled => "only disabled keys (again: all)",
        Text::HelpOnlyTwoEnabled => "only keys of users with two enabled (again: all)",
        Text::HelpMark => "mark the key for d, or unmark it",
        Text::HelpMarkShown => "mark every key shown (again: unmark them)",
        Text::HelpDisableMarked => "disable the marked keys, or the selected one",
        Text::HelpReloadReport => "load the report again",
        Text::HelpStopLoading => "stop loading, keeping what is in",
        Text::HelpClearReportFilters => "clear the filter and the quick filters",
        Text::HelpDoStep => "do this step (every change asks first)",
        Text::HelpEnableOldAgain => "enable the old key again, if something still needs it",
        Text::HelpRefreshRotation => "ask for the keys, their last use and the records now",
        Text::HelpCloseRotation => "close (R on the key resumes where it stands)",
        Text::HelpStopOrClose => "stop after the call in flight; once done, close",
        Text::NoteReportFlags { days } => {
            return format!(
                "Flags: never-used (no use ever recorded), unused-{days}d (not used for {days} \
                 days), older-than-{days}d, disabled (a candidate for deletion), two-enabled (no \
                 free slot for a rotation). Quick filters combine: n u o i t each narrow the keys \
                 shown."
            )
            .into();
        }
        Text::NoteReportLoading => {
            "Every user's keys are listed (ListAccessKeys) and their last use asked ten at a \
             time (GetSecurityLastUsed), each at most 20 calls a second; what is listed also \
             answers the owner search and opens the API Keys tab at once. d disables one key \
             at a time, at most 5 a second, each result shown as it lands."
        }
        Text::NoteRotation => {
            "Where the rotation stands is read off the user's keys each time — the key created \
             after the old one is its successor — so closing the wizard, or camtui, loses \
             nothing. The cloud reports use late: access records about an hour, last-used \
             dates a day."
        }
        Text::ReadOnlyNothingSent => "the target is read-only: nothing was sent",
        Text::ReplyWithoutAccessKey => "the reply has no AccessKey",

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
        Text::ColumnName => "NAME",
        Text::ColumnType => "TYPE",
        Text::ColumnRemark => "REMARK",
        Text::ColumnConsole => "CONSOLE",
        Text::ColumnCreated => "CREATED",
        Text::UserSubUser => "Sub-user",
        Text::UserCollaborator => "Collaborator",
        Text::ConsoleAllowed => "yes",
        Text::ConsoleDenied => "no",
        Text::FieldUsername => "Username",
        Text::FieldType => "Type",
        Text::FieldRemark => "Remark",
        Text::FieldConsoleLogin => "Console login",
        Text::FieldPhone => "Phone",
        Text::FieldEmail => "Email",
        Text::FieldLastLoginIp => "Last login IP",
        Text::FieldLastLogin => "Last login",
        Text::FieldCreated => "Created",
        Text::FieldApiKeys => "API keys",
        Text::KeyCount {
            count,
            limit,
            enabled,
        } => return format!("{count} of {limit} API keys, {enabled} enabled").into(),
        Text::SectionPermissions => "Permissions",
        Text::NoPolicies => "no policies",
        Text::ColumnPolicy => "POLICY",
        Text::ColumnPolicyType => "TYPE",
        Text::ColumnAttachedVia => "ATTACHED VIA",
        Text::ColumnAttached => "ATTACHED",
        Text::PolicyCustom => "custom",
        Text::PolicyPreset => "preset",
        Text::ViaUser => "user",
        Text::ViaGroup { group } => return format!("group {group}").into(),
        Text::SectionGroups => "Groups",
        Text::InNoGroup => "in no group",
        Text::ColumnGroup => "GROUP",
        Text::SectionSecurity => "Security",
        Text::FieldLoginProtection => "Login protection",
        Text::FieldOperationProtection => "Operation protection",
        Text::FieldUnusualLogin => "Unusual-location login",
        Text::ProtectionOff => "off",
        Text::ProtectionVerify => "verify",
        Text::ProtectionNotify { channels } => return format!("notify by {channels}").into(),
        Text::ProtectionVerifyAndNotify { channels } => {
            return format!("verify; notify by {channels}").into();
        }
        Text::VerifyPhone => "security phone",
        Text::VerifyHardToken => "hardware MFA token",
        Text::VerifySoftToken => "virtual MFA device",
        Text::VerifyWechat => "WeChat",
        Text::VerifyCustom => "custom verification",
        Text::VerifyEmail => "email",
        Text::VerifyU2f => "U2F security key",
        Text::VerifyPasskey => "passkey",
        Text::NoticePhone => "phone",
        Text::NoticeEmail => "email",
        Text::NoticeWechat => "WeChat",
        Text::UserByUin { uin } => return format!("user {uin}").into(),
        Text::ColumnSecretId => "SECRETID",
        Text::ColumnStatus => "STATUS",
        Text::ColumnLastUsed => "LAST USED",
        Text::ColumnDescription => "DESCRIPTION",
        Text::KeyEnabled => "Enabled",
        Text::KeyDisabled => "Disabled",
        Text::NeverUsed => "never",
        Text::FieldUser => "User",
        Text::FieldStatus => "Status",
        Text::FieldDescription => "Description",
        Text::FieldOwner => "Owner",
        Text::SaveSecretKey { request_id } => {
            return format!(
                "Save the SecretKey now: it cannot be shown again. (RequestId {request_id})"
            )
            .into();
        }
        Text::KeyChanged {
            done,
            secret_id,
            user,
            request_id,
        } => return format!("{done} {secret_id} of {user} (RequestId {request_id})").into(),
        Text::KeyDeleted => "Deleted",
        Text::DeletePrompt { secret_id, user } => {
            return format!(
                "Delete {secret_id} of {user}? This cannot be undone: every request signed \
                 with it will be refused for good.\n\
                 Type the last 4 characters of the SecretId to confirm: "
            )
            .into();
        }
        Text::ErrorDeleteNeedsYes => "keys delete: --yes is required when stdin is not a terminal",
        Text::ErrorRunsLocally => {
            "`camtui serve`, `completions` and `man` run locally; they are not requests to a target"
        }
        Text::ErrorInvalidJson { error, json } => {
            return format!("--json is not valid JSON ({error}): {json}").into();
        }
        Text::ErrorJsonNotObject => {
            "--json must be a JSON object, e.g. '{\"TargetUin\": 100000000001}'"
        }
        Text::ErrorNotASecretId { text } => {
            return format!(
                "{text:?} does not look like a SecretId (AKID… or IKID… followed by letters \
                 and digits)"
            )
            .into();
        }
        Text::ErrorReadOnly { target, why } => {
            return format!("refused: {target} is read-only ({why}); nothing was sent").into();
        }
        Text::ReadOnlyInProfile { profile } => {
            return format!("--read-only or read_only = true in profile {profile}").into();
        }
        Text::ErrorNoSuchUser { name } => {
            return format!("no sub-user or collaborator is named {name:?}").into();
        }
        Text::ErrorNoKeyInReply { request_id } => {
            return format!(
                "CreateAccessKey answered without an AccessKey (RequestId {request_id})"
            )
            .into();
        }
        Text::ErrorNoSuchKey { user, secret_id } => {
            return format!("{user} has no API key {secret_id}").into();
        }
        Text::ErrorKeyEnabled { secret_id, user } => {
            return format!(
                "{secret_id} is enabled: disable it first (camtui keys disable {user} {secret_id})"
            )
            .into();
        }
        Text::ErrorNotConfirmed => "not confirmed: nothing was deleted",
        Text::ErrorNoOwner {
            secret_id,
            searched,
        } => {
            return format!(
                "no sub-user or collaborator owns {secret_id} (searched {searched} users)"
            )
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
                "no sub-user or collaborator owns {secret_id} (searched {searched} users; \
                 {unread} could not be read, e.g. {name}: {error})"
            )
            .into();
        }
        Text::ErrorInterrupted => "interrupted",
        Text::ErrorOutput { error } => return format!("cannot write the output: {error}").into(),
        Text::Hint { hint } => return format!("hint: {hint}").into(),
        Text::FieldReplaces => "Replaces",
        Text::KeyDone {
            done,
            secret_id,
            request_id,
        } => return format!("{done} {secret_id} (RequestId {request_id})").into(),
        Text::KeyNowInUse { secret_id, user } => {
            return format!("{secret_id} is the key of {user} now").into();
        }
        Text::RotateNext { old } => {
            return format!(
                "Next: switch what uses {old} to the new key, then run this again with --finish \
                 (it refuses while {old} is still used)."
            )
            .into();
        }
        Text::RetireDisabled => "it is disabled: camtui keys delete",
        Text::RetireEnabled => "disable it with camtui keys disable, then camtui keys delete",
        Text::ErrorNoFreeSlot {
            user,
            limit,
            retire,
            how,
        } => {
            return format!(
                "{user} already has {limit} API keys: retire {retire} first ({how}), then rotate \
                 again"
            )
            .into();
        }
        Text::ErrorRotationUnderWay { old, new, created } => {
            return format!(
                "the rotation of {old} is under way: its successor {new} was created {created}; \
                 once nothing uses {old} any more, finish it with --finish"
            )
            .into();
        }
        Text::ErrorNoSuccessor { old } => {
            return format!(
                "{old} has no successor yet: camtui keys rotate without --finish creates it"
            )
            .into();
        }
        Text::ErrorUnknownCreateTime { secret_id, created } => {
            return format!(
                "cannot tell when {secret_id} was created ({created:?}): nothing was changed"
            )
            .into();
        }
        Text::UsedAfterSuccessor {
            old,
            new,
            created,
            evidence,
        } => {
            return format!(
                "{old} was used after its successor {new} was created ({created}):\n{evidence}"
            )
            .into();
        }
        Text::ErrorStillUsed { used, old, new } => {
            return format!(
                "refused: {used}\nNothing was changed. Move what still uses {old} to {new}, or \
                 finish anyway with --force."
            )
            .into();
        }
        Text::ForceWarning { used } => {
            return format!("warning: finishing anyway (--force): {used}").into();
        }
        Text::EvidenceLastUsed { date } => return format!("  last used {date}").into(),
        Text::EvidenceRecord {
            time,
            action,
            ip,
            result,
        } => return format!("  {time}  {action}  from {ip}  {result}").into(),
        Text::WalkProgress { what, done, total } => {
            return format!("{what}: {done}/{total} users (Ctrl-C cancels)").into();
        }
        Text::WalkProgressLeft {
            what,
            done,
            total,
            seconds,
        } => {
            return format!(
                "{what}: {done}/{total} users, about {seconds} s left (Ctrl-C cancels)"
            )
            .into();
        }
        Text::SearchingKeys => "searching API keys",
        Text::ListingKeys => "listing API keys",
        Text::ColumnUser => "USER",
        Text::ColumnAge => "AGE",
        Text::ColumnIdle => "IDLE",
        Text::ColumnFlags => "FLAGS",
        Text::Days { days } => return format!("{days}d").into(),
        Text::ReportSkipped { count, users } => {
            return format!("warning: the keys of {count} users could not be listed: {users}")
                .into();
        }
        Text::ListSeparator => ", ",
    })
}
