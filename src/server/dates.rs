//! CAM's datetimes and dates, in Beijing time as CAM writes them (spec §10): the handlers' replies
//! and the audit trail's events keep times as Unix seconds and format them here.

use chrono::{Datelike as _, Timelike as _};

use crate::cam::de::beijing;

/// `YYYY-MM-DD HH:MM:SS` in Beijing time.
pub fn datetime(unix: i64) -> String {
    // Fields written directly: a format string is parsed again on every call, and searches
    // format twenty of these per page.
    let t = chrono::DateTime::from_timestamp(unix, 0)
        .unwrap_or_default()
        .with_timezone(&beijing());
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// `YYYY-MM-DD` in Beijing time.
pub fn date(unix_ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(unix_ms)
        .unwrap_or_default()
        .with_timezone(&beijing())
        .format("%Y-%m-%d")
        .to_string()
}
