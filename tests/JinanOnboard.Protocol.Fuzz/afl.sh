#!/usr/bin/env bash
# make fuzz TARGET=<mode> SECONDS=<n>: AFL++ over one harness mode (README.md here). Installs what is missing
# (afl++ from apt, SharpFuzz.CommandLine into out/fuzz/tools, not the global tool set), publishes and instruments
# the harness afresh, fuzzes for the given seconds, and prints the run's figures from AFL's fuzzer_stats.
# Everything it writes is under out/fuzz (ignored by git); findings stay there between runs (AFL_AUTORESUME).
set -euo pipefail
cd "$(dirname "$0")/../.."

mode="${1:-}"
duration="${2:-60}"
modes="deframer header packets messages jrec codeblock"
if [[ " $modes " != *" $mode "* ]]; then
    echo "usage: make fuzz TARGET=<$(echo $modes | tr ' ' '|')> SECONDS=<n>" >&2
    exit 2
fi

root="out/fuzz"
bin="$root/bin"
tools="$root/tools"
findings="$root/findings/$mode"

if ! command -v afl-fuzz >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
    echo "fuzz: installing afl++" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq afl++
fi

if [ ! -x "$tools/sharpfuzz" ]; then
    dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null
fi

# A fresh publish every time: sharpfuzz rewrites assemblies in place and refuses one it has instrumented before.
rm -rf "$bin"
nice -n 19 dotnet publish tests/JinanOnboard.Protocol.Fuzz -c Release -o "$bin" -nologo -v q -clp:ErrorsOnly
# The parsers under test; the harness itself and the framework stay uninstrumented, so edges are the parsers' own.
for assembly in Primitives Protocol Distillation Runtime; do
    "$tools/sharpfuzz" "$bin/JinanOnboard.$assembly.dll" >/dev/null
done

mkdir -p "$findings"
# dotnet is not an AFL-instrumented binary (SharpFuzz reports coverage itself); the runtime needs more than AFL's
# default memory limit and start-up time; nice keeps the machine usable for builds.
AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_AUTORESUME=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
AFL_FORKSRV_INIT_TMOUT=60000 \
    nice -n 19 afl-fuzz -i "tests/JinanOnboard.Protocol.Fuzz/corpus/$mode" -o "$findings" -V "$duration" -t 5000 -m none \
    -- dotnet "$bin/JinanOnboard.Protocol.Fuzz.dll" "$mode" > "$findings/afl.log" 2>&1 || {
        tail -n 30 "$findings/afl.log" >&2
        exit 1
    }

stats="$findings/default/fuzzer_stats"
value() { sed -n "s/^$1 *: *//p" "$stats"; }
crashes=$(find "$findings/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
hangs=$(find "$findings/default/hangs" -type f -name 'id:*' 2>/dev/null | wc -l)
echo "fuzz $mode: run_time $(value run_time) s, execs_done $(value execs_done), execs_per_sec $(value execs_per_sec), edges_found $(value edges_found) of $(value total_edges) (bitmap_cvg $(value bitmap_cvg)), corpus $(value corpus_count), crashes $crashes, hangs $hangs"
echo "fuzz $mode: findings in $findings/default (crashes/, hangs/); reproduce with: dotnet $bin/JinanOnboard.Protocol.Fuzz.dll $mode --run FILE"
