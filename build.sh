#!/usr/bin/env bash
# WeChatDomains build and test entry point.
#   ./build.sh test    install what the tests need, build (warnings are errors), run every test,
#                      and end with "N passed, N failed" computed from the TRX results.
#   ./build.sh build   restore and build only.
set -euo pipefail
cd "$(dirname "$0")"

configuration=Release
results_dir="TestResults"

# log and install_local_services
. scripts/lib.sh

select_functions_packages() {
  # DESIGN section 8: the Functions project builds with the real Worker SDK on the real worker packages. Only where
  # the feed cannot restore the Service Bus extension (or the host-side extension the SDK's generated
  # WorkerExtensions.csproj restores) does it take that extension's types from
  # src/WeChatDomains.Functions.ServiceBusStandIn (UseFunctionsContract=true, never deployed). The probe is a real
  # build of the project, so that the generated project's restore counts too; only a package the feed lacks
  # (NU1101-NU1103) selects the stand-in, any other failure keeps the real mode and shows in the build below.
  local probe="src/WeChatDomains.Functions/WeChatDomains.Functions.csproj" probe_log missing
  build_props=()
  [ -f "$probe" ] || return 0
  if [ -n "${WECHATDOMAINS_FUNCTIONS_CONTRACT:-}" ]; then
    build_props=("-p:UseFunctionsContract=$WECHATDOMAINS_FUNCTIONS_CONTRACT")
    log "Functions build mode forced by WECHATDOMAINS_FUNCTIONS_CONTRACT: UseFunctionsContract=$WECHATDOMAINS_FUNCTIONS_CONTRACT"
    return 0
  fi
  probe_log=$(mktemp)
  log "probe: dotnet build $probe -p:UseFunctionsContract=false (the real Service Bus extension)"
  if dotnet build "$probe" -c "$configuration" -nologo -clp:NoSummary -warnaserror -p:UseFunctionsContract=false >"$probe_log" 2>&1; then
    build_props=("-p:UseFunctionsContract=false")
    log "Functions build mode: connected (the real Worker SDK and packages, the Service Bus extension included)"
  elif missing=$(grep -Eo 'error NU110[1-3]: [^[]*' "$probe_log" | head -n 1) && [ -n "$missing" ]; then
    build_props=("-p:UseFunctionsContract=true")
    log "the feed lacks a package of the real build: ${missing% }"
    log "Functions build mode: stand-in (the real Worker SDK and packages; the Service Bus extension's types from src/WeChatDomains.Functions.ServiceBusStandIn; never deployable)"
  else
    build_props=("-p:UseFunctionsContract=false")
    log "Functions build mode: connected (its probe failed for another reason than a missing package; the build below shows why)"
  fi
  rm -f "$probe_log"
}

build() {
  select_functions_packages
  log "dotnet build Functions.sln -c $configuration"
  dotnet build Functions.sln -c "$configuration" -nologo -clp:NoSummary -warnaserror "${build_props[@]}"
}

summarize() {
  local passed=0 failed=0 trx p f
  shopt -s nullglob
  for trx in "$results_dir"/*.trx; do
    p=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*' || echo 0)
    f=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*' || echo 0)
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
  done
  echo "$passed passed, $failed failed"
  [ "$passed" -gt 0 ] && [ "$failed" -eq 0 ]
}

install_browser() {
  # The dashboard's browser tests drive Debian's chromium through Playwright (never a browser Playwright downloads).
  # Installed here when missing and running as root; otherwise those tests are skipped and say why.
  if [ -n "${WECHATDOMAINS_CHROMIUM:-}" ] || command -v chromium >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing Debian's chromium for the dashboard's browser tests"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; then
      log "chromium could not be installed: the browser tests will be skipped"
    fi
  else
    log "chromium is not installed and this is not root: the browser tests will be skipped (apt-get install chromium)"
  fi
}

run_tests() {
  install_local_services
  install_browser
  build
  rm -rf "$results_dir"
  log "dotnet test (results in $results_dir)"
  local status=0
  # One test project at a time (-m:1): the drills and end-to-end tests start processes and need the 2 cores to themselves.
  dotnet test Functions.sln -c "$configuration" --no-build -nologo -m:1 "${build_props[@]}" \
    --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results_dir" \
    -- RunConfiguration.TestSessionTimeout=1200000 || status=$?
  if summarize && [ "$status" -eq 0 ]; then
    return 0
  fi
  return 1
}

case "${1:-test}" in
  test) run_tests ;;
  build) build ;;
  *) echo "usage: $0 [test|build]" >&2; exit 2 ;;
esac
