#!/usr/bin/env bash
# A fleet on loopback: N simulated boards (edgernn-device run --source sim:pump, the bundled model), each with its
# metrics endpoint and its alarms sent to a real mosquitto; a real Prometheus scrapes them with an alert rule on the
# alarm counter. Checks through Prometheus's HTTP API that every target is up and that the alert fires for exactly the
# boards with an injected fault, and through mosquitto that exactly those boards sent alarm events; stops everything
# it started. Needs Debian's prometheus and mosquitto (and mosquitto-clients); docs/fleet.md says more.
#   bash tools/fleet/run.sh            N=8 boards, faults on boards 2, 5 and 7
#   N=4 FAULTY="1 3" bash tools/fleet/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-8}
FAULTY=${FAULTY:-"2 5 7"}
SPEED=${SPEED:-10}            # 10 samples/s simulated, SPEED times real time
FAULT_AT=${FAULT_AT:-600}     # the fault's first sample: 6 s into the run at the default speed
for tool in prometheus mosquitto mosquitto_sub python3; do
  command -v "$tool" >/dev/null || { echo "fleet: $tool not found (apt-get install prometheus mosquitto mosquitto-clients python3)" >&2; exit 1; }
done

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
until_true() { # until_true <seconds> <what> <command...>: retries the command every second
  local limit=$1 what=$2; shift 2
  for _ in $(seq "$limit"); do "$@" && return 0; sleep 1; done
  echo "fleet: gave up after ${limit} s waiting for $what" >&2; return 1
}

dotnet build src/EdgeRnn.Device -c Release -v quiet -nologo >/dev/null
device=src/EdgeRnn.Device/bin/Release/net10.0/edgernn-device

mqtt=$(port)
mosquitto -p "$mqtt" >"$work/mosquitto.log" 2>&1 &
pids+=($!)
until_true 10 "mosquitto" bash -c "exec 3<>/dev/tcp/127.0.0.1/$mqtt" 2>/dev/null
mosquitto_sub -h 127.0.0.1 -p "$mqtt" -t 'edgernn/+/event' -v -q 1 >"$work/events.txt" &
pids+=($!)

targets=""
for i in $(seq "$N"); do
  metrics=$(port)
  fault=""
  if [[ " $FAULTY " == *" $i "* ]]; then fault="&fault=noise@$FAULT_AT"; fi
  "$device" run --model models/pump/pump.ernn --source "sim:pump?seed=$i&speed=$SPEED$fault" \
    --metrics "127.0.0.1:$metrics" --alarm "mqtt://127.0.0.1:$mqtt/edgernn/board-$i?client-id=board-$i" >"$work/board-$i.log" 2>&1 &
  pids+=($!)
  targets+="${targets:+, }{targets: ['127.0.0.1:$metrics'], labels: {board: 'board-$i'}}"
done

cat >"$work/rules.yml" <<YAML
groups:
  - name: edgernn
    rules:
      - alert: EdgeRnnAlarm
        expr: edgernn_alarms_raised_total > 0
        labels: {severity: warning}
        annotations: {summary: "{{ \$labels.board }} raised an anomaly alarm"}
YAML
cat >"$work/prometheus.yml" <<YAML
global: {scrape_interval: 1s, evaluation_interval: 1s}
rule_files: ['$work/rules.yml']
scrape_configs:
  - job_name: edgernn
    static_configs: [$targets]
YAML
promport=$(port)
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$promport" >"$work/prometheus.log" 2>&1 &
pids+=($!)
api="http://127.0.0.1:$promport/api/v1"

up_count() {
  curl -sf "$api/targets" | python3 -c 'import json, sys; t = json.load(sys.stdin)["data"]["activeTargets"]; print(sum(x["health"] == "up" for x in t))'
}
all_up() { [ "$(up_count 2>/dev/null || echo 0)" -eq "$N" ]; }
until_true 60 "all $N targets up" all_up
echo "fleet: $N of $N targets up"

firing() {
  curl -sf "$api/alerts" | python3 -c 'import json, sys; a = json.load(sys.stdin)["data"]["alerts"]; print(" ".join(sorted(x["labels"]["board"] for x in a if x["state"] == "firing")))'
}
expected=$(for i in $FAULTY; do echo "board-$i"; done | sort | tr '\n' ' ' | sed 's/ $//')
alert_matches() { [ "$(firing 2>/dev/null)" == "$expected" ]; }
until_true 90 "the alert to fire for: $expected" alert_matches
# Hold on past the faults: the other boards must stay quiet.
sleep 10
now=$(firing)
[ "$now" == "$expected" ] || { echo "fleet: alert firing for '$now', expected '$expected'" >&2; exit 1; }
echo "fleet: alert EdgeRnnAlarm firing for exactly: $now"

senders=$( (grep -o '^edgernn/board-[0-9]*' "$work/events.txt" | sed 's:edgernn/::' | sort -u | tr '\n' ' ' | sed 's/ $//') || true)
[ "$senders" == "$expected" ] || { echo "fleet: mosquitto received alarm events from '$senders', expected '$expected'" >&2; cat "$work/events.txt" >&2; exit 1; }
echo "fleet: mosquitto received alarm events from exactly: $senders ($(wc -l <"$work/events.txt") events)"
echo "fleet: ok"
