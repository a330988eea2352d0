//! Property test: no input makes the import panic. Short here (60–400 cases per
//! format, fixed seeds so a failure reproduces); `cargo run --release --example
//! fuzz_import -- --minutes 10 --format csv` runs the same generators for as long as wanted.
use std::panic::{AssertUnwindSafe, catch_unwind};

use baodao::interchange::fuzz::{
    Rng, exercise_bytes, exercise_grid, random_csv, random_grid, random_xlsx,
};

fn run(name: &str, cases: u64, case: impl Fn(&mut Rng)) {
    for seed in 0..cases {
        let mut rng = Rng::new(seed);
        if catch_unwind(AssertUnwindSafe(|| case(&mut rng))).is_err() {
            panic!("{name}: seed {seed} panicked (rerun the example with --seed {seed})");
        }
    }
}

#[test]
fn grids_of_odd_strings() {
    run("grid", 150, |rng| {
        exercise_grid(&random_grid(rng));
    });
}

#[test]
fn mangled_csv_bytes() {
    run("csv", 400, |rng| {
        exercise_bytes(&random_csv(rng));
    });
}

#[test]
fn random_and_damaged_workbooks() {
    run("xlsx", 60, |rng| {
        exercise_bytes(&random_xlsx(rng));
    });
}

#[test]
fn pure_noise() {
    run("noise", 200, |rng| {
        let len = rng.below(4096);
        let mut bytes: Vec<u8> = (0..len).map(|_| rng.next_u64() as u8).collect();
        if rng.chance(30) && bytes.len() >= 4 {
            bytes[..4].copy_from_slice(b"PK\x03\x04");
        }
        exercise_bytes(&bytes);
    });
}
