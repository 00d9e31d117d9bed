//! Table-driven tests of `format()`, `%` and `str.format` against CPython's output (the
//! tables in `testdata/`), plus hand-written 3.14 rows.

use num_bigint::BigInt;

use super::testdata::{parse_float, rows};
use super::*;

fn show(result: Result<String, FormatError>) -> String {
    result.unwrap_or_else(|e| format!("!{e}"))
}

fn run_format(kind: &str, value: &str, spec: &str) -> String {
    match kind {
        "float" => show(format_float(parse_float(value), spec)),
        "int" => show(format_int(&value.parse::<BigInt>().expect("int"), spec)),
        "str" => show(format_str(value, spec)),
        "complex" => {
            let (re, im) = value.split_once(';').expect("complex");
            show(format_complex(parse_float(re), parse_float(im), spec))
        }
        _ => panic!("unknown kind {kind}"),
    }
}

/// Runs every row and reports all mismatches at once.
fn check_table(table: &str, run: impl Fn(&[String]) -> String) {
    let mut failures = Vec::new();
    let all = rows(table);
    for row in &all {
        let (inputs, expected) = row.split_at(row.len() - 1);
        let got = run(inputs);
        if got != expected[0] {
            failures.push(format!(
                "{inputs:?}: expected {:?}, got {got:?}",
                expected[0]
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows differ:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

#[test]
fn format_matches_cpython() {
    check_table(include_str!("testdata/format.txt"), |row| {
        run_format(&row[0], &row[1], &row[2])
    });
}

#[test]
fn format_314_rows() {
    check_table(include_str!("testdata/format_314.txt"), |row| {
        run_format(&row[0], &row[1], &row[2])
    });
}

/// A Python value, as far as the tests need one.
#[derive(Debug, Clone)]
enum Arg {
    Int(BigInt),
    Float(f64),
    Str(String),
}

impl Arg {
    fn parse(text: &str) -> Self {
        let (tag, body) = text.split_once(':').expect("tagged arg");
        match tag {
            "i" => Self::Int(body.parse().expect("int")),
            "f" => Self::Float(parse_float(body)),
            _ => Self::Str(body.to_owned()),
        }
    }

    fn type_name(&self) -> &'static str {
        match self {
            Self::Int(_) => "int",
            Self::Float(_) => "float",
            Self::Str(_) => "str",
        }
    }

    fn str(&self) -> String {
        match self {
            Self::Int(v) => v.to_string(),
            Self::Float(x) => float_repr(*x),
            Self::Str(s) => s.clone(),
        }
    }

    fn repr(&self) -> String {
        match self {
            Self::Str(s) => format!("'{s}'"),
            other => other.str(),
        }
    }

    fn format(&self, spec: &str) -> Result<String, FormatError> {
        match self {
            Self::Int(v) => format_int(v, spec),
            Self::Float(x) => format_float(*x, spec),
            Self::Str(s) => format_str(s, spec),
        }
    }
}

/// Positional args, or a mapping (`k=i:1|...`).
struct Args {
    positional: Vec<Arg>,
    mapping: Option<Vec<(String, Arg)>>,
    next: usize,
    selected: Option<Arg>,
}

impl Args {
    fn parse(text: &str) -> Self {
        let mut positional = Vec::new();
        let mut mapping = None;
        for item in text.split('|').filter(|item| !item.is_empty()) {
            if item == "{}" {
                mapping.get_or_insert_with(Vec::new);
            } else if let Some((key, value)) =
                item.split_once('=').filter(|(k, _)| !k.contains(':'))
            {
                mapping
                    .get_or_insert_with(Vec::new)
                    .push((key.to_owned(), Arg::parse(value)));
            } else {
                positional.push(Arg::parse(item));
            }
        }
        Self {
            positional,
            mapping,
            next: 0,
            selected: None,
        }
    }

    fn next_arg(&mut self) -> Result<Arg, FormatError> {
        if self.mapping.is_some() {
            // After %(key) the argument is the looked-up value, usable once.
            return self
                .selected
                .take()
                .ok_or_else(FormatError::not_enough_arguments);
        }
        let arg = self
            .positional
            .get(self.next)
            .cloned()
            .ok_or_else(FormatError::not_enough_arguments)?;
        self.next += 1;
        Ok(arg)
    }

    fn next_int(&mut self) -> Result<BigInt, FormatError> {
        match self.next_arg()? {
            Arg::Int(v) => Ok(v),
            _ => Err(FormatError::star_wants_int()),
        }
    }
}

impl PercentArgs for Args {
    type Error = FormatError;

    fn select_key(&mut self, key: &str) -> Result<(), FormatError> {
        let mapping = self
            .mapping
            .as_ref()
            .ok_or_else(FormatError::format_requires_mapping)?;
        let value = mapping
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone());
        self.selected = Some(value.ok_or_else(|| FormatError {
            exc_type: "KeyError",
            message: format!("'{key}'"),
        })?);
        Ok(())
    }

    fn star_width(&mut self) -> Result<isize, FormatError> {
        isize::try_from(self.next_int()?).map_err(|_| {
            FormatError::overflow_error("Python int too large to convert to C ssize_t")
        })
    }

    fn star_precision(&mut self) -> Result<i32, FormatError> {
        i32::try_from(self.next_int()?)
            .map_err(|_| FormatError::overflow_error("Python int too large to convert to C int"))
    }
}

/// A minimal `str % args` over [`Arg`]s, as the runtime will write it.
fn percent_format(fmt: &str, args: &mut Args) -> Result<String, FormatError> {
    let mut out = String::new();
    let mut parser = PercentParser::new(fmt);
    while let Some(piece) = parser.next_piece(args) {
        match piece? {
            PercentPiece::Literal(text) => out.push_str(text),
            PercentPiece::Spec(spec) => {
                let arg = args.next_arg()?;
                let text = match (spec.kind()?, &arg) {
                    (PercentKind::Str, _) => {
                        let text = if spec.conversion == 's' {
                            arg.str()
                        } else {
                            arg.repr()
                        };
                        format_percent_str(&text, &spec)?
                    }
                    (PercentKind::Decimal | PercentKind::Radix, Arg::Int(v)) => {
                        format_percent_int(v, &spec)?
                    }
                    (PercentKind::Decimal, _) => {
                        return Err(FormatError::percent_needs_real(
                            spec.conversion,
                            arg.type_name(),
                        ));
                    }
                    (PercentKind::Radix, _) => {
                        return Err(FormatError::percent_needs_integer(
                            spec.conversion,
                            arg.type_name(),
                        ));
                    }
                    (PercentKind::Float, Arg::Float(x)) => format_percent_float(*x, &spec)?,
                    (PercentKind::Float, Arg::Int(v)) => {
                        format_percent_float(int_to_float(v)?, &spec)?
                    }
                    (PercentKind::Float, _) => {
                        return Err(FormatError::percent_float_needs_real(arg.type_name()));
                    }
                    (PercentKind::Char, Arg::Int(v)) => {
                        format_percent_char(percent_char_from_int(v)?, &spec)?
                    }
                    (PercentKind::Char, Arg::Str(s)) => {
                        format_percent_char(percent_char_from_str(s)?, &spec)?
                    }
                    (PercentKind::Char, _) => {
                        return Err(FormatError::percent_c_wrong_type(arg.type_name()));
                    }
                };
                out.push_str(&text);
            }
        }
    }
    if args.mapping.is_none() && args.next < args.positional.len() {
        return Err(FormatError::not_all_converted());
    }
    Ok(out)
}

#[test]
fn percent_matches_cpython() {
    check_table(include_str!("testdata/percent.txt"), |row| {
        show(percent_format(&row[0], &mut Args::parse(&row[1])))
    });
}

impl FieldSource for Args {
    type Value = Arg;
    type Error = FormatError;

    fn resolve(
        &mut self,
        key: FieldKey<'_>,
        mut accessors: FieldAccessors<'_>,
    ) -> Result<Arg, FormatError> {
        let value = match key {
            FieldKey::Index(index) => self
                .positional
                .get(index)
                .cloned()
                .ok_or_else(|| FormatError::replacement_index_out_of_range(index))?,
            FieldKey::Name(name) => self
                .mapping
                .iter()
                .flatten()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| FormatError {
                    exc_type: "KeyError",
                    message: format!("'{name}'"),
                })?,
        };
        // The tables use no accessors; the fuzz test may, and gets an error for them.
        match accessors.next() {
            None => Ok(value),
            Some(Err(e)) => Err(e),
            Some(Ok(_)) => Err(FormatError::type_error("no attributes in tests")),
        }
    }

    fn convert(&mut self, value: Arg, conversion: char) -> Result<Arg, FormatError> {
        Ok(Arg::Str(if conversion == 's' {
            value.str()
        } else {
            value.repr()
        }))
    }

    fn format(&mut self, value: Arg, spec: &str) -> Result<String, FormatError> {
        value.format(spec)
    }
}

#[test]
fn template_matches_cpython() {
    check_table(include_str!("testdata/template.txt"), |row| {
        show(render_template(&row[0], &mut Args::parse(&row[1])))
    });
}

#[test]
fn field_names_split() {
    let cases: &[(&str, &str)] = &[
        ("0", "Index(0) []"),
        ("name", "Name(\"name\") []"),
        (
            "0.attr[key][3].x",
            "Index(0) [Attribute(\"attr\"), Key(\"key\"), Index(3), Attribute(\"x\")]",
        ),
        ("[0]", "Index(0) [Index(0)]"),
        (".a", "Index(0) [Attribute(\"a\")]"),
        (
            "a[b]c",
            "Name(\"a\") [Key(\"b\"), !ValueError: Only '.' or '[' may follow ']' in format field specifier]",
        ),
        (
            "a.",
            "Name(\"a\") [!ValueError: Empty attribute in format string]",
        ),
        (
            "a[]",
            "Name(\"a\") [!ValueError: Empty attribute in format string]",
        ),
        (
            "a[x",
            "Name(\"a\") [!ValueError: Missing ']' in format string]",
        ),
        (
            "a[{]",
            "Name(\"a\") [!ValueError: unexpected '{' in field name]",
        ),
        (
            "99999999999999999999",
            "!ValueError: Too many decimal digits in format string",
        ),
    ];
    for (name, expected) in cases {
        let got = match split_field_name(name, &mut AutoNumber::default()) {
            Ok((key, rest)) => {
                let parts: Vec<String> = rest
                    .map(|part| part.map_or_else(|e| format!("!{e}"), |p| format!("{p:?}")))
                    .collect();
                format!("{key:?} [{}]", parts.join(", "))
            }
            Err(e) => format!("!{e}"),
        };
        assert_eq!(&got, expected, "field name {name:?}");
    }
}

/// Pseudo-random strings over the characters that matter to the parsers: none of them
/// may panic, whatever the input.
#[test]
fn arbitrary_input_never_panics() {
    const ALPHABET: &[char] = &[
        '0', '1', '9', '<', '>', '=', '^', '+', '-', ' ', 'z', '#', ',', '_', '.', 'd', 'e', 'f',
        'g', 'n', 'x', 'c', 's', '%', 'G', '{', '}', '!', ':', '[', ']', '(', ')', '*', 'r', 'é',
        'l',
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let values = [
        0.0,
        -0.0,
        1.5,
        -1234.5678,
        1e300,
        5e-324,
        f64::NAN,
        f64::NEG_INFINITY,
    ];
    for _ in 0..20_000 {
        let len = (next() % 9) as usize;
        let text: String = (0..len)
            .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
            .collect();
        let x = values[(next() % values.len() as u64) as usize];
        let _ = format_float(x, &text);
        let _ = format_complex(x, -x, &text);
        let _ = format_int(&BigInt::from(next() as i64), &text);
        let _ = format_str("héllo", &text);
        let mut args = Args {
            positional: vec![
                Arg::Int(BigInt::from(3)),
                Arg::Float(x),
                Arg::Str("ab".to_owned()),
            ],
            mapping: None,
            next: 0,
            selected: None,
        };
        let _ = percent_format(&text, &mut args);
        args.next = 0;
        let _ = render_template(&text, &mut args);
    }
}
