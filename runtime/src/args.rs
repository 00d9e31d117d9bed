//! Calling convention of functions implemented in Rust, and helpers that check their
//! arguments with CPython's error texts.
//!
//! A native function receives the positional values followed by the keyword values, plus
//! the keyword names (CPython's vectorcall layout), so call sites pass their registers
//! without building a tuple or dict.

use crate::errors::PyResult;
use crate::interp::Vm;
use crate::value::Value;

/// The signature of every builtin function and method.
pub type NativeFn = fn(&mut Vm, &Args) -> PyResult<Value>;

/// The arguments of a native call.
pub struct Args<'a> {
    /// Positional values, then keyword values.
    pub values: &'a [Value],
    /// Names (str objects) of the trailing keyword values.
    pub kwnames: &'a [Value],
}

impl<'a> Args<'a> {
    pub fn new(values: &'a [Value], kwnames: &'a [Value]) -> Args<'a> {
        Args { values, kwnames }
    }

    pub fn positional(values: &'a [Value]) -> Args<'a> {
        Args {
            values,
            kwnames: &[],
        }
    }

    /// The positional arguments.
    #[inline]
    pub fn pos(&self) -> &'a [Value] {
        &self.values[..self.values.len() - self.kwnames.len()]
    }

    /// The keyword arguments as (name, value) pairs.
    pub fn kwargs(&self) -> impl Iterator<Item = (&'a str, Value)> + '_ {
        let start = self.values.len() - self.kwnames.len();
        self.kwnames
            .iter()
            .zip(&self.values[start..])
            .map(|(&name, &value)| (crate::ops::str_of(name).unwrap_or(""), value))
    }

    pub fn has_kwargs(&self) -> bool {
        !self.kwnames.is_empty()
    }

    /// The keyword argument `name`, if given.
    pub fn kwarg(&self, name: &str) -> Option<Value> {
        self.kwargs().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// Fails with "`fname`() takes no keyword arguments" when any were given.
    pub fn no_kwargs(&self, vm: &mut Vm, fname: &str) -> PyResult<()> {
        if self.has_kwargs() {
            return Err(vm.type_error(format!("{fname}() takes no keyword arguments")));
        }
        Ok(())
    }

    /// Fails unless only keywords from `allowed` were given ("'x' is an invalid keyword
    /// argument for f()").
    pub fn only_kwargs(&self, vm: &mut Vm, fname: &str, allowed: &[&str]) -> PyResult<()> {
        for (name, _) in self.kwargs() {
            if !allowed.contains(&name) {
                return Err(vm.type_error(format!(
                    "{fname}() got an unexpected keyword argument '{name}'"
                )));
            }
        }
        Ok(())
    }

    /// Exactly one positional argument and no keywords ("len() takes exactly one argument
    /// (2 given)").
    pub fn one(&self, vm: &mut Vm, fname: &str) -> PyResult<Value> {
        self.no_kwargs(vm, fname)?;
        match self.pos() {
            [v] => Ok(*v),
            other => Err(vm.type_error(format!(
                "{fname}() takes exactly one argument ({} given)",
                other.len()
            ))),
        }
    }

    /// No arguments at all ("list.clear() takes no arguments (1 given)").
    pub fn none(&self, vm: &mut Vm, fname: &str) -> PyResult<()> {
        self.no_kwargs(vm, fname)?;
        if !self.pos().is_empty() {
            return Err(vm.type_error(format!(
                "{fname}() takes no arguments ({} given)",
                self.pos().len()
            )));
        }
        Ok(())
    }

    /// Between `min` and `max` positional arguments, in the style "`fname` expected at
    /// most 2 arguments, got 3" (CPython's `_PyArg_CheckPositional`).
    pub fn range(&self, vm: &mut Vm, fname: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
        self.no_kwargs(vm, fname)?;
        let n = self.pos().len();
        if n < min {
            let msg = if min == max {
                format!("{fname} expected {min} argument{}, got {n}", plural(min))
            } else {
                format!(
                    "{fname} expected at least {min} argument{}, got {n}",
                    plural(min)
                )
            };
            return Err(vm.type_error(msg));
        }
        if n > max {
            let msg = if min == max {
                format!("{fname} expected {max} argument{}, got {n}", plural(max))
            } else {
                format!(
                    "{fname} expected at most {max} argument{}, got {n}",
                    plural(max)
                )
            };
            return Err(vm.type_error(msg));
        }
        Ok(self.pos())
    }
}

impl Args<'_> {
    /// A method's arguments after `self`, between `min` and `max` of them, with Argument
    /// Clinic's messages counting only those ("get expected at least 1 argument, got 0").
    /// Returns all values including `self`.
    pub fn method(&self, vm: &mut Vm, fname: &str, min: usize, max: usize) -> PyResult<&[Value]> {
        self.no_kwargs(vm, fname)?;
        let pos = self.pos();
        let n = pos.len().saturating_sub(1);
        if n < min || n > max {
            let msg = if min == max {
                format!("{fname} expected {min} argument{}, got {n}", plural(min))
            } else if n < min {
                format!(
                    "{fname} expected at least {min} argument{}, got {n}",
                    plural(min)
                )
            } else {
                format!(
                    "{fname} expected at most {max} argument{}, got {n}",
                    plural(max)
                )
            };
            return Err(vm.type_error(msg));
        }
        Ok(pos)
    }

    /// A `METH_O` method's single argument after `self` ("set.add() takes exactly one
    /// argument (0 given)"); returns `[self, arg]`.
    pub fn method_one(&self, vm: &mut Vm, qualname: &str) -> PyResult<&[Value]> {
        self.no_kwargs(vm, qualname)?;
        let pos = self.pos();
        if pos.len() != 2 {
            return Err(vm.type_error(format!(
                "{qualname}() takes exactly one argument ({} given)",
                pos.len().saturating_sub(1)
            )));
        }
        Ok(pos)
    }

    /// A `METH_NOARGS` method ("list.clear() takes no arguments (1 given)").
    pub fn method_none(&self, vm: &mut Vm, qualname: &str) -> PyResult<Value> {
        self.no_kwargs(vm, qualname)?;
        let pos = self.pos();
        if pos.len() != 1 {
            return Err(vm.type_error(format!(
                "{qualname}() takes no arguments ({} given)",
                pos.len().saturating_sub(1)
            )));
        }
        Ok(pos[0])
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
