//! The key–value store under the library: the browser's localStorage, or memory.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use gloo_storage::{LocalStorage, Storage};

use crate::engine::Bilingual;

/// Why a write failed.
#[derive(Debug, Clone, PartialEq)]
pub enum WriteError {
    /// The browser's storage is full (about 5 MB per site).
    Full,
    /// Any other refusal, with the browser's words.
    Refused(String),
}

impl WriteError {
    pub fn message(&self) -> Bilingual {
        match self {
            WriteError::Full => {
                Bilingual::new("浏览器存储空间已满", "the browser's storage is full")
            }
            WriteError::Refused(why) => Bilingual::new(
                format!("浏览器拒绝写入（{why}）"),
                format!("the browser refused the write ({why})"),
            ),
        }
    }
}

/// A synchronous key–value store of strings.
pub trait Store {
    fn get(&self, key: &str) -> Result<Option<String>, String>;
    fn set(&self, key: &str, value: &str) -> Result<(), WriteError>;
    fn remove(&self, key: &str);
    fn keys(&self) -> Vec<String>;
}

/// The browser's localStorage: gloo-storage's handle, once the browser has said it has one.
pub struct BrowserStore(web_sys::Storage);

impl BrowserStore {
    /// `None` when the browser has no localStorage for this page (disabled, blocked). Asked
    /// of the browser first: gloo's accessor throws a JavaScript exception on such a page,
    /// which unwinds nothing on the Rust side.
    pub fn open() -> Option<Self> {
        web_sys::window()?.local_storage().ok()??;
        Some(BrowserStore(LocalStorage::raw()))
    }
}

fn js_error_name(e: &wasm_bindgen::JsValue) -> String {
    js_sys::Reflect::get(e, &wasm_bindgen::JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_else(|| js_error_text(e))
}

/// A thrown JavaScript value as text: a string as it is, an error as `name: message`.
/// (Not `{:?}`: release builds leave Debug formatting out.)
pub fn js_error_text(e: &wasm_bindgen::JsValue) -> String {
    if let Some(text) = e.as_string() {
        return text;
    }
    let field = |name: &str| {
        js_sys::Reflect::get(e, &wasm_bindgen::JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
            .filter(|v| !v.is_empty())
    };
    match (field("name"), field("message")) {
        (Some(name), Some(message)) => format!("{name}: {message}"),
        (name, message) => name.or(message).unwrap_or_else(|| "unknown error".into()),
    }
}

// Every call goes through the handle gloo gave, keeping its errors: gloo's `get` and `set`
// would wrap each value in JSON again (a scenario's text stored as a JSON string of itself,
// which older copies of the app could not read), and its `delete` and `length` throw a
// JavaScript exception when the browser refuses, which would skip the Rust side's cleanup
// (the library's borrow of this store stays taken, and every later save fails).
// Storage blocked in mid-session is then one more refused write, said next to the save.
impl Store for BrowserStore {
    fn get(&self, key: &str) -> Result<Option<String>, String> {
        self.0.get_item(key).map_err(|e| js_error_name(&e))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), WriteError> {
        self.0.set_item(key, value).map_err(|e| {
            let name = js_error_name(&e);
            if name == "QuotaExceededError" {
                WriteError::Full
            } else {
                WriteError::Refused(name)
            }
        })
    }

    fn remove(&self, key: &str) {
        let _ = self.0.remove_item(key);
    }

    fn keys(&self) -> Vec<String> {
        let n = self.0.length().unwrap_or(0);
        (0..n)
            .filter_map(|i| self.0.key(i).ok().flatten())
            .collect()
    }
}

/// A store in memory: what the app uses when the browser refuses localStorage, and what the
/// tests use to fill the quota or to stop writing half-way (a crash between two writes).
#[derive(Default)]
pub struct MemoryStore {
    map: RefCell<BTreeMap<String, String>>,
    /// Total characters of keys and values allowed (like the browser's quota).
    pub quota_chars: Option<usize>,
    /// Writes that still succeed before every later one fails; `None`: no limit.
    pub writes_left: Cell<Option<usize>>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn snapshot(&self) -> BTreeMap<String, String> {
        self.map.borrow().clone()
    }

    fn used_without(&self, key: &str) -> usize {
        self.map
            .borrow()
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .map(|(k, v)| k.chars().count() + v.chars().count())
            .sum()
    }
}

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, String> {
        Ok(self.map.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), WriteError> {
        if let Some(left) = self.writes_left.get() {
            if left == 0 {
                return Err(WriteError::Refused("stopped".into()));
            }
            self.writes_left.set(Some(left - 1));
        }
        if let Some(quota) = self.quota_chars {
            if self.used_without(key) + key.chars().count() + value.chars().count() > quota {
                return Err(WriteError::Full);
            }
        }
        self.map.borrow_mut().insert(key.into(), value.into());
        Ok(())
    }

    fn remove(&self, key: &str) {
        self.map.borrow_mut().remove(key);
    }

    fn keys(&self) -> Vec<String> {
        self.map.borrow().keys().cloned().collect()
    }
}
