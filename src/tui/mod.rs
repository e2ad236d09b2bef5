//! The console (product.md §2), a one-way stack: terminal events become [`action::Action`]s
//! through the [`keymap`], the pure [`update::update`] turns them into a new [`state::State`] and
//! [`action::Effect`]s, the [`worker`] runs the calls and reports back as actions, and [`ui`]
//! draws the state by borrowing it.
//!
//! Top down, each module importing only those below it:
//! - [`app`]: the loop — events in, effects out to the [`connection`] and the [`clipboard`], a
//!   frame when something changed;
//! - [`connection`]: the target — resolving and connecting it, `:profile` switches, and the
//!   calls waiting for it; [`worker`]: requests as `cam::Client` calls, answers as actions;
//! - [`update`]: routes an action to the concern it is about (`update/`: a file per screen or
//!   concern, sharing `update/core`); [`ui`]: the widgets;
//! - [`geometry`]: page sizes, first rows, tab columns and the help's layout, shared by the two;
//! - [`keymap`]: the one table of keys (resolution, footer hints, help);
//! - [`state`]: everything on screen, and which [`state::Context`] has the focus; the Key
//!   Report's table is [`report_table`];
//! - [`action`]: actions, commands, effects, requests and replies;
//! - [`model`]: plain data — tabs, tickets, failures, the listed users, user details, last use,
//!   access records;
//! - leaves: [`command_line`] (parse, complete), [`call_log`], [`clipboard`], [`event`],
//!   [`text_field`] (a line edited as a shell's), [`theme`], [`words`] (the domain's values in
//!   the run's language).

pub mod action;
pub mod app;
pub mod call_log;
pub mod clipboard;
pub mod command_line;
pub mod connection;
pub mod event;
pub mod geometry;
pub mod keymap;
pub mod model;
pub mod report_table;
pub mod state;
pub mod text_field;
pub mod theme;
pub mod ui;
pub mod update;
pub mod worker;

pub use app::{Options, run};
