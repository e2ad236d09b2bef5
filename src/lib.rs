//! camtui: a terminal console for Tencent Cloud CAM sub-account API keys.
//!
//! Three rooms, one door each:
//! - [`cam`]: the Tencent Cloud API 3.0 client — the TC3 signer, credentials, transport, the
//!   typed model of every action (with the [`cam::model::SecretId`] and [`cam::model::User`]
//!   everyone shares) and typed calls, and the search for a SecretId's owner.
//! - `server`: the CAM-compatible server (`camtui serve` and the in-process sandbox); it verifies
//!   requests with the same signer the client signs with.
//! - `tui`: the console — events become actions, a pure update turns actions into state and
//!   effects, a worker runs effects as API calls and reports back as actions.
//!
//! Around them, top down, each importing only what is below it: `main.rs`; [`commands`] (the
//! scriptable subcommands, which run what [`cli`] parsed); [`cli`] (clap stays there: it converts
//! into the plain option types below); `tui`; [`target`] (which endpoint and credential);
//! [`config`] (the profiles of `config.toml`), `server` and [`paths`] (where files live);
//! [`i18n`] (the words a person reads, in their language); [`cam`].

pub mod cam;
pub mod cli;
pub mod commands;
pub mod config;
pub mod i18n;
pub mod paths;
pub mod server;
pub mod target;
pub mod tui;
