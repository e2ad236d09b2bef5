//! The client's envelope decoder and every typed response decoding never panic on any body.
//! Each type is decoded as production decodes it: straight from the `Response` object's text
//! (`Reply::decode`), not through a `serde_json::Value`.
#![no_main]

use camtui::cam::model::{
    AddUserResponse, CreateAccessKeyResponse, CreateGroupResponse, CreatePolicyResponse,
    DescribeEventsResponse, DescribeSafeAuthFlagCollResponse, DescribeSubAccountsResponse,
    GetPolicyResponse, GetSecurityLastUsedResponse, GetUserAppIdResponse, GetUserResponse,
    ListAccessKeysResponse, ListAttachedUserAllPoliciesResponse, ListAttachedUserPoliciesResponse,
    ListCollaboratorsResponse, ListGroupsResponse, ListPoliciesResponse, ListUsersResponse,
    LookUpEventsResponse,
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
    let _ = reply.decode::<AddUserResponse>();
    let _ = reply.decode::<DescribeSubAccountsResponse>();
    let _ = reply.decode::<GetUserAppIdResponse>();
    let _ = reply.decode::<CreatePolicyResponse>();
    let _ = reply.decode::<GetPolicyResponse>();
    let _ = reply.decode::<ListPoliciesResponse>();
    let _ = reply.decode::<ListAttachedUserPoliciesResponse>();
    let _ = reply.decode::<ListAttachedUserAllPoliciesResponse>();
    let _ = reply.decode::<CreateGroupResponse>();
    let _ = reply.decode::<ListGroupsResponse>();
    let _ = reply.decode::<DescribeSafeAuthFlagCollResponse>();
    if let Ok(events) = reply.decode::<DescribeEventsResponse>() {
        for event in events.events {
            let _ = event.failure();
        }
    }
});
