"""Interchange with other systems' data: τ-bench retail stores in and out, τ tool calls replayed through
the service layer, and the τ-bench v1 evaluation."""

from comptoir.interop.tau import TauImportReport, export_tau, import_tau, load_tau, tau_settings, tau_snapshot
from comptoir.interop.tau_eval import TauEvalReport, eval_tau_v1
from comptoir.interop.tau_replay import TOOLS, WRITE_TOOLS, replay

__all__ = [
    "TOOLS",
    "WRITE_TOOLS",
    "TauEvalReport",
    "TauImportReport",
    "eval_tau_v1",
    "export_tau",
    "import_tau",
    "load_tau",
    "replay",
    "tau_settings",
    "tau_snapshot",
]
