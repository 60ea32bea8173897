"""Tests for claimdb.sources: which files are read, how they decode, and what is refused."""

from __future__ import annotations

import io
import os
import random
import re
import sys
from pathlib import Path

import pytest

from claimdb.errors import InputError
from claimdb.sources import SourceText, decode_article, expand_paths, read_source

ARTICLE = "The minister said the budget would rise.\n"


def write(path: Path, data: bytes | str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return str(path)


class FakeStdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


# ---------------------------------------------------------------------------------------------
# decode_article


@pytest.mark.parametrize(
    ("data", "encoding", "expected"),
    [
        (b"Plain ASCII article.", "utf-8", "Plain ASCII article."),
        (
            "Caf\u00e9 culture \u2014 \u201cquoted\u201d".encode(),
            "utf-8",
            "Caf\u00e9 culture \u2014 \u201cquoted\u201d",
        ),
        (b"\xef\xbb\xbfWith a BOM", "utf-8", "With a BOM"),
        (b"\xef\xbb\xbfWith a BOM", "UTF-8", "With a BOM"),
        (b"\xef\xbb\xbfWith a BOM", "utf8", "With a BOM"),
        (b"\xef\xbb\xbfWith a BOM", "UTF_8", "With a BOM"),
        (b"caf\xe9 au lait \x93quoted\x94", "cp1252", "caf\u00e9 au lait \u201cquoted\u201d"),
        (b"caf\xe9", "latin-1", "caf\u00e9"),
        (
            "\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd".encode(),
            "utf-8",
            "\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd",
        ),
        (
            "Emoji \U0001f600\U0001f44d\U0001f3fd ok".encode(),
            "utf-8",
            "Emoji \U0001f600\U0001f44d\U0001f3fd ok",
        ),
        (b"Line one\r\nLine two\r\n", "utf-8", "Line one\r\nLine two\r\n"),
        (b"Tabs\tand\fform feeds\v", "utf-8", "Tabs\tand\fform feeds\v"),
    ],
)
def test_decode_accepts(data: bytes, encoding: str, expected: str) -> None:
    assert decode_article(data, "a.txt", encoding) == expected


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", ["empty file"]),
        (b"   \n\t\r\n  ", ["only whitespace"]),
        (b"Some text\x00with a NUL", ["binary", "NUL"]),
        (b"\x00" * 64, ["binary", "NUL"]),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f hello", ["binary", "control characters"]),
        (b"12345 678.90 -- !!", ["no words"]),
        (b"\xef\xbb\xbf", ["no words"]),  # a BOM and nothing else
    ],
)
def test_decode_refuses(data: bytes, words: list[str]) -> None:
    with pytest.raises(InputError) as info:
        decode_article(data, "dir/story.txt", "utf-8")
    message = str(info.value)
    assert message.startswith("dir/story.txt: ")
    for word in words:
        assert word in message


def test_a_few_control_characters_are_tolerated() -> None:
    text = "A" * 2000 + "\x07" * 5  # under both the floor of 8 and 1% of the length
    assert decode_article(text.encode(), "a.txt") == text


def test_invalid_utf8_names_byte_offset_and_hint() -> None:
    data = b"caf\xe9 au lait"
    with pytest.raises(InputError) as info:
        decode_article(data, "news/cafe.txt")
    message = str(info.value)
    assert "news/cafe.txt" in message
    assert "not valid utf-8" in message
    assert "0xe9" in message
    assert "offset 3" in message
    assert "--encoding cp1252" in message


def test_invalid_utf8_later_in_file_reports_right_offset() -> None:
    data = "\u00e9t\u00e9 ".encode() + b"x\x93y"
    with pytest.raises(InputError, match=r"0x93 at offset 7"):
        decode_article(data, "a.txt")


def test_cp1252_undefined_byte_has_no_cp1252_hint() -> None:
    with pytest.raises(InputError) as info:
        decode_article(b"caf\x81 text", "a.txt", "cp1252")
    message = str(info.value)
    assert "not valid cp1252" in message
    assert "0x81" in message and "offset 3" in message
    assert "--encoding cp1252" not in message


@pytest.mark.parametrize("encoding", ["no-such-codec", "rot13", "hex"])
def test_unknown_encoding(encoding: str) -> None:
    with pytest.raises(InputError) as info:
        decode_article(b"Hello world", "a.txt", encoding)
    assert "unknown encoding" in str(info.value)
    assert encoding in str(info.value)


@pytest.mark.parametrize("seed", range(20))
def test_random_binary_is_refused(seed: int) -> None:
    data = random.Random(seed).randbytes(4096)
    with pytest.raises(InputError) as info:
        decode_article(data, "blob.txt")
    assert "blob.txt" in str(info.value)


def test_utf16_with_explicit_encoding() -> None:
    assert decode_article("Hello world".encode("utf-16"), "a.txt", "utf-16") == "Hello world"


# ---------------------------------------------------------------------------------------------
# read_source


def test_read_text_file(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", ARTICLE)
    assert read_source(path) == SourceText(path, ARTICLE, False)


@pytest.mark.parametrize(
    ("name", "markdown"),
    [
        ("a.md", True),
        ("a.markdown", True),
        ("A.MD", True),
        ("a.txt", False),
        ("a.text", False),
        ("a.TXT", False),
    ],
)
def test_markdown_flag(tmp_path: Path, name: str, markdown: bool) -> None:
    path = write(tmp_path / name, "# Title\n\n" + ARTICLE)
    assert read_source(path).markdown is markdown


def test_read_cp1252_file(tmp_path: Path) -> None:
    path = write(tmp_path / "win.txt", b"The caf\xe9 \x96 \x93open\x94")
    with pytest.raises(InputError, match="--encoding cp1252"):
        read_source(path)
    assert read_source(path, encoding="cp1252").text == "The caf\u00e9 \u2013 \u201copen\u201d"


def test_bom_dropped_from_file(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode())
    assert read_source(path).text == ARTICLE


def test_rtl_and_emoji_file(tmp_path: Path) -> None:
    arabic = "\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631"
    hebrew = "\u05d4\u05e9\u05e8 \u05d0\u05de\u05e8"
    text = f"{arabic} \U0001f4f0 {hebrew}\n"
    path = write(tmp_path / "rtl.txt", text)
    assert read_source(path).text == text


@pytest.mark.parametrize(
    ("data", "word"),
    [(b"", "empty file"), (b"  \n\n ", "only whitespace"), (b"abc\x00def", "NUL")],
)
def test_read_refuses_bad_files(tmp_path: Path, data: bytes, word: str) -> None:
    path = write(tmp_path / "bad.txt", data)
    with pytest.raises(InputError) as info:
        read_source(path)
    assert path in str(info.value)
    assert word in str(info.value)


def test_file_over_max_bytes(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "word " * 1000)  # 5000 bytes
    with pytest.raises(InputError) as info:
        read_source(path, max_bytes=1000)
    message = str(info.value)
    assert path in message
    assert "MB" in message
    assert "--max-size" in message


def test_file_at_max_bytes_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path / "exact.txt", "word " * 200)  # exactly 1000 bytes
    assert read_source(path, max_bytes=1000).text == "word " * 200


def test_too_big_message_states_fractional_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    limit = int(0.5 * 1024 * 1024)
    monkeypatch.setattr(sys, "stdin", FakeStdin(b"a" * (limit + 10)))
    with pytest.raises(InputError) as info:
        read_source("-", max_bytes=limit)
    stated = re.search(r"over the ([\d.]+) MB limit", str(info.value))
    assert stated is not None
    assert float(stated.group(1)) == pytest.approx(0.5)


def test_missing_file(tmp_path: Path) -> None:
    path = str(tmp_path / "nope.txt")
    with pytest.raises(InputError) as info:
        read_source(path)
    assert path in str(info.value)
    assert "cannot read" in str(info.value)


def test_directory_is_not_readable_as_article(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_source(str(tmp_path))


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(ARTICLE.encode()))
    assert read_source("-") == SourceText("<stdin>", ARTICLE, False)


def test_stdin_over_max_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(b"word " * 1000))
    with pytest.raises(InputError) as info:
        read_source("-", max_bytes=1000)
    assert "<stdin>" in str(info.value)
    assert "--max-size" in str(info.value)


@pytest.mark.parametrize(("data", "word"), [(b"", "empty file"), (b"\xff\xfe bad", "--encoding cp1252")])
def test_stdin_refused(monkeypatch: pytest.MonkeyPatch, data: bytes, word: str) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(data))
    with pytest.raises(InputError) as info:
        read_source("-")
    assert "<stdin>" in str(info.value)
    assert word in str(info.value)


def test_stdin_cp1252(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(b"caf\xe9 society"))
    assert read_source("-", encoding="cp1252").text == "caf\u00e9 society"


# ---------------------------------------------------------------------------------------------
# expand_paths


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    for rel in [
        "b.txt",
        "a.md",
        "c.markdown",
        "d.text",
        "E.TXT",
        "notes.pdf",
        "image.png",
        "README",
        ".hidden.txt",
        ".git/config.txt",
        ".cache/deep/x.md",
        "sub/z.txt",
        "sub/a.md",
        "sub/deeper/y.txt",
        "sub/.secret/s.txt",
    ]:
        write(root / rel, ARTICLE)
    return root


def test_directory_recursion(tree: Path) -> None:
    found = expand_paths([str(tree)])
    rel = [os.path.relpath(p, tree) for p in found]
    assert sorted(rel) == sorted(
        ["E.TXT", "a.md", "b.txt", "c.markdown", "d.text", "sub/a.md", "sub/deeper/y.txt", "sub/z.txt"]
    )
    assert found == sorted(found)
    assert not any(part.startswith(".") for r in rel for part in Path(r).parts)


def test_directory_listing_is_deterministic(tree: Path) -> None:
    assert expand_paths([str(tree)]) == expand_paths([str(tree)])


def test_explicit_files_kept_in_argument_order(tmp_path: Path) -> None:
    b = write(tmp_path / "b.txt", ARTICLE)
    a = write(tmp_path / "a.md", ARTICLE)
    assert expand_paths([b, a]) == [b, a]


def test_duplicates_removed(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", ARTICLE)
    b = write(tmp_path / "b.txt", ARTICLE)
    assert expand_paths([a, b, a, b, a]) == [a, b]


def test_file_inside_listed_directory_not_repeated(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", ARTICLE)
    b = write(tmp_path / "b.txt", ARTICLE)
    assert expand_paths([a, str(tmp_path)]) == [a, b]


def test_stdin_passes_through(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", ARTICLE)
    assert expand_paths(["-", a, "-"]) == ["-", a]


def test_hidden_file_named_explicitly_is_accepted(tmp_path: Path) -> None:
    hidden = write(tmp_path / ".draft.txt", ARTICLE)
    assert expand_paths([hidden]) == [hidden]


@pytest.mark.parametrize("name", ["report.pdf", "page.xhtml", "data.csv", "noext", "archive.txt.gz"])
def test_unsupported_extension(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, ARTICLE)
    with pytest.raises(InputError) as info:
        expand_paths([path])
    assert path in str(info.value)
    assert "unsupported file type" in str(info.value)


def test_empty_directory(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError) as info:
        expand_paths([str(empty)])
    assert str(empty) in str(info.value)
    assert "no .txt, .md or .html files" in str(info.value)


def test_directory_with_only_hidden_or_other_files(tmp_path: Path) -> None:
    write(tmp_path / "d" / ".hidden.txt", ARTICLE)
    write(tmp_path / "d" / "x.pdf", ARTICLE)
    with pytest.raises(InputError, match="no .txt, .md or .html files"):
        expand_paths([str(tmp_path / "d")])


def test_missing_path(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.txt")
    with pytest.raises(InputError) as info:
        expand_paths([missing])
    assert missing in str(info.value)
    assert "no such file or directory" in str(info.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo")
def test_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as info:
        expand_paths([str(fifo)])
    assert str(fifo) in str(info.value)
    assert "not a regular file" in str(info.value)


def test_empty_argument_list() -> None:
    assert expand_paths([]) == []
