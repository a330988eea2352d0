//! The demo ledger: realistic, deterministic, from a dozen communities to a province.
pub mod rng;
