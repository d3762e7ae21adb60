# JinanOnboard — every target does its own restore and build, so each works on a fresh clone.
DOTNET ?= dotnet
CONFIGURATION ?= Release
BUILD_FLAGS = -c $(CONFIGURATION) -nologo -v q -clp:ErrorsOnly

.PHONY: all build run test bench-micro clean

all: build

build:
	$(DOTNET) build JinanOnboard.sln $(BUILD_FLAGS)

# An emulated pass: payload and ground as two OS processes over TCP, default configuration.
# ./jinan publishes the CLI itself (ReadyToRun) on first use, so no solution build is needed here.
run:
	./jinan bench --transport tcp --out out/run

# The whole suite (unit, contract, property and end-to-end tests with real processes).
test: build
	$(DOTNET) test JinanOnboard.sln -c $(CONFIGURATION) --no-build -nologo -v q --logger "console;verbosity=minimal" -- RunConfiguration.DisableParallelization=false

# BenchmarkDotNet micro-benchmarks, on demand only (never in CI): make bench-micro FILTER='*Toeplitz*'
FILTER ?= *
bench-micro:
	for p in bench/*/*.csproj; do $(DOTNET) run -c Release --project $$p -- --filter '$(FILTER)' --job short || exit 1; done

clean:
	$(DOTNET) clean JinanOnboard.sln -c $(CONFIGURATION) -v q
	rm -rf out
