"""PyInstaller entry script: the bundled ``medguide`` executable runs the command line."""

from medguide.cli import main

raise SystemExit(main())
