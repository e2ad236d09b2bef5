//! The parameters an action takes, read from its request type's serde `Deserialize`: serde hands
//! the field names to `deserialize_struct`, each field's value asks for the shape it wants
//! (`deserialize_u64`, a sequence, a nested struct…), and a field is required when the type
//! refuses to deserialize without it (a type whose own `Deserialize` reads absence as a value,
//! as one built on `cam::de::string_lenient` reads it as `""`, is therefore optional). So the
//! names, shapes and required fields that [`params`](super::params) checks are `cam::model`'s
//! own, never a second list.

use serde::de::value::{Error, StrDeserializer};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IntoDeserializer as _, MapAccess,
    SeqAccess, Visitor,
};

/// The shape of one parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Str,
    /// A non-negative integer (`uint64` in the spec).
    UInt,
    /// A signed integer (`int64`).
    Int,
    StrList,
    UIntList,
    /// An object with these fields (e.g. `SetMfaFlag`'s `LoginFlag`).
    Object(Vec<Field>),
    /// A list of objects with these fields (e.g. `LookupAttributes`).
    Objects(Vec<Field>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
}

/// The parameters of the request type `T`, in its field order.
///
/// # Panics
///
/// If `T` is not a struct whose fields are strings (or enums of them), integers, lists of those,
/// or such structs or lists of them: a mistake in the model, which the action table's tests
/// catch.
pub fn fields_of<T: DeserializeOwned>() -> Vec<Field> {
    let name = std::any::type_name::<T>();
    let mut shape = None;
    if let Err(e) = T::deserialize(Probe::new(&mut shape, &[])) {
        panic!("{name} is not a request type: {e}");
    }
    let Some(Shape::Struct(mut fields)) = shape else {
        panic!("{name} is not a struct");
    };
    mark_required::<T>(&mut fields, &mut Vec::new());
    fields
}

/// Marks the fields that `T` cannot do without, nested ones by their `path`.
fn mark_required<T: DeserializeOwned>(fields: &mut [Field], path: &mut Vec<&'static str>) {
    for field in fields {
        path.push(field.name);
        field.required = T::deserialize(Probe::new(&mut None, path)).is_err();
        if let Kind::Object(members) | Kind::Objects(members) = &mut field.kind {
            mark_required::<T>(members, path);
        }
        path.pop();
    }
}

/// What a value asked for.
enum Shape {
    Str,
    UInt,
    Int,
    List(Box<Shape>),
    Struct(Vec<Field>),
}

impl Shape {
    /// The parameter kind of a field of this shape, if it is one.
    fn kind(self) -> Option<Kind> {
        Some(match self {
            Self::Str => Kind::Str,
            Self::UInt => Kind::UInt,
            Self::Int => Kind::Int,
            Self::List(item) => match *item {
                Self::Str => Kind::StrList,
                Self::UInt => Kind::UIntList,
                Self::Struct(fields) => Kind::Objects(fields),
                Self::Int | Self::List(_) => return None,
            },
            Self::Struct(fields) => Kind::Object(fields),
        })
    }
}

/// A deserializer that writes down what the value asks for and gives it a sample of that: an
/// empty string, a zero, one list item, every field of a struct but the one at `omit`.
struct Probe<'p> {
    shape: &'p mut Option<Shape>,
    /// The path of the field to leave out, through nested structs; empty for none.
    omit: &'p [&'static str],
}

impl<'p> Probe<'p> {
    fn new(shape: &'p mut Option<Shape>, omit: &'p [&'static str]) -> Self {
        Self { shape, omit }
    }

    fn text<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        *self.shape = Some(Shape::Str);
        visitor.visit_str("")
    }
}

impl<'de> Deserializer<'de> for Probe<'_> {
    type Error = Error;

    /// Lenient text (`cam::de::string_lenient`) asks for anything and takes a string.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.text(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.text(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.text(visitor)
    }

    /// An enum of names (`Status`) is a string on the wire; its values are the type's to refuse.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        *self.shape = Some(Shape::Str);
        let first: StrDeserializer<'_, Error> =
            variants.first().copied().unwrap_or("").into_deserializer();
        visitor.visit_enum(first)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        *self.shape = Some(Shape::UInt);
        visitor.visit_u64(0)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        *self.shape = Some(Shape::Int);
        visitor.visit_i64(0)
    }

    /// Whether a field may be absent is found by leaving it out, so an option is its value.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let mut item = None;
        let value = visitor.visit_seq(OneItem {
            probe: Some(Probe::new(&mut item, self.omit)),
        })?;
        *self.shape = item.map(|item| Shape::List(Box::new(item)));
        Ok(value)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        names: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let mut fields = Vec::with_capacity(names.len());
        let value = visitor.visit_map(Members {
            names: names.iter(),
            current: "",
            omit: self.omit,
            fields: &mut fields,
        })?;
        *self.shape = Some(Shape::Struct(fields));
        Ok(value)
    }

    // Nothing else is a parameter: these get a string, which their visitors refuse.
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i128 u8 u16 u32 u128 f32 f64 char bytes byte_buf unit unit_struct
        tuple tuple_struct map identifier ignored_any
    }
}

/// A list of one sample item.
struct OneItem<'p> {
    probe: Option<Probe<'p>>,
}

impl<'de> SeqAccess<'de> for OneItem<'_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.probe
            .take()
            .map(|probe| seed.deserialize(probe))
            .transpose()
    }
}

/// A struct's fields, each with a sample value, in order; the one `omit` names is left out.
struct Members<'p> {
    names: std::slice::Iter<'static, &'static str>,
    current: &'static str,
    omit: &'p [&'static str],
    fields: &'p mut Vec<Field>,
}

impl<'de> MapAccess<'de> for Members<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let omit = self.omit;
        let Some(&name) = self.names.find(|&&name| omit != [name]) else {
            return Ok(None);
        };
        self.current = name;
        let key: StrDeserializer<'_, Error> = name.into_deserializer();
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let name = self.current;
        let omit = match self.omit.split_first() {
            Some((&first, rest)) if first == name => rest,
            _ => &[],
        };
        let mut shape = None;
        let value = seed.deserialize(Probe::new(&mut shape, omit))?;
        let kind = shape
            .and_then(Shape::kind)
            .ok_or_else(|| de::Error::custom(format!("`{name}` has no parameter type")))?;
        self.fields.push(Field {
            name,
            kind,
            required: false,
        });
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;
    use crate::cam::model::{KeyStatus, LookupAttribute};

    /// Every shape a parameter can have, and the ways a field can be optional.
    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    #[expect(dead_code, reason = "only its Deserialize is read")]
    struct Sample {
        name: String,
        remark: Option<String>,
        #[serde(deserialize_with = "crate::cam::de::string_lenient")]
        lenient: String,
        status: KeyStatus,
        target_uin: Option<u64>,
        start_time: i64,
        ids: Vec<String>,
        uins: Option<Vec<u64>>,
        #[serde(default)]
        lookup_attributes: Vec<LookupAttribute>,
        flag: Option<LookupAttribute>,
    }

    #[test]
    fn fields_come_from_the_serde_type() {
        let field = |name, kind, required| Field {
            name,
            kind,
            required,
        };
        assert_eq!(
            fields_of::<Sample>(),
            [
                field("Name", Kind::Str, true),
                field("Remark", Kind::Str, false),
                field("Lenient", Kind::Str, true),
                field("Status", Kind::Str, true),
                field("TargetUin", Kind::UInt, false),
                field("StartTime", Kind::Int, true),
                field("Ids", Kind::StrList, true),
                field("Uins", Kind::UIntList, false),
                field(
                    "LookupAttributes",
                    Kind::Objects(vec![
                        field("AttributeKey", Kind::Str, true),
                        field("AttributeValue", Kind::Str, false),
                    ]),
                    false
                ),
                field(
                    "Flag",
                    Kind::Object(vec![
                        field("AttributeKey", Kind::Str, true),
                        field("AttributeValue", Kind::Str, false),
                    ]),
                    false
                ),
            ]
        );
    }

    #[test]
    #[should_panic(expected = "is not a request type")]
    fn other_types_are_refused() {
        #[derive(Deserialize)]
        #[expect(dead_code, reason = "only its Deserialize is read")]
        struct Flag {
            on: bool,
        }
        fields_of::<Flag>();
    }
}
