"""The demo store: La Petite Boutique, in four languages, with customers and orders in every status."""

from comptoir.demo.seed import DemoReport, demo_file, seed_demo

__all__ = ["DemoReport", "demo_file", "seed_demo"]
