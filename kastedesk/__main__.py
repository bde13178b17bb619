from kastedesk.launch import main

raise SystemExit(main())
