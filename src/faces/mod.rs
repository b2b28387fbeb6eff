//! Thin faces around the core. The CLI lives in `src/main.rs`; the browser binding is here.

#[cfg(target_arch = "wasm32")]
pub mod wasm;
