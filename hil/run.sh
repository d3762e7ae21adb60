#!/usr/bin/env bash
# make hil PROFILE=NAME: probe the profile's devices, run the device driver suites, run one bench pass, and say what
# each step found in out/hil/NAME/summary.txt (with a second probe after the pass, naming any device lost meanwhile). On demand only: never part of CI or `make test`.
# With PROFILE=simulators-as-processes it first serves the profile's devices (the E-727 on tcp://127.0.0.1:50000, the
# ELL14s behind socat pty pairs linked under /tmp/jinan-hil) from one separate `jinan devices serve` process, and stops it at the end.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROFILE="${1:?usage: hil/run.sh PROFILE (a name in hil/profiles or a path)}"
NAME="$(basename "$PROFILE" .json)"
OUT="$ROOT/out/hil/$NAME"
JINAN="$ROOT/jinan"
mkdir -p "$OUT"
cd "$ROOT"

started=()
stop_simulators() {
    for pid in "${started[@]}"; do
        kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    done
}
trap stop_simulators EXIT

# Waits up to 60 s for a line in a file (the simulator's announcement; the first ./jinan may be publishing).
wait_for() {
    for _ in $(seq 600); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
    echo "hil: no '$2' in $1 after 60 s" >&2
    return 1
}

# Every tcp or serial entry of the profile that no device answers yet can be served by simulators in one separate process
# (`jinan devices serve`, which runs socat for the serial ones); simulators-as-processes is the profile made for that.
if [ "$NAME" = simulators-as-processes ]; then
    "$JINAN" --help >/dev/null # publish once, before the server and the probe race to do it
    mkdir -p /tmp/jinan-hil
    "$JINAN" devices serve --profile "$PROFILE" >"$OUT/serve.log" 2>"$OUT/serve.err" &
    started+=($!)
    wait_for "$OUT/serve.log" "^serving" || { cat "$OUT/serve.err" >&2; exit 1; }
fi

echo "== 1/3 probe: ./jinan devices probe --profile $PROFILE"
"$JINAN" devices probe --profile "$PROFILE" | tee "$OUT/probe.txt"
probe=${PIPESTATUS[0]}

echo "== 2/3 device driver suites (analog FSM, ELL14, E-727, TDC7200, time tagger; against their simulators)"
dotnet test tests/JinanOnboard.Devices.Tests -c Release -nologo -v q --logger "console;verbosity=minimal" \
    --filter "FullyQualifiedName~.Mirrors.|FullyQualifiedName~.Waveplates.|FullyQualifiedName~.PiE727.|FullyQualifiedName~.Tdc7200.|FullyQualifiedName~.TimeTagger.|FullyQualifiedName~.Profiles." \
    2>&1 | tee "$OUT/suites.txt"
suites=${PIPESTATUS[0]}

# A profile that puts a fine mirror or a waveplate mount on a bus (tcp, serial, spi) gets it driven by the firmware: a real-time pass.
pass_args=(--transport tcp --out "$OUT/pass")
profile_file="$(ls "$PROFILE" 2>/dev/null || echo "hil/profiles/$NAME.json")"
if grep -E '"(fine-mirror|qwp1|hwp|qwp2|ogs-hwp)"' "$profile_file" | grep -qE '"(tcp|serial|spi)"'; then
    pass_args+=(--realtime --duration-s "${HIL_PASS_S:-30}" --devices-profile "$PROFILE")
fi
echo "== 3/3 one bench pass: ./jinan bench ${pass_args[*]}"
"$JINAN" bench "${pass_args[@]}" | tee "$OUT/pass.txt"
pass=${PIPESTATUS[0]}

# A device that answered at the start and is gone now (a simulator killed, a cable pulled) is reported, not fatal.
echo "== after the pass: probe again"
"$JINAN" devices probe --profile "$PROFILE" >"$OUT/probe-after.txt"
after=$?
# Rows are "device kind address... yes|NO ..." (an address may be two words), so find the answered column by value.
answered() { awk 'FNR>2 { for (i = 3; i <= 5 && i <= NF; i++) if ($i == "yes" || $i == "NO") { print $1, $i; break } }' "$1"; }
lost=$(join <(answered "$OUT/probe.txt" | sort) <(answered "$OUT/probe-after.txt" | sort) | awk '$2 == "yes" && $3 == "NO" { printf "%s ", $1 }')

verdict() { [ "$1" -eq 0 ] && echo ok || echo "FAILED (exit $1)"; }
{
    echo "make hil PROFILE=$PROFILE at $(date -u +%FT%TZ)"
    echo "probe:  $(verdict "$probe") -- $(tail -n 1 "$OUT/probe.txt" 2>/dev/null)"
    grep -E "no answer|NO " "$OUT/probe.txt" 2>/dev/null | sed 's/^/        degraded: /'
    echo "suites: $(verdict "$suites") -- $(grep -E "^(Passed|Failed)!" "$OUT/suites.txt" | tail -n 1)"
    echo "after:  $(verdict "$after") -- $(tail -n 1 "$OUT/probe-after.txt" 2>/dev/null)${lost:+; lost during the run: $lost}"
    echo "pass:   $(verdict "$pass") -- ./jinan bench ${pass_args[*]} (fine mirrors and waveplate mounts with an address in the profile are driven on their bus; the rest of the bench is simulated)"
} | tee "$OUT/summary.txt"
[ "$probe" -eq 0 ] && [ "$suites" -eq 0 ] && [ "$pass" -eq 0 ]
