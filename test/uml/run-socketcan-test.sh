#!/usr/bin/env bash
# Real-SocketCAN test, host side. The host kernel has no CAN, so this boots User-Mode Linux
# (the host's / as its root over hostfs), where init.sh loads the CAN modules, brings up
# vcan0 and runs socketcan-check.ts against can-utils. UML's exit code says nothing about
# the test, so the verdict comes from the results file alone. Anything that keeps UML from
# booting or finishing in time is a failure, never a skip: CI must notice a broken harness.
#
# Needs (Debian): user-mode-linux can-utils kmod iproute2.
# Usage: bash test/uml/run-socketcan-test.sh (or npm run test:socketcan)
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$(cd "$here/../.." && pwd)"
timeout_s="${EMS_UML_TIMEOUT_S:-240}"

# The checks socketcan-check.ts must report, so a check that silently vanished fails the run.
expected_checks=(
  socketcan-module-loads
  bms-reading-assembled
  keepalive-on-candump
  core-self-consumption
  alarm-decoded
  core-fault-on-alarm
)

fail() {
  echo "socketcan test: FAIL: $*" >&2
  exit 1
}

for tool in linux.uml cansend candump insmod ip setsid; do
  command -v "$tool" >/dev/null 2>&1 ||
    fail "'$tool' not found; install the Debian packages user-mode-linux can-utils kmod iproute2"
done
node_bin="$(readlink -f "$(command -v node)")" || fail "node not found on PATH"
[ -d "$project/node_modules/tsx" ] || fail "node_modules/tsx missing: run npm ci first"

# UML reads the host's / through hostfs, so a run folder under /tmp is shared with it.
run_dir="$(mktemp -d /tmp/ems-socketcan.XXXXXX)" || fail "cannot create a run folder"
umid="ems-can-$$-${RANDOM}"
results="$run_dir/results.txt"
console_log="$run_dir/console.log"
uml_pid=""

cleanup() {
  if [ -n "$uml_pid" ] && kill -0 "$uml_pid" 2>/dev/null; then
    # UML runs one host process per guest address space: end the whole group it leads.
    kill -KILL -- "-$uml_pid" 2>/dev/null
    wait "$uml_pid" 2>/dev/null
  fi
  rm -rf "$run_dir/uml"
}
trap cleanup EXIT

started=$(date +%s.%N)
# Unknown key=value arguments reach init as environment variables.
setsid linux.uml mem=1024M rootfstype=hostfs rootflags=/ rw \
  init="$here/init.sh" umid="$umid" uml_dir="$run_dir/uml" \
  con=null con0=fd:0,fd:1 \
  EMS_UML_RUN="$run_dir" EMS_UML_NODE="$node_bin" EMS_UML_PROJECT="$project" \
  </dev/null >"$console_log" 2>&1 &
uml_pid=$!

verdict=""
deadline=$((SECONDS + timeout_s))
while :; do
  if [ -f "$run_dir/done" ]; then break; fi
  if ! kill -0 "$uml_pid" 2>/dev/null; then
    verdict="UML exited before the test finished"
    break
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    verdict="no result within ${timeout_s} s; UML killed"
    break
  fi
  sleep 0.2
done

# init powers off after writing 'done'; give it a moment, then end it regardless.
if [ -z "$verdict" ]; then
  for _ in $(seq 1 50); do
    kill -0 "$uml_pid" 2>/dev/null || break
    sleep 0.1
  done
fi
cleanup
uml_pid=""
elapsed=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')

echo "== results ($results) =="
if [ -f "$results" ]; then cat "$results"; else echo "(no results file)"; fi

if [ -z "$verdict" ]; then
  if [ ! -f "$results" ]; then
    verdict="the test wrote no results file"
  elif grep -q '^FAIL' "$results"; then
    verdict="a check failed"
  elif ! grep -Eq '^[0-9]+ passed, 0 failed$' "$results"; then
    verdict="no final 'N passed, 0 failed' line"
  else
    for check in "${expected_checks[@]}"; do
      grep -qx "PASS $check" "$results" || verdict="${verdict:+$verdict; }check '$check' missing"
    done
  fi
fi

if [ -n "$verdict" ]; then
  echo "== UML console ($console_log) =="
  cat "$console_log" 2>/dev/null
  echo "== init log =="
  cat "$run_dir/init.log" 2>/dev/null
  # CI reads a plain "N passed, N failed" line: make sure a failure without one still has one.
  grep -Eq '^[0-9]+ passed, [1-9][0-9]* failed$' "$results" 2>/dev/null || echo "0 passed, 1 failed"
  echo "socketcan test: FAIL after ${elapsed} s: $verdict (files kept in $run_dir)" >&2
  exit 1
fi
echo "socketcan test: OK in ${elapsed} s"
rm -rf "$run_dir"
exit 0
