//! Everything a person reads, in their language. [`Text`] names each message once; [`en`] and
//! [`zh_cn`] are the catalogues, one per language, each an exhaustive match — a message missing
//! from either does not compile, a placeholder a translation drops is an unused variable (a
//! warning CI refuses), and a test fails for a message no code uses.
//!
//! The language is one setting for the whole process ([`resolve`]): `--language`, else the
//! profile's `language`, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English. It
//! picks the console's and the subcommands' words and the `X-TC-Language` the API answers in.
//! JSON output never changes with it.

mod call;
mod en;
pub mod words;
mod zh_cn;

use std::borrow::Cow;

use crate::cam::credential::Environment;
pub use crate::cam::transport::Language;

/// The language the settings ask for, first one set wins: the flag, the profile, the locale.
pub fn resolve(flag: Option<Language>, profile: Option<Language>, env: &Environment) -> Language {
    flag.or(profile)
        .or_else(|| from_locale(env))
        .unwrap_or_default()
}

/// The locale's language, read as POSIX does for messages: the first non-empty of `LC_ALL`,
/// `LC_MESSAGES`, `LANG`. Chinese (`zh_CN.UTF-8`, `zh_TW`, `zh`) is zh-CN — the only Chinese
/// the API speaks — and any other locale is English. `None` when none is set.
pub fn from_locale(env: &Environment) -> Option<Language> {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| env.get(*name))
        .find(|value| !value.is_empty())?;
    Some(if locale.to_ascii_lowercase().starts_with("zh") {
        Language::ZhCn
    } else {
        Language::EnUs
    })
}

impl Language {
    /// `text` in this language.
    pub fn text(self, text: Text<'_>) -> Cow<'static, str> {
        match self {
            Language::EnUs => en::text(text),
            Language::ZhCn => zh_cn::text(text),
        }
    }
}

/// Declares [`Text`]; for the tests it also lists every message's name and builds each one from
/// sample values, with the width (in terminal cells) it must fit where it is drawn, if it has one.
macro_rules! texts {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident $({ $($field:ident : $ty:ty),* $(,)? })? $([fits $width:literal])?
    ),* $(,)?) => {
        /// A message a person reads; [`Language::text`] puts it in words.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Text<'a> {
            $( $(#[doc = $doc])* $name $({ $($field: $ty),* })?, )*
        }

        #[cfg(test)]
        impl Text<'static> {
            const NAMES: &'static [&'static str] = &[$(stringify!($name)),*];

            fn samples() -> Vec<(Text<'static>, Option<usize>)> {
                vec![$((
                    Text::$name $({ $($field: tests::Sample::sample()),* })?,
                    texts!(@width $($width)?),
                )),*]
            }
        }
    };
    (@width) => { None };
    (@width $width:literal) => { Some($width) };
}

// One section per room; a room's messages go at the end of its section.
texts! {
    // ---- Console: the keymap's hints and help, the command line, the clipboard ----
    // The footer's words for keys (`keymap`): one or two words each.
    HintHelp [fits 16],
    HintCommand [fits 16],
    HintCalls [fits 16],
    HintQuit [fits 16],
    HintOpen [fits 16],
    HintFilter [fits 16],
    HintCopyUin [fits 16],
    HintSort [fits 16],
    HintRefresh [fits 16],
    HintDone [fits 16],
    HintFindOwner [fits 16],
    HintCancel [fits 16],
    HintApiKeys [fits 16],
    HintPolicyDocument [fits 16],
    HintBack [fits 16],
    HintCreate [fits 16],
    HintCopySecretId [fits 16],
    HintDisable [fits 16],
    HintEnable [fits 16],
    HintDelete [fits 16],
    HintRecords [fits 16],
    HintCopyRequestId [fits 16],
    HintFailures [fits 16],
    HintAllCalls [fits 16],
    HintKeys [fits 16],
    HintClose [fits 16],
    HintConfirm [fits 16],
    HintMove [fits 16],
    HintPress [fits 16],
    HintReveal [fits 16],
    HintMask [fits 16],
    HintCopySecretKey [fits 16],
    HintSaved [fits 16],
    HintUntick [fits 16],
    HintRun [fits 16],
    HintComplete [fits 16],
    // The help overlay's line for each key (`keymap`; the keymap's tests check they fit 80
    // columns beside their keys).
    HelpMoveDown,
    HelpMoveUp,
    HelpFirstRow,
    HelpLastRow,
    HelpPageDown,
    HelpPageUp,
    HelpCursorLeft,
    HelpCursorRight,
    HelpLineStart,
    HelpLineEnd,
    HelpEraseBefore,
    HelpEraseToStart,
    HelpEraseWord,
    HelpShowHelp,
    HelpCommandLine,
    HelpCallLog,
    HelpTabUsers,
    HelpTabDetails,
    HelpTabKeys,
    HelpNextTab,
    HelpPreviousTab,
    HelpQuit,
    HelpOpenUser,
    HelpFilterUsers,
    HelpCopyUin,
    HelpSortNext,
    HelpSortReverse,
    HelpReloadUsers,
    HelpClearFilter,
    HelpKeepFilterOrFindOwner,
    HelpFilterBefore,
    HelpOpenFromDetails,
    HelpBackToUsers,
    HelpReloadUser,
    HelpCreateKey,
    HelpCopySecretId,
    HelpDisableKey,
    HelpEnableKey,
    HelpDeleteKey,
    HelpIntoRecords,
    HelpToggleRecords,
    HelpReloadKeys,
    HelpHideRecordsOrBack,
    HelpOpenRecord,
    HelpCopyRecordRequestId,
    HelpFailuresOnly,
    HelpReloadRecords,
    HelpHideRecords,
    HelpBackToKeys,
    HelpCopyPagerRequestId,
    HelpClose,
    HelpConfirm,
    HelpCancel,
    HelpSwitchButton,
    HelpPressButton,
    HelpEraseCharacter,
    HelpCreateWithDescription,
    HelpCancelCreate,
    HelpReveal,
    HelpCopySecretKey { seconds: u64 },
    HelpAcknowledge,
    HelpCloseSecret,
    HelpQuitUnlessSaved,
    HelpCloseHelp,
    HelpRunCommand,
    HelpComplete,
    HelpCompleteBack,
    HelpCloseCommandLine,
    HelpHistoryBack,
    HelpHistoryForward,
    HelpCancelSearch,
    HelpFilterCalls,
    HelpCopyCallRequestId,
    HelpCloseLog,
    HelpKeepFilter,
    /// A help line of a key read-only mode refuses.
    HelpRefusedReadOnly { help: &'a str },
    // The help's notes under the keys.
    NoteSecretIdFilter,
    NoteCommands { commands: &'a str },
    NoteOwnerSearch,
    // The `:` command line's answers to a line it cannot run.
    LineEmpty { commands: &'a str },
    LineUnknown { word: &'a str, commands: &'a str },
    LineNeeds { command: &'a str, what: &'a str },
    LineTakesNoArgument { command: &'a str, extra: &'a str },
    /// What `:secretid` needs.
    ArgumentSecretId,
    // The clipboard: the header's word for it, where a copy went, why it failed.
    ClipboardNative [fits 8],
    ClipboardOsc52 [fits 8],
    ClipboardOff [fits 8],
    CopiedSecretId { secret_id: &'a str },
    CopiedSecretKey { secret_id: &'a str },
    CopiedUin { uin: u64 },
    CopiedRequestId { request_id: &'a str },
    CopiedNative { what: &'a str },
    CopiedThroughTerminal { what: &'a str },
    ClipboardIsOff,
    ClipboardNativeFailed { error: &'a str },
    ClipboardTerminalFailed { error: &'a str },
    ClipboardFallback { error: &'a str },
    // Connecting: the header until the sandbox runs, and a profile that cannot be switched to.
    Starting [fits 12],
    CannotSwitchProfile { name: &'a str, error: &'a str, current: &'a str },
    HintRotate [fits 16],
    HintTestIt [fits 16],
    HintMark [fits 16],
    HintMarkShown [fits 16],
    HintReload [fits 16],
    HintStop [fits 16],
    HintDoIt [fits 16],
    HintStopOrClose [fits 16],
    HelpTabReport,
    HelpRotate,
    HelpConfirmIfTyped,
    HelpTestKey,
    HelpOpenReportKey,
    HelpFilterReport,
    HelpOnlyNeverUsed,
    HelpOnlyUnused,
    HelpOnlyOld,
    HelpOnlyDisabled,
    HelpOnlyTwoEnabled,
    HelpMark,
    HelpMarkShown,
    HelpDisableMarked,
    HelpReloadReport,
    HelpStopLoading,
    HelpClearReportFilters,
    HelpDoStep,
    HelpEnableOldAgain,
    HelpRefreshRotation,
    HelpCloseRotation,
    HelpStopOrClose,
    NoteReportFlags { days: u32 },
    NoteReportLoading,
    NoteRotation,
    // The worker's own failures, worded as the API's messages are.
    ReadOnlyNothingSent,
    ReplyWithoutAccessKey,

    // ---- Console: screens, dialogs, messages ----
    // The tabs (also the titles of their blocks).
    TabUsers [fits 10],
    TabDetails [fits 12],
    TabKeys [fits 10],
    // The header line.
    HeaderAccount,
    HeaderClipboard,
    HeaderClipboardShort,
    HeaderTimes,
    /// The account could not be read.
    AccountUnknown { code: &'a str },
    AccountRoot { uin: &'a str },
    AccountSubUser { owner: &'a str, uin: &'a str },
    BadgeSandbox [fits 8],
    BadgeReadOnly [fits 10],
    /// The footer, while a copied SecretKey waits to be cleared.
    FooterClipboardCountdown { seconds: u64 },
    // Words every view uses.
    Loading [fits 10],
    EscCloses [fits 12],
    /// Where a scrolled window is, in a title.
    ScrollPosition { first: usize, last: usize, total: usize },
    FilterLabel [fits 10],
    NoUserOpen,
    NeverUsed [fits 10],
    Unknown [fits 8],
    ListSeparator,
    // A failed call as the user sees it.
    CallFailed { call: &'a str, code: &'a str, message: &'a str },
    RequestIdSuffix { request_id: &'a str },
    NoRequestId,
    RetryHint,
    // The domain's values.
    UserSubUser [fits 12],
    UserCollaborator [fits 12],
    KeyEnabled [fits 8],
    KeyDisabled [fits 8],
    PolicyPreset [fits 10],
    PolicyCustom [fits 10],
    ViaUser [fits 12],
    ViaGroup { group: &'a str },
    ProtectionOff [fits 10],
    VerifyPhone,
    VerifyHardToken,
    VerifySoftToken,
    VerifyCustom,
    VerifyU2f,
    VerifyPasskey,
    VerifyEmail,
    VerifyWechat,
    NoticePhone,
    NoticeEmail,
    NoticeWechat,
    ProtectionVerify,
    ProtectionNotify { channels: &'a str },
    ProtectionVerifyAndNotify { channels: &'a str },
    // User fields: the User List's columns and the labels of User Details.
    LabelUsername [fits 10],
    LabelUin [fits 10],
    LabelUid [fits 10],
    LabelType [fits 10],
    LabelRemark [fits 10],
    LabelConsoleLogin [fits 13],
    /// The console-login column on a narrow terminal, room for a sort arrow kept.
    LabelLoginShort [fits 5],
    LabelPhone [fits 16],
    LabelCountryCode [fits 16],
    LabelEmail [fits 16],
    LabelLastLoginIp [fits 16],
    LabelLastLoginTime [fits 16],
    LabelCreated [fits 10],
    LabelUpdated [fits 16],
    LabelApiKeys [fits 16],
    LabelDescription [fits 11],
    LoginYes [fits 5],
    LoginNo [fits 5],
    CanLogIn,
    ApiAccessOnly,
    NeverLoggedIn,
    // The User List.
    UserCount { count: usize },
    UsersShown { shown: usize, total: usize },
    SortLabel,
    UsersLoading,
    FilterIsSecretId { secret_id: &'a str },
    NoUserMatchesEditing { filter: &'a str },
    NoUserMatches { filter: &'a str },
    NoUsers,
    // User Details.
    DetailsWindow { first: usize, last: usize, total: usize },
    SectionPermissions [fits 20],
    SectionGroups [fits 20],
    SectionSecurity [fits 20],
    PolicyCount { count: usize },
    GroupCount { count: usize },
    NoPolicy,
    NoGroup,
    PolicyColumnName [fits 10],
    PolicyColumnType [fits 10],
    PolicyColumnVia [fits 12],
    PolicyColumnAttached [fits 10],
    ProtectionLogin [fits 22],
    ProtectionOperation [fits 22],
    ProtectionUnusualLogin [fits 22],
    KeySummary { count: usize, max: usize, enabled: usize },
    // The API Keys tab and its access-records drawer.
    /// The two rules, under the keys' title: full width, and beside the drawer.
    KeysNoteLimit { max: usize } [fits 76],
    KeysNoteSecret [fits 76],
    KeysNoteLimitShort { max: usize } [fits 45],
    KeysNoteSecretShort [fits 45],
    KeysLoading,
    NoKeys { user: &'a str },
    KeyColumnStatus [fits 10],
    LastAccess [fits 19],
    RecordsTitle [fits 16],
    Position { position: usize, total: usize },
    FailuresOnly,
    RecordsSpan { count: usize },
    RecordsLoading,
    NoRecentRecords,
    NoFailedRecords,
    RecordTime [fits 11],
    RecordAction [fits 19],
    RecordSourceIp [fits 15],
    RecordRegion [fits 14],
    RecordResult [fits 6],
    ResultOk [fits 4],
    // What the pager reads in full.
    RecordOf { secret_id: &'a str },
    RecordResource [fits 16],
    RecordDocument,
    PolicyOf { name: &'a str },
    AttachedVia { via: &'a str, time: &'a str },
    PolicyDocument,
    // The help overlay's frame; what it is the help of.
    HelpTitle { context: &'a str },
    ContextFilter,
    ContextConfirm,
    ContextConfirmTyped,
    ContextDescribe,
    ContextSecret,
    ContextHelp,
    ContextCommand,
    ContextSearch,
    ContextCallLog,
    ContextLogFilter,
    ContextPager,
    // The confirm dialogs (64 columns wide: 60 inside).
    ButtonCancel [fits 12],
    VerbDisable [fits 10],
    VerbEnable [fits 10],
    VerbDelete [fits 10],
    VerbCreate [fits 10],
    ConfirmTitle { verb: &'a str },
    ConfirmKey { verb: &'a str, secret_id: &'a str },
    ConfirmKeyOf { user: &'a str },
    ConfirmCreate { verb: &'a str, user: &'a str },
    /// What a change means, a line each (`\n`); a warning is indented under its glyph.
    DisableMeaning [fits 58],
    EnableMeaning [fits 60],
    DeleteMeaning [fits 58],
    CreateMeaning [fits 60],
    ConfirmKeysHint [fits 60],
    TypeLastCharacters { count: usize } [fits 60],
    TypedMismatch [fits 58],
    TypedKeysHint [fits 60],
    DescriptionPrompt [fits 60],
    DescriptionRule { max: usize } [fits 58],
    DescribeKeysHint [fits 60],
    // The SecretKey window (66 columns wide: 62 inside).
    SecretTitle { user: &'a str },
    SecretMasks [fits 16],
    SecretReveals [fits 16],
    SecretWarning [fits 60],
    SecretSaved [fits 30],
    SecretEnterCloses [fits 28],
    SecretSpaceThenEnter [fits 28],
    SecretCountdown { seconds: u64 } [fits 62],
    SecretCopyHint { seconds: u64 } [fits 62],
    // The API-call log.
    CallLogTitle,
    CallsThisRun { count: usize },
    CallsFailed { count: usize },
    CallsKept { count: usize },
    CallsMatch { count: usize },
    Following,
    NoCalls,
    NoCallMatches { filter: &'a str },
    CallColumnTime [fits 8],
    CallColumnService [fits 5],
    CallColumnAction [fits 20],
    CallColumnTarget [fits 6],
    CallColumnLatency [fits 8],
    Attempts { count: u32 },
    NoApiAnswer,
    // The owner search (72 columns wide: 68 inside).
    SearchTitle { secret_id: &'a str },
    SearchCounts { done: usize, total: usize },
    SearchEta { left: &'a str },
    SearchEtaUnknown,
    SearchCalls { count: usize, elapsed: &'a str, eta: &'a str },
    SearchRate [fits 68],
    SearchKeys [fits 68],
    // Flash messages.
    ReadOnlyRefused,
    StillInFlight { call: &'a str },
    AChange,
    NotDeletedMismatch { count: usize, expected: &'a str },
    CancelledNothingDeleted,
    CancelledNothingChanged,
    NoUserToOpen,
    KeysStillLoading,
    NoKeysCreateOne { user: &'a str },
    KeysNotLoaded,
    KeyLimitReached { user: &'a str, count: usize },
    AlreadyEnabled { secret_id: &'a str },
    AlreadyDisabled { secret_id: &'a str },
    DisableFirst { secret_id: &'a str },
    KeyCreatedFlash { secret_id: &'a str, user: &'a str },
    KeyDisabledFlash { secret_id: &'a str },
    KeyEnabledFlash { secret_id: &'a str },
    KeyDeletedFlash { secret_id: &'a str },
    SearchRunning,
    SearchUsersLoading,
    SearchNoUsers { secret_id: &'a str },
    SearchCancelled { secret_id: &'a str, done: usize, total: usize },
    OwnerNotListed { secret_id: &'a str, name: &'a str, uin: u64 },
    OwnerFound { secret_id: &'a str, name: &'a str, uin: u64, status: &'a str },
    OwnerFromCache,
    OwnerNotFound { secret_id: &'a str, searched: usize },
    OwnerSkipped { count: usize, users: &'a str },
    SecretGone,
    SecretNotSaved,
    // The Key Report tab, bulk disable and the rotation wizard (issue 15).
    TabReport [fits 10],
    ContextReportFilter,
    ContextRotation,
    ContextBulk,
    ReportKeys { count: usize },
    ReportKeysShown { shown: usize, total: usize },
    Marked { count: usize },
    ReportOwner [fits 8],
    ReportLastUsed [fits 10],
    ReportAge [fits 6],
    ReportIdle [fits 6],
    ReportFlags [fits 8],
    /// Days, in a 6-column cell.
    Days { count: i64 } [fits 6],
    NoKeysInAccount,
    NoKeyMatchesEditing,
    NoKeyMatches,
    ReportWaitsForUsers,
    ReportEtaUnknown,
    ReportProgress { done: usize, total: usize, keys: usize, left: &'a str },
    ReportDone,
    ReportDoneSkipped { skipped: usize },
    ReportStopped { done: usize, total: usize },
    FlagNeverUsed,
    FlagUnused { days: u32 },
    FlagOld { days: u32 },
    FlagDisabled,
    FlagTwoEnabled,
    FlagNeverUsedShort,
    FlagUnusedShort,
    FlagOldShort,
    FlagDisabledShort,
    FlagTwoEnabledShort,
    BulkDisableMeaning [fits 58],
    ConfirmKeys { verb: &'a str, count: usize },
    ConfirmKeysTitle { verb: &'a str, count: usize },
    UsersSubject { count: usize },
    KeyOf { secret_id: &'a str, owner: &'a str },
    AndMore { count: usize },
    TypeKeyCount [fits 60],
    TypedMismatchBulk [fits 58],
    TypedKeysHintBulk [fits 60],
    NothingDisabledMismatch { expected: &'a str },
    CancelledNothingDisabled,
    BulkCounts { answered: usize, total: usize, disabled: usize, failed: usize },
    NoKeyFailed,
    NoKeyFailedYet,
    BulkFailure { code: &'a str, secret_id: &'a str, owner: &'a str },
    NoApiAnswerShort,
    AndMoreCalls { count: usize },
    BulkDone,
    BulkStopping,
    BulkRunning [fits 92],
    BulkTitleDone { disabled: usize, total: usize },
    BulkTitleRunning { total: usize },
    BulkDisabledFlash { count: usize },
    BulkFailedSuffix { count: usize },
    BulkStoppedSuffix { left: usize },
    BulkStoppingFlash,
    KeysMarked { count: usize },
    ReportNotLoading,
    ReportStoppedFlash { done: usize },
    NoKeyToOpen,
    OwnerGone { name: &'a str, uin: u64 },
    CursorKeyDisabledAlready,
    MarkedDisabledAlready,
    ReportSkipped { count: usize, users: &'a str },
    ReportWaitsFlash,
    // The SecretKey window's check that the new key signs.
    VerifyHint [fits 62],
    Verifying [fits 62],
    KeySigns { uin: &'a str },
    DoesNotSign { failure: &'a str },
    // The owner search asking the audit trail first.
    SearchAskingAudit [fits 68],
    SearchAuditFallback [fits 68],
    OwnerFromAuditTrail,
    // The rotation wizard (92 columns wide: 88 inside).
    StepFreeSlot [fits 12],
    StepSwitch [fits 12],
    RotationTitle { secret_id: &'a str, user: &'a str, step: u8 },
    RotationLoading,
    RotationEnterCloses,
    RotationKeys { enter: &'a str },
    EnterWaits,
    EnterDeletesRetire,
    EnterDisablesRetire,
    EnterCreates,
    EnterDisablesOld,
    EnterDeletesOld,
    EnterCloses,
    RetireDisabledOld { user: &'a str },
    NothingDeletedWithoutWord,
    RetireSuggested { user: &'a str, secret_id: &'a str, status: &'a str, last: &'a str },
    RetireEnabledWarning,
    NothingChangedWithoutWord,
    SlotFree,
    SecretOnceThenTest,
    Successor { secret_id: &'a str, created: &'a str },
    Lateness,
    OldDisabled,
    NoFailureSince,
    FailuresSince,
    RotationDone { secret_id: &'a str },
    NowTheKey { secret_id: &'a str, user: &'a str },
    OldLastUsed { when: &'a str },
    LastUseAfterSuccessor { last: &'a str },
    NotUsedSince { last: &'a str },
    Sentence { text: &'a str },
    OldRecordsLoading,
    NoOldRecords,
    RotationClosed,
    RotationFinished { secret_id: &'a str },
    EnableAgainHint,
    // The `:profile`, `:sandbox` and `:keys NAME` commands' answers, and Tab with nothing to complete.
    NoProfilesToSwitch,
    KnownProfiles { profiles: &'a str },
    UnknownProfile { name: &'a str, known: &'a str },
    AlreadyOnSandbox,
    SwitchedToProfile { profile: &'a str },
    SwitchedToSandbox,
    SwitchedReadOnly { to: &'a str },
    ProfileInUse { name: &'a str },
    NothingCompletes { text: &'a str },
    NotASecretIdLine { text: &'a str },
    NoProfiles,
    ProfilesHelp { profiles: &'a str },
    UsersStillLoading,
    NoUserNamed { name: &'a str },
    // What the clipboard did with a copy, and with the SecretKey when its countdown ended.
    ClipboardOffNothingCopied,
    ClearedInSeconds { seconds: u64 },
    NothingCopied { why: &'a str },
    SecretKeyCleared,
    SecretKeyNoLongerHeld,
    ClipboardNotCleared { error: &'a str },
    /// The title of the command line's completions box.
    CompletionsTitle { count: usize },
    // A call that failed without an API error; the technical detail (a URL, the system's error,
    // a body) stays as it came.
    CallUnreachable { url: &'a str, cause: &'a str },
    CallTimeout { url: &'a str, seconds: u64 },
    CallUnconfirmed { url: &'a str, action: &'a str, reason: &'a str },
    CallHttpStatus { url: &'a str, status: u16, body: &'a str },
    CallNotAnApiReply { url: &'a str, reason: &'a str, body: &'a str },
    CallNotEncoded { error: &'a str },
    CauseRefused,
    CauseReset,
    CauseUnresolved,
    /// The console's shorter form of `CallUnreachable`, with what to check when there is something.
    Unreachable { url: &'a str, cause: &'a str },
    UnreachableCheck { url: &'a str, cause: &'a str, check: &'a str },
    // What to check or do, for the failures where the error alone does not say it.
    CheckServerRunning,
    CheckHostName,
    CheckCertificate,
    AdviceSecretIdNotFound,
    AdviceSignatureFailure,
    AdviceSignatureExpire,
    AdviceUnauthorized,
    AdviceKeyLimit,
    AdviceRequestLimit,
    /// The API's message followed by what to do about it.
    MessageAdvice { message: &'a str, advice: &'a str },
    /// A call named by its API action(s) and what it is for, as the spinner and the flashes say.
    CallPurpose { call: &'a str, purpose: &'a str },
    PurposeOwnerSearch,
    PurposeKeyReport,
    PurposeDisablingKeys,
    PurposeSignedWithNewKey,

    // ---- Subcommands ----
    // Table headers (`camtui records`).
    ColumnTime,
    ColumnAction,
    ColumnSourceIp,
    ColumnRegion,
    ColumnResult,
    /// `camtui records` found nothing.
    NoRecords { secret_id: &'a str },
    // `camtui users`, `camtui user NAME`.
    ColumnName,
    ColumnType,
    ColumnRemark,
    ColumnConsole,
    ColumnCreated,
    ConsoleAllowed,
    ConsoleDenied,
    FieldUsername,
    FieldType,
    FieldRemark,
    FieldConsoleLogin,
    FieldPhone,
    FieldEmail,
    FieldLastLoginIp,
    FieldLastLogin,
    FieldCreated,
    FieldApiKeys,
    KeyCount { count: usize, limit: usize, enabled: usize },
    NoPolicies,
    ColumnPolicy,
    ColumnPolicyType,
    ColumnAttachedVia,
    ColumnAttached,
    InNoGroup,
    ColumnGroup,
    FieldLoginProtection,
    FieldOperationProtection,
    FieldUnusualLogin,
    /// A user known only by UIN.
    UserByUin { uin: u64 },
    // `camtui keys …`, `camtui whois`.
    ColumnSecretId,
    ColumnStatus,
    ColumnLastUsed,
    ColumnDescription,
    FieldUser,
    FieldStatus,
    FieldDescription,
    FieldOwner,
    /// After `keys create` printed the SecretKey.
    SaveSecretKey { request_id: &'a str },
    /// What a key now is after `keys enable|disable|delete`; `done` is its status or `KeyDeleted`.
    KeyChanged { done: &'a str, secret_id: &'a str, user: &'a str, request_id: &'a str },
    KeyDeleted,
    /// `keys delete` asks for the last four characters.
    DeletePrompt { secret_id: &'a str, user: &'a str },
    // Why a subcommand failed (`CommandError`), and what to do about it.
    ErrorDeleteNeedsYes,
    ErrorRunsLocally,
    ErrorInvalidJson { error: &'a str, json: &'a str },
    ErrorJsonNotObject,
    ErrorNotASecretId { text: &'a str },
    ErrorReadOnly { target: &'a str, why: &'a str },
    ReadOnlyInProfile { profile: &'a str },
    ErrorNoSuchUser { name: &'a str },
    ErrorNoKeyInReply { request_id: &'a str },
    ErrorNoSuchKey { user: &'a str, secret_id: &'a str },
    ErrorKeyEnabled { secret_id: &'a str, user: &'a str },
    ErrorNotConfirmed,
    ErrorNoOwner { secret_id: &'a str, searched: usize },
    ErrorNoOwnerSomeUnread {
        secret_id: &'a str,
        searched: usize,
        unread: usize,
        name: &'a str,
        error: &'a str,
    },
    ErrorInterrupted,
    ErrorOutput { error: &'a str },
    Hint { hint: &'a str },
    // `camtui keys rotate` and the walks' progress (`whois`, `report`).
    FieldReplaces,
    /// What a finished rotation did to the old key; `done` is `KeyDisabled` or `KeyDeleted`.
    KeyDone { done: &'a str, secret_id: &'a str, request_id: &'a str },
    KeyNowInUse { secret_id: &'a str, user: &'a str },
    RotateNext { old: &'a str },
    RetireDisabled,
    RetireEnabled,
    ErrorNoFreeSlot { user: &'a str, limit: usize, retire: &'a str, how: &'a str },
    ErrorRotationUnderWay { old: &'a str, new: &'a str, created: &'a str },
    ErrorNoSuccessor { old: &'a str },
    ErrorUnknownCreateTime { secret_id: &'a str, created: &'a str },
    /// The old key was used after its successor was made; `evidence` is a line per use.
    UsedAfterSuccessor { old: &'a str, new: &'a str, created: &'a str, evidence: &'a str },
    ErrorStillUsed { used: &'a str, old: &'a str, new: &'a str },
    ForceWarning { used: &'a str },
    EvidenceLastUsed { date: &'a str },
    EvidenceRecord { time: &'a str, action: &'a str, ip: &'a str, result: &'a str },
    WalkProgress { what: &'a str, done: usize, total: usize },
    WalkProgressLeft { what: &'a str, done: usize, total: usize, seconds: u64 },
    SearchingKeys,
    ListingKeys,
    // `camtui report`.
    ColumnUser,
    ColumnAge,
    ColumnIdle,
    ColumnFlags,
    /// An age or an idle time in days, in `camtui report`'s table.
    ReportDays { days: i64 },
    /// Users whose keys the report could not list, each `name (Code)`.
    ReportSkippedWarning { count: usize, users: &'a str },
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use unicode_width::UnicodeWidthStr;

    use super::*;
    use crate::cam::credential::environment_of;

    /// A value to build a message with in the tests.
    pub trait Sample {
        fn sample() -> Self;
    }

    impl Sample for &'static str {
        fn sample() -> Self {
            "alice.chen"
        }
    }

    macro_rules! sample_numbers {
        ($($ty:ty),*) => {$(
            impl Sample for $ty {
                fn sample() -> Self {
                    20
                }
            }
        )*};
    }
    sample_numbers!(u8, u16, u32, u64, usize, i64);

    #[test]
    fn the_flag_wins_then_the_profile_then_the_locale() {
        let zh = environment_of(&[("LANG", "zh_CN.UTF-8")]);
        let none = environment_of(&[]);
        assert_eq!(
            resolve(Some(Language::EnUs), Some(Language::ZhCn), &zh),
            Language::EnUs
        );
        assert_eq!(resolve(None, Some(Language::EnUs), &zh), Language::EnUs);
        assert_eq!(resolve(None, None, &zh), Language::ZhCn);
        assert_eq!(resolve(None, None, &none), Language::EnUs);
    }

    #[test]
    fn the_locale_is_read_as_posix_reads_it() {
        let language = |pairs: &[(&str, &str)]| from_locale(&environment_of(pairs));
        assert_eq!(language(&[]), None);
        assert_eq!(language(&[("LANG", "")]), None);
        assert_eq!(language(&[("LANG", "zh_CN.UTF-8")]), Some(Language::ZhCn));
        assert_eq!(language(&[("LANG", "zh_TW.Big5")]), Some(Language::ZhCn));
        assert_eq!(language(&[("LANG", "C.UTF-8")]), Some(Language::EnUs));
        // LC_ALL overrides LC_MESSAGES, which overrides LANG; an empty one does not count.
        let all = [
            ("LC_ALL", "en_US.UTF-8"),
            ("LC_MESSAGES", "zh_CN"),
            ("LANG", "zh_CN"),
        ];
        assert_eq!(language(&all), Some(Language::EnUs));
        let messages = [("LC_ALL", ""), ("LC_MESSAGES", "zh_CN"), ("LANG", "en_GB")];
        assert_eq!(language(&messages), Some(Language::ZhCn));
    }

    #[test]
    fn every_message_has_words_in_both_languages_and_fits_its_place() {
        for (text, width) in Text::samples() {
            for language in Language::ALL {
                let words = language.text(text);
                assert!(
                    !words.trim().is_empty(),
                    "{text:?} is empty in {language:?}"
                );
                // A message of several lines (`\n`) is drawn a line at a time.
                let widest = words.lines().map(UnicodeWidthStr::width).max();
                if let (Some(width), Some(widest)) = (width, widest) {
                    assert!(
                        widest <= width,
                        "{text:?} in {language:?} is {widest} cells wide where {width} fit: {words}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_message_is_used() {
        let mut sources = String::new();
        read_sources(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut sources,
        );
        let unused: Vec<&str> = Text::NAMES
            .iter()
            .copied()
            .filter(|name| !uses(&sources, name))
            .collect();
        assert!(unused.is_empty(), "messages no code uses: {unused:?}");
    }

    /// Whether `Text::name` appears as a whole name (not as the start of a longer one).
    fn uses(sources: &str, name: &str) -> bool {
        let needle = format!("Text::{name}");
        sources.match_indices(&needle).any(|(at, _)| {
            let next = sources[at + needle.len()..].chars().next();
            !next.is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
    }

    /// Every Rust file under `dir` except the catalogues themselves (`i18n/words.rs` and
    /// `i18n/call.rs` count).
    fn read_sources(dir: &Path, into: &mut String) {
        for entry in std::fs::read_dir(dir).expect("src is readable") {
            let path = entry.expect("a directory entry").path();
            let catalogue = ["i18n/mod.rs", "i18n/en.rs", "i18n/zh_cn.rs"]
                .iter()
                .any(|file| path.ends_with(file));
            if catalogue {
                continue;
            }
            if path.is_dir() {
                read_sources(&path, into);
            } else if path.extension().is_some_and(|e| e == "rs") {
                into.push_str(&std::fs::read_to_string(&path).expect("a source file"));
            }
        }
    }
}
