//! Finding the files to check: named files as given, directories walked (honouring
//! .gitignore and hidden-file rules) for Markdown and text files, in a stable order.

use std::path::{Path, PathBuf};

/// Extensions checked when walking a directory.
const EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// Expands `paths` into the files to check, sorted within each directory walk.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" || path.is_file() {
            files.push(path.clone());
            continue;
        }
        if !path.is_dir() {
            return Err(format!("{}: no such file or directory", path.display()));
        }
        let mut found = Vec::new();
        for entry in ignore::WalkBuilder::new(path).build() {
            let entry = entry.map_err(|e| format!("{}: {e}", path.display()))?;
            if entry.file_type().is_some_and(|t| t.is_file()) && has_checked_extension(entry.path()) {
                found.push(entry.into_path());
            }
        }
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

fn has_checked_extension(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}
