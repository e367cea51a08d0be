"""Interchange with other systems' data: τ-bench retail stores in and out, and τ tool calls replayed."""

from comptoir.interop.tau import TauImportReport, export_tau, import_tau, load_tau, tau_settings, tau_snapshot
from comptoir.interop.tau_replay import TOOLS, WRITE_TOOLS, replay

__all__ = [
    "TOOLS",
    "WRITE_TOOLS",
    "TauImportReport",
    "export_tau",
    "import_tau",
    "load_tau",
    "replay",
    "tau_settings",
    "tau_snapshot",
]
