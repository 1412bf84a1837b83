"""rolefit: a career-fit quiz for the technical bridge roles."""

__version__ = "0.1.0"
