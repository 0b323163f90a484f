//! `scripts/check-tools.sh`, which `make setup` runs before any build: a missing tool stops
//! the run at once, named with the package that provides it (a fresh machine once failed half
//! an hour in, inside cargo, with "linker `rust-lld` not found").
//!
//! Each case runs the script against a scratch folder of stand-in tools, with `PATH` holding
//! only that folder, so what the machine itself has installed does not count.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every tool the script looks up by name.
const TOOLS: [&str; 8] = [
    "trunk",
    "wasm-bindgen",
    "wasm-bindgen-test-runner",
    "wasm-opt",
    "node",
    "chromium",
    "chromedriver",
    "pdftotext",
];
/// What the Debian route adds, in its own folder.
const DEBIAN_TOOLS: [&str; 3] = ["rustc", "cargo", "rust-lld"];

struct Machine {
    root: PathBuf,
}

impl Machine {
    /// A scratch machine with every tool but `without`.
    fn new(name: &str, without: &[&str]) -> Machine {
        let root =
            std::env::temp_dir().join(format!("qp-check-tools-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        for dir in ["bin", "debian-bin", "tools/bin", "rust-src"] {
            fs::create_dir_all(root.join(dir)).unwrap();
        }
        // The script's own helpers.
        for helper in ["dirname", "awk"] {
            let found = ["/usr/bin", "/bin"]
                .iter()
                .map(|d| Path::new(d).join(helper))
                .find(|p| p.exists())
                .unwrap_or_else(|| panic!("{helper} not found on this machine"));
            std::os::unix::fs::symlink(found, root.join("bin").join(helper)).unwrap();
        }
        let stub = |path: PathBuf| {
            fs::write(&path, "#!/bin/sh\nexit 0\n").unwrap();
            fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
        };
        for tool in TOOLS.iter().filter(|t| !without.contains(t)) {
            stub(root.join("bin").join(tool));
        }
        for tool in DEBIAN_TOOLS.iter().filter(|t| !without.contains(t)) {
            stub(root.join("debian-bin").join(tool));
        }
        Machine { root }
    }

    /// Run the check on the given route: (exit code, what it printed).
    fn check(&self, route: &str) -> (i32, String) {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/check-tools.sh");
        let out = Command::new("/bin/bash")
            .arg(script)
            .env_clear()
            .env("PATH", self.root.join("bin"))
            .env("HOME", &self.root)
            .env("QP_ROUTE", route)
            .env("QP_TOOLS", self.root.join("tools"))
            .env("QP_DEBIAN_BIN", self.root.join("debian-bin"))
            .env("QP_RUST_SRC", self.root.join("rust-src"))
            .output()
            .expect("bash runs");
        let text = String::from_utf8_lossy(&out.stderr).into_owned()
            + &String::from_utf8_lossy(&out.stdout);
        (out.status.code().unwrap_or(-1), text)
    }
}

impl Drop for Machine {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

#[test]
fn a_machine_with_every_tool_passes_silently() {
    let m = Machine::new("all", &[]);
    for route in ["debian", "rustup"] {
        let (code, text) = m.check(route);
        assert_eq!(code, 0, "{route}: {text}");
        assert_eq!(text, "", "{route}");
    }
}

#[test]
fn a_missing_wasm_linker_is_named_with_its_package_on_the_debian_route() {
    let m = Machine::new("lld", &["rust-lld"]);
    let (code, text) = m.check("debian");
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("rust-lld"), "{text}");
    assert!(text.contains("rust-web-llvm"), "{text}");
    // Nothing else is reported missing, and the run stops before building.
    assert_eq!(text.matches("missing").count(), 1, "{text}");
    assert!(text.contains("stopping before any build"), "{text}");
    // A rustup toolchain with the wasm32 target links without Debian's linker.
    assert_eq!(m.check("rustup").0, 0);
}

#[test]
fn each_missing_tool_is_named_with_what_provides_it() {
    for (tool, provider) in [
        ("chromedriver", "chromium-driver"),
        ("pdftotext", "poppler-utils"),
        ("chromium", "Debian package chromium"),
        ("node", "nodejs"),
        ("trunk", "cargo install trunk"),
        ("wasm-bindgen", "wasm-bindgen-cli"),
    ] {
        let m = Machine::new(tool, &[tool]);
        let (code, text) = m.check("rustup");
        assert_eq!(code, 1, "{tool}: {text}");
        assert!(
            text.contains(&format!("missing tool: {tool} ")),
            "{tool}: {text}"
        );
        assert!(text.contains(provider), "{tool}: {text}");
    }
}

#[test]
fn debian_routes_std_sources_are_checked() {
    let m = Machine::new("src", &[]);
    fs::remove_dir_all(m.root.join("rust-src")).unwrap();
    let (code, text) = m.check("debian");
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("rust-web-src"), "{text}");
}
