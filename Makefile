# JinanOnboard — every target does its own restore and build, so each works on a fresh clone.
DOTNET ?= dotnet
CONFIGURATION ?= Release
BUILD_FLAGS = -c $(CONFIGURATION) -nologo -v q -clp:ErrorsOnly

.PHONY: all build run test socat tshark bench-micro fuzz hil clean

all: build

build:
	$(DOTNET) build JinanOnboard.sln $(BUILD_FLAGS)

# An emulated pass: payload and ground as two OS processes over TCP, default configuration.
# ./jinan publishes the CLI itself (ReadyToRun) on first use, so no solution build is needed here.
run:
	./jinan bench --transport tcp --out out/run

# The serial-transport tests talk over socat pty pairs: install socat when it is missing (as .ci/run does),
# or say in one line how to get it.
socat:
	@command -v socat >/dev/null 2>&1 || { \
		SUDO=""; [ "$$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo -n"; \
		echo "make: installing socat for the serial-transport tests" >&2; \
		( $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq socat ) >/dev/null 2>&1 \
		|| { echo "make: socat is missing and could not be installed; install it (apt-get install socat) and rerun" >&2; exit 1; }; }

# The export tests run tshark on `jinan export --pcap` output: install it when missing (as .ci/run does; the preseed
# keeps wireshark-common from asking about a setuid dumpcap), or say in one line how to get it.
tshark:
	@command -v tshark >/dev/null 2>&1 || { \
		SUDO=""; [ "$$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo -n"; \
		echo "make: installing tshark for the export tests" >&2; \
		( $$SUDO apt-get update -qq \
		  && echo "wireshark-common wireshark-common/install-setuid boolean false" | $$SUDO debconf-set-selections \
		  && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq tshark ) >/dev/null 2>&1 \
		|| { echo "make: tshark is missing and could not be installed; install it (apt-get install tshark) and rerun" >&2; exit 1; }; }

# The whole suite (unit, contract, property and end-to-end tests with real processes).
test: socat tshark build
	$(DOTNET) test JinanOnboard.sln -c $(CONFIGURATION) --no-build -nologo -v q --logger "console;verbosity=minimal" -- RunConfiguration.DisableParallelization=false

# BenchmarkDotNet micro-benchmarks, on demand only (never in CI): make bench-micro FILTER='*Toeplitz*'
FILTER ?= *
bench-micro:
	for p in bench/*/*.csproj; do $(DOTNET) run -c Release --project $$p -- --filter '$(FILTER)' --job short || exit 1; done

# AFL++ over one parser layer of the fuzz harness, on demand only (never in CI): make fuzz TARGET=header SECONDS=600
# Modes: deframer header packets messages jrec codeblock. Installs afl++ and SharpFuzz.CommandLine (into out/fuzz/tools) when
# missing; findings stay in out/fuzz/findings/<mode>. tests/JinanOnboard.Protocol.Fuzz/README.md has the details.
TARGET ?= messages
SECONDS ?= 60
fuzz:
	tests/JinanOnboard.Protocol.Fuzz/afl.sh '$(TARGET)' '$(SECONDS)'

# Hardware in the loop, on demand only (never in CI or `make test`): make hil PROFILE=rpi-bench
# Probes the profile's devices (hil/profiles/NAME.json), runs the device driver suites and one bench pass; hil/README.md.
PROFILE ?= all-simulated
hil: socat
	hil/run.sh '$(PROFILE)'

clean:
	$(DOTNET) clean JinanOnboard.sln -c $(CONFIGURATION) -v q
	rm -rf out
