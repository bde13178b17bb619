from kastedesk.cli.main import main

raise SystemExit(main())
