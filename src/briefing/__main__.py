from .cli import main, utf8_output

utf8_output()
raise SystemExit(main())
