//! Plain-text tables for the scriptable subcommands: columns aligned by display width (CJK
//! characters take two cells), two spaces between columns, no trailing spaces, and control
//! characters in cells replaced so a remark cannot drive the terminal. And CSV, for `report`.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr as _;

/// Rows under a header line.
#[derive(Debug, Clone, Default)]
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(header: &[impl AsRef<str>]) -> Self {
        Self {
            header: header.iter().map(|h| h.as_ref().to_owned()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: impl IntoIterator<Item = String>) {
        let cells: Vec<String> = cells.into_iter().map(|c| clean(&c)).collect();
        debug_assert_eq!(cells.len(), self.header.len(), "one cell per column");
        self.rows.push(cells);
    }

    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        write_aligned(out, std::iter::once(&self.header).chain(&self.rows))
    }
}

/// Label/value lines (`Username  alice`), for one record.
#[derive(Debug, Clone, Default)]
pub struct Fields {
    rows: Vec<Vec<String>>,
}

impl Fields {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn field(&mut self, label: &str, value: impl AsRef<str>) -> &mut Self {
        self.rows
            .push(vec![label.to_owned(), clean(value.as_ref())]);
        self
    }

    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        write_aligned(out, self.rows.iter())
    }
}

fn write_aligned<'a>(
    out: &mut dyn Write,
    rows: impl Iterator<Item = &'a Vec<String>> + Clone,
) -> io::Result<()> {
    let mut widths: Vec<usize> = Vec::new();
    for row in rows.clone() {
        for (i, cell) in row.iter().enumerate() {
            let width = cell.width();
            match widths.get_mut(i) {
                Some(w) => *w = (*w).max(width),
                None => widths.push(width),
            }
        }
    }
    for row in rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                line.extend(std::iter::repeat_n(' ', widths[i] - cell.width() + 2));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Comma-separated values (RFC 4180): a header line, then a line per row; a field with a comma,
/// a quote or a line break is quoted, its quotes doubled.
pub fn write_csv(
    out: &mut dyn Write,
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> io::Result<()> {
    let line = |fields: &mut dyn Iterator<Item = &str>| -> String {
        fields
            .map(|field| {
                if field.contains([',', '"', '\n', '\r']) {
                    format!("\"{}\"", field.replace('"', "\"\""))
                } else {
                    field.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    writeln!(out, "{}", line(&mut header.iter().copied()))?;
    for row in rows {
        writeln!(out, "{}", line(&mut row.iter().map(String::as_str)))?;
    }
    Ok(())
}

/// Control characters (newlines, tabs, escape sequences) become spaces; an empty cell shows `-`
/// so columns stay readable with `awk`.
fn clean(cell: &str) -> String {
    let cleaned: String = cell
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if cleaned.trim().is_empty() {
        "-".to_owned()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(table: &Table) -> String {
        let mut out = Vec::new();
        table.write(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn aligns_by_display_width() {
        let mut t = Table::new(&["NAME", "UIN", "REMARK"]);
        t.row(vec!["alice".into(), "100000000002".into(), "dev".into()]);
        t.row(vec!["张伟".into(), "3".into(), "运维\u{1b}[31m".into()]);
        t.row(vec!["bob".into(), "4".into(), String::new()]);
        assert_eq!(
            render(&t),
            "NAME   UIN           REMARK\n\
             alice  100000000002  dev\n\
             张伟   3             运维 [31m\n\
             bob    4             -\n"
        );
    }

    #[test]
    fn csv_quotes_what_needs_it() {
        let mut out = Vec::new();
        write_csv(
            &mut out,
            &["user", "flags"],
            [
                vec!["Acme, Inc.".into(), "a;b".into()],
                vec!["say \"hi\"".into(), String::new()],
            ]
            .into_iter(),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "user,flags\n\"Acme, Inc.\",a;b\n\"say \"\"hi\"\"\",\n"
        );
    }

    #[test]
    fn fields() {
        let mut f = Fields::new();
        f.field("Username", "alice").field("用户名", "x\ny");
        let mut out = Vec::new();
        f.write(&mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Username  alice\n用户名    x y\n"
        );
    }
}
