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
        Text::TabUsers => "User List",
        Text::TabDetails => "User Details",
        Text::TabKeys => "API Keys",
        Text::HeaderAccount => "account ",
        Text::HeaderClipboard => "clipboard: ",
        Text::HeaderClipboardShort => "clip: ",
        Text::HeaderTimes => "times ",
        Text::AccountUnknown { code } => return format!("unknown ({code})").into(),
        Text::AccountRoot { uin } => return format!("{uin} (root)").into(),
        Text::AccountSubUser { owner, uin } => return format!("{owner} (sub-user {uin})").into(),
        Text::BadgeSandbox => "SANDBOX",
        Text::BadgeReadOnly => "READ-ONLY",
        Text::FooterClipboardCountdown { seconds } => {
            return format!("SecretKey leaves the clipboard in {seconds} s").into();
        }
        Text::Loading => "loading…",
        Text::EscCloses => "Esc closes",
        Text::ScrollPosition { first, last, total } => {
            return format!("j/k scroll {first}-{last} of {total}").into();
        }
        Text::FilterLabel => "filter: ",
        Text::NoUserOpen => "No user open: pick one in the User List (1) and press Enter",
        Text::NeverUsed => "never",
        Text::Unknown => "unknown",
        Text::ListSeparator => ", ",
        Text::CallFailed {
            call,
            code,
            message,
        } => return format!("{call} failed: {code} — {message}").into(),
        Text::RequestIdSuffix { request_id } => return format!(" (RequestId {request_id})").into(),
        Text::NoRequestId => " (no RequestId: the request got no API answer)",
        Text::RetryHint => " · r retries",
        Text::UserSubUser => "Sub-user",
        Text::UserCollaborator => "Collaborator",
        Text::KeyEnabled => "Enabled",
        Text::KeyDisabled => "Disabled",
        Text::PolicyPreset => "preset",
        Text::PolicyCustom => "custom",
        Text::ViaUser => "user",
        Text::ViaGroup { group } => return format!("group {group}").into(),
        Text::ProtectionOff => "off",
        Text::VerifyPhone => "security phone",
        Text::VerifyHardToken => "hardware MFA token",
        Text::VerifySoftToken => "virtual MFA device",
        Text::VerifyCustom => "custom verification",
        Text::VerifyU2f => "U2F security key",
        Text::VerifyPasskey => "passkey",
        Text::VerifyEmail | Text::NoticeEmail => "email",
        Text::VerifyWechat | Text::NoticeWechat => "WeChat",
        Text::NoticePhone => "phone",
        Text::ProtectionVerify => "verify",
        Text::ProtectionNotify { channels } => return format!("notify by {channels}").into(),
        Text::ProtectionVerifyAndNotify { channels } => {
            return format!("verify; notify by {channels}").into();
        }
        Text::LabelUsername => "Username",
        Text::LabelUin => "UIN",
        Text::LabelUid => "UID",
        Text::LabelType => "Type",
        Text::LabelRemark => "Remark",
        Text::LabelConsoleLogin => "Console login",
        Text::LabelLoginShort => "Login",
        Text::LabelPhone => "Phone",
        Text::LabelCountryCode => "Country code",
        Text::LabelEmail => "Email",
        Text::LabelLastLoginIp => "Last login IP",
        Text::LabelLastLoginTime => "Last login time",
        Text::LabelCreated => "Created",
        Text::LabelUpdated => "Updated",
        Text::LabelApiKeys => "API keys",
        Text::LabelDescription => "Description",
        Text::LoginYes => "yes",
        Text::LoginNo => "no",
        Text::CanLogIn => "can log in to the console",
        Text::ApiAccessOnly => "API access only",
        Text::NeverLoggedIn => "never",
        Text::UserCount { count } => return format!("{count} users").into(),
        Text::UsersShown { shown, total } => return format!("{shown} of {total} users").into(),
        Text::SortLabel => "sort: ",
        Text::UsersLoading => "Loading users…",
        Text::FilterIsSecretId { secret_id } => {
            return format!("{secret_id} is a SecretId: Enter finds the user who owns it").into();
        }
        Text::NoUserMatchesEditing { filter } => {
            return format!("No user matches \"{filter}\" (Esc brings back the filter before /)")
                .into();
        }
        Text::NoUserMatches { filter } => {
            return format!("No user matches \"{filter}\" (Esc clears the filter)").into();
        }
        Text::NoUsers => "This account has no sub-users or collaborators",
        Text::DetailsWindow { first, last, total } => {
            return format!("lines {first}-{last} of {total} (j/k)").into();
        }
        Text::SectionPermissions => "Permissions",
        Text::SectionGroups => "Groups",
        Text::SectionSecurity => "Security",
        Text::PolicyCount { count: 1 } => "1 policy",
        Text::PolicyCount { count } => return format!("{count} policies").into(),
        Text::GroupCount { count: 1 } => "1 group",
        Text::GroupCount { count } => return format!("{count} groups").into(),
        Text::NoPolicy => "No policy applies to this user.",
        Text::NoGroup => "In no group.",
        Text::PolicyColumnName => "Policy",
        Text::PolicyColumnType => "Type",
        Text::PolicyColumnVia => "Attached via",
        Text::PolicyColumnAttached => "Attached",
        Text::ProtectionLogin => "Login protection",
        Text::ProtectionOperation => "Operation protection",
        Text::ProtectionUnusualLogin => "Unusual-location login",
        Text::KeySummary {
            count,
            max,
            enabled,
        } => return format!("{count} of {max} API keys, {enabled} enabled").into(),
        Text::KeysNoteLimit { max } => {
            return format!("• At most {max} API keys per sub-user or collaborator.").into();
        }
        Text::KeysNoteSecret => "• The SecretKey is shown only once, when the key is created.",
        Text::KeysNoteLimitShort { max } => {
            return format!("• At most {max} API keys per user.").into();
        }
        Text::KeysNoteSecretShort => "• The SecretKey is shown only at creation.",
        Text::KeysLoading => "Loading keys…",
        Text::NoKeys { user } => return format!("{user} has no API keys: c creates one.").into(),
        Text::KeyColumnStatus => "Status",
        Text::LastAccess => "Last access",
        Text::RecordsTitle => "Access records",
        Text::Position { position, total } => return format!("{position} of {total}").into(),
        Text::FailuresOnly => "failures only",
        Text::RecordsSpan { count } => {
            return format!("latest {count} of the past 3 months").into();
        }
        Text::RecordsLoading => "Loading access records…",
        Text::NoRecentRecords => "No access records in the past 3 months.",
        Text::NoFailedRecords => "No failed calls among them (f shows every call).",
        Text::RecordTime => "Time",
        Text::RecordAction => "Action",
        Text::RecordSourceIp => "Source IP",
        Text::RecordRegion => "Region",
        Text::RecordResult => "Result",
        Text::ResultOk => "OK",
        Text::RecordOf { secret_id } => return format!("Access record of {secret_id}").into(),
        Text::RecordResource => "Resource",
        Text::RecordDocument => "Event (CloudAuditEvent)",
        Text::PolicyOf { name } => return format!("Policy {name}").into(),
        Text::AttachedVia { via, time } => return format!("to {via}, {time}").into(),
        Text::PolicyDocument => "Policy document",
        Text::HelpTitle { context } => return format!("Keys · {context}").into(),
        Text::ContextFilter => "User List filter",
        Text::ContextConfirm => "Confirmation",
        Text::ContextConfirmTyped => "Delete confirmation",
        Text::ContextDescribe => "New API key",
        Text::ContextSecret => "New API key's SecretKey",
        Text::ContextHelp => "Help",
        Text::ContextCommand => "Command line",
        Text::ContextSearch => "Owner search",
        Text::ContextCallLog => "API-call log",
        Text::ContextLogFilter => "API-call log filter",
        Text::ContextPager => "Document",
        Text::ButtonCancel => "Cancel",
        Text::VerbDisable => "Disable",
        Text::VerbEnable => "Enable",
        Text::VerbDelete => "Delete",
        Text::VerbCreate => "Create",
        Text::ConfirmTitle { verb } => return format!("{verb} API key").into(),
        Text::ConfirmKey { verb, secret_id } => return format!("{verb} {secret_id}").into(),
        Text::ConfirmKeyOf { user } => return format!("of {user}?").into(),
        Text::ConfirmCreate { verb, user } => {
            return format!("{verb} an API key for {user}?").into();
        }
        Text::DisableMeaning => {
            "Every request signed with this key will be\nrefused until it is enabled again."
        }
        Text::EnableMeaning => "Requests signed with this key will be\naccepted again.",
        Text::DeleteMeaning => "This cannot be undone: the key can never\nbe used again.",
        Text::CreateMeaning => "Its SecretKey is shown once, right after.",
        Text::ConfirmKeysHint => "y confirms · n/Esc cancels · Tab moves, Enter presses",
        Text::TypeLastCharacters { count } => {
            return format!("Type the last {count} characters of the SecretId:").into();
        }
        Text::TypedMismatch => "That does not match: nothing was deleted.",
        Text::TypedKeysHint => "Enter deletes · Esc cancels",
        Text::DescriptionPrompt => "Description (optional):",
        Text::DescriptionRule { max } => {
            return format!("Up to {max} letters, digits and _+=,.@:/-").into();
        }
        Text::DescribeKeysHint => "Enter creates · Esc cancels",
        Text::SecretTitle { user } => return format!("New API key for {user}").into(),
        Text::SecretMasks => "(v masks)",
        Text::SecretReveals => "(v reveals)",
        Text::SecretWarning => {
            "This is the only time the SecretKey is shown:\nit cannot be shown again. Save it now."
        }
        Text::SecretSaved => "I have saved the SecretKey",
        Text::SecretEnterCloses => "(Enter closes)",
        Text::SecretSpaceThenEnter => "(Space, then Enter closes)",
        Text::SecretCountdown { seconds } => {
            return format!("The copied SecretKey leaves the clipboard in {seconds} s").into();
        }
        Text::SecretCopyHint { seconds } => {
            return format!("Y copies it; it is cleared after {seconds} s").into();
        }
        Text::CallLogTitle => "API calls",
        Text::CallsThisRun { count } => return format!("{count} this run").into(),
        Text::CallsFailed { count } => return format!("{count} failed").into(),
        Text::CallsKept { count } => return format!("latest {count} kept").into(),
        Text::CallsMatch { count } => return format!("{count} match").into(),
        Text::Following => "following",
        Text::NoCalls => "No API calls yet in this run.",
        Text::NoCallMatches { filter } => {
            return format!("No call matches \"{filter}\" (Esc clears the filter)").into();
        }
        Text::CallColumnTime => "Time",
        Text::CallColumnService => "Svc",
        Text::CallColumnAction => "Action",
        Text::CallColumnTarget => "Target",
        Text::CallColumnLatency => "Latency",
        Text::Attempts { count: 1 } => "1 attempt",
        Text::Attempts { count } => return format!("{count} attempts").into(),
        Text::NoApiAnswer => "none (no API answer)",
        Text::SearchTitle { secret_id } => {
            return format!("Finding the owner of {secret_id}").into();
        }
        Text::SearchCounts { done, total } => return format!("{done} of {total} users").into(),
        Text::SearchEta { left } => return format!("about {left} left").into(),
        Text::SearchEtaUnknown => "time left: after the first answers",
        Text::SearchCalls {
            count,
            elapsed,
            eta,
        } => return format!("{count} ListAccessKeys calls · {elapsed} · {eta}").into(),
        Text::SearchRate => "At most 20 calls a second; users already seen cost no call.",
        Text::SearchKeys => "Esc cancels (what was learned is kept) · @ shows the calls",
        Text::ReadOnlyRefused => {
            "Read-only: create, enable, disable and delete are never sent to this target"
        }
        Text::StillInFlight { call } => {
            return format!("{call} is still in flight: wait for its answer").into();
        }
        Text::AChange => "a change",
        Text::NotDeletedMismatch { count, expected } => {
            return format!(
                "Not deleted: type the last {count} characters of the SecretId ({expected}) exactly"
            )
            .into();
        }
        Text::CancelledNothingDeleted => "Cancelled: nothing deleted",
        Text::CancelledNothingChanged => "Cancelled: nothing changed",
        Text::NoUserToOpen => "No user to open",
        Text::KeysStillLoading => "The keys are still loading",
        Text::NoKeysCreateOne { user } => {
            return format!("{user} has no API keys (c creates one)").into();
        }
        Text::KeysNotLoaded => "The keys are not loaded yet: wait, or press r to reload",
        Text::KeyLimitReached { user, count } => {
            return format!(
                "{user} already has {count} API keys, the most CAM allows: delete one first"
            )
            .into();
        }
        Text::AlreadyEnabled { secret_id } => {
            return format!("{secret_id} is already enabled").into();
        }
        Text::AlreadyDisabled { secret_id } => {
            return format!("{secret_id} is already disabled").into();
        }
        Text::DisableFirst { secret_id } => {
            return format!("{secret_id} is enabled: disable it first (d), then delete it").into();
        }
        Text::KeyCreatedFlash { secret_id, user } => {
            return format!("Created {secret_id} for {user}").into();
        }
        Text::KeyDisabledFlash { secret_id } => {
            return format!("Disabled {secret_id}: requests signed with it are now refused").into();
        }
        Text::KeyEnabledFlash { secret_id } => return format!("Enabled {secret_id}").into(),
        Text::KeyDeletedFlash { secret_id } => {
            return format!("Deleted {secret_id}: it can never be used again").into();
        }
        Text::SearchRunning => "A search is already running: Esc cancels it",
        Text::SearchUsersLoading => {
            "The users are still loading: search again once the User List is in"
        }
        Text::SearchNoUsers { secret_id } => {
            return format!(
                "No user owns {secret_id}: this account has no sub-users or collaborators"
            )
            .into();
        }
        Text::SearchCancelled {
            secret_id,
            done,
            total,
        } => {
            return format!(
                "Search for {secret_id} cancelled after {done} of {total} users; what it learned is kept for this run"
            )
            .into();
        }
        Text::OwnerNotListed {
            secret_id,
            name,
            uin,
        } => {
            return format!(
                "{secret_id} belongs to {name} (UIN {uin}), who is no longer listed: press r on the User List"
            )
            .into();
        }
        Text::OwnerFound {
            secret_id,
            name,
            uin,
            status,
        } => {
            let status = status.to_lowercase();
            return format!("{secret_id} belongs to {name} (UIN {uin}), {status}").into();
        }
        Text::OwnerFromCache => " (known from earlier this run, no call made)",
        Text::OwnerNotFound {
            secret_id,
            searched,
        } => {
            return format!(
                "No sub-user or collaborator owns {secret_id} (looked at the keys of {searched} users)"
            )
            .into();
        }
        Text::OwnerSkipped { count, users } => {
            return format!("; could not list the keys of {count}: {users}").into();
        }
        Text::SecretGone => "The SecretKey is gone from camtui and cannot be shown again",
        Text::SecretNotSaved => {
            "The SecretKey cannot be shown again: save it, tick \"I have saved the SecretKey\" (Space), then close (Enter)"
        }
        Text::TabReport => "Key Report",
        Text::ContextReportFilter => "Key Report filter",
        Text::ContextRotation => "Key rotation",
        Text::ContextBulk => "Disabling keys",
        Text::ReportKeys { count } => return format!("{count} keys").into(),
        Text::ReportKeysShown { shown, total } => return format!("{shown} of {total} keys").into(),
        Text::Marked { count } => return format!("{count} marked").into(),
        Text::ReportOwner => "Owner",
        Text::ReportLastUsed => "Last used",
        Text::ReportAge => "Age",
        Text::ReportIdle => "Idle",
        Text::ReportFlags => "Flags",
        Text::Days { count } => return format!("{count} d").into(),
        Text::NoKeysInAccount => "This account has no API keys",
        Text::NoKeyMatchesEditing => {
            "No key matches the filters (Esc brings back the filter before /)"
        }
        Text::NoKeyMatches => "No key matches the filters (Esc clears them)",
        Text::ReportWaitsForUsers => "Loading starts once the User List is in",
        Text::ReportEtaUnknown => "time left: after the first users",
        Text::ReportProgress {
            done,
            total,
            keys,
            left,
        } => {
            return format!(
                "{done} of {total} users · {keys} keys · {left} · X stops, keeping what is in"
            )
            .into();
        }
        Text::ReportDone => "Every user's keys are in · r loads them again",
        Text::ReportDoneSkipped { skipped } => {
            return format!(
                "Every user's keys are in but {skipped} users' (could not be listed) · r loads them again"
            )
            .into();
        }
        Text::ReportStopped { done, total } => {
            return format!(
                "Stopped after {done} of {total} users: the others' keys are not here · r loads them all"
            )
            .into();
        }
        Text::FlagNeverUsed => "never-used",
        Text::FlagUnused { days } => return format!("unused-{days}d").into(),
        Text::FlagOld { days } => return format!("older-than-{days}d").into(),
        Text::FlagDisabled | Text::FlagDisabledShort => "disabled",
        Text::FlagTwoEnabled => "two-enabled",
        Text::FlagNeverUsedShort => "never",
        Text::FlagUnusedShort => "unused",
        Text::FlagOldShort => "old",
        Text::FlagTwoEnabledShort => "2 on",
        Text::BulkDisableMeaning => {
            "Every request signed with any of these keys will\nbe refused until it is enabled again."
        }
        Text::ConfirmKeys { verb, count } | Text::ConfirmKeysTitle { verb, count } => {
            return format!("{verb} {count} API keys").into();
        }
        Text::UsersSubject { count } => return format!("{count} users").into(),
        Text::KeyOf { secret_id, owner } => return format!("{secret_id} of {owner}").into(),
        Text::AndMore { count } => return format!("and {count} more").into(),
        Text::TypeKeyCount => "Type how many keys, to confirm:",
        Text::TypedMismatchBulk => "That does not match: nothing was disabled.",
        Text::TypedKeysHintBulk => "Enter disables · Esc cancels",
        Text::NothingDisabledMismatch { expected } => {
            return format!("Nothing disabled: type the number of keys ({expected}) exactly")
                .into();
        }
        Text::CancelledNothingDisabled => "Cancelled: nothing disabled",
        Text::BulkCounts {
            answered,
            total,
            disabled,
            failed,
        } => {
            return format!("{answered} of {total} · {disabled} disabled · {failed} failed").into();
        }
        Text::NoKeyFailed => "No key failed.",
        Text::NoKeyFailedYet => "No key has failed so far.",
        Text::BulkFailure {
            code,
            secret_id,
            owner,
        } => return format!("{code}: {secret_id} of {owner}").into(),
        Text::NoApiAnswerShort => "none: no API answer",
        Text::AndMoreCalls { count } => {
            return format!("… and {count} more (@ lists every call)").into();
        }
        Text::BulkDone => "Done · Esc closes · @ shows every call",
        Text::BulkStopping => "Stopping after the call in flight…",
        Text::BulkRunning => {
            "One key at a time, at most 5 a second · Esc stops after the call in flight"
        }
        Text::BulkTitleDone { disabled, total } => {
            return format!("Disabled {disabled} of {total} keys").into();
        }
        Text::BulkTitleRunning { total } => return format!("Disabling {total} keys").into(),
        Text::BulkDisabledFlash { count } => return format!("Disabled {count} keys").into(),
        Text::BulkFailedSuffix { count } => return format!("; {count} failed (listed)").into(),
        Text::BulkStoppedSuffix { left } => return format!("; stopped before {left}").into(),
        Text::BulkStoppingFlash => {
            "Stopping after the call in flight: what was disabled stays disabled"
        }
        Text::KeysMarked { count } => return format!("{count} keys marked").into(),
        Text::ReportNotLoading => "The report is not loading",
        Text::ReportStoppedFlash { done } => {
            return format!(
                "Stopped after {done} users: what came in stays (r loads it all again)"
            )
            .into();
        }
        Text::NoKeyToOpen => "No key to open",
        Text::OwnerGone { name, uin } => {
            return format!("{name} (UIN {uin}) is no longer in the User List: press r there")
                .into();
        }
        Text::CursorKeyDisabledAlready => {
            "The key under the cursor is disabled already (Space marks keys, A all shown)"
        }
        Text::MarkedDisabledAlready => "Every marked key is disabled already",
        Text::ReportSkipped { count, users } => {
            return format!("The keys of {count} users could not be listed: {users}").into();
        }
        Text::ReportWaitsFlash => "The report starts once the User List is in",
        Text::VerifyHint => "t tests it: signs one harmless call (GetUserAppId)",
        Text::Verifying => "Signing GetUserAppId with it…",
        Text::KeySigns { uin } => {
            return format!("It signs: GetUserAppId answered for UIN {uin}").into();
        }
        Text::DoesNotSign { failure } => return format!("it does not sign: {failure}").into(),
        Text::SearchAskingAudit => "Asking CloudAudit who signed with it in the past 90 days…",
        Text::SearchAuditFallback => {
            "If it cannot say, each user's keys are listed, at most 20 a second."
        }
        Text::OwnerFromAuditTrail => " (named by the audit trail, confirmed by their keys)",
        Text::StepFreeSlot => "Free a slot",
        Text::StepSwitch => "Switch",
        Text::RotationTitle {
            secret_id,
            user,
            step,
        } => return format!("Rotate {secret_id} of {user} · step {step} of 5").into(),
        Text::RotationLoading => "Loading the keys…",
        Text::RotationEnterCloses => "Enter or Esc closes",
        Text::RotationKeys { enter } => {
            return format!("Enter {enter} · r refresh · Esc close (R resumes) · ? help").into();
        }
        Text::EnterWaits => "waits",
        Text::EnterDeletesRetire => "deletes it (you type the end of its SecretId)",
        Text::EnterDisablesRetire => "disables it (you confirm)",
        Text::EnterCreates => "creates the new key",
        Text::EnterDisablesOld => "disables the old key (you confirm)",
        Text::EnterDeletesOld => "deletes the old key (you type the end of its SecretId)",
        Text::EnterCloses => "closes",
        Text::RetireDisabledOld { user } => {
            return format!(
                "{user} has two API keys, the most CAM allows, and the key being rotated is disabled already: nothing signs with it, so deleting it frees the slot for a new key."
            )
            .into();
        }
        Text::NothingDeletedWithoutWord => "Nothing is deleted without your word.",
        Text::RetireSuggested {
            user,
            secret_id,
            status,
            last,
        } => {
            let status = status.to_lowercase();
            return format!(
                "{user} has two API keys, the most CAM allows: one must go before the new one can be created. Suggested: {secret_id} — {status}, last used {last}."
            )
            .into();
        }
        Text::RetireEnabledWarning => {
            "It is enabled: disabling it blocks every request signed with it. Disable it, then delete it."
        }
        Text::NothingChangedWithoutWord => "Nothing is disabled or deleted without your word.",
        Text::SlotFree => "A slot is free: the new key can be created.",
        Text::SecretOnceThenTest => {
            "Its SecretKey is shown once: save it before closing that window, and press t there to check that it signs."
        }
        Text::Successor { secret_id, created } => {
            return format!(
                "Its successor — the key created after it — is {secret_id}, created {created}. Move every workload that signs with the old key to it, then disable the old key."
            )
            .into();
        }
        Text::Lateness => {
            "The cloud reports use late: access records about an hour, last-used dates a day. Asked again every 15 s."
        }
        Text::OldDisabled => "The old key is disabled: every request signed with it is refused.",
        Text::NoFailureSince => {
            "No call with it has failed since it last worked: delete it once you are sure."
        }
        Text::FailuresSince => {
            "Calls signed with it failed since it last worked — something still uses it. e enables it again."
        }
        Text::RotationDone { secret_id } => {
            return format!("{secret_id} is deleted: the rotation is finished.").into();
        }
        Text::NowTheKey { secret_id, user } => {
            return format!(" {secret_id} is the key of {user} now.").into();
        }
        Text::OldLastUsed { when } => return format!("The old key was last used {when}").into(),
        Text::LastUseAfterSuccessor { last } => {
            return format!("{last}: after its successor was created, so something still uses it.")
                .into();
        }
        Text::NotUsedSince { last } => {
            return format!("{last}: not since its successor was created.").into();
        }
        Text::Sentence { text } => return format!("{text}.").into(),
        Text::OldRecordsLoading => "Loading its access records…",
        Text::NoOldRecords => "It has no access records in the past 3 months.",
        Text::RotationClosed => "Closed: R on the key resumes the rotation where it stands",
        Text::RotationFinished { secret_id } => {
            return format!("The rotation of {secret_id} is finished").into();
        }
        Text::EnableAgainHint => "e enables the old key again once it is disabled (step 4)",
        Text::NoProfilesToSwitch => "there are none: add [profiles.NAME] tables to config.toml",
        Text::KnownProfiles { profiles } => return format!("profiles: {profiles}").into(),
        Text::UnknownProfile { name, known } => {
            return format!("Unknown profile \"{name}\" — {known}").into();
        }
        Text::AlreadyOnSandbox => "Already on the sandbox",
        Text::SwitchedToProfile { profile } => {
            return format!("Switched to profile {profile}").into();
        }
        Text::SwitchedToSandbox => "Switched to the sandbox",
        Text::SwitchedReadOnly { to } => return format!("{to} (read-only)").into(),
        Text::ProfileInUse { name } => return format!("{name} (in use)").into(),
        Text::NothingCompletes { text } => return format!("Nothing completes \"{text}\"").into(),
        Text::NotASecretIdLine { text } => {
            return format!(
                "\"{text}\" is not a SecretId: one starts with AKID or IKID, followed by letters and digits"
            )
            .into();
        }
        Text::NoProfiles => {
            "No profiles: add [profiles.NAME] tables to config.toml (or sections to ~/.tencentcloud/credentials)"
        }
        Text::ProfilesHelp { profiles } => {
            return format!(
                "Profiles: {profiles} — :profile NAME switches (Tab completes), :sandbox goes back to the sandbox"
            )
            .into();
        }
        Text::UsersStillLoading => {
            "The users are still loading: try again once the User List is in"
        }
        Text::NoUserNamed { name } => {
            return format!("No user named \"{name}\" (Tab completes user names)").into();
        }
        Text::ClipboardOffNothingCopied => "The clipboard is off (--clipboard off): nothing copied",
        Text::ClearedInSeconds { seconds } => return format!("; cleared in {seconds} s").into(),
        Text::NothingCopied { why } => return format!("Nothing copied: {why}").into(),
        Text::SecretKeyCleared => "The copied SecretKey was cleared from the clipboard",
        Text::SecretKeyNoLongerHeld => "The clipboard no longer held the SecretKey; left it alone",
        Text::ClipboardNotCleared { error } => {
            return format!("Could not clear the clipboard: {error}").into();
        }
        Text::CompletionsTitle { count } => {
            return format!(" {count} completions · Tab next ").into();
        }
        Text::CallUnreachable { url, cause } => {
            return format!("could not reach {url}: {cause}").into();
        }
        Text::CallTimeout { url, seconds } => {
            return format!("{url} did not answer within {seconds} s").into();
        }
        Text::CallUnconfirmed {
            url,
            action,
            reason,
        } => {
            return format!(
                "{url} gave no answer to {action} ({reason}); the change may have been applied: check before repeating it"
            )
            .into();
        }
        Text::CallHttpStatus { url, status, body } => {
            return format!("{url} answered HTTP {status}, not an API response: {body}").into();
        }
        Text::CallNotAnApiReply { url, reason, body } => {
            return format!(
                "{url} answered something that is not a Tencent Cloud API response ({reason}): {body}"
            )
            .into();
        }
        Text::CallNotEncoded { error } => {
            return format!("could not encode the request: {error}").into();
        }
        Text::CauseRefused => "connection refused",
        Text::CauseReset => "the connection was reset",
        Text::CauseUnresolved => "the host name does not resolve",
        Text::Unreachable { url, cause } => return format!("{url}: {cause}").into(),
        Text::UnreachableCheck { url, cause, check } => {
            return format!("{url}: {cause}; {check}").into();
        }
        Text::CheckServerRunning => "is the server running?",
        Text::CheckHostName => "check the endpoint's host name",
        Text::CheckCertificate => "check the endpoint's certificate (--ca-cert)",
        Text::AdviceSecretIdNotFound => {
            "the SecretId is unknown, disabled or deleted — check the credentials in use"
        }
        Text::AdviceSignatureFailure => {
            "the SecretKey does not match the SecretId — or, against camtui serve, the signature was already used (the same change sent twice within one second): send it again"
        }
        Text::AdviceSignatureExpire => {
            "this machine's clock differs from the server's by more than 5 minutes"
        }
        Text::AdviceUnauthorized => "the credentials in use are not allowed to do this",
        Text::AdviceKeyLimit => "delete one of the user's keys first",
        Text::AdviceRequestLimit => "too many requests: wait a moment and try again",
        Text::MessageAdvice { message, advice } => return format!("{message} — {advice}").into(),
        Text::CallPurpose { call, purpose } => return format!("{call} ({purpose})").into(),
        Text::PurposeOwnerSearch => "owner search",
        Text::PurposeKeyReport => "key report",
        Text::PurposeDisablingKeys => "disabling keys",
        Text::PurposeSignedWithNewKey => "signed with the new key",

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
        Text::NoPolicies => "no policies",
        Text::ColumnPolicy => "POLICY",
        Text::ColumnPolicyType => "TYPE",
        Text::ColumnAttachedVia => "ATTACHED VIA",
        Text::ColumnAttached => "ATTACHED",
        Text::InNoGroup => "in no group",
        Text::ColumnGroup => "GROUP",
        Text::FieldLoginProtection => "Login protection",
        Text::FieldOperationProtection => "Operation protection",
        Text::FieldUnusualLogin => "Unusual-location login",
        Text::UserByUin { uin } => return format!("user {uin}").into(),
        Text::ColumnSecretId => "SECRETID",
        Text::ColumnStatus => "STATUS",
        Text::ColumnLastUsed => "LAST USED",
        Text::ColumnDescription => "DESCRIPTION",
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
        Text::ReportDays { days } => return format!("{days}d").into(),
        Text::ReportSkippedWarning { count, users } => {
            return format!("warning: the keys of {count} users could not be listed: {users}")
                .into();
        }
    })
}
