SHELL := /bin/bash
.DEFAULT_GOAL := help

node_modules: package.json package-lock.json
	npm ci
	@touch node_modules

.PHONY: help install build test
help:
	@echo "make up | make down | make test | make bench | make sim | make engine | make schema"

install: node_modules

build: node_modules
	npm run build

test: build
	npm test
