"""Check compiler/tests/syntax_errors/*.err against the local python3.

For each <name>.py, compile its bytes with compile(bytes, "<name>.py", "exec") and render
the SyntaxError the way CPython 3.14's traceback module prints it for `python3 file`
(`TracebackException._format_syntax_error`; 3.11 printed it from C with slightly different
rules, e.g. it also stripped leading tabs). A file that compiles expects an empty .err.

Prints one line per case: `ok`, `KNOWN` (listed below as a 3.11/3.14 difference, so the
.err was written by hand) or `DIFF` followed by both texts. Exit status 1 if any DIFF.

Usage: python3 compiler/tests/support/bless_syntax.py [case-name ...]
"""

import os
import sys
import warnings

CASES = os.environ.get("TAIPAN_SYNTAX_CASES") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "syntax_errors"
)

# Cases whose expected output is CPython 3.14's and differs from 3.11's, with the reason.
KNOWN_DIFFERENCES = {
    "ok_except_without_parens": "PEP 758 (3.14): except A, B: needs no parentheses",
    "except_as_without_parens": "3.14 says 'multiple exception types must be parenthesized when using 'as''",
    "ok_template_string": "PEP 750 (3.14): t-strings",
    "ok_type_alias": "PEP 695 (3.12): type aliases and type parameters",
    "ok_fstring_nested_quotes": "PEP 701 (3.12): quotes and backslashes inside f-string fields",
    "nondefault_after_default": "3.12 renamed: 'parameter without a default follows parameter with a default'",
    "fstring_empty_expression": "PEP 701 (3.12): 'f-string: valid expression required before '}''",
    "fstring_invalid_conversion": "PEP 701 (3.12): names the bad conversion character",
    "fstring_expecting_brace": "PEP 701 (3.12): f-strings are tokenized, the caret moves",
    "fstring_single_brace": "PEP 701 (3.12): f-strings are tokenized, the caret moves",
    "fstring_missing_conversion": "PEP 701 (3.12): 'f-string: missing conversion character'",
    "elif_after_else": "3.14 names it: 'elif' block follows an 'else' block",
    "elif_after_else_block": "3.14 names it: 'elif' block follows an 'else' block",
    "except_star_target_tuple": "3.14: cannot use except* statement with tuple",
    "except_target_attribute": "3.14: cannot use except statement with attribute",
    "for_without_in": "3.14: 'in' expected after for-loop variables",
    "import_from_swapped": "3.14: Did you mean to use 'from ... import ...' instead?",
    "import_from_target_literal": "3.14: cannot use literal as import target",
    "import_nothing": "3.14: Expected one or more names after 'import'",
    "import_target_attribute": "3.14: cannot use attribute as import target",
    "iterable_unpacking_assigned": "3.14: cannot assign to iterable argument unpacking",
    "keyword_argument_missing_value": "3.14: expected argument value expression",
    "keyword_unpacking_assigned": "3.14: cannot assign to keyword argument unpacking",
    "match_as_attribute": "3.14: cannot use attribute as pattern target",
    "match_invalid_as_target": "3.14 names the target: cannot use expression as pattern target",
    "not_after_binary_operator": "3.14: 'not' after an operator must be parenthesized",
    "not_after_unary_operator": "3.14: 'not' after an operator must be parenthesized",
    "star_without_operand": "3.14: Invalid star expression",
    "statement_after_else": "3.14: expected expression after 'else', but statement is given",
    "statement_before_if": "3.14: expected expression before 'if', but statement is given",
    "string_interrupted": "3.14: invalid syntax. Is this intended to be part of the string?",
    "string_prefixes_incompatible": "3.14's tokenizer: 'u' and 'b' prefixes are incompatible",
    "string_prefixes_incompatible_three": "3.14's tokenizer names the first incompatible pair",
    "type_params_empty": "PEP 695 (3.12): Type parameter list cannot be empty",
    "typevar_constraint_yield": "PEP 695/696 (3.12/3.13): TypeVar constraint scope",
    "typevar_default_named": "PEP 696 (3.13): TypeVar defaults",
    "unterminated_escaped_quote": "3.14 adds '; perhaps you escaped the end quote?'",
    "future_braces": "3.14 points at the feature's name (test_exceptions: offset 24)",
    "future_feature_unknown": "3.14 points at the feature's name (test_exceptions: offset 24)",
    "fstring_after_conversion": "PEP 701 (3.12): f-string: expecting ':' or '}'",
    "fstring_after_equals": "PEP 701 (3.12): f-string: expecting '!', or ':', or '}'",
    "fstring_expecting_expression": "PEP 701 (3.12): f-string: expecting a valid expression after '{'",
    "fstring_expecting_terminator": "PEP 701 (3.12): f-string: expecting '=', or '!', or ':', or '}'",
    "fstring_expression_before_bang": "PEP 701 (3.12): valid expression required before '!'",
    "fstring_expression_before_colon": "PEP 701 (3.12): valid expression required before ':'",
    "fstring_expression_before_equal": "PEP 701 (3.12): valid expression required before '='",
    "fstring_lambda_in_tuple": "PEP 701 (3.12): lambda expressions are not allowed without parentheses",
    "fstring_missing_comma": "PEP 701 (3.12): the field is parsed as an expression (test_exceptions)",
    "fstring_comment_in_field": "PEP 701 (3.12): '#' starts a comment in a field, so '{' was never closed",
    "unterminated_triple_fstring": "PEP 701 (3.12): 'unterminated triple-quoted f-string literal'",
    "lazy_import": "3.14 points at 'import' the same way, but from the PEG parser's furthest token",
    "unknown_unicode_name": "3.12+ reports a bad escape at the string token (3.13 agrees)",
}


def render(e, filename):
    """CPython 3.14's rendering of a SyntaxError raised while compiling `filename`."""
    lines = []
    lineno = e.lineno
    if lineno is not None:
        lines.append('  File "{}", line {}\n'.format(e.filename or "<string>", lineno))
    text = e.text
    if isinstance(text, str):
        rtext = text.rstrip("\n")
        ltext = rtext.lstrip(" \n\f")
        spaces = len(rtext) - len(ltext)
        if e.offset is None:
            lines.append("    {}\n".format(ltext))
        else:
            offset = e.offset
            if e.lineno == e.end_lineno:
                end_offset = e.end_offset if isinstance(e.end_offset, int) and e.end_offset != 0 else offset
            else:
                end_offset = len(rtext) + 1
            if text and offset > len(text):
                offset = len(rtext) + 1
            if text and end_offset > len(text):
                end_offset = len(rtext) + 1
            if offset >= end_offset or end_offset < 0:
                end_offset = offset + 1
            colno = offset - 1 - spaces
            end_colno = end_offset - 1 - spaces
            if colno >= 0:
                caretspace = "".join(c if c.isspace() else " " for c in ltext[:colno])
                lines.append("    {}\n".format(ltext))
                lines.append("    {}{}\n".format(caretspace, "^" * (end_colno - colno)))
            else:
                lines.append("    {}\n".format(ltext))
    lines.append("{}: {}\n".format(type(e).__name__, e.msg or "<no detail available>"))
    return "".join(lines)


def python_output(path, filename):
    with open(path, "rb") as f:
        data = f.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(data, filename, "exec", dont_inherit=True)
    except SyntaxError as e:
        if e.text is not None and not e.text.endswith("\n"):
            # CPython reads the line back from the file for `python3 file`, newline included.
            e.text += "\n"
        return render(e, filename)
    return ""


def main(argv):
    # Symbol-table and compiler errors read the offending line back from the file.
    os.chdir(CASES)
    names = sorted(n[:-3] for n in os.listdir(CASES) if n.endswith(".py"))
    if argv:
        names = [n for n in names if n in argv]
    failures = 0
    for name in names:
        path = os.path.join(CASES, name + ".py")
        expected_path = os.path.join(CASES, name + ".err")
        try:
            with open(expected_path, encoding="utf-8") as f:
                expected = f.read()
        except FileNotFoundError:
            expected = ""
        actual = python_output(path, name + ".py")
        if name in KNOWN_DIFFERENCES:
            print(f"KNOWN {name}: {KNOWN_DIFFERENCES[name]}")
            if expected != actual:
                print("  .err (3.14, by hand):\n" + indent(expected) + "  python3:\n" + indent(actual))
            continue
        if expected == actual:
            print(f"ok    {name}")
        else:
            failures += 1
            print(f"DIFF  {name}\n  .err:\n" + indent(expected) + "  python3:\n" + indent(actual))
    print(f"{len(names) - failures} passed, {failures} failed")
    return 1 if failures else 0


def indent(text):
    if text is None:
        return "    (missing)\n"
    return "".join("    |" + line + "\n" for line in text.split("\n")[:-1]) or "    (empty)\n"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
