# confdesk — the two commands a newcomer needs are `make run` and `make test`.
GO      ?= go
PKGS    ?= ./...
BIN     ?= bin/confdesk

.PHONY: run test build generate fmt vet check-generated bench fuzz clean

FUZZTIME ?= 10s

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

## fuzz: run every fuzz target for FUZZTIME each (CI runs a short round)
fuzz:
	@for pkg in $$(grep -rl --include='*_test.go' '^func Fuzz' internal | xargs -n1 dirname | sort -u); do \
		for fn in $$(grep -h '^func Fuzz' $$pkg/*_test.go | sed 's/func \(Fuzz[A-Za-z0-9_]*\).*/\1/'); do \
			echo "fuzz $$fn ($$pkg, $(FUZZTIME))"; \
			$(GO) test -run '^$$' -fuzz "^$$fn$$" -fuzztime $(FUZZTIME) ./$$pkg || exit 1; \
		done; \
	done

clean:
	rm -rf bin
