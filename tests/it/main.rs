//! Every integration test in one binary, so a cold `cargo test` links the crate once. Each module
//! is one subject; `support` holds what they share (a server on 127.0.0.1:0, signed raw requests,
//! a fault-injecting proxy, `camtui serve` as a process, tmux).

mod support;

mod cli_e2e;
mod cli_key_hygiene;
mod client_endpoints;
mod client_transport;
mod conformance;
mod hardening_attacks;
mod hardening_bad_input;
mod hardening_concurrency;
mod hardening_crash;
mod hardening_faults;
mod hardening_secrets;
mod hardening_tui;
mod model_decoding;
mod server_audit;
mod server_compat;
mod server_iam;
mod server_keys;
mod server_limits;
mod server_processes;
mod server_protocol;
mod server_users;
mod shell;
mod signer_vectors;
mod tui_hygiene_tmux;
mod tui_operator_tmux;
mod tui_tmux;
mod tui_worker;
mod user_listing;
mod user_walks;
