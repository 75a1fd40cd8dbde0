#!/usr/bin/env bash
# WeChatDomains on this machine (DESIGN section 8, "The run command"):
#   ./run-local.sh          install Azurite if needed, build, start Azurite, the WeChat sandbox and the Host, onboard the
#                           sandbox's demo authorizers through real pushes, run the demo commands and print their final
#                           states, then show domain profiles (a profile, an onboarding by push, a rollout, a drift
#                           made in WeChat's console and corrected); then keep running until Ctrl-C or SIGTERM, and
#                           stop everything it started.
#   ./run-local.sh --demo   the same, but stop and exit when the demo is done: non-zero if a demo command ended in a
#                           state other than the one expected, a profile check failed (it says which and what it
#                           saw), or a secret reached a log.
# Logs of each process: .local/logs/*.log. docs/local-run.md says more.
set -euo pipefail
cd "$(dirname "$0")"
# log and install_local_services
. scripts/lib.sh

readonly HOST_URL="http://127.0.0.1:7071"
readonly SANDBOX_URL="http://127.0.0.1:7080"
readonly API_KEY="local-dev-key"
readonly PORTS=(10000 10001 10002 7080 7071)
readonly CONFIGURATION=Release
readonly START_TIMEOUT=120
readonly STOP_TIMEOUT=20
readonly LOGS=".local/logs"
readonly RUN_DIR=".local/run-local"
readonly HOST_SETTINGS="src/WeChatDomains.Host/appsettings.Development.json"

demo_only=false
case "${1:-}" in
  "") ;;
  --demo) demo_only=true ;;
  -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "usage: $0 [--demo]" >&2; exit 2 ;;
esac

pids=()
names=()

fail() { printf 'error: %s\n' "$*" >&2; exit 1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

check_prerequisites() {
  local tool
  for tool in dotnet node curl; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool is required"
  done
  local busy=() port
  for port in "${PORTS[@]}"; do
    if port_in_use "$port"; then busy+=("$port"); fi
  done
  if [ "${#busy[@]}" -gt 0 ]; then
    fail "port(s) ${busy[*]} on 127.0.0.1 already in use. run-local.sh needs 10000-10002 (Azurite), 7080 (sandbox) and 7071 (Host): stop what listens there (another run-local.sh, Azurite, 'func start') and try again."
  fi
}

# start NAME DIR COMMAND...: runs COMMAND in DIR in a session (and process group) of its own, output to the log.
start() {
  local name=$1 dir=$2
  shift 2
  if command -v setsid >/dev/null 2>&1; then
    (cd "$dir" && exec setsid "$@") >"$LOGS/$name.log" 2>&1 </dev/null &
  else
    set -m
    (cd "$dir" && exec "$@") >"$LOGS/$name.log" 2>&1 </dev/null &
    set +m
  fi
  pids+=("$!")
  names+=("$name")
  log "$name started (pid $!, log $LOGS/$name.log)"
}

alive() { kill -0 "$1" 2>/dev/null; }

# Azurite closes its three services on SIGTERM but its process may linger; once they are closed it is killed.
closed() { [ "$1" = azurite ] && [ "$(grep -c 'service successfully closed' "$LOGS/azurite.log" 2>/dev/null)" -ge 3 ]; }

# Stops what this script started, last started first (the Host releases its messages while Azurite still runs).
stop_all() {
  trap - INT TERM EXIT
  local i pid waited
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    pid=${pids[i]}
    if ! kill -0 -- "-$pid" 2>/dev/null; then
      continue
    fi
    log "stopping ${names[i]} (pid $pid)"
    kill -TERM -- "-$pid" 2>/dev/null || true
    waited=0
    while kill -0 -- "-$pid" 2>/dev/null && ! closed "${names[i]}" && [ "$waited" -lt $((STOP_TIMEOUT * 10)) ]; do
      sleep 0.1
      waited=$((waited + 1))
    done
    if kill -0 -- "-$pid" 2>/dev/null; then
      closed "${names[i]}" || log "${names[i]} did not stop in ${STOP_TIMEOUT}s; killing it"
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  pids=()
}

on_signal() {
  echo
  log "stopping ($1)"
  stop_all
  [ "$1" = INT ] && exit 130
  exit 143
}

# wait_until NAME PID COMMAND...: until COMMAND succeeds; fails when the process exits or START_TIMEOUT passes.
wait_until() {
  local name=$1 pid=$2
  shift 2
  local deadline=$((SECONDS + START_TIMEOUT))
  until "$@" >/dev/null 2>&1; do
    if ! alive "$pid"; then
      tail -n 30 "$LOGS/$name.log" >&2 || true
      fail "$name exited during start-up; see $LOGS/$name.log"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      fail "$name did not answer within ${START_TIMEOUT}s; see $LOGS/$name.log"
    fi
    sleep 0.25
  done
  log "$name is answering"
}

answers_http() { [ "$(curl -s -o /dev/null -w '%{http_code}' -H "x-functions-key: $API_KEY" "$1")" != "000" ]; }
azurite_ready() { port_in_use 10001 && port_in_use 10002; }

build() {
  local project
  for project in src/WeChatDomains.Sandbox/WeChatDomains.Sandbox.csproj src/WeChatDomains.Host/WeChatDomains.Host.csproj; do
    log "dotnet build $project -c $CONFIGURATION"
    if ! dotnet build "$project" -c "$CONFIGURATION" -nologo -clp:NoSummary -v:q >>"$LOGS/build.log" 2>&1; then
      grep -E 'error|warning' "$LOGS/build.log" | tail -n 20 >&2 || true
      fail "build failed; see $LOGS/build.log"
    fi
  done
}

start_services() {
  rm -rf "$RUN_DIR"
  mkdir -p "$RUN_DIR/vault"
  start azurite . node_modules/.bin/azurite --silent --inMemoryPersistence --skipApiVersionCheck --loose \
    --blobHost 127.0.0.1 --blobPort 10000 --queueHost 127.0.0.1 --queuePort 10001 --tableHost 127.0.0.1 --tablePort 10002
  local azurite_pid=${pids[-1]}

  start sandbox "src/WeChatDomains.Sandbox/bin/$CONFIGURATION/net10.0" \
    env ASPNETCORE_URLS="$SANDBOX_URL" dotnet WeChatDomains.Sandbox.dll
  local sandbox_pid=${pids[-1]}

  wait_until azurite "$azurite_pid" azurite_ready
  # Local timers fast enough for a demo; the defaults in appsettings.json are unchanged.
  start host "src/WeChatDomains.Host/bin/$CONFIGURATION/net10.0" env \
    ASPNETCORE_ENVIRONMENT=Development \
    ASPNETCORE_URLS="$HOST_URL" \
    ConnectionStrings__Storage="UseDevelopmentStorage=true" \
    WeChatClient__BaseUrl="$SANDBOX_URL" \
    LocalVault__Folder="$PWD/$RUN_DIR/vault" \
    Timers__DeferredReleasePeriod=00:00:02 \
    Timers__TokenSweepPeriod=00:00:15 \
    Processing__RetryBaseDelay=00:00:01 \
    Processing__RetryMaxDelay=00:00:10 \
    Processing__OrderRecheck=00:00:02 \
    Intake__MaxPollInterval=00:00:01 \
    Intake__ErrorRetryDelay=00:00:05 \
    Profiles__RolloutStepPeriod=00:00:01 \
    Profiles__DriftCallsPerMinute=600 \
    dotnet WeChatDomains.Host.dll
  local host_pid=${pids[-1]}

  wait_until sandbox "$sandbox_pid" answers_http "$SANDBOX_URL/"
  wait_until host "$host_pid" answers_http "$HOST_URL/api/health"
}

run_demo() {
  node scripts/demo.mjs run --host "$HOST_URL" --sandbox "$SANDBOX_URL" --key "$API_KEY" \
    --commands demo/commands --profiles demo/profiles/newbrand.json --logs "$LOGS" --settings "$HOST_SETTINGS"
}

print_endpoints() {
  local demo_authorizers
  demo_authorizers=$( (grep -ho '"authorizerAppId": *"[A-Za-z0-9_]*"' demo/commands/*.json | cut -d'"' -f4
    grep -ho '"wx[0-9a-f]\{16\}"' demo/profiles/*.json | tr -d '"') | sort -u | paste -sd, -)
  cat <<EOF

WeChatDomains is running on this machine:
  Dashboard  $HOST_URL/            (enter the API key: $API_KEY)
             or open $HOST_URL/#key=$API_KEY&authorizers=$demo_authorizers
  API        $HOST_URL/api/...     (header x-functions-key: $API_KEY; OpenAPI at $HOST_URL/openapi/v1.json)
  Sandbox    $SANDBOX_URL/sandbox/...  (admin API: src/WeChatDomains.Sandbox/README.md)
  Azurite    127.0.0.1:10000 (blob) 10001 (queue) 10002 (table), in memory
  Logs       $LOGS/azurite.log $LOGS/sandbox.log $LOGS/host.log
Press Ctrl-C to stop everything.
EOF
}

# Keeps running until a signal; if one of the processes exits on its own, stops the rest and fails.
keep_running() {
  local i
  while :; do
    for i in "${!pids[@]}"; do
      if ! alive "${pids[i]}"; then
        log "${names[i]} exited unexpectedly; see $LOGS/${names[i]}.log"
        stop_all
        exit 1
      fi
    done
    sleep 1 &
    wait $! || true
  done
}

main() {
  check_prerequisites
  mkdir -p "$LOGS"
  rm -f "$LOGS"/*.log
  trap 'on_signal INT' INT
  trap 'on_signal TERM' TERM
  trap stop_all EXIT
  install_local_services
  build
  start_services

  local demo_status=0
  run_demo || demo_status=$?

  if $demo_only; then
    stop_all
    log "checking the complete logs for secrets"
    node scripts/demo.mjs check-logs --logs "$LOGS" --settings "$HOST_SETTINGS" || demo_status=1
    if [ "$demo_status" -eq 0 ]; then
      log "demo passed"
    else
      log "demo FAILED (exit $demo_status); logs in $LOGS"
    fi
    exit "$demo_status"
  fi

  if [ "$demo_status" -ne 0 ]; then
    log "the demo did not end as expected (see above); everything keeps running for a look"
  fi
  print_endpoints
  keep_running
}

main
