//! The server's request decoding for every action, POST JSON form: never panics, refuses only
//! with a parameter error code (never `InternalError`), and what it accepts it accepts again
//! unchanged when sent back as JSON (normalisation is idempotent).
#![no_main]

use camtui::server::handlers::ACTIONS;
use camtui::server::params::Input;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let spec = &ACTIONS[usize::from(selector) % ACTIONS.len()];
    match spec.decode(Input::Json(body)) {
        Ok(params) => {
            let again = serde_json::to_vec(&params).expect("a JSON value serialises");
            let reparsed = spec
                .decode(Input::Json(&again))
                .unwrap_or_else(|e| panic!("{}: accepted, then refused as JSON: {e}", spec.name));
            assert_eq!(
                params, reparsed,
                "{}: normalisation is not idempotent",
                spec.name
            );
        }
        Err(e) => common::assert_parameter_error(spec.name, &e),
    }
});
