//! Positioned text: pages of text runs with their place on the page. What `pdf` extracts from a PDF's text
//! layer and `layout` rebuilds into tables and narrative; kept apart so the layout reader (also used for text laid
//! out with spaces) does not depend on the PDF parser, which is an optional feature (`formats`).

/// One run of text as placed on the page. `x` is the left edge and `y` the baseline, both in points from the
/// page's top-left corner (y grows downwards); `width` is the advance of the run; `size` its font size in points.
#[derive(Clone, Debug, PartialEq)]
pub struct TextItem {
    pub text: String,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub size: f32,
}

/// A page: its number (1-based), size in points and its text items in content order.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub number: u32,
    pub width: f32,
    pub height: f32,
    pub items: Vec<TextItem>,
}
