//! The server's request decoding for every action, GET query form (the SDK's flattening):
//! never panics, refuses only with a parameter error code, and what it accepts from a query it
//! also accepts, identically, as a POST JSON body.
#![no_main]

use camtui::server::handlers::ACTIONS;
use camtui::server::params::Input;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, query)) = data.split_first() else {
        return;
    };
    let spec = &ACTIONS[usize::from(selector) % ACTIONS.len()];
    let query = String::from_utf8_lossy(query);
    match spec.decode(Input::Query(&query)) {
        Ok(params) => {
            let body = serde_json::to_vec(&params).expect("a JSON value serialises");
            let as_json = spec.decode(Input::Json(&body)).unwrap_or_else(|e| {
                panic!("{}: accepted as a query, refused as JSON: {e}", spec.name)
            });
            assert_eq!(
                params, as_json,
                "{}: GET and POST forms disagree",
                spec.name
            );
        }
        Err(e) => common::assert_parameter_error(spec.name, &e),
    }
});
