"""One file's path through the loader: read, decode, lay out, fingerprint, extract."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field

from clusterfacts.decoding import Decoded, decode
from clusterfacts.extraction import extract_facts
from clusterfacts.fingerprints import sentence_hashes
from clusterfacts.gazetteer import find_mentions
from clusterfacts.html_text import html_to_text, looks_like_html
from clusterfacts.layout import read_layout

# A news article is a few kB; a file of many MB is a dump or a mistake, and reading it
# whole would cost memory and minutes for nothing. CLUSTERFACTS_MAX_FILE_BYTES overrides.
MAX_FILE_BYTES = int(os.environ.get("CLUSTERFACTS_MAX_FILE_BYTES", 8 * 1024 * 1024))


@dataclass
class Rejection:
    reason: str
    detail: str


@dataclass
class Document:
    """An article read from disk, ready to land: its row and what was found in it."""

    article: dict
    facts: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def refusal(info: os.stat_result) -> Rejection | None:
    """Why a file is not read, from its status; None for a file that is."""
    if not stat.S_ISREG(info.st_mode):
        return Rejection("unreadable", "not a regular file (a device, pipe or socket)")
    if info.st_size > MAX_FILE_BYTES:
        return Rejection("too_large", f"{info.st_size} bytes; articles over {MAX_FILE_BYTES} bytes are not read")
    return None


def read_bytes(path: str) -> bytes | Rejection:
    try:
        refused = refusal(os.stat(path))
        if refused:
            return refused
        with open(path, "rb") as handle:
            return handle.read()
    except IsADirectoryError:
        return Rejection("unreadable", "a folder, not a file")
    except OSError as error:
        return Rejection("unreadable", f"cannot be read: {error.strerror or error}")


def build_document(path: str, data: bytes) -> Document | Rejection:
    """Decode and read one article; the caller adds the run's bookkeeping columns."""
    decoded = decode(data)
    if not isinstance(decoded, Decoded):
        return Rejection(decoded.reason, decoded.detail)
    text = decoded.text
    encoding = decoded.encoding
    if looks_like_html(text):
        text = html_to_text(text)
        encoding = f"{encoding}, html"
        if not text.strip():
            return Rejection("empty", "an HTML page with no visible text")
    layout = read_layout(text)
    body = text[layout.body_start:layout.body_end]
    digest = content_hash(text)
    mentions = find_mentions(text, layout.body_start, layout.body_end)
    article = {
        "content_hash": digest,
        "source_path": path,
        "file_name": os.path.basename(path),
        "size_bytes": len(data),
        "encoding": encoding,
        "text": text,
        "title": layout.title,
        "published_date": layout.published_date,
        "published_date_source": layout.published_date_source,
        "published_date_start": layout.published_date_start,
        "body_start": layout.body_start,
        "body_end": layout.body_end,
        "sentence_hashes": sentence_hashes(body),
    }
    facts = extract_facts(text, os.path.basename(path), digest, layout, mentions)
    if len({fact["fact_id"] for fact in facts}) < len(facts):
        return Rejection("extraction_failed", "two facts found in the text have the same id; "
                                              "the file is not landed, so raw fact ids stay unique")
    mention_rows = [{"content_hash": digest, "entity_type": m.entity_type, "entity": m.entity,
                     "char_start": m.start, "char_end": m.end, "text": m.text} for m in mentions]
    return Document(article, facts, mention_rows)
