//! Talking to other servers: outbound HTTP through one guarded client.

pub mod openid;
pub mod outbound;
