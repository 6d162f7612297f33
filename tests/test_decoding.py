import codecs

import pytest

from clusterfacts.extract.decoding import Decoded, Undecodable, decode

LATIN_1_ARTICLE = ("Le quartier de Minhang à Shanghai accueille plus de 600 entreprises, "
                   "soit près de 15 pour cent de la production biomédicale de la ville. "
                   "Les élus espèrent doubler ce chiffre d'ici à 2028, grâce à des fonds publics. ") * 3


@pytest.mark.parametrize("data, encoding", [
    (b"Minhang has 600 companies.", "utf-8"),
    (codecs.BOM_UTF8 + b"Minhang has 600 companies.", "utf-8"),
    (codecs.BOM_UTF16_LE + "Minhang has 600 companies.".encode("utf-16-le"), "utf-16"),
])
def test_unicode_encodings_are_read(data, encoding):
    decoded = decode(data)
    assert isinstance(decoded, Decoded)
    assert decoded.text == "Minhang has 600 companies."
    assert decoded.encoding == encoding


def test_bom_is_not_part_of_the_text():
    decoded = decode(codecs.BOM_UTF8 + "Tofflon".encode())
    assert decoded.text == "Tofflon"


def test_carriage_returns_are_kept_so_offsets_match_the_file():
    assert decode(b"a\r\nb").text == "a\r\nb"


def test_latin_1_is_identified_and_decoded():
    decoded = decode(LATIN_1_ARTICLE.encode("latin-1"))
    assert isinstance(decoded, Decoded)
    assert "à Shanghai" in decoded.text and "près de 15 pour cent" in decoded.text


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"  \n\t ", "empty"),
    (bytes(range(256)) * 8, "binary"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    (b"text with a NUL\x00 inside", "binary"),
])
def test_what_is_not_text_is_refused_with_a_reason(data, reason):
    result = decode(data)
    assert isinstance(result, Undecodable)
    assert result.reason == reason
    assert result.detail
