//! The `factlint` binary: a thin shell over [`factlint::cli`].

fn main() -> std::process::ExitCode {
    factlint::cli::main()
}
