//! TEMPORARY STUB of the assertion language, replaced by the real module on merge.
#![allow(missing_docs, dead_code, unused_variables)]
use crate::interval::Interval;
use std::fmt;

pub fn parse(text: &str) -> Result<Expr, ExprError> {
    Ok(Expr { text: text.to_string() })
}
#[derive(Debug, Clone, PartialEq)]
pub struct ExprError {
    pub offset: usize,
    pub message: String,
}
impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
#[derive(Debug, Clone)]
pub struct Expr {
    text: String,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub name: String,
    pub field: Option<String>,
    pub offset: usize,
}
#[derive(Debug, Clone, PartialEq)]
pub enum Unit {
    None,
    Named(String),
    Unknown,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub interval: Interval,
    pub unit: Unit,
}
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.interval)
    }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    Always,
    Sometimes,
    Never,
}
pub trait Env {
    fn lookup(&self, name: &str, field: Option<&str>) -> Option<Value>;
}
#[derive(Debug, Clone)]
pub struct Comparison {
    pub op: String,
    pub left_text: String,
    pub left: Value,
    pub right_text: String,
    pub right: Value,
    pub right_computes: bool,
    pub left_computes: bool,
}
#[derive(Debug, Clone)]
pub struct Outcome {
    pub truth: Truth,
    pub failed: Option<Comparison>,
    pub steps: Vec<Step>,
}
#[derive(Debug, Clone)]
pub struct Step {
    pub text: String,
    pub value: Value,
}
impl Expr {
    pub fn text(&self) -> &str {
        &self.text
    }
    pub fn references(&self) -> Vec<Reference> {
        Vec::new()
    }
    pub fn evaluate(&self, env: &dyn Env) -> Outcome {
        Outcome { truth: Truth::Sometimes, failed: None, steps: Vec::new() }
    }
}
