"""Quiet, quick Prefect: set before Prefect is imported (its settings are read at import).

State lives in ./.prefect (ignored by git) unless the user chose PREFECT_HOME or a server with
PREFECT_API_URL; telemetry is off; start-up noise is at WARNING. A flow run's own log lines
(flows.harvest: one per source, one per document, the summary) go to the Prefect API at INFO,
while the console shows WARNING and above. The user's own environment always wins over these
defaults.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_SERVER_LEVEL": "WARNING",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_LOG_PRINTS": "false",
    "PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL": "INFO",
    "PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL": "INFO",
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING",
    "PREFECT_UI_ENABLED": "false",
    "PREFECT_SERVER_UI_ENABLED": "false",
    "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
    # the first run creates the temporary server's database, which can take longer than
    # Prefect's 20 s on a small machine: the main job then failed on a fresh clone
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}


def configure() -> None:
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
    if "PREFECT_HOME" not in os.environ and "PREFECT_API_URL" not in os.environ:
        home = Path.cwd() / ".prefect"
        home.mkdir(exist_ok=True)
        os.environ["PREFECT_HOME"] = str(home)
