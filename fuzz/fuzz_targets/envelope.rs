//! The client's envelope decoder and the typed response decoding never panic on any body.
#![no_main]

use camtui::cam::model::{
    CreateAccessKeyResponse, DescribeEventsResponse, GetSecurityLastUsedResponse, GetUserResponse,
    ListAccessKeysResponse, ListCollaboratorsResponse, ListUsersResponse, LookUpEventsResponse,
};
use camtui::cam::transport::decode_envelope;
use libfuzzer_sys::fuzz_target;

fn typed<T: for<'de> serde::Deserialize<'de>>(value: &serde_json::Value) {
    let _ = serde_json::from_value::<T>(value.clone());
}

fuzz_target!(|data: &[u8]| {
    if let Ok(reply) = decode_envelope("fuzz", data) {
        let Ok(value) = reply.decode::<serde_json::Value>() else {
            return;
        };
        let v = &value;
        typed::<ListUsersResponse>(v);
        typed::<GetUserResponse>(v);
        typed::<ListCollaboratorsResponse>(v);
        typed::<ListAccessKeysResponse>(v);
        typed::<CreateAccessKeyResponse>(v);
        typed::<GetSecurityLastUsedResponse>(v);
        typed::<DescribeEventsResponse>(v);
        typed::<LookUpEventsResponse>(v);
        for event in serde_json::from_value::<DescribeEventsResponse>(v.clone()).map(|r| r.events).unwrap_or_default() {
            let _ = event.api_error_code();
        }
    }
});
