"""``python -m medguide`` runs the command line (the window when no command is given)."""

from medguide.cli import main

raise SystemExit(main())
