"""One way to build HTML: Jinja2 templates from `okrcoach/templates/`, autoescaped.

Every HTML surface (the check report fragment, the client audit, grading feedback, the widgets)
renders through `render()`, so user text is escaped by default and markup is an explicit choice
(`Markup`, or the `|safe` filter on something okrcoach built itself). The colour palette lives
here once, for templates and for code that colours plotly charts.

Jinja2 is imported on first use only: `import okrcoach` and the command line stay fast.
"""

from __future__ import annotations

from functools import cache
from typing import Any

#: Severity colours (finding tables, drafter) and grade-band colours (tracker, audit charts).
PALETTE: dict[str, str] = {
    "error": "#b42318",
    "warning": "#b54708",
    "info": "#175cd3",
    "green": "#2e7d32",
    "yellow": "#f9a825",
    "red": "#c62828",
    "grey": "#9e9e9e",
}


def colour(name: str, default: str = "grey") -> str:
    """Return the palette colour for a severity or band name (grey when unknown)."""
    return PALETTE.get(name, PALETTE[default])


def escape(value: Any) -> str:
    """Escape text for HTML (None becomes the empty string). The one escape helper of the package."""
    from markupsafe import escape as _escape

    return "" if value is None else str(_escape(str(value)))


@cache
def environment() -> Any:
    """Return the shared Jinja2 environment: package templates, autoescape on for every file."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("okrcoach", "templates"),
        autoescape=True,  # every template, whatever its suffix
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals["palette"] = PALETTE
    env.filters["colour"] = colour
    return env


def render(template: str, **values: Any) -> str:
    """Render `okrcoach/templates/<template>` with autoescaping and return the HTML text."""
    return environment().get_template(template).render(**values)


def render_string(source: str, **values: Any) -> str:
    """Render a template given as text (tests and tiny fragments), with the same escaping rules."""
    return environment().from_string(source).render(**values)
