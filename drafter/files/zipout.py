"""Entries (name, bytes) -> a deflated zip archive's bytes, byte for byte what zipfile writes to a seekable file with
a fixed entry time, without its per-entry machinery; an entry's bytes seen before are not compressed again (the
parts a county's drafts share: styles, settings, footers, font table)."""

from __future__ import annotations

import struct
import sys
import zlib

# The zip format's local file header, central directory record and end record (APPNOTE 4.3), as zipfile packs them.
FILE_HEADER, FILE_MAGIC = struct.Struct("<4s2B4HL2L2H"), b"PK\x03\x04"
CENTRAL, CENTRAL_MAGIC = struct.Struct("<4s4B4HL2L5H2L"), b"PK\x01\x02"
END, END_MAGIC = struct.Struct("<4s4H2LH"), b"PK\x05\x06"
# What zipfile's ZipInfo says of an entry it makes here: the version needed (2.0, deflate), the system that made it
# (0 Windows, 3 elsewhere); written out so that a build does not import zipfile (tests/files check them against zipfile's).
VERSION = 20
SYSTEM = 0 if sys.platform == "win32" else 3
DEFLATED_METHOD = 8
UTF8_NAME = 0x800
# The permissions zipfile gives an entry that has none (?rw-------).
ATTRIBUTES = 0o600 << 16
# Compressed entries kept (by their bytes) for the process.
KEPT = 64
DEFLATED: dict[bytes, tuple[int, bytes]] = {}


def deflate(data: bytes) -> tuple[int, bytes]:
    """(CRC-32, raw deflate stream) of data, as zipfile makes them (default level, no zlib header)."""
    found = DEFLATED.get(data)
    if found is None:
        compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        found = (zlib.crc32(data), compressor.compress(data) + compressor.flush())
        if len(DEFLATED) >= KEPT:
            DEFLATED.clear()
        DEFLATED[data] = found
    return found


def keep(data: bytes, found: tuple[int, bytes]) -> None:
    """Take found as deflate(data), made before by deflate itself (a frame's parts, kept with them in the user's
    cache under its zlib's version): a cold build does not compress them again."""
    if len(DEFLATED) >= KEPT:
        DEFLATED.clear()
    DEFLATED[data] = found


def zip_bytes(entries: list[tuple[str, bytes]], date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """The archive of entries, in order, each deflated and dated date_time."""
    year, month, day, hour, minute, second = date_time
    dosdate = (year - 1980) << 9 | month << 5 | day
    dostime = hour << 11 | minute << 5 | (second // 2)
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, data in entries:
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), UTF8_NAME
        crc, compressed = deflate(data)
        header = FILE_HEADER.pack(FILE_MAGIC, VERSION, 0, flags, DEFLATED_METHOD, dostime, dosdate, crc,
                                  len(compressed), len(data), len(encoded), 0)
        central.append(CENTRAL.pack(CENTRAL_MAGIC, VERSION, SYSTEM, VERSION, 0, flags, DEFLATED_METHOD,
                                    dostime, dosdate, crc, len(compressed), len(data), len(encoded), 0, 0, 0, 0, ATTRIBUTES, offset)
                       + encoded)
        out += [header, encoded, compressed]
        offset += len(header) + len(encoded) + len(compressed)
    directory = b"".join(central)
    end = END.pack(END_MAGIC, 0, 0, len(entries), len(entries), len(directory), offset, 0)
    return b"".join(out) + directory + end
