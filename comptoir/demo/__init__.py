"""The demo store: La Petite Boutique, in four languages, with customers and orders in every status."""

from comptoir.demo.seed import DemoReport, seed_demo

__all__ = ["DemoReport", "seed_demo"]
