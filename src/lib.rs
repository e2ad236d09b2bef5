//! camtui: a terminal console for Tencent Cloud CAM sub-account API keys.
//!
//! Three rooms, one door each:
//! - [`cam`]: the Tencent Cloud API 3.0 client — the TC3 signer, credentials, transport, the
//!   typed model of every action and typed calls.
//! - `server`: the CAM-compatible server (`camtui serve` and the in-process sandbox); it verifies
//!   requests with the same signer the client signs with.
//! - `tui`: the console — events become actions, a pure update turns actions into state and
//!   effects, a worker runs effects as API calls and reports back as actions.
//!
//! [`cli`] parses the command line, [`config`] reads the profiles of `config.toml`, [`target`]
//! decides which endpoint and credential to use and [`paths`] where files live. [`commands`] are
//! the scriptable subcommands.

pub mod cam;
pub mod cli;
pub mod commands;
pub mod config;
pub mod paths;
pub mod server;
pub mod target;
pub mod tui;
