"""Numbers with units as people write them in goals: '60%', '$120 million', '10k', '4 hours'."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
_CURRENCY_CODES = frozenset("usd eur gbp dkk sek nok chf aud cad nzd jpy inr zar sgd hkd pln czk".split())
_SCALES = {
    "k": 1e3, "thousand": 1e3,
    "m": 1e6, "mm": 1e6, "mn": 1e6, "mio": 1e6, "million": 1e6, "millions": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "billions": 1e9,
}  # fmt: skip
_UNITS = {
    "%": "%", "percent": "%", "per cent": "%", "pct": "%", "percentage": "%",
    "pp": "points", "percentage points": "points", "percentage point": "points", "points": "points",
    "point": "points", "pts": "points", "bps": "basis points", "basis points": "basis points",
    "usd": "USD", "dollars": "USD", "dollar": "USD", "eur": "EUR", "euros": "EUR", "euro": "EUR",
    "gbp": "GBP", "pounds": "GBP", "inr": "INR", "rupees": "INR", "jpy": "JPY", "yen": "JPY",
    "ms": "ms", "milliseconds": "ms",
    "s": "seconds", "sec": "seconds", "secs": "seconds", "second": "seconds", "seconds": "seconds",
    "min": "minutes", "mins": "minutes", "minute": "minutes", "minutes": "minutes",
    "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours",
    "d": "days", "day": "days", "days": "days", "business days": "days", "working days": "days",
    "wk": "weeks", "wks": "weeks", "week": "weeks", "weeks": "weeks",
    "month": "months", "months": "months", "yr": "years", "yrs": "years", "year": "years", "years": "years",
    "x": "x", "×": "x", "fold": "x",
    "stars": "stars", "star": "stars",
    "grams": "g", "kg": "kg", "kilograms": "kg", "tonnes": "t", "tons": "t", "lb": "lb", "lbs": "lb",
    "km": "km", "miles": "miles", "kwh": "kWh", "mwh": "MWh", "gwh": "GWh", "tco2e": "tCO2e",
    "kb": "KB", "mb": "MB", "gb": "GB", "tb": "TB",
}  # fmt: skip

_SCALE_ALT = "|".join(sorted(map(re.escape, _SCALES), key=len, reverse=True))
_UNIT_ALT = "|".join(
    sorted((re.escape(unit).replace(r"\ ", r"\s+") for unit in _UNITS), key=len, reverse=True)
)

#: A number with optional currency, scale, "+" and unit. Not preceded by a letter, digit or dot,
#: so 'Q3', 'p95', 'v2.0' and 'H1' are never read as quantities.
QUANTITY = re.compile(
    rf"""
    (?<![\w.\-/])
    (?P<sign>[-+−~≈])?
    (?P<currency>US\$|[$€£¥₹]|(?:USD|EUR|GBP|DKK|SEK|NOK|CHF|AUD|CAD|NZD|JPY|INR|ZAR|SGD|HKD|PLN|CZK)(?=\s?\d))?\s?
    (?P<number>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)
    (?:\s?(?P<scale>{_SCALE_ALT})(?![\w]))?
    (?P<plus>\+)?
    (?:\s?(?P<unit>%|×|(?:{_UNIT_ALT})(?![\w]))|\s(?P<grams>g)(?![\w]))?
    (?:\s?(?P<out_of>/\s?(?:5|10|100)(?![\d.,])))?
    """,
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A value with its canonical unit ('%', 'USD', 'hours', 'x', 'points'...) and the text it came from."""

    value: float
    unit: str | None = None
    text: str = ""
    at_least: bool = False

    def __str__(self) -> str:
        number = f"{self.value:,.10g}"
        if self.unit in {"USD", "EUR", "GBP", "JPY", "INR"}:
            return f"{number} {self.unit}"
        if self.unit == "%":
            return f"{number}%"
        return f"{number} {self.unit}" if self.unit else number


def quantity_from_match(match: re.Match[str]) -> Quantity:
    """Return the Quantity for a match of QUANTITY."""
    value = float(match["number"].replace(",", ""))
    if match["sign"] in {"-", "−"}:
        value = -value
    # '10m' could also be minutes or metres; in goals it is millions far more often.
    value *= _SCALES.get((match["scale"] or "").lower(), 1.0)
    unit = None
    if match["currency"]:
        code = match["currency"].lower()
        unit = code.upper() if code in _CURRENCY_CODES else _CURRENCY_SYMBOLS[code]
    elif match["grams"]:
        unit = "g"  # only with a space: '11g' and '5G' are names, not grams
    elif match["unit"]:
        unit = _UNITS.get(" ".join(match["unit"].lower().split()), match["unit"])
    elif match["out_of"]:
        unit = match["out_of"].replace(" ", "")
    return Quantity(round(value, 10), unit, match.group(0).strip(), at_least=bool(match["plus"]))


def parse_quantity(text: str) -> Quantity | None:
    """Return the quantity when the whole text is one number with an optional unit, else None.

    >>> parse_quantity("$120 million").value
    120000000.0
    >>> parse_quantity("lots") is None
    True
    """
    text = text.strip()
    match = QUANTITY.fullmatch(text)
    return quantity_from_match(match) if match else None
