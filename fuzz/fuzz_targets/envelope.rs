//! The client's envelope decoder and every typed response decoding never panic on any body.
//! Each type is decoded as production decodes it: straight from the `Response` object's text
//! (`Reply::decode`), not through a `serde_json::Value`.
#![no_main]

use camtui::cam::model::{
    CreateAccessKeyResponse, DescribeEventsResponse, GetSecurityLastUsedResponse, GetUserResponse,
    ListAccessKeysResponse, ListCollaboratorsResponse, ListUsersResponse, LookUpEventsResponse,
};
use camtui::cam::transport::decode_envelope;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(reply) = decode_envelope("fuzz", data) else {
        return;
    };
    let _ = reply.decode::<ListUsersResponse>();
    let _ = reply.decode::<GetUserResponse>();
    let _ = reply.decode::<ListCollaboratorsResponse>();
    let _ = reply.decode::<ListAccessKeysResponse>();
    let _ = reply.decode::<CreateAccessKeyResponse>();
    let _ = reply.decode::<GetSecurityLastUsedResponse>();
    let _ = reply.decode::<LookUpEventsResponse>();
    if let Ok(events) = reply.decode::<DescribeEventsResponse>() {
        for event in events.events {
            let _ = event.api_error_code();
        }
    }
});
