//! Whether another process may have changed users or keys, for the price of one `pread`: every
//! commit that writes the change log bumps a counter in `<db>.changes` (8 bytes, under an
//! exclusive `flock`), after it commits and before it is answered. A process that reads the
//! same number it read last time knows no change was answered since; otherwise it asks the
//! database. The counter is the file's own, not the log's version, so a database deleted and
//! made again beside an old file cannot repeat a number. A writer that dies between its commit
//! and its announcement was never answered; the next announcement, or the directory's periodic
//! check, brings it.
//!
//! The log is written only while another process has the database open: each holds a shared
//! `flock` on `<db>.processes` from [`ChangeSignal::open`] on, and a write transaction asks
//! ([`ChangeSignal::others`]) whether that lock is the only one. Both happen under SQLite's
//! write lock, so no process opens the database while a transaction decides it is alone; and a
//! process alone keeps the lock exclusive until its in-memory directory holds what it committed
//! ([`ChangeSignal::settle`]), so one that opens the database next reads all of it.

use std::fs::{File, TryLockError};
use std::io;
use std::os::unix::fs::FileExt as _;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Debug)]
pub struct ChangeSignal {
    /// `<db>.changes`: the counter.
    file: File,
    /// `<db>.processes`: locked shared for as long as this is open, exclusive while a
    /// transaction of this process that found itself alone is not over.
    presence: File,
    exclusive: AtomicBool,
}

/// The files beside the database: `<db>.changes` and `<db>.processes`.
pub const SUFFIXES: [&str; 2] = [".changes", ".processes"];

impl ChangeSignal {
    /// Opens the files beside `db` and counts this process among those that have it open.
    /// Call it holding the database's write lock (see the module's documentation).
    pub fn open(db: &Path) -> io::Result<Self> {
        let open = |suffix| {
            let mut options = std::fs::OpenOptions::new();
            options.read(true).write(true).create(true).truncate(false);
            {
                use std::os::unix::fs::OpenOptionsExt as _;
                options.mode(0o600);
            }
            options.open(super::beside(db, suffix))
        };
        let presence = open(SUFFIXES[1])?;
        presence.lock_shared()?;
        Ok(Self {
            file: open(SUFFIXES[0])?,
            presence,
            exclusive: AtomicBool::new(false),
        })
    }

    /// Whether another process has the database open. Call it holding the database's write
    /// lock, and [`settle`](Self::settle) once what the transaction wrote is in memory: when
    /// this process is alone, no other opens the database until then.
    pub fn others(&self) -> io::Result<bool> {
        match self.presence.try_lock() {
            Ok(()) => {
                self.exclusive.store(true, Ordering::Release);
                Ok(false)
            }
            Err(TryLockError::WouldBlock) => {
                // A refused conversion leaves no lock at all (flock(2)).
                self.presence.lock_shared()?;
                Ok(true)
            }
            Err(TryLockError::Error(error)) => {
                self.presence.lock_shared()?;
                Err(error)
            }
        }
    }

    /// Lets other processes open the database again after [`others`](Self::others).
    pub fn settle(&self) -> io::Result<()> {
        if self.exclusive.swap(false, Ordering::AcqRel) {
            self.presence.lock_shared()?;
        }
        Ok(())
    }

    /// How many changes have been announced, by every process (0 before the first).
    pub fn announced(&self) -> io::Result<u64> {
        let mut bytes = [0; 8];
        let read = self.file.read_at(&mut bytes, 0)?;
        Ok(if read == bytes.len() {
            u64::from_le_bytes(bytes)
        } else {
            0
        })
    }

    /// Counts one more change and returns its number: under the lock, so that two processes
    /// announcing together make two numbers, never the same one twice.
    pub fn announce(&self) -> io::Result<u64> {
        self.file.lock()?;
        let result = self.announced().and_then(|count| {
            let number = count.wrapping_add(1);
            self.file.write_all_at(&number.to_le_bytes(), 0)?;
            Ok(number)
        });
        self.file.unlock()?;
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_announcement_is_a_new_number_every_opener_sees() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("cam.db");
        let (one, two) = (
            ChangeSignal::open(&db).unwrap(),
            ChangeSignal::open(&db).unwrap(),
        );
        assert_eq!(one.announced().unwrap(), 0);
        assert_eq!(one.announce().unwrap(), 1);
        assert_eq!(two.announced().unwrap(), 1);
        let together: Vec<_> = (0..8)
            .map(|_| {
                let signal = ChangeSignal::open(&db).unwrap();
                std::thread::spawn(move || {
                    (0..100).for_each(|_| {
                        signal.announce().unwrap();
                    });
                })
            })
            .collect();
        for thread in together {
            thread.join().unwrap();
        }
        assert_eq!(one.announced().unwrap(), 801, "no announcement lost");
    }
}
