//! The `factlint` binary: a thin shell over [`factlint::cli`].

/// Extraction makes many small, short-lived allocations (a mention's unit and
/// noun, a claim's metric words); mimalloc serves them faster than the system
/// allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    factlint::cli::main()
}
