//! Where camtui keeps its files: the data directory (the sandbox's database and root
//! credential) and the log file. `CAMTUI_DATA_DIR` overrides the platform's data directory, so
//! tests and experiments never touch the real one.

use std::path::PathBuf;

use crate::cam::credential::Environment;

pub const ENV_DATA_DIR: &str = "CAMTUI_DATA_DIR";

/// The data directory: `CAMTUI_DATA_DIR`, else the platform's (e.g. `~/.local/share/camtui`).
pub fn data_dir(env: &Environment) -> Option<PathBuf> {
    if let Some(dir) = env.get(ENV_DATA_DIR).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "camtui").map(|d| d.data_dir().to_owned())
}

/// The console's log file: in the state directory where the platform has one, else beside the
/// data. With `CAMTUI_DATA_DIR` set it goes there too.
pub fn log_file(env: &Environment) -> Option<PathBuf> {
    if env.get(ENV_DATA_DIR).is_some_and(|d| !d.is_empty()) {
        return data_dir(env).map(|d| d.join("camtui.log"));
    }
    let dirs = directories::ProjectDirs::from("", "", "camtui")?;
    let dir = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir());
    Some(dir.join("camtui.log"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_overrides_the_data_dir() {
        let env: Environment = [(ENV_DATA_DIR.to_owned(), "/tmp/x".to_owned())].into();
        assert_eq!(data_dir(&env), Some(PathBuf::from("/tmp/x")));
        assert_eq!(log_file(&env), Some(PathBuf::from("/tmp/x/camtui.log")));
    }
}
