//! CAM's datetimes and dates, in Beijing time as CAM writes them (spec §10): the handlers' replies
//! and the audit trail's events keep times as Unix seconds and format them here.

use crate::cam::de::{EventTime, beijing};

/// `YYYY-MM-DD HH:MM:SS` in Beijing time.
pub fn datetime(unix: i64) -> String {
    EventTime(unix).datetime()
}

/// `YYYY-MM-DD` in Beijing time.
pub fn date(unix_ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(unix_ms)
        .unwrap_or_default()
        .with_timezone(&beijing())
        .format("%Y-%m-%d")
        .to_string()
}
