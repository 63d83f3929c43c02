//! The doc model: everything `witlint docs` shows, built once from a
//! [`Workspace`](crate::workspace::Workspace) and
//! serializable (`witlint docs --format json`), so templates and tools read data, not WIT.

mod build;
mod reach;

use serde::Serialize;
use wit_bindgen_core::wit_parser::Stability;

pub use build::build;
pub use reach::{Reach, build_for_world};

use crate::workspace::ItemPath;

/// Version of the JSON shape printed by `witlint docs --format json`.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Serialize)]
pub struct DocModel {
    pub schema: u32,
    pub packages: Vec<Package>,
}

#[derive(Debug, Serialize)]
pub struct Package {
    pub id: ItemPath,
    /// `ns:name`, without the version.
    pub name: String,
    pub version: Option<String>,
    pub docs: String,
    /// Defined under `deps/` rather than by the input itself.
    pub dependency: bool,
    pub interfaces: Vec<Interface>,
    pub worlds: Vec<World>,
}

/// Where an item is written.
#[derive(Clone, Debug, Serialize)]
pub struct Source {
    /// Relative to the input folder, `/`-separated.
    pub path: String,
    pub line: usize,
}

/// An item's feature gate.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Gate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// The feature of an `@unstable` item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unstable: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
}

impl Gate {
    fn of(stability: &Stability) -> Gate {
        match stability {
            Stability::Unknown => Gate::default(),
            Stability::Stable { since, deprecated } => Gate {
                since: Some(since.to_string()),
                unstable: None,
                deprecated: deprecated.as_ref().map(|v| v.to_string()),
            },
            Stability::Unstable {
                feature,
                deprecated,
            } => Gate {
                since: None,
                unstable: Some(feature.clone()),
                deprecated: deprecated.as_ref().map(|v| v.to_string()),
            },
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Gate::default()
    }
}

/// A piece of WIT syntax: text, or a reference to a named type.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum Token {
    Text(String),
    Ref { name: String, target: ItemPath },
}

#[derive(Debug, Serialize)]
pub struct Interface {
    pub id: ItemPath,
    /// The interface name, or the world item name of an inline interface.
    pub name: String,
    pub docs: String,
    pub gate: Gate,
    pub source: Option<Source>,
    /// Types brought in with `use`, and where they come from.
    pub uses: Vec<Use>,
    pub types: Vec<TypeDef>,
    /// Freestanding functions; resource functions sit under their resource.
    pub functions: Vec<Func>,
}

#[derive(Debug, Serialize)]
pub struct Use {
    pub name: String,
    pub target: ItemPath,
}

#[derive(Debug, Serialize)]
pub struct World {
    pub id: ItemPath,
    pub name: String,
    pub docs: String,
    pub gate: Gate,
    pub source: Option<Source>,
    pub includes: Vec<Include>,
    pub imports: Vec<WorldEntry>,
    pub exports: Vec<WorldEntry>,
}

#[derive(Debug, Serialize)]
pub struct Include {
    pub world: ItemPath,
    pub gate: Gate,
}

/// An import or export of a world.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum WorldEntry {
    Interface {
        /// `wasi:keyvalue/store@0.2.0-draft2`, or the plain name of an inline interface.
        name: String,
        target: ItemPath,
        docs: String,
        gate: Gate,
        /// Brought in by an `include` rather than written in this world.
        included: bool,
        /// The body of an inline `import name: interface { .. }`.
        #[serde(skip_serializing_if = "Option::is_none")]
        inline: Option<Box<Interface>>,
    },
    Function {
        func: Box<Func>,
        included: bool,
    },
    Type {
        ty: Box<TypeDef>,
        included: bool,
    },
}

#[derive(Debug, Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum TypeKind {
    Record,
    Variant,
    Enum,
    Flags,
    Resource,
    /// `type a = b`
    Alias,
    Handle,
    Tuple,
    Option,
    Result,
    List,
    FixedSizeList,
    Map,
    Future,
    Stream,
}

impl TypeKind {
    pub fn noun(self) -> &'static str {
        match self {
            TypeKind::Record => "record",
            TypeKind::Variant => "variant",
            TypeKind::Enum => "enum",
            TypeKind::Flags => "flags",
            TypeKind::Resource => "resource",
            TypeKind::Alias => "type",
            TypeKind::Handle => "handle",
            TypeKind::Tuple => "tuple",
            TypeKind::Option => "option",
            TypeKind::Result => "result",
            TypeKind::List => "list",
            TypeKind::FixedSizeList => "fixed-size list",
            TypeKind::Map => "map",
            TypeKind::Future => "future",
            TypeKind::Stream => "stream",
        }
    }
}

#[derive(Debug, Serialize)]
pub struct TypeDef {
    pub id: ItemPath,
    pub name: String,
    pub kind: TypeKind,
    pub docs: String,
    pub gate: Gate,
    pub source: Option<Source>,
    /// The right-hand side of a `type name = …` definition; empty for records and the like.
    pub definition: Vec<Token>,
    /// Fields, cases or flags.
    pub members: Vec<Member>,
    pub constructor: Option<Func>,
    pub methods: Vec<Func>,
    pub statics: Vec<Func>,
}

#[derive(Debug, Serialize)]
pub struct Member {
    pub id: ItemPath,
    pub name: String,
    /// The field's type or the case's payload.
    pub ty: Option<Vec<Token>>,
    pub docs: String,
}

#[derive(Debug, Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum FuncKind {
    Function,
    Method,
    Static,
    Constructor,
}

#[derive(Debug, Serialize)]
pub struct Func {
    pub id: ItemPath,
    /// `get` for `bucket.get`, `constructor` for a constructor.
    pub name: String,
    pub kind: FuncKind,
    #[serde(rename = "async")]
    pub is_async: bool,
    pub docs: String,
    pub gate: Gate,
    pub source: Option<Source>,
    /// `name: func(..) -> ..` in WIT syntax.
    pub signature: Vec<Token>,
    pub params: Vec<Param>,
    pub result: Option<Vec<Token>>,
    /// How the function fails, when it returns a `result` with an error type.
    pub errors: Option<Errors>,
}

#[derive(Debug, Serialize)]
pub struct Param {
    pub name: String,
    pub ty: Vec<Token>,
}

#[derive(Debug, Serialize)]
pub struct Errors {
    /// The error type as written.
    pub ty: Vec<Token>,
    /// The cases of a variant or enum error type.
    pub cases: Vec<ErrorCase>,
}

#[derive(Debug, Serialize)]
pub struct ErrorCase {
    pub name: String,
    pub target: ItemPath,
    pub docs: String,
}
