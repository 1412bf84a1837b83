"""rolefit: a career-fit quiz for the technical bridge roles."""

__version__ = "0.2.0"
