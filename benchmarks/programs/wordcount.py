"""Word count: dict- and set-heavy counting over generated text.

Generates sentences from syllables with a hand-written random generator,
then tokenises, counts words and bigrams, groups by length and compares
vocabularies with set algebra. Stresses str-keyed dict lookups and inserts,
tuple keys, set operations, split/lower/strip and sorting. All output goes
through sorted(), so string hash order never shows.
"""

import sys

SIZES = {"tiny": 8_000, "small": 80_000, "default": 600_000}

SYLLABLES = ["ka", "to", "ri", "me", "su", "na", "lo", "pe", "qui", "zan", "dor", "el",
             "ba", "fi", "gu", "ha", "jo", "mu", "no", "ve", "wy", "xe", "yo", "tra"]
PUNCTUATION = [",", ";", "", "", "", "", ":", ""]


def workload_size():
    """Return the workload parameter for sys.argv[1]: a size name or an int."""
    arg = sys.argv[1] if len(sys.argv) > 1 else "default"
    if arg in SIZES:
        return SIZES[arg]
    return int(arg)


class Rng:
    def __init__(self, seed):
        self.state = seed

    def below(self, n):
        self.state = self.state * 48271 % 2_147_483_647
        return self.state % n


def make_lexicon(rng, size):
    words = []
    seen = set()
    while len(words) < size:
        parts = [SYLLABLES[rng.below(len(SYLLABLES))] for _ in range(1 + rng.below(3))]
        word = "".join(parts)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def generate_text(word_count, seed):
    rng = Rng(seed)
    lexicon = make_lexicon(rng, 3000)
    sentences = []
    words_left = word_count
    while words_left > 0:
        length = min(words_left, 4 + rng.below(12))
        words_left -= length
        sentence = []
        for _ in range(length):
            # Squaring skews the choice towards the start of the lexicon.
            r = rng.below(3000)
            word = lexicon[r * r // 3000]
            sentence.append(word + PUNCTUATION[rng.below(len(PUNCTUATION))])
        sentence[0] = sentence[0].capitalize()
        sentences.append(" ".join(sentence) + ("." if rng.below(4) else "!"))
    return " ".join(sentences)


def tokenise(text):
    return [w.strip(".,;:!").lower() for w in text.split()]


def count_words(tokens):
    counts = {}
    for token in tokens:
        counts[token] = counts.get(token, 0) + 1
    return counts


def count_bigrams(tokens):
    bigrams = {}
    previous = None
    for token in tokens:
        if previous is not None:
            key = (previous, token)
            if key in bigrams:
                bigrams[key] += 1
            else:
                bigrams[key] = 1
        previous = token
    return bigrams


def group_by_length(words):
    groups = {}
    for word in words:
        groups.setdefault(len(word), set()).add(word)
    return groups


def letter_frequencies(counts):
    letters = {}
    for word, n in counts.items():
        for ch in word:
            letters[ch] = letters.get(ch, 0) + n
    return letters


def fold_strings(items, acc):
    for item in items:
        acc = (acc * 131 + len(item)) % 1_000_000_007
        acc = (acc * 131 + ord(item[0]) * 7 + ord(item[-1])) % 1_000_000_007
    return acc


def main():
    word_count = max(workload_size(), 10)
    text = generate_text(word_count, 7)
    tokens = tokenise(text)
    counts = count_words(tokens)
    bigrams = count_bigrams(tokens)
    half = len(tokens) // 2
    first_vocab = set(tokens[:half])
    second_vocab = set(tokens[half:])
    common = first_vocab & second_vocab
    only_first = first_vocab - second_vocab
    either = first_vocab | second_vocab
    exclusive = first_vocab ^ second_vocab
    groups = group_by_length(counts)
    letters = letter_frequencies(counts)

    top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:5]
    # Sorting every bigram would dominate the run; sort only the frequent ones.
    threshold = sorted(bigrams.values(), reverse=True)[min(2, len(bigrams) - 1)]
    frequent = [(pair, n) for pair, n in bigrams.items() if n >= threshold]
    top_pairs = sorted(frequent, key=lambda item: (-item[1], item[0]))[:3]
    print(f"tokens: {len(tokens)}, distinct: {len(counts)}, bigrams: {len(bigrams)}")
    print("top words: " + ", ".join(f"{w}={n}" for w, n in top))
    print("top pairs: " + ", ".join(f"{a} {b}={n}" for (a, b), n in top_pairs))
    print(f"sets: common {len(common)}, only first {len(only_first)}, "
          f"union {len(either)}, exclusive {len(exclusive)}")

    checksum = fold_strings(sorted(counts), 0)
    for word, n in sorted(counts.items()):
        checksum = (checksum * 31 + n) % 1_000_000_007
    for length in sorted(groups):
        checksum = (checksum * 31 + length * 1000 + len(groups[length])) % 1_000_000_007
    for ch in sorted(letters):
        checksum = (checksum * 31 + ord(ch) + letters[ch]) % 1_000_000_007
    checksum = fold_strings(sorted(exclusive), checksum)
    pair_total = 0
    for (a, b), n in bigrams.items():
        pair_total += n * (len(a) + 3 * len(b))
    checksum = (checksum * 1_000_003 + pair_total) % 1_000_000_007
    print(f"checksum: {checksum}")


main()
