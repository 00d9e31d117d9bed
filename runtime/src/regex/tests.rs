//! Unit tests of the engine on its own (the `re` module's behaviour is covered by the
//! behaviour cases).

use super::{Mode, compile, exec, scan};

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

fn find(pattern: &str, text: &str) -> Option<(usize, usize)> {
    let re = compile(&chars(pattern), 0, false).expect("pattern compiles");
    let spans = exec(&re, &chars(text), 0, Mode::Search)?;
    Some((spans[0]?, spans[1]?))
}

#[test]
fn literals_classes_and_repeats() {
    assert_eq!(find(r"\d+", "ab123c"), Some((2, 5)));
    assert_eq!(find(r"a.c", "xabc"), Some((1, 4)));
    assert_eq!(find(r"[^a-c]+", "abcxyz"), Some((3, 6)));
    assert_eq!(find(r"x{2,3}", "xxxxx"), Some((0, 3)));
    assert_eq!(find(r"x{2,3}?", "xxxxx"), Some((0, 2)));
    assert_eq!(find(r"(a*)*b", "aaab"), Some((0, 4)));
    assert_eq!(find(r"(?i)HeLLo", "say hello"), Some((4, 9)));
}

#[test]
fn groups_backrefs_and_lookaround() {
    let re = compile(&chars(r"(\w)(\w)\2\1"), 0, false).expect("compiles");
    let spans = exec(&re, &chars("xabbay"), 0, Mode::Search).expect("matches");
    assert_eq!(spans[0..2], [Some(1), Some(5)]);
    assert_eq!(find(r"foo(?=bar)", "foobaz foobar"), Some((7, 10)));
    assert_eq!(find(r"(?<!a)b", "abcb"), Some((3, 4)));
    assert_eq!(find(r"(?>a+)b", "aaab"), Some((0, 4)));
    assert_eq!(find(r"a++a", "aaaa"), None);
}

#[test]
fn empty_matches_in_scan() {
    let re = compile(&chars("x*"), 0, false).expect("compiles");
    let spans: Vec<(usize, usize)> = scan(&re, &chars("abxd"), 0, 0)
        .iter()
        .map(|s| (s[0].unwrap_or(0), s[1].unwrap_or(0)))
        .collect();
    assert_eq!(spans, [(0, 0), (1, 1), (2, 3), (3, 3), (4, 4)]);
}

#[test]
fn errors_have_cpython_messages() {
    let e = compile(&chars("a)"), 0, false).expect_err("fails");
    assert_eq!((e.msg.as_str(), e.pos), ("unbalanced parenthesis", 1));
    let e = compile(&chars("(ab"), 0, false).expect_err("fails");
    assert_eq!(
        (e.msg.as_str(), e.pos),
        ("missing ), unterminated subpattern", 0)
    );
    let e = compile(&chars("*a"), 0, false).expect_err("fails");
    assert_eq!((e.msg.as_str(), e.pos), ("nothing to repeat", 0));
}
