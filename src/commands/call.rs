//! `camtui call ACTION --json PARAMS`: signs and sends any action, prints the JSON `Response`.

use crate::cam::Client;
use crate::cli::CallArgs;
use crate::commands::output::{CommandError, Console, write_json};

pub async fn run(
    client: &Client,
    args: &CallArgs,
    console: &mut Console<'_>,
) -> Result<(), CommandError> {
    let params: serde_json::Value = serde_json::from_str(&args.json).map_err(|e| {
        CommandError::Usage(format!("--json is not valid JSON ({e}): {}", args.json))
    })?;
    if !params.is_object() {
        return Err(CommandError::Usage(
            "--json must be a JSON object, e.g. '{\"TargetUin\": 100000000001}'".into(),
        ));
    }
    let response = client
        .call_raw(args.service.into(), &args.action, &params)
        .await?;
    write_json(console.out, &response)
}
