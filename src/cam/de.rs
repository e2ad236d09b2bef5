//! Lenient field decoders: real servers send numbers as strings, `null` for empty strings, and
//! `EventTime` as epoch seconds or as a datetime (spec §3, §10).

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

use super::credential::Secret;

struct U64Visitor;

impl Visitor<'_> for U64Visitor {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a non-negative integer or a string of digits")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
        Ok(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u64, E> {
        u64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<u64, E> {
        if v.fract() == 0.0 && v >= 0.0 && v < 2f64.powi(64) {
            Ok(v as u64)
        } else {
            Err(E::invalid_value(de::Unexpected::Float(v), &self))
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<u64, E> {
        v.trim()
            .parse()
            .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

/// A `u64` sent as a number or a numeric string; `null` is 0.
pub fn u64_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    Ok(opt_u64_lenient(d)?.unwrap_or_default())
}

/// An optional `u64` sent as a number or a numeric string.
pub fn opt_u64_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    #[derive(Deserialize)]
    struct Wrap(#[serde(deserialize_with = "u64_any")] u64);
    fn u64_any<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        d.deserialize_any(U64Visitor)
    }
    Ok(Option::<Wrap>::deserialize(d)?.map(|w| w.0))
}

/// Writes a `u64` as a string of digits, for the fields the official definitions type as
/// strings though they hold numbers (`AttachedUserPolicy.PolicyId`, `StrategyType`, `CreateMode`).
/// They decode with [`u64_lenient`].
#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `serialize_with` signature
pub fn u64_as_string<S: Serializer>(value: &u64, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(value)
}

/// An `i64` sent as a number or a numeric string; `null` is 0.
pub fn i64_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Int(i64),
        Float(f64),
        Text(String),
    }
    match Option::<Raw>::deserialize(d)? {
        None => Ok(0),
        Some(Raw::Int(v)) => Ok(v),
        Some(Raw::Float(v)) if v.fract() == 0.0 => Ok(v as i64),
        Some(Raw::Float(v)) => Err(de::Error::custom(format!("expected an integer, got {v}"))),
        Some(Raw::Text(s)) => s
            .trim()
            .parse()
            .map_err(|_| de::Error::custom(format!("expected an integer, got {s:?}"))),
    }
}

/// A string that may come as `null` (→ empty) or as a number (→ its digits).
pub fn string_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Text(String),
        Int(i64),
        Uint(u64),
        Float(f64),
        Bool(bool),
    }
    Ok(match Option::<Raw>::deserialize(d)? {
        None => String::new(),
        Some(Raw::Text(s)) => s,
        Some(Raw::Int(v)) => v.to_string(),
        Some(Raw::Uint(v)) => v.to_string(),
        Some(Raw::Float(v)) => v.to_string(),
        Some(Raw::Bool(v)) => v.to_string(),
    })
}

/// A secret string that may come as `null` (→ empty).
pub fn secret_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Secret, D::Error> {
    Ok(Option::<Secret>::deserialize(d)?.unwrap_or_else(|| Secret::new("")))
}

/// Puts a secret on the wire: used only by request and response types that must carry one.
pub fn expose_secret<S: Serializer>(secret: &Secret, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(secret.expose())
}

pub fn expose_opt_secret<S: Serializer>(secret: &Option<Secret>, s: S) -> Result<S::Ok, S::Error> {
    match secret {
        Some(secret) => s.serialize_str(secret.expose()),
        None => s.serialize_none(),
    }
}

/// A CloudAudit event time: Unix seconds. Decodes epoch seconds (number or string) and
/// `YYYY-MM-DD HH:MM:SS` (Beijing time, spec §10); encodes as epoch seconds in a string, as
/// `DescribeEvents` does (`LookUpEvents` writes [`datetime`](Self::datetime)s).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct EventTime(pub i64);

/// Beijing time, which CAM's datetime strings are in.
pub fn beijing() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(8 * 3600).expect("+08:00 is a valid offset")
}

impl EventTime {
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if let Ok(secs) = text.parse::<i64>() {
            return Some(Self(secs));
        }
        chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S")
            .ok()
            .and_then(|t| t.and_local_timezone(beijing()).single())
            .map(|t| Self(t.timestamp()))
    }

    /// `YYYY-MM-DD HH:MM:SS` in Beijing time, as CAM writes datetimes (and `LookUpEvents` its
    /// event times).
    pub fn datetime(self) -> String {
        use chrono::{Datelike as _, Timelike as _};
        // Fields written directly: a format string is parsed again on every call, and searches
        // format twenty of these per page.
        let t = chrono::DateTime::from_timestamp(self.0, 0)
            .unwrap_or_default()
            .with_timezone(&beijing());
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        )
    }
}

impl Serialize for EventTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for EventTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Int(i64),
            Text(String),
        }
        match Option::<Raw>::deserialize(d)? {
            None => Ok(Self(0)),
            Some(Raw::Int(v)) => Ok(Self(v)),
            Some(Raw::Text(s)) => Self::parse(&s)
                .ok_or_else(|| de::Error::custom(format!("unrecognised EventTime {s:?}"))),
        }
    }
}
