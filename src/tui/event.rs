//! Everything from outside the process that the loop waits on: terminal input (keys, pastes,
//! and the mouse with `--mouse`), resizes, the
//! quarter-second tick and the signals that must restore the terminal (SIGTERM, SIGHUP).

use std::time::Duration;

use crossterm::event::{Event as TerminalEvent, EventStream, KeyEvent, MouseEvent};
use futures::StreamExt as _;
use tokio::signal::unix::{Signal, SignalKind, signal};
use tokio::time::{Interval, MissedTickBehavior};

use super::state::TICKS_PER_SECOND;

#[derive(Debug)]
pub enum Event {
    Key(KeyEvent),
    Resize(u16, u16),
    /// Only reported with `--mouse`.
    Mouse(MouseEvent),
    /// Bracketed paste: the pasted text, whole.
    Paste(String),
    Tick,
    /// A signal asking us to stop, by name.
    Stop(&'static str),
    /// The terminal's input is gone or broken.
    InputClosed(Option<std::io::Error>),
}

pub struct Events {
    input: EventStream,
    tick: Interval,
    terminate: Signal,
    hangup: Signal,
}

impl Events {
    pub fn new() -> std::io::Result<Self> {
        let mut tick = tokio::time::interval(Duration::from_millis(1000 / TICKS_PER_SECOND));
        // A stalled loop catches up on the clipboard countdown rather than drifting.
        tick.set_missed_tick_behavior(MissedTickBehavior::Burst);
        Ok(Self {
            input: EventStream::new(),
            tick,
            terminate: signal(SignalKind::terminate())?,
            hangup: signal(SignalKind::hangup())?,
        })
    }

    pub async fn next(&mut self) -> Event {
        loop {
            tokio::select! {
                input = self.input.next() => match input {
                    Some(Ok(TerminalEvent::Key(key))) => return Event::Key(key),
                    Some(Ok(TerminalEvent::Resize(columns, rows))) => return Event::Resize(columns, rows),
                    Some(Ok(TerminalEvent::Mouse(mouse))) => return Event::Mouse(mouse),
                    Some(Ok(TerminalEvent::Paste(text))) => return Event::Paste(text),
                    // Focus changes are not used.
                    Some(Ok(_)) => {}
                    Some(Err(e)) => return Event::InputClosed(Some(e)),
                    None => return Event::InputClosed(None),
                },
                _ = self.tick.tick() => return Event::Tick,
                _ = self.terminate.recv() => return Event::Stop("SIGTERM"),
                _ = self.hangup.recv() => return Event::Stop("SIGHUP"),
            }
        }
    }
}
