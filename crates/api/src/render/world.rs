//! The typst `World` of one render: embedded fonts and templates, plus the render's virtual files.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};

/// The fonts: PT Sans (Cyrillic), shipped in the repository under the ParaType Free Font License.
static FONT_FILES: [&[u8]; 3] = [
    include_bytes!("../../assets/fonts/PTSans-Regular.ttf"),
    include_bytes!("../../assets/fonts/PTSans-Bold.ttf"),
    include_bytes!("../../assets/fonts/PTSans-Italic.ttf"),
];

/// The templates, by virtual path. The first is the shared layout; the others are the mains.
pub(super) const TEMPLATES: [(&str, &str); 7] = [
    ("/common.typ", include_str!("../../templates/common.typ")),
    ("/offer.typ", include_str!("../../templates/offer.typ")),
    ("/invoice.typ", include_str!("../../templates/invoice.typ")),
    ("/contract.typ", include_str!("../../templates/contract.typ")),
    ("/work_order.typ", include_str!("../../templates/work_order.typ")),
    ("/delivery_notice.typ", include_str!("../../templates/delivery_notice.typ")),
    ("/reconciliation.typ", include_str!("../../templates/reconciliation.typ")),
];

/// Parsed once per process: the font book and the fonts (typst parses a face's tables lazily and
/// keeps them, so sharing the `Font`s shares that work too).
pub(super) struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    /// Characters the fonts lack that formatted data may carry, and what to print instead.
    replacements: Vec<(char, &'static str)>,
}

pub(super) static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES.iter().flat_map(|data| Font::iter(Bytes::new(*data))).collect();
    assert_eq!(fonts.len(), FONT_FILES.len(), "every embedded font file parses");
    let regular = &fonts[0];
    let replacements = [
        ('\u{202F}', "\u{00A0}"), // narrow no-break space (thousands separator)
        ('\u{2009}', "\u{00A0}"), // thin space
        ('\u{2007}', "\u{00A0}"), // figure space
        ('\u{2008}', "\u{00A0}"), // punctuation space
        ('\u{20BD}', "руб."),     // ruble sign
        ('\u{2212}', "-"),        // minus sign
    ]
    .into_iter()
    .filter(|(c, _)| !regular.info().coverage.contains(*c as u32))
    .collect();
    Fonts { book: LazyHash::new(FontBook::from_fonts(&fonts)), fonts, replacements }
});

/// Virtual paths of the render's own files.
struct Ids {
    data: FileId,
    logo: FileId,
    stamp: FileId,
    signature: FileId,
}

fn id(path: &str) -> FileId {
    RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).expect("valid virtual path")).intern()
}

/// File ids are interned process-wide (at most 2^16 of them): only these fixed paths are used.
static IDS: LazyLock<Ids> =
    LazyLock::new(|| Ids { data: id("/data.json"), logo: id("/logo.png"), stamp: id("/stamp.png"), signature: id("/signature.png") });

/// What a [`Renderer`](super::Renderer) owns: the standard library and the parsed templates.
pub(super) struct Shared {
    library: LazyHash<Library>,
    /// (id, source, bytes view of the same text) per template, in `TEMPLATES` order.
    templates: Vec<(FileId, Source, Bytes)>,
}

impl Shared {
    /// `overrides` replace templates by virtual path (tests).
    pub(super) fn new(overrides: &[(&str, &str)]) -> Shared {
        LazyLock::force(&FONTS);
        LazyLock::force(&IDS);
        let templates = TEMPLATES
            .iter()
            .map(|(path, text)| {
                let text = overrides.iter().find(|(p, _)| p == path).map_or(*text, |(_, t)| *t);
                let id = id(path);
                (id, Source::new(id, text.to_owned()), Bytes::from_string(text.to_owned()))
            })
            .collect();
        Shared { library: LazyHash::new(Library::builder().build()), templates }
    }

    /// The index of the main template of a document kind.
    pub(super) fn main_of(&self, kind: &str) -> Option<usize> {
        if !super::KINDS.contains(&kind) {
            return None;
        }
        let path = format!("/{kind}.typ");
        TEMPLATES.iter().position(|(p, _)| *p == path)
    }
}

/// One render's world.
pub(super) struct DocWorld<'a> {
    pub shared: &'a Shared,
    pub main: usize,
    pub data: Bytes,
    pub logo: Option<Bytes>,
    pub stamp: Option<Bytes>,
    pub signature: Option<Bytes>,
    pub today: Option<Datetime>,
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.shared.templates[self.main].0
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        match self.shared.templates.iter().find(|(tid, ..)| *tid == id) {
            Some((_, source, _)) => Ok(source.clone()),
            None if self.file(id).is_ok() => Err(FileError::NotSource),
            None => Err(not_found(id)),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some((.., bytes)) = self.shared.templates.iter().find(|(tid, ..)| *tid == id) {
            return Ok(bytes.clone());
        }
        let ids = &*IDS;
        let found = if id == ids.data {
            Some(&self.data)
        } else if id == ids.logo {
            self.logo.as_ref()
        } else if id == ids.stamp {
            self.stamp.as_ref()
        } else if id == ids.signature {
            self.signature.as_ref()
        } else {
            None
        };
        found.cloned().ok_or_else(|| not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // The document's own date: output never depends on the clock.
        self.today
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_without_slash().into())
}

impl DocWorld<'_> {
    /// Diagnostics as `file:line:col: severity: message (hint: …)`, one per line.
    pub(super) fn describe(&self, diagnostics: &[SourceDiagnostic]) -> String {
        let mut out = String::new();
        for d in diagnostics {
            if !out.is_empty() {
                out.push('\n');
            }
            if let Some(id) = d.span.id() {
                out.push_str(id.vpath().get_without_slash());
                if let (Ok(source), Some(range)) = (self.source(id), self.range(d.span))
                    && let Some((line, col)) = source.lines().byte_to_line_column(range.start)
                {
                    out.push_str(&format!(":{}:{}", line + 1, col + 1));
                }
                out.push_str(": ");
            }
            out.push_str(super::describe_severity(d));
            out.push_str(": ");
            out.push_str(&d.message);
            for hint in &d.hints {
                out.push_str(" (hint: ");
                out.push_str(&hint.v);
                out.push(')');
            }
        }
        out
    }
}

/// Prepares every string of the data for typesetting: the characters the fonts lack are replaced
/// (see `Fonts`), and a space between two digits («125 000,50») becomes a no-break space so
/// that no amount is split across lines.
pub(super) fn prepare_strings(value: &mut serde_json::Value) {
    fn fix(s: &mut String, replacements: &[(char, &str)]) {
        let bytes = s.as_bytes();
        let digit_space = (1..bytes.len().saturating_sub(1))
            .any(|i| bytes[i] == b' ' && bytes[i - 1].is_ascii_digit() && bytes[i + 1].is_ascii_digit());
        let missing = !replacements.is_empty() && s.chars().any(|c| replacements.iter().any(|(r, _)| *r == c));
        if !digit_space && !missing {
            return;
        }
        let chars: Vec<char> = s.chars().collect();
        let mut out = String::with_capacity(s.len() + 8);
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' && i > 0 && chars[i - 1].is_ascii_digit() && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit()) {
                out.push('\u{00A0}');
            } else if let Some((_, with)) = replacements.iter().find(|(r, _)| *r == c) {
                out.push_str(with);
            } else {
                out.push(c);
            }
        }
        *s = out;
    }
    fn walk(value: &mut serde_json::Value, replacements: &[(char, &str)]) {
        match value {
            serde_json::Value::String(s) => fix(s, replacements),
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| walk(v, replacements)),
            serde_json::Value::Object(map) => map.values_mut().for_each(|v| walk(v, replacements)),
            _ => {}
        }
    }
    walk(value, &FONTS.replacements);
}

#[cfg(test)]
pub(super) fn missing_replacements() -> Vec<char> {
    FONTS.replacements.iter().map(|(c, _)| *c).collect()
}

#[cfg(test)]
pub(super) fn font_lacks(c: char) -> bool {
    FONTS.fonts.iter().all(|f| !f.info().coverage.contains(c as u32))
}
