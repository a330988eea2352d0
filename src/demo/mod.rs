//! The demo ledger: realistic, deterministic, from a dozen communities to a province.
pub mod names;
pub mod rng;
