//! Input formats → the document model. Each reader keeps what it can read and records the rest as
//! `ReadIssue`s; it fails wholesale (a `ReadError`) only when nothing in the input is recognisable.

pub mod text;
