"""A photo's GPS position is taken out before it is stored, every other byte kept: JPEG, PNG
and WebP written by Pillow with a phone's EXIF, a big-endian EXIF block in an HEIC file,
XMP's GPS properties, and files with none (unchanged) or a broken block (unchanged, no error).
"""

from __future__ import annotations

import io
import struct

import pytest
from PIL import Image
from PIL.TiffImagePlugin import IFDRational

from energy.call.attachment_checks import check_file
from energy.call.photo_location import without_location
from energy.core.access import CLI_ACTOR
from tests import attachment_files as files
from tests.test_call import _user
from tests.test_call_attachments import _add, _draft

GPS_IFD, ORIENTATION, MAKE = 0x8825, 0x0112, 0x010F
# Seoul City Hall, as a phone writes it: degrees, minutes, seconds as rationals.
LATITUDE = ((37, 1), (33, 1), (5011, 100))  # (in lowest terms, as Pillow writes them)
LONGITUDE = ((126, 1), (58, 1), (4321, 100))


def _phone_photo(fmt: str) -> bytes:
    """A photo with what a phone writes: its make, the orientation (rotated) and the place."""
    exif = Image.Exif()
    exif[MAKE] = "Samsung"
    exif[ORIENTATION] = 6
    degrees = {2: LATITUDE, 4: LONGITUDE}
    exif.get_ifd(GPS_IFD).update({1: "N", 3: "E"} | {
        tag: tuple(IFDRational(*pair) for pair in place) for tag, place in degrees.items()
    })  # fmt: skip
    image = Image.open(io.BytesIO(files.picture(fmt)))
    out = io.BytesIO()
    image.save(out, format=fmt, exif=exif.tobytes())
    return out.getvalue()


def _rational_bytes(order: str) -> list[bytes]:
    return [struct.pack(order + "6I", *(x for pair in place for x in pair))
            for place in (LATITUDE, LONGITUDE)]  # fmt: skip


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_a_phones_place_is_taken_out_and_the_rest_kept(fmt: str) -> None:
    photo = _phone_photo(fmt)
    with Image.open(io.BytesIO(photo)) as before:
        assert before.getexif().get_ifd(GPS_IFD), "the test photo must carry a place"
        pixels = before.convert("RGB").tobytes()
    places = _rational_bytes("<") + _rational_bytes(">")  # (Pillow writes either order)
    assert any(r in photo for r in places)

    kept = without_location(photo)

    assert len(kept) == len(photo)
    assert not any(r in kept for r in places)
    with Image.open(io.BytesIO(kept)) as after:
        exif = after.getexif()
        assert not exif.get_ifd(GPS_IFD)
        assert exif[ORIENTATION] == 6  # still shown the right way up
        assert exif[MAKE] == "Samsung"
        assert after.convert("RGB").tobytes() == pixels  # not re-encoded
    assert without_location(kept) == kept


def _big_endian_exif() -> bytes:
    """An EXIF block as a camera writing big-endian TIFF puts it in an HEIC file: IFD0 with
    the GPS pointer, the GPS directory with a reference letter (inline) and a latitude (three
    rationals elsewhere)."""
    ifd0_at, gps_at = 8, 8 + 2 + 12 + 4
    values_at = gps_at + 2 + 2 * 12 + 4
    tiff = b"MM\x00\x2a" + struct.pack(">I", ifd0_at)
    tiff += struct.pack(">H", 1) + struct.pack(">HHII", GPS_IFD, 4, 1, gps_at) + bytes(4)
    tiff += struct.pack(">H", 2)
    tiff += struct.pack(">HHI", 1, 2, 2) + b"N\x00\x00\x00"
    tiff += struct.pack(">HHII", 2, 5, 3, values_at) + bytes(4)
    tiff += _rational_bytes(">")[0]
    return b"\x00\x00\x00\x06Exif\x00\x00" + tiff


def test_a_big_endian_block_in_an_heic_file_loses_its_place() -> None:
    photo = files.heic() + _big_endian_exif() + b"mdat" + bytes(64)
    kept = without_location(photo)
    assert len(kept) == len(photo)
    assert _rational_bytes(">")[0] not in kept
    assert b"N\x00\x00\x00" not in kept[len(files.heic()) :]
    checked = check_file("IMG_0042.HEIC", photo)
    assert checked.content == kept
    assert checked.size_bytes == len(kept)


def test_xmp_gps_properties_become_spaces_and_the_rest_stays() -> None:
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description '
        b'exif:GPSLatitude="37,33.835N" tiff:Make="Apple" exif:GPSLongitude=\'126,58.72E\'>'
        b"<exif:GPSAltitude>38/1</exif:GPSAltitude><dc:title>Roof</dc:title>"
        b"</rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    photo = files.picture("JPEG") + xmp
    kept = without_location(photo)
    assert len(kept) == len(photo)
    assert b"GPS" not in kept and b"37,33" not in kept and b"38/1" not in kept
    assert b'tiff:Make="Apple"' in kept and b"<dc:title>Roof</dc:title>" in kept


def test_a_photo_without_a_place_or_with_a_broken_block_is_kept_as_it_is() -> None:
    plain = files.picture("JPEG")
    assert without_location(plain) == plain
    broken = files.heic() + b"Exif\x00\x00II\x2a\x00" + struct.pack("<I", 10**6)
    assert without_location(broken) == broken
    cut = files.heic() + _big_endian_exif()[:40]
    assert without_location(cut) == cut


def test_a_stored_photo_has_no_place(fresh_store: str) -> None:
    group = _user(fresh_store, "group.one", "applicant")
    app_id = _draft(fresh_store, group)
    photo = _phone_photo("JPEG")
    info = _add(group, app_id, "roof.jpg", photo, fresh_store, kind="photo")
    from energy.call import attachments

    stored = attachments.read_attachment(CLI_ACTOR, info.id, url=fresh_store).content
    assert stored == without_location(photo) != photo
    assert info.size_bytes == len(photo)
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif().get_ifd(GPS_IFD)
