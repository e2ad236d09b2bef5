//! A line of text being typed — the `:` line, the User List filter, a new key's description —
//! with a cursor, edited as a shell line is: ←/→, Home/End, Ctrl-A/E (start, end), Ctrl-U
//! (erase to the start), Ctrl-W (erase the word before the cursor), Backspace.

/// An edit of a [`TextField`], as the keymap names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Left,
    Right,
    Start,
    End,
    /// Backspace: the character before the cursor.
    Erase,
    /// Ctrl-U: everything before the cursor.
    EraseToStart,
    /// Ctrl-W: the word before the cursor, and the spaces after it.
    EraseWord,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    text: String,
    /// A byte offset into `text`, always on a character boundary.
    cursor: usize,
}

impl TextField {
    /// `text`, with the cursor at its end.
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        Self {
            cursor: text.len(),
            text,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The text before and after the cursor.
    pub fn split(&self) -> (&str, &str) {
        self.text.split_at(self.cursor)
    }

    /// Replaces the text, the cursor at its end (a completion, a line from the history).
    pub fn set(&mut self, text: impl Into<String>) {
        *self = Self::new(text);
    }

    pub fn insert(&mut self, text: &str) {
        self.text.insert_str(self.cursor, text);
        self.cursor += text.len();
    }

    /// Applies `edit`; false when it changed nothing (Backspace on an empty line).
    pub fn edit(&mut self, edit: Edit) -> bool {
        let (before, after) = self.split();
        let cursor = match edit {
            Edit::Left => before.char_indices().next_back().map_or(0, |(at, _)| at),
            Edit::Right => self.cursor + after.chars().next().map_or(0, char::len_utf8),
            Edit::Start => 0,
            Edit::End => self.text.len(),
            Edit::Erase | Edit::EraseToStart | Edit::EraseWord => {
                let from = match edit {
                    Edit::Erase => before.char_indices().next_back().map_or(0, |(at, _)| at),
                    Edit::EraseToStart => 0,
                    _ => word_start(before),
                };
                if from == self.cursor {
                    return false;
                }
                self.text.replace_range(from..self.cursor, "");
                self.cursor = from;
                return true;
            }
        };
        let moved = cursor != self.cursor;
        self.cursor = cursor;
        moved
    }
}

/// A filter being typed after `/`: a new one, and the one it replaces, which Esc brings back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterEdit {
    pub field: TextField,
    pub previous: String,
}

/// Where the word that ends `before` starts, spaces after it included (as a shell's Ctrl-W).
fn word_start(before: &str) -> usize {
    let trimmed = before.trim_end();
    trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(at, c)| at + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(field: &TextField) -> String {
        let (before, after) = field.split();
        format!("{before}|{after}")
    }

    #[test]
    fn moves_and_inserts_at_the_cursor() {
        let mut field = TextField::new("keys bob");
        assert_eq!(shown(&field), "keys bob|");
        field.edit(Edit::Left);
        field.edit(Edit::Left);
        field.edit(Edit::Left);
        field.insert("张");
        assert_eq!(shown(&field), "keys 张|bob");
        field.edit(Edit::Left);
        assert_eq!(shown(&field), "keys |张bob");
        field.edit(Edit::Right);
        assert_eq!(shown(&field), "keys 张|bob");
        field.edit(Edit::Start);
        assert!(!field.edit(Edit::Left));
        assert_eq!(shown(&field), "|keys 张bob");
        field.edit(Edit::End);
        assert!(!field.edit(Edit::Right));
        assert_eq!(shown(&field), "keys 张bob|");
    }

    #[test]
    fn erases_as_a_shell_does() {
        let mut field = TextField::new("keys  alice");
        assert!(field.edit(Edit::EraseWord));
        assert_eq!(shown(&field), "keys  |");
        field.edit(Edit::EraseWord);
        assert_eq!(shown(&field), "|");
        assert!(!field.edit(Edit::Erase));

        let mut field = TextField::new("secretid AKID");
        for _ in 0..4 {
            field.edit(Edit::Left);
        }
        field.edit(Edit::Erase);
        assert_eq!(shown(&field), "secretid|AKID");
        field.edit(Edit::EraseToStart);
        assert_eq!(shown(&field), "|AKID");
        assert!(!field.edit(Edit::EraseToStart));
    }
}
