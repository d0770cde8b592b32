# The two commands of the quick start; see README.md.
.PHONY: run test check clean

run:
	compat/bin/run

test:
	compat/bin/test

check:
	compat/bin/test --checks-only

clean:
	rm -rf .run .venv .venv-tools node_modules
