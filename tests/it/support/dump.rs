//! A logical dump of a server database, to prove that a request changed nothing: the schema
//! (`sqlite_master`), `PRAGMA user_version`, and every row of every table in rowid order, each
//! value as SQLite holds it (integers, text, and the sealed SecretKey blobs byte for byte).

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags};

/// The audit table: the one table a refused request may add a row to.
pub const EVENTS: &str = "events";

#[derive(Debug, Clone, PartialEq)]
pub struct Dump {
    pub user_version: i64,
    /// `type name sql` of every schema object, sorted.
    pub schema: Vec<String>,
    /// Table name → rows in rowid order.
    pub tables: BTreeMap<String, Vec<Vec<Value>>>,
    /// Table name → column names.
    pub columns: BTreeMap<String, Vec<String>>,
}

impl Dump {
    /// Reads the database at `db` through its own read-only connection (the server may be
    /// running: WAL lets it read a consistent snapshot).
    pub fn of(db: &Path) -> Self {
        let conn = Connection::open_with_flags(
            db,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .expect("open the database read-only");
        let user_version = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        let mut schema: Vec<String> = conn
            .prepare("SELECT type, name, COALESCE(sql, '') FROM sqlite_master")
            .unwrap()
            .query_map([], |r| {
                Ok(format!(
                    "{} {} {}",
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?
                ))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        schema.sort();
        let names: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut tables = BTreeMap::new();
        let mut columns = BTreeMap::new();
        for name in names {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM \"{name}\" ORDER BY rowid"))
                .unwrap();
            let width = stmt.column_count();
            let rows = stmt
                .query_map([], |r| (0..width).map(|i| r.get::<_, Value>(i)).collect())
                .unwrap()
                .collect::<Result<Vec<Vec<Value>>, _>>()
                .unwrap();
            let names = stmt.column_names().map(str::to_owned).collect();
            columns.insert(name.clone(), names);
            tables.insert(name, rows);
        }
        Self {
            user_version,
            schema,
            tables,
            columns,
        }
    }

    /// The dump without the audit table.
    pub fn without_events(&self) -> Self {
        let mut copy = self.clone();
        copy.tables.remove(EVENTS);
        copy
    }

    /// How `after` differs from this dump outside the audit table, in a line; `None` if not.
    pub fn difference(&self, after: &Self) -> Option<String> {
        if self.user_version != after.user_version || self.schema != after.schema {
            return Some("schema or user_version".into());
        }
        let names: std::collections::BTreeSet<&String> =
            self.tables.keys().chain(after.tables.keys()).collect();
        let changed: Vec<String> = names
            .into_iter()
            .filter(|name| name.as_str() != EVENTS)
            .filter(|name| self.tables.get(*name) != after.tables.get(*name))
            .map(|name| {
                let old = self.rows(name);
                let new = after.rows(name);
                let added = new.iter().filter(|r| !old.contains(r)).count();
                let removed = old.iter().filter(|r| !new.contains(r)).count();
                format!("{name}: {added} rows added or changed, {removed} removed or changed")
            })
            .collect();
        (!changed.is_empty()).then(|| changed.join(", "))
    }

    pub fn rows(&self, table: &str) -> &[Vec<Value>] {
        self.tables.get(table).map_or(&[], Vec::as_slice)
    }

    /// The audit rows added since `before`, which must be a prefix of this dump's.
    pub fn new_events(&self, before: &Self) -> Vec<Vec<Value>> {
        let old = before.rows(EVENTS);
        let now = self.rows(EVENTS);
        assert!(
            now.len() >= old.len() && now[..old.len()] == *old,
            "existing audit events changed"
        );
        now[old.len()..].to_vec()
    }

    /// The text of column `column` of a row of `table`.
    pub fn text(&self, table: &str, row: &[Value], column: &str) -> String {
        let index = self.columns[table]
            .iter()
            .position(|c| c == column)
            .unwrap_or_else(|| panic!("{table} has no column {column}"));
        match &row[index] {
            Value::Text(t) => t.clone(),
            Value::Integer(i) => i.to_string(),
            other => format!("{other:?}"),
        }
    }
}
