# confdesk — the two commands a newcomer needs are `make run` and `make test`.
GO      ?= go
PKGS    ?= ./...
BIN     ?= bin/confdesk

.PHONY: run test build generate fmt vet check-generated bench clean

## run: start the server on data/confdesk.db (created, migrated and seeded on first run)
run:
	$(GO) run ./cmd/confdesk serve

## test: generated files current, vet, then every test with the race detector
test: check-generated vet
	$(GO) test -race -count=1 $(PKGS)

## build: a static-ish binary in bin/
build: generate
	$(GO) build -trimpath -ldflags="-s -w" -o $(BIN) ./cmd/confdesk

## generate: regenerate the templ components (*_templ.go, committed)
generate:
	$(GO) tool templ generate

## check-generated: fail when the committed *_templ.go files differ from what templ generates
check-generated:
	@$(GO) tool templ generate >/dev/null 2>&1 || { $(GO) tool templ generate; exit 1; }
	@if ! git diff --quiet -- '*_templ.go' || [ -n "$$(git ls-files --others --exclude-standard -- '*_templ.go')" ]; then \
		echo "generated templ files were stale (now regenerated); commit them:"; \
		git status --short -- '*_templ.go'; exit 1; fi

## fmt: format Go and templ sources
fmt:
	gofmt -w $$(git ls-files '*.go' | grep -v '_templ.go$$')
	$(GO) tool templ fmt views

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' | grep -v '_templ.go$$'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go' | grep -v '_templ.go$$'); exit 1; }
	$(GO) vet $(PKGS)

## bench: Go benchmarks, then a load run of the real binary against a bare Fiber baseline (cmd/confbench)
bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)
	$(GO) run ./cmd/confbench

clean:
	rm -rf bin
