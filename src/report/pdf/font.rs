//! Finding a CJK font on the system (Noto CJK, Source Han, WenQuanYi, SimSun and the like),
//! or loading the one given with `--font`, and measuring text with it.
//!
//! A font is accepted only if it has glyphs for the words of the forms, so a Latin-only font
//! is refused before anything is written.
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::report::wrap::{Measure, estimate};

/// The Debian package that provides a CJK font, named in the error when none is found.
pub const FONT_PACKAGE: &str = "fonts-noto-cjk";

/// Characters every form prints; a font without them cannot print our forms.
const PROBE: &str = "在职党员社区报到单姓名";

/// Font files in the order they are preferred (file names, lower case).
const PREFERRED: &[&str] = &[
    "notosanscjk-regular.ttc",
    "notosanscjksc-regular.otf",
    "notosanssc-regular.otf",
    "notosanssc-regular.ttf",
    "sourcehansans-regular.ttc",
    "sourcehansanssc-regular.otf",
    "sourcehansanscn-regular.otf",
    "notoserifcjk-regular.ttc",
    "sourcehanserif-regular.ttc",
    "sourcehanserifsc-regular.otf",
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "simsun.ttc",
    "simsun.ttf",
    "simhei.ttf",
    "msyh.ttc",
    "msyh.ttf",
    "pingfang.ttc",
    "droidsansfallbackfull.ttf",
    "droidsansfallback.ttf",
];

#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error(
        "no Chinese font found (looked in {searched}); install one (Debian: apt-get install {FONT_PACKAGE}) or give one with --font PATH"
    )]
    NotFound { searched: String },
    #[error("{path}: {why}")]
    Unreadable { path: String, why: String },
    #[error(
        "{path} has no Chinese characters; give a CJK font with --font (Debian: apt-get install {FONT_PACKAGE})"
    )]
    NotCjk { path: String },
}

impl FontError {
    /// The error in the clerk's language.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::tf;
        match self {
            FontError::NotFound { searched } => {
                tf(lang, "report.font_not_found", &[&searched, &FONT_PACKAGE])
            }
            FontError::Unreadable { path, why } => {
                tf(lang, "report.font_unreadable", &[path, why, &FONT_PACKAGE])
            }
            FontError::NotCjk { path } => tf(lang, "report.font_not_cjk", &[path, &FONT_PACKAGE]),
        }
    }
}

/// A loaded font face.
#[derive(Clone)]
pub struct PdfFont {
    pub path: PathBuf,
    pub index: u32,
    data: Arc<Vec<u8>>,
}

impl std::fmt::Debug for PdfFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PdfFont({}#{})", self.path.display(), self.index)
    }
}

/// The usual font directories of Linux, macOS and Windows.
fn font_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = [
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        "/System/Library/Fonts",
        "/Library/Fonts",
        "C:\\Windows\\Fonts",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    if let Some(home) = std::env::var_os("HOME") {
        let home = PathBuf::from(home);
        dirs.push(home.join(".local/share/fonts"));
        dirs.push(home.join(".fonts"));
        dirs.push(home.join("Library/Fonts"));
    }
    dirs
}

fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if depth > 0 {
                walk(&p, depth - 1, out);
            }
        } else {
            out.push(p);
        }
    }
}

/// `--font PATH` if given, else the most preferred CJK font in the usual directories.
pub fn find_font(choice: Option<&Path>) -> Result<PdfFont, FontError> {
    if let Some(p) = choice {
        return load(p);
    }
    let dirs = font_dirs();
    let mut files = Vec::new();
    for d in &dirs {
        walk(d, 4, &mut files);
    }
    let rank = |p: &PathBuf| {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        PREFERRED.iter().position(|w| *w == name)
    };
    let mut found: Vec<(usize, PathBuf)> = files
        .into_iter()
        .filter_map(|p| rank(&p).map(|r| (r, p)))
        .collect();
    found.sort();
    for (_, p) in found {
        if let Ok(f) = load(&p) {
            return Ok(f);
        }
    }
    Err(FontError::NotFound {
        searched: dirs
            .iter()
            .map(|d| d.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
    })
}

/// The system's CJK font, found once per process (the screens count pages with it).
pub fn system_font() -> Option<&'static PdfFont> {
    static FONT: std::sync::OnceLock<Option<PdfFont>> = std::sync::OnceLock::new();
    FONT.get_or_init(|| find_font(None).ok()).as_ref()
}

/// The face of `path` for Simplified Chinese: in a collection (.ttc), the one named SC or CN.
pub fn load(path: &Path) -> Result<PdfFont, FontError> {
    let unreadable = |why: String| FontError::Unreadable {
        path: path.display().to_string(),
        why,
    };
    let data = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
    let faces = ttf_parser::fonts_in_collection(&data).unwrap_or(1);
    let mut best = None;
    for i in 0..faces {
        let Ok(face) = ttf_parser::Face::parse(&data, i) else {
            continue;
        };
        if !PROBE.chars().all(|c| face.glyph_index(c).is_some()) {
            continue;
        }
        let simplified = face.names().into_iter().any(|n| {
            n.to_string()
                .is_some_and(|s| s.contains(" SC") || s.contains(" CN") || s.contains("GB"))
        });
        if simplified {
            best = Some(i);
            break;
        }
        best.get_or_insert(i);
    }
    match best {
        Some(index) => Ok(PdfFont {
            path: path.to_path_buf(),
            index,
            data: Arc::new(data),
        }),
        None if ttf_parser::Face::parse(&data, 0).is_err() => {
            Err(unreadable("not a TrueType/OpenType font".into()))
        }
        None => Err(FontError::NotCjk {
            path: path.display().to_string(),
        }),
    }
}

impl PdfFont {
    pub fn measure(&self) -> FontMeasure<'_> {
        FontMeasure {
            face: ttf_parser::Face::parse(&self.data, self.index).ok(),
            cache: RefCell::new(HashMap::new()),
        }
    }

    pub fn has(&self, c: char) -> bool {
        ttf_parser::Face::parse(&self.data, self.index)
            .map(|f| f.glyph_index(c).is_some())
            .unwrap_or(false)
    }

    pub(super) fn krilla(&self) -> Result<krilla::text::Font, FontError> {
        let data: Arc<dyn AsRef<[u8]> + Send + Sync> = self.data.clone();
        krilla::text::Font::new(data.into(), self.index).ok_or_else(|| FontError::Unreadable {
            path: self.path.display().to_string(),
            why: "the PDF library cannot use this font".into(),
        })
    }
}

/// Advances from the font's own metrics.
pub struct FontMeasure<'a> {
    face: Option<ttf_parser::Face<'a>>,
    cache: RefCell<HashMap<char, f32>>,
}

impl Measure for FontMeasure<'_> {
    fn advance(&self, ch: char) -> f32 {
        if let Some(w) = self.cache.borrow().get(&ch) {
            return *w;
        }
        let w = match (&self.face, ch) {
            (_, '☐' | '☑' | '✗' | '✓') => 1.0,
            (_, '\n' | '\r') => 0.0,
            (Some(face), c) => face
                .glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map(|a| a as f32 / face.units_per_em() as f32)
                .unwrap_or_else(|| estimate(c)),
            (None, c) => estimate(c),
        };
        self.cache.borrow_mut().insert(ch, w);
        w
    }
}
