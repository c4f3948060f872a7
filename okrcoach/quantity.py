"""Numbers with units as people write them in goals: '60%', '$120 million', '10k', '4 hours',
'95%+', 'x2', '8/quarter', '10 minutes/run'."""

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
#: What a rate can be counted per, written straight after the number: '8/quarter', '10 minutes/run',
#: '2 per week'. A noun between ('25 demo requests per week') makes the period part of the metric.
PERIODS = {
    "day": "day", "days": "day", "d": "day", "week": "week", "weeks": "week", "wk": "week", "month": "month",
    "months": "month", "mo": "month", "quarter": "quarter", "quarters": "quarter", "q": "quarter", "year": "year",
    "years": "year", "yr": "year", "sprint": "sprint", "sprints": "sprint", "run": "run", "runs": "run",
    "build": "build", "builds": "build", "release": "release", "releases": "release", "deploy": "deploy",
    "deploys": "deploy", "deployment": "deploy", "deployments": "deploy", "hour": "hour", "hours": "hour",
    "h": "hour", "milestone": "milestone", "iteration": "iteration",
}  # fmt: skip

_SCALE_ALT = "|".join(sorted(map(re.escape, _SCALES), key=len, reverse=True))
_UNIT_ALT = "|".join(sorted((re.escape(unit).replace(r"\ ", r"\s+") for unit in _UNITS), key=len, reverse=True))
_PERIOD_ALT = "|".join(sorted(map(re.escape, PERIODS), key=len, reverse=True))

#: The body of a quantity (no flags): a number with optional currency, scale, '+', unit, '/5'-style
#: scale and '/period' or 'per period' rate. Not preceded by a letter, digit or dot, so 'Q3', 'p95',
#: 'v2.0' and 'H1' are never read as quantities.
QUANTITY_BODY = rf"""
    (?<![\w.\-/])
    (?P<sign>[-+−~≈])?
    (?P<times>[x×](?=\d))?
    (?P<currency>US\$|[$€£¥₹]|(?:USD|EUR|GBP|DKK|SEK|NOK|CHF|AUD|CAD|NZD|JPY|INR|ZAR|SGD|HKD|PLN|CZK)(?=\s?\d))?\s?
    (?P<number>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)
    (?:\s?(?P<scale>{_SCALE_ALT})(?![\w]))?
    (?P<plus>\+)?
    (?:\s?(?P<unit>%|×|(?:{_UNIT_ALT})(?![\w]))|\s(?P<grams>g)(?![\w]))?
    (?P<plus_after>\+(?![\d\w]))?
    (?:\s?(?P<out_of>/\s?(?:5|10|100)(?![\d.,])))?
    (?:\s?/\s?(?P<per>{_PERIOD_ALT})(?![\w])|\s+per\s+(?P<per_word>{_PERIOD_ALT})(?![\w]))?
"""
QUANTITY = re.compile(QUANTITY_BODY, re.IGNORECASE | re.VERBOSE)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A value with its canonical unit ('%', 'USD', 'hours', 'x', 'points'...) and the text it came from.

    `at_least` is set by a '+' ('60+', '95%+'); `per` names the period of a rate ('8/quarter');
    `high` is the top of a range ('20-25%', value 20); `total` is the M of 'N of M' ('2 of 3').
    """

    value: float
    unit: str | None = None
    text: str = ""
    at_least: bool = False
    per: str | None = None
    high: float | None = None
    total: float | None = None

    def __str__(self) -> str:
        number = _number(self.value)
        if self.high is not None:
            number = f"{number}-{_number(self.high)}"
        if self.total is not None:
            return f"{number} of {_number(self.total)}"
        if self.unit in {"USD", "EUR", "GBP", "JPY", "INR"}:
            text = f"{number} {self.unit}"
        elif self.unit == "%":
            text = f"{number}%"
        else:
            text = f"{number} {self.unit}" if self.unit else number
        return f"{text}/{self.per}" if self.per else text


def _number(value: float) -> str:
    return f"{value:,.10g}"


def quantity_from_match(match: re.Match[str]) -> Quantity:
    """Return the Quantity for a match of QUANTITY (or of a pattern built on QUANTITY_BODY)."""
    value = float(match["number"].replace(",", ""))
    if match["sign"] in {"-", "−"}:
        value = -value
    # '10m' could also be minutes or metres; in goals it is millions far more often.
    value *= _SCALES.get((match["scale"] or "").lower(), 1.0)
    unit = None
    if match["times"]:
        unit = "x"
    elif match["currency"]:
        code = match["currency"].lower()
        unit = code.upper() if code in _CURRENCY_CODES else _CURRENCY_SYMBOLS[code]
    elif match["grams"]:
        unit = "g"  # only with a space: '11g' and '5G' are names, not grams
    elif match["unit"]:
        unit = _UNITS.get(" ".join(match["unit"].lower().split()), match["unit"])
    elif match["out_of"]:
        unit = match["out_of"].replace(" ", "")
    per = match["per"] or match["per_word"]
    return Quantity(
        round(value, 10),
        unit,
        match.group(0).strip(),
        at_least=bool(match["plus"] or match["plus_after"]),
        per=PERIODS[per.lower()] if per else None,
    )


def parse_quantity(text: str) -> Quantity | None:
    """Return the quantity when the whole text is one number with an optional unit, else None.

    >>> parse_quantity("$120 million").value
    120000000.0
    >>> str(parse_quantity("8/quarter"))
    '8/quarter'
    >>> parse_quantity("lots") is None
    True
    """
    text = text.strip()
    match = QUANTITY.fullmatch(text)
    return quantity_from_match(match) if match else None
