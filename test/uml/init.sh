#!/bin/sh
# PID 1 inside User-Mode Linux (see run-socketcan-test.sh). Loads the CAN modules, brings up
# vcan0, runs socketcan-check.ts, writes 'done' into the run folder and powers off. PID 1
# must never return (the kernel would panic), so every path ends in poweroff().
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root LANG=C.UTF-8

run="${EMS_UML_RUN:-}"
results="$run/results.txt"
log="$run/init.log"

poweroff() {
  sync
  echo o >/proc/sysrq-trigger
  # The power-off is asynchronous: wait for it rather than return.
  while :; do sleep 1; done
}

# A setup failure is a result too: the runner reads it instead of waiting for its timeout.
setup_fail() {
  echo "FAIL uml-setup: $*" >>"$results"
  echo "0 passed, 1 failed" >>"$results"
  echo "setup failed: $*" >>"$log"
  echo "setup-failed" >"$run/done"
  poweroff
}

mountpoint -q /proc || mount -t proc proc /proc
mountpoint -q /sys || mount -t sysfs sys /sys
if [ -z "$run" ] || [ ! -d "$run" ]; then
  echo "init.sh: EMS_UML_RUN '$run' is not a folder" >/dev/console
  poweroff
fi
exec >>"$log" 2>&1
echo "init: kernel $(uname -r), run folder $run"
# UML mounts devtmpfs on /dev itself; Node and the CAN tools need /dev/null and friends.
[ -c /dev/null ] || mount -t devtmpfs dev /dev || setup_fail "no /dev"

modules="/usr/lib/uml/modules/$(uname -r)/kernel"
[ -d "$modules" ] || setup_fail "module folder $modules missing (user-mode-linux package?)"
for module in net/can/can.ko net/can/can-raw.ko drivers/net/can/dev/can-dev.ko \
  drivers/net/can/vcan.ko; do
  insmod "$modules/$module" || setup_fail "insmod $module failed"
done
ip link add dev vcan0 type vcan || setup_fail "ip link add vcan0 failed"
ip link set up vcan0 || setup_fail "ip link set up vcan0 failed"
echo "init: vcan0 up"

# A private temp folder: tsx caches compiled files there, and the host's cache is not ours.
mkdir -p "$run/tmp"
export TMPDIR="$run/tmp"
cd "$EMS_UML_PROJECT" || setup_fail "project folder '$EMS_UML_PROJECT' missing"
timeout 60 "$EMS_UML_NODE" --import tsx test/uml/socketcan-check.ts \
  --iface vcan0 --results "$results"
status=$?
echo "init: check program exited with $status"
echo "$status" >"$run/done"
poweroff
