from formlint.cli import main

main()
