"""Tracking codes people can read aloud and type: Crockford base32, 10 symbols, shown as XXXX-XXXX-XX.

10 symbols of 32 carry 50 random bits. The alphabet has no I, L, O or U, so nothing looks like another
symbol; typing is forgiving: case, spaces and hyphens are ignored and I/L are read as 1, O as 0 (Crockford's
rules). Codes issued before this format (16 URL-safe characters, case-sensitive) keep working as typed.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 10
GROUPS = (4, 4, 2)
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0"})


def tracking_code_format(symbols: str) -> str:
    """`ABCDEFGHJK` → `ABCD-EFGH-JK`."""
    parts, start = [], 0
    for size in GROUPS:
        parts.append(symbols[start : start + size])
        start += size
    return "-".join(parts)


def tracking_code_new() -> str:
    """A fresh random code in its grouped form (50 bits from the operating system's CSPRNG)."""
    return tracking_code_format("".join(secrets.choice(ALPHABET) for _ in range(LENGTH)))


def tracking_code_normalise(text: str) -> str | None:
    """The grouped form of what a person typed, or None when it cannot be a code of this format."""
    symbols = "".join(text.split()).replace("-", "").upper().translate(_READ_AS)
    if len(symbols) != LENGTH or any(symbol not in ALPHABET for symbol in symbols):
        return None
    return tracking_code_format(symbols)


def tracking_code_hint(code: str) -> str:
    """Enough of a code for its owner to recognise it, too little to use it: `••••-••••-JK`."""
    if tracking_code_normalise(code) == code:
        return "••••-••••-" + code[-2:]
    return "…" + code[-2:]
