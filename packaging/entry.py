"""The frozen program's entry: the ``clienteling`` command, or the scripted smoke run.

PyInstaller needs a script, not a console-script entry point; keeping the smoke switch here means
the packaged app and the checked build run exactly the same code.
"""

from __future__ import annotations

import os
import sys
import time

STARTED = time.perf_counter()


def main() -> int:
    if os.environ.get("CLIENTELING_SMOKE") == "1":
        from clienteling.ui.smoke import run_smoke

        return run_smoke(STARTED)
    from clienteling.cli import main as cli_main

    cli_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
