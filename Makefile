# confdesk — the two commands a newcomer needs are `make run` and `make test`.
GO      ?= go
# Every target builds with Go 1.27.3: the Go 1.26.8 this machine starts with
# has standard-library vulnerabilities that `make vulncheck` reports (fixed in
# later releases). The go command fetches this toolchain once from the module
# proxy (76 MB, about 10 s) and keeps it.
export GOTOOLCHAIN := go1.27.3
PKGS    ?= ./...
BIN     ?= bin/confdesk

.PHONY: toolchain run check test build generate fmt vet staticcheck vulncheck check-generated bench fuzz clean

FUZZTIME ?= 10s

## toolchain: print the Go toolchain every target uses (fetched on first use)
toolchain:
	$(GO) version

## run: start the server on data/confdesk.db (created, migrated and seeded on first run)
run:
	$(GO) run ./cmd/confdesk serve

## check: the daily loop, under a minute on a warm cache: gofmt, go vet,
## staticcheck and the short tests (`go test -short`: no browser, no real
## binary under load, smaller sweeps; see README). make test is the whole suite.
check: vet staticcheck
	$(GO) test -short $(PKGS)

## test: generated files current, vet, staticcheck, govulncheck, every test
## with the race detector, every benchmark once (so that make bench keeps
## working), then the proof suite (internal/proof) and the Litestream drill
## (internal/drill), each on its own: the proof's 200-client load must not
## starve other packages' tests, nor they the drill's Litestream syncs. Latency targets are measured by
## make bench, not here.
test: check-generated vet staticcheck vulncheck
	$(GO) test -race -count=1 $$($(GO) list $(PKGS) | grep -v -e '/internal/proof$$' -e '/internal/drill$$')
	@echo "go test -run '^$$' -bench . -benchtime 1x $(PKGS)   (every benchmark once)"
	@out=$$($(GO) test -run '^$$' -bench . -benchtime 1x $(PKGS) 2>&1) || { echo "$$out"; exit 1; }
	$(GO) test -count=1 ./internal/proof
	$(GO) test -count=1 ./internal/drill

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

## vet: gofmt (every hand-written file) and go vet
vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' | grep -v '_templ.go$$'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go' | grep -v '_templ.go$$'); exit 1; }
	$(GO) vet $(PKGS)

## staticcheck: honnef.co/go/tools' default checks, pinned by the go.mod tool
## directive. A finding that is wrong is silenced where it stands, with
## `//lint:ignore CHECK reason`, never for a whole package.
staticcheck:
	$(GO) tool staticcheck $(PKGS)

## vulncheck: govulncheck over every package. vuln.go.dev cannot be reached from
## here, so the same database comes through the module proxy as the module
## golang.org/x/vulndb, pinned below and indexed once into .ci/vulndb/; bump
## VULNDB (a newer pseudo-version of that module) to check against newer reports.
VULNDB      ?= v0.0.0-20261105234957-e22db6528018
GOVULNCHECK ?= golang.org/x/vuln/cmd/govulncheck@v1.9.0
vulncheck:
	@db=.ci/vulndb/$(VULNDB); if [ ! -f $$db/index/db.json ]; then \
		echo "indexing the Go vulnerability database $(VULNDB) into $$db"; \
		src=$$(cd / && $(GO) mod download -json golang.org/x/vulndb@$(VULNDB) | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$$/\1/p'); \
		test -d "$$src/data/osv" || { echo "could not download golang.org/x/vulndb@$(VULNDB)"; exit 1; }; \
		rm -rf $$db.tmp && (cd / && $(GO) run golang.org/x/vulndb/cmd/indexdb@$(VULNDB) -vulns $$src/data/osv -out $(CURDIR)/$$db.tmp) && mv $$db.tmp $$db; \
	fi
	$(GO) run $(GOVULNCHECK) -db file://$(CURDIR)/.ci/vulndb/$(VULNDB) ./...

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
