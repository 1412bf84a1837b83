"""rolefit: a career-fit quiz for the technical bridge roles."""

__version__ = "0.3.0"
