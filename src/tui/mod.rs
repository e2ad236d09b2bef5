//! The console (product.md §2): terminal events become [`action::Action`]s through the
//! [`keymap`], the pure [`update::update`] turns actions into a new [`state::State`] and
//! [`update::Effect`]s, the [`worker`] runs effects as API calls on tokio tasks and reports back
//! as actions, and [`ui`] draws the state by borrowing it. [`app`] is the loop that ties them.

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
pub mod state;
pub mod theme;
pub mod ui;
pub mod update;
pub mod worker;

pub use app::{Options, run};
