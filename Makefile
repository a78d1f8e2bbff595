# jxc — the two commands of the README, and a few helpers.
# Odoo 18.0 is found through ODOO_SRC=/path/to/odoo or an `odoo` importable by python3.
.PHONY: help test demo demo-reset bench lint shell pg-stop clean
SCALE ?= M

help:
	@echo "make test        fresh database, both addons, every test and static check"
	@echo "make demo        demo company in database jxc_demo, server on http://localhost:8069"
	@echo "make demo-reset  rebuild the demo database, then serve"
	@echo "make bench       benchmark at SCALE=S|M|L (default M), results in bench-results/"
	@echo "make lint        static checks only"
	@echo "make shell       odoo shell on jxc_demo"
	@echo "make pg-stop     stop the private PostgreSQL cluster (.pg/)"
	@echo "make clean       remove .venv, .jxc and .pg"

test:
	@tools/jxc test

demo:
	@tools/jxc demo

demo-reset:
	@tools/jxc demo-reset

bench:
	@tools/jxc bench $(SCALE)

lint:
	@tools/jxc lint

shell:
	@tools/jxc shell

pg-stop:
	@tools/jxc pg-stop

clean: pg-stop
	rm -rf .venv .jxc .pg
