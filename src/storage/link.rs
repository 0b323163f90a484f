//! A scenario in a link: `#s1=` + URL-safe base64 of the deflated JSON. No server anywhere:
//! the fragment never leaves the browser. Decoding never trusts the link: bad base64, bad
//! compression and an expansion past [`MAX_IMPORT_BYTES`] are each refused with a reason.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use super::{import_json, stored_json, MAX_IMPORT_BYTES};
use crate::engine::{Bilingual, Scenario};

/// The fragment's prefix, with the link format's version.
pub const PREFIX: &str = "s1=";
/// Links longer than this are too long for chat apps and some browsers.
pub const LONG_LINK_CHARS: usize = 32_000;

/// The fragment (without `#`) that carries the scenario.
pub fn encode(s: &Scenario) -> String {
    let compressed = miniz_oxide::deflate::compress_to_vec(stored_json(s).as_bytes(), 9);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(compressed))
}

/// Whether a fragment carries a scenario (so the page offers to import it).
pub fn is_share_fragment(fragment: &str) -> bool {
    fragment.trim_start_matches('#').starts_with(PREFIX)
}

/// Read a fragment (with or without `#`).
pub fn decode(fragment: &str) -> Result<Scenario, Bilingual> {
    let payload = fragment
        .trim_start_matches('#')
        .strip_prefix(PREFIX)
        .ok_or_else(|| Bilingual::new("链接中没有方案", "the link carries no scenario"))?;
    if payload.len() > MAX_IMPORT_BYTES {
        return Err(Bilingual::new("链接太长", "the link is too long"));
    }
    let compressed = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|e| {
            Bilingual::new(
                format!("链接已损坏（可能复制不完整）：{e}"),
                format!("the link is damaged (perhaps not copied whole): {e}"),
            )
        })?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_IMPORT_BYTES)
        .map_err(|e| match e.status {
        miniz_oxide::inflate::TINFLStatus::HasMoreOutput => Bilingual::new(
            format!("链接展开后超过 {MAX_IMPORT_BYTES} 字节，已拒绝"),
            format!("the link expands past {MAX_IMPORT_BYTES} bytes and was refused"),
        ),
        _ => Bilingual::new(
            "链接已损坏（可能复制不完整）：无法解压",
            "the link is damaged (perhaps not copied whole): it does not decompress",
        ),
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Bilingual::new("链接内容不是文本", "the link's content is not text"))?;
    import_json(&text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::example::example;

    #[test]
    fn a_scenario_survives_its_link_and_broken_links_say_why() {
        let s = example();
        let link = encode(&s);
        assert!(is_share_fragment(&format!("#{link}")));
        assert_eq!(decode(&format!("#{link}")), Ok(s));
        assert!(
            link.len() < 8_000,
            "the example's link is {} characters",
            link.len()
        );

        let cut = &link[..link.len() / 2];
        assert!(decode(cut).unwrap_err().en.contains("damaged"));
        assert!(decode("s1=!!!").unwrap_err().en.contains("damaged"));
        assert!(decode("x=1").unwrap_err().en.contains("no scenario"));
        let not_json = format!(
            "{PREFIX}{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(b"hello", 6))
        );
        assert!(decode(&not_json).unwrap_err().en.contains("not a scenario"));
    }

    #[test]
    fn a_link_that_expands_past_the_cap_is_refused() {
        // 30 MB of spaces deflate to a few kilobytes: a "zip bomb" in a link.
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; 30 * 1024 * 1024], 9);
        let fragment = format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(bomb));
        assert!(fragment.len() < 100_000);
        assert!(decode(&fragment).unwrap_err().en.contains("expands past"));
    }
}
