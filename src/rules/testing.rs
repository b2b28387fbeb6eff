//! Builds `Document`s in code for the rules' unit tests (no reader involved).

use super::{Ctx, Rule};
use crate::amount::parse_amount;
use crate::model::{Cell, Column, Document, DocumentKind, Part, Row, Source, Table, TableKind};
use crate::report::{Finding, Severity};

pub struct TableBuilder {
    table: Table,
    line: u32,
}

/// A column: key and side.
pub type Col = (&'static str, Option<Part>);

impl TableBuilder {
    pub fn new(kind: TableKind, columns: &[Col]) -> Self {
        let columns = columns.iter().map(|(key, part)| Column { label: key.to_string(), key, part: *part }).collect();
        TableBuilder {
            table: Table {
                id: String::new(),
                kind,
                title: kind.name_zh().to_string(),
                unit: Some("万元".into()),
                columns,
                rows: Vec::new(),
                header: Vec::new(),
                empty_statement: None,
                rows_not_read: 0,
                subject: None,
                source: Source::default(),
                origin: None,
            },
            line: 0,
        }
    }

    /// A code row (`code` 3/5/7 digits) with one value per column (`""` blank, `"-"` no cell).
    pub fn code(self, code: &str, label: &str, values: &[&str]) -> Self {
        self.row(Some(code), None, label, None, values)
    }

    /// A keyed row.
    pub fn key(self, key: &'static str, label: &str, part: Option<Part>, values: &[&str]) -> Self {
        self.row(None, Some(key), label, part, values)
    }

    /// Any row. A value `"-"` means no cell in that column; anything else is parsed (blank = exact zero).
    pub fn row(
        mut self,
        code: Option<&str>,
        key: Option<&'static str>,
        label: &str,
        part: Option<Part>,
        values: &[&str],
    ) -> Self {
        self.line += 1;
        let line = self.line;
        let cells = values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                if *v == "-" {
                    None
                } else {
                    Some(Cell {
                        text: v.to_string(),
                        amount: parse_amount(v).ok(),
                        source: Source { line, cell: i as u32 + 1, start: 0, end: 0, page: None },
                    })
                }
            })
            .collect();
        self.table.rows.push(Row {
            label: label.to_string(),
            code: code.map(str::to_string),
            printed_code: None,
            key,
            part,
            cells,
            source: Source { line, ..Source::default() },
        });
        self
    }

    /// The table's 单位 line (「元」, 「万元」).
    pub fn unit(mut self, unit: &str) -> Self {
        self.table.unit = Some(unit.to_string());
        self
    }

    pub fn empty(mut self, statement: &str) -> Self {
        self.table.empty_statement = Some(statement.to_string());
        self
    }

    pub fn build(self) -> Table {
        self.table
    }
}

pub fn doc(tables: Vec<Table>) -> Document {
    let tables = tables
        .into_iter()
        .enumerate()
        .map(|(i, mut t)| {
            t.id = format!("t{}", i + 1);
            t
        })
        .collect();
    Document {
        kind: DocumentKind::Final,
        year: Some(2023),
        organization: None,
        unit: Some("万元".into()),
        tables,
        narrative: Vec::new(),
        issues: Vec::new(),
    }
}

pub fn run(rule: &'static Rule, doc: &Document) -> Vec<Finding> {
    let mut ctx = Ctx::new(doc, rule);
    (rule.check)(&mut ctx);
    ctx.findings
}

pub fn errors(findings: &[Finding]) -> Vec<&Finding> {
    findings.iter().filter(|f| f.severity == Severity::Error).collect()
}

pub fn count(findings: &[Finding], severity: Severity) -> usize {
    findings.iter().filter(|f| f.severity == severity).count()
}
