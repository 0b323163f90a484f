//! The indicators (指标) of the speech and per-indicator values.

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

use super::num::Dec;

/// One indicator of the speech. The order is the speech's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    /// 规模以上工业总产值 (规上产值)
    Output,
    /// 规模以上工业增加值 (规上增加值)
    ValueAdded,
    /// 主营业务收入
    Revenue,
    /// 利润 (利润总额)
    Profit,
    /// 税金
    Tax,
    /// 重点项目投资
    Investment,
}

impl Indicator {
    pub const ALL: [Indicator; 6] = [
        Indicator::Output,
        Indicator::ValueAdded,
        Indicator::Revenue,
        Indicator::Profit,
        Indicator::Tax,
        Indicator::Investment,
    ];
    pub const COUNT: usize = 6;

    pub fn index(self) -> usize {
        self as usize
    }

    /// The key used in field paths and JSON.
    pub const fn key(self) -> &'static str {
        match self {
            Indicator::Output => "output",
            Indicator::ValueAdded => "value_added",
            Indicator::Revenue => "revenue",
            Indicator::Profit => "profit",
            Indicator::Tax => "tax",
            Indicator::Investment => "investment",
        }
    }

    /// Every indicator's key, in the order of [`Indicator::ALL`].
    const KEYS: [&'static str; Indicator::COUNT] = {
        let mut keys = [""; Indicator::COUNT];
        let mut i = 0;
        while i < Indicator::COUNT {
            keys[i] = Indicator::ALL[i].key();
            i += 1;
        }
        keys
    };

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|i| i.key() == key)
    }

    /// The speech's short name: 规上产值, 利润, …
    pub fn zh(self) -> &'static str {
        match self {
            Indicator::Output => "规上产值",
            Indicator::ValueAdded => "规上增加值",
            Indicator::Revenue => "主营业务收入",
            Indicator::Profit => "利润",
            Indicator::Tax => "税金",
            Indicator::Investment => "重点项目投资",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Indicator::Output => "gross output",
            Indicator::ValueAdded => "value added",
            Indicator::Revenue => "main business revenue",
            Indicator::Profit => "profit",
            Indicator::Tax => "taxes",
            Indicator::Investment => "key-project investment",
        }
    }

    /// Whether this indicator is split down to key projects (level 3). Enterprise
    /// indicators stop at the enterprise; investment is carried by projects.
    pub fn reaches_projects(self) -> bool {
        self == Indicator::Investment
    }
}

/// One optional value per indicator, serialized as a map of the indicators that have one
/// (`{"output": "150", "tax": "3.2"}`).
///
/// Kept as raw decimals with a mark for "none": an `Option<Dec>` takes 32 bytes, and a tree
/// node holds three of these; half the size measured a third off planning a large county.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Values([i128; Indicator::COUNT]);

/// The raw value that means "no value".
const NONE: i128 = i128::MIN;

impl Default for Values {
    fn default() -> Self {
        Values([NONE; Indicator::COUNT])
    }
}

impl fmt::Debug for Values {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.iter().map(|(k, v)| (k.key(), v)))
            .finish()
    }
}

impl Values {
    pub fn get(&self, indicator: Indicator) -> Option<Dec> {
        let raw = self.0[indicator.index()];
        (raw != NONE).then(|| Dec::from_raw(raw))
    }

    pub fn set(&mut self, indicator: Indicator, value: Option<Dec>) {
        // The one raw value that cannot be stored is out of every range validation allows.
        self.0[indicator.index()] = value.map_or(NONE, |v| v.raw().max(NONE + 1));
    }

    pub fn with(mut self, indicator: Indicator, value: Dec) -> Self {
        self.set(indicator, Some(value));
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|&raw| raw == NONE)
    }

    pub fn iter(&self) -> impl Iterator<Item = (Indicator, Dec)> + '_ {
        Indicator::ALL
            .into_iter()
            .filter_map(|i| self.get(i).map(|v| (i, v)))
    }
}

impl Serialize for Values {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.iter().count()))?;
        for (indicator, value) in self.iter() {
            map.serialize_entry(indicator.key(), &value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Values {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValuesVisitor;
        impl<'de> Visitor<'de> for ValuesVisitor {
            type Value = Values;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map from indicator to number")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Values, A::Error> {
                let mut values = Values::default();
                while let Some(Key(indicator)) = map.next_key()? {
                    values.set(indicator, map.next_value()?);
                }
                Ok(values)
            }
        }
        deserializer.deserialize_map(ValuesVisitor)
    }
}

/// An indicator's key in a map of values, read without copying it (a large county has
/// hundreds of thousands).
struct Key(Indicator);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an indicator")
            }
            fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Key, E> {
                Indicator::from_key(key)
                    .map(Key)
                    .ok_or_else(|| E::unknown_variant(key, &Indicator::KEYS))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// [`Values`] that are usually empty (commitments, holds): no room taken until one is set, so
/// that a large tree's nodes stay small (a county's planning reads them for every node).
#[derive(Clone, Default)]
pub struct SparseValues(Option<Box<Values>>);

impl SparseValues {
    pub fn get(&self, indicator: Indicator) -> Option<Dec> {
        self.0.as_ref().and_then(|v| v.get(indicator))
    }

    pub fn set(&mut self, indicator: Indicator, value: Option<Dec>) {
        match (&mut self.0, value) {
            (None, None) => {}
            (Some(v), value) => {
                v.set(indicator, value);
                if v.is_empty() {
                    self.0 = None;
                }
            }
            (None, value) => {
                let mut v = Values::default();
                v.set(indicator, value);
                self.0 = Some(Box::new(v));
            }
        }
    }

    pub fn with(mut self, indicator: Indicator, value: Dec) -> Self {
        self.set(indicator, Some(value));
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.as_ref().is_none_or(|v| v.is_empty())
    }

    pub fn iter(&self) -> impl Iterator<Item = (Indicator, Dec)> + '_ {
        self.0.iter().flat_map(|v| v.iter())
    }
}

impl PartialEq for SparseValues {
    fn eq(&self, other: &Self) -> bool {
        Indicator::ALL.iter().all(|&k| self.get(k) == other.get(k))
    }
}

impl Eq for SparseValues {}

impl fmt::Debug for SparseValues {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.iter().map(|(k, v)| (k.key(), v)))
            .finish()
    }
}

impl Serialize for SparseValues {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Some(v) => v.serialize(serializer),
            None => Values::default().serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for SparseValues {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let v = Values::deserialize(deserializer)?;
        Ok(SparseValues((!v.is_empty()).then(|| Box::new(v))))
    }
}
