//! `camtui call ACTION --json PARAMS`: signs and sends any action, prints the JSON `Response`.

use crate::cam::Client;
use crate::cli::CallArgs;
use crate::commands::output::{CommandError, Console, write_json};

pub async fn run(
    client: &Client,
    args: &CallArgs,
    console: &mut Console<'_>,
) -> Result<(), CommandError> {
    let params: serde_json::Value =
        serde_json::from_str(&args.json).map_err(|e| CommandError::InvalidJson {
            error: e.to_string(),
            json: args.json.clone(),
        })?;
    if !params.is_object() {
        return Err(CommandError::JsonNotObject);
    }
    let response = client
        .call_raw(args.service.into(), &args.action, &params)
        .await?;
    write_json(console.out, &response)
}
