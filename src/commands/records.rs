//! `camtui records SECRETID`: the latest access records of a key from CloudAudit, newest first.

use serde::Serialize;

use crate::cam::Client;
use crate::cam::de::beijing;
use crate::cam::model::Event;
use crate::cli::{OutputFormat, RecordsArgs};
use crate::commands::output::{CommandError, Console, print};
use crate::commands::table::Table;
use crate::i18n::Text;

/// One access record.
#[derive(Debug, Serialize)]
struct Record {
    /// RFC 3339, Beijing time (the time zone of CAM's own timestamps).
    time: String,
    /// Unix seconds.
    time_unix: i64,
    action: String,
    source_ip: String,
    region: String,
    /// `OK`, or the API error code of a failed call.
    result: String,
    request_id: String,
}

impl Record {
    fn new(event: Event) -> Self {
        let result = event.failure().unwrap_or_else(|| "OK".to_owned());
        let region = event.region().to_owned();
        let time = chrono::DateTime::from_timestamp(event.event_time.0, 0)
            .map(|t| t.with_timezone(&beijing()).to_rfc3339())
            .unwrap_or_default();
        Self {
            time,
            time_unix: event.event_time.0,
            action: event.event_name,
            source_ip: event.source_ip_address,
            region,
            result,
            request_id: event.request_id,
        }
    }

    /// `YYYY-MM-DD HH:MM:SS` for the table.
    fn short_time(&self) -> String {
        self.time.get(..19).unwrap_or_default().replace('T', " ")
    }
}

pub async fn run(
    client: &Client,
    args: &RecordsArgs,
    console: &mut Console<'_>,
) -> Result<(), CommandError> {
    let now = chrono::Utc::now().timestamp().max(0) as u64;
    let events = client
        .latest_access_records(&args.secret_id, usize::from(args.limit), now)
        .await?;
    let records: Vec<Record> = events.into_iter().map(Record::new).collect();
    let language = console.language;
    print(console, args.output.output, &records, |records, out| {
        let mut table = Table::new(&[
            language.text(Text::ColumnTime),
            language.text(Text::ColumnAction),
            language.text(Text::ColumnSourceIp),
            language.text(Text::ColumnRegion),
            language.text(Text::ColumnResult),
        ]);
        for r in records {
            table.row(vec![
                r.short_time(),
                r.action.clone(),
                r.source_ip.clone(),
                r.region.clone(),
                r.result.clone(),
            ]);
        }
        table.write(out)
    })?;
    if records.is_empty() && args.output.output == OutputFormat::Table {
        let secret_id = args.secret_id.to_string();
        writeln!(
            console.err,
            "{}",
            language.text(Text::NoRecords {
                secret_id: &secret_id
            })
        )?;
    }
    Ok(())
}
