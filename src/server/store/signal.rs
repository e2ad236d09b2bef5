//! Whether another process may have changed users or keys, for the price of one `pread`: every
//! commit that writes the change log announces its version in `<db>.changes` (8 bytes, only
//! ever raised, under an exclusive `flock`), after it commits and before it is answered. A
//! process that reads the same number it read last time knows no change was answered since;
//! otherwise it asks the database. A writer that dies between its commit and its announcement
//! was never answered; the next announcement, or the directory's periodic check, brings it.

use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt as _;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct ChangeSignal {
    file: File,
}

/// `<db>.changes`.
pub fn path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".changes");
    PathBuf::from(name)
}

impl ChangeSignal {
    pub fn open(db: &Path) -> io::Result<Self> {
        let mut options = std::fs::OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            options.mode(0o600);
        }
        Ok(Self {
            file: options.open(path(db))?,
        })
    }

    /// The latest version announced by any process (0 before the first).
    pub fn announced(&self) -> io::Result<u64> {
        let mut bytes = [0; 8];
        let read = self.file.read_at(&mut bytes, 0)?;
        Ok(if read == bytes.len() {
            u64::from_le_bytes(bytes)
        } else {
            0
        })
    }

    /// Raises the announced version to `version` (never lowers it: a slower writer's older
    /// version must not bring back a number a reader has already seen).
    pub fn announce(&self, version: u64) -> io::Result<()> {
        self.file.lock()?;
        let result = self.announced().and_then(|current| {
            if version > current {
                self.file.write_all_at(&version.to_le_bytes(), 0)
            } else {
                Ok(())
            }
        });
        self.file.unlock()?;
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_ever_raised_and_seen_by_every_opener() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("cam.db");
        let (one, two) = (
            ChangeSignal::open(&db).unwrap(),
            ChangeSignal::open(&db).unwrap(),
        );
        assert_eq!(one.announced().unwrap(), 0);
        one.announce(7).unwrap();
        assert_eq!(two.announced().unwrap(), 7);
        two.announce(5).unwrap();
        assert_eq!(
            one.announced().unwrap(),
            7,
            "a slower writer's older version"
        );
        two.announce(9).unwrap();
        assert_eq!(one.announced().unwrap(), 9);
    }
}
