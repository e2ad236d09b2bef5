//! Shared by the request-decoding targets.

use camtui::server::error::{Code, ServerError};

/// Decoding may refuse a request only with one of the spec's parameter codes.
pub fn assert_parameter_error(action: &str, error: &ServerError) {
    let code = error.code();
    assert!(
        matches!(
            code,
            Code::InvalidParameter
                | Code::MissingParameter
                | Code::UnknownParameter
                | Code::InvalidParameterValue
        ),
        "{action}: decoding answered {code}: {error}"
    );
}
