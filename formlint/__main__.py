from formlint.cli import run

run()
