// The demo of ./run-local.sh (DESIGN section 8), and the check that no secret reached the logs. Node 18+, no packages.
//   node scripts/demo.mjs run --host URL --sandbox URL --key KEY --commands DIR --logs DIR --settings FILE
//   node scripts/demo.mjs check-logs --logs DIR --settings FILE
// `run` has the sandbox push a ticket to the Host and onboard every sandbox authorizer through a real `authorized`
// push, submits each demo command (demo/commands/*.json: {description, expect: {state, errcode?}, sandboxAuthorizer?,
// wait?, placeConfirmFile?, command}), polls each to its final state (or Deferred), prints them, then checks the logs.
// `wait: true` polls that command to its end before the next is submitted (the platform tier before the authorizer's);
// `placeConfirmFile: {host, fromCommand}` first puts the confirm file an earlier command fetched at the host's root, as
// the platform's web server would (the sandbox's PUT /sandbox/hosts/{host}/confirmfile). With `--profiles FILE`
// (demo/profiles/*.json) it then shows domain profiles (DESIGN section 10) end to end and checks each step: the profile
// stored, a new authorizer onboarded on it by its push alone, a v2 rolled out to the fleet with exactly the planned
// modifications, and a drift made in WeChat's console (the sandbox's console path) seen by a scan and corrected. Exit
// code 0 when every command ended as expected, every profile check passed and no secret was found, 1 otherwise.
import { readFileSync, readdirSync } from "node:fs";
import { join, basename } from "node:path";

const FINAL = new Set(["Succeeded", "Failed", "Rejected", "Deferred"]);
const POLL_MS = 250;
const DEMO_DEADLINE_MS = 120_000;
const REDACTED = "***";

/** A profile check that failed: recorded with what it saw, it ends the profile demo (run() is awaited below, so declared here). */
class CheckFailed extends Error {}

const args = parseArgs(process.argv.slice(3));
const verb = process.argv[2];
if (verb === "run") {
  process.exitCode = await run();
} else if (verb === "check-logs") {
  process.exitCode = checkLogs(await secretValues(null)) ? 0 : 1;
} else {
  console.error("usage: node scripts/demo.mjs run|check-logs --logs DIR --settings FILE [--host URL --sandbox URL --key KEY --commands DIR]");
  process.exitCode = 2;
}

function parseArgs(list) {
  const out = {};
  for (let i = 0; i < list.length; i += 2) out[list[i].replace(/^--/, "")] = list[i + 1];
  return out;
}

async function run() {
  const demos = readdirSync(args.commands).filter((f) => f.endsWith(".json")).sort()
    .map((f) => ({ file: f, ...JSON.parse(readFileSync(join(args.commands, f), "utf8")) }));
  const events = new URL("/api/wechat/events", args.host).href;

  await prepareSandboxAuthorizers(demos);
  step("the sandbox pushes a component_verify_ticket to " + events);
  expectDelivered(await sandbox("POST", "/sandbox/push-ticket", { url: events }), "ticket push");

  const appids = await sandbox("GET", "/sandbox/authorizers");
  for (const appid of appids.body) {
    step(`${appid} authorizes the platform: the sandbox pushes 'authorized' with a fresh code`);
    expectDelivered(await sandbox("POST", `/sandbox/authorizers/${appid}/authorize`, { url: events }), `authorized push of ${appid}`);
    const seen = await waitFor(async () => {
      const a = await host("GET", `/api/authorizers/${appid}`);
      return a.status === 200 && a.body.state === "Active" ? a.body : null;
    }, 30_000);
    if (!seen) throw new Error(`the Host did not record ${appid} as Active`);
  }

  const results = [];
  for (const demo of demos) {
    const c = demo.command;
    if (demo.placeConfirmFile) await placeConfirmFile(demo.placeConfirmFile);
    const submitted = await host("POST", "/api/commands", c);
    const result = { demo, status: submitted.status, record: null };
    if (submitted.status === 400) {
      const reasons = submitted.body?.errors ?? [];
      result.record = { state: "Rejected", reasons };
      step(`submitted ${c.commandId}: 400, ${reasons.length} reason(s), nothing enqueued`);
      for (const r of reasons) console.log(`      ${r.path}: ${r.message}`);
    } else if (submitted.status === 202) {
      step(`submitted ${c.commandId}: 202 ${submitted.body.statusUrl}`);
      if (demo.wait) {
        result.record = await finalRecord(c.commandId, DEMO_DEADLINE_MS);
        step(`${c.commandId} ended ${result.record.state} before the next command is sent`);
      }
    } else {
      step(`submitted ${c.commandId}: unexpected HTTP ${submitted.status} ${JSON.stringify(submitted.body)}`);
      result.record = { state: `HTTP ${submitted.status}` };
    }
    results.push(result);
  }

  const deadline = Date.now() + DEMO_DEADLINE_MS;
  for (const result of results.filter((r) => r.record === null)) {
    result.record = await finalRecord(result.demo.command.commandId, Math.max(0, deadline - Date.now()));
  }

  console.log("\nDemo commands:");
  let ok = true;
  for (const { demo, record } of results) {
    const matches = record.state === demo.expect.state &&
      (demo.expect.errcode === undefined || record.lastErrorCode === demo.expect.errcode);
    ok &&= matches;
    const got = record.state + (record.lastErrorCode ? ` ${record.lastErrorCode}` : "") + (record.errorClass ? ` (${record.errorClass})` : "");
    const want = demo.expect.state + (demo.expect.errcode ? ` ${demo.expect.errcode}` : "");
    console.log(`  ${matches ? "ok  " : "FAIL"} ${pad(demo.command.commandId, 28)} ${pad(demo.command.api, 24)} ${pad(got, 30)} expected ${want}`);
    if (record.nextAttemptAt) console.log(`       next attempt at ${record.nextAttemptAt}`);
  }

  const profilesOk = args.profiles ? await runProfiles(JSON.parse(readFileSync(args.profiles, "utf8"))) : true;

  const clean = checkLogs(await secretValues(args.sandbox));
  return ok && profilesOk && clean ? 0 : 1;
}

// ---- Domain profiles (issue 15) ----------------------------------------------------------------------------------------
// Each check is recorded with what it saw; the first one that fails ends this part (the next steps build on it).

async function runProfiles(spec) {
  const checks = [];
  const check = (what, ok, saw) => {
    checks.push({ what, ok, saw });
    if (!ok) throw new CheckFailed(what);
  };
  console.log(`\nDomain profiles (${basename(args.profiles)}): ${spec.description}`);
  try {
    await profileSteps(spec, check);
  } catch (e) {
    if (!(e instanceof CheckFailed)) checks.push({ what: "the profile demo ran to its end", ok: false, saw: e.message });
  }

  console.log("\nDomain profile checks:");
  for (const c of checks) console.log(`  ${c.ok ? "ok  " : "FAIL"} ${c.what}: ${c.saw}`);
  const failed = checks.find((c) => !c.ok);
  if (failed) console.log(`  the profile demo stopped at the check that failed: ${failed.what}`);
  return !failed;
}

async function profileSteps(spec, check) {
  const name = spec.profile;
  const newId = spec.newAuthorizer.appId;
  const fleet = [newId, ...spec.fleet];
  const route = `/api/profiles/${name}`;

  // 1. A profile, through the Host API.
  step(`PUT ${route} (version 1): ${describeProfile(spec.v1)}`);
  const v1 = await host("PUT", route, spec.v1);
  check("the profile is stored through the API", v1.status === 201 && v1.body?.version === 1,
    `PUT ${route}: HTTP ${v1.status}, version ${v1.body?.version ?? "-"}${v1.status >= 400 ? " " + JSON.stringify(v1.body) : ""} (expected 201, version 1)`);
  const assigned = [];
  for (const appid of fleet) {
    const a = await host("PUT", `/api/authorizers/${appid}/profile`, { profile: name });
    step(`PUT /api/authorizers/${appid}/profile {"profile":"${name}"}: HTTP ${a.status}` +
      (appid === newId ? " (not authorized yet: the brand's onboarding pipeline names the Mini Program it expects)" : ""));
    assigned.push(`${appid} HTTP ${a.status}`);
  }
  check(`the fleet (${fleet.length}) is assigned to ${name}`, assigned.every((a) => a.endsWith("HTTP 200")), assigned.join(", "));

  // 2. A new authorizer gets it by itself: its authorized push is all it takes.
  const events = new URL("/api/wechat/events", args.host).href;
  const created = await sandbox("PUT", `/sandbox/authorizers/${newId}`, spec.newAuthorizer.sandbox);
  if (created.status !== 200) throw new Error(`the sandbox refused the new authorizer ${newId}: ${JSON.stringify(created.body)}`);
  step(`${newId}, a new Mini Program of the brand (sandbox: ${JSON.stringify(spec.newAuthorizer.sandbox)}), authorizes the platform: the sandbox pushes 'authorized'`);
  expectDelivered(await sandbox("POST", `/sandbox/authorizers/${newId}/authorize`, { url: events }), `authorized push of ${newId}`);
  const onboarding = ["modify_domain", "setwebviewdomain"].map((api) => `profile:${name}:v1:${newId}:${api}`);
  const onboarded = await Promise.all(onboarding.map((id) => finalRecord(id, DEMO_DEADLINE_MS)));
  onboarding.forEach((id, i) => step(`the push alone enqueued ${id}: ${stateOf(onboarded[i])}`));
  const newOne = (await sandbox("GET", `/sandbox/authorizers/${newId}`)).body;
  const standing = await waitFor(async () => {
    const p = (await host("GET", `/api/authorizers/${newId}`)).body?.profile;
    return p?.matches ? p : null;
  }, 10_000) ?? (await host("GET", `/api/authorizers/${newId}`)).body?.profile;
  step(`GET /api/authorizers/${newId}: profile ${standing?.profile ?? "-"} v${standing?.version ?? "-"}, matches ${standing?.matches ?? "-"}; ` +
    `in WeChat (sandbox): requestdomain ${list(newOne?.domains?.third?.requestDomain)}, webviewdomain ${list(newOne?.webviewDomains?.third)}`);
  check(`the new authorizer ${newId} gets the profile by itself`,
    onboarded.every((r) => r.state === "Succeeded") && sameList(newOne?.domains?.third?.requestDomain, spec.v1.server.requestdomain) &&
      sameList(newOne?.webviewDomains?.third, spec.v1.webviewdomain) && standing?.profile === name && standing?.version === 1 && standing?.matches === true,
    `${onboarded.map(stateOf).join(", ")}; sandbox requestdomain ${list(newOne?.domains?.third?.requestDomain)}, webviewdomain ${list(newOne?.webviewDomains?.third)}; ` +
      `Host: profile ${standing?.profile ?? "-"} v${standing?.version ?? "-"}, matches ${standing?.matches ?? "-"}`);

  // 3. A change rolled out to the fleet in waves: the plan first, then exactly what it said.
  await consoleChange(spec.consoleBeforeV2);
  await readDomains("before-v2", fleet, check);
  step(`PUT ${route} (version 2): ${describeProfile(spec.v2)}`);
  const v2 = await host("PUT", route, spec.v2);
  check("version 2 is stored", v2.status === 200 && v2.body?.version === 2, `PUT ${route}: HTTP ${v2.status}, version ${v2.body?.version ?? "-"} (expected 200, version 2)`);
  const plan = (await host("GET", `${route}/plan`)).body;
  for (const p of plan?.platformChanges ?? []) step(`plan, platform tier first: ${p.api} add ${list(p.set)}`);
  for (const a of plan?.authorizers ?? []) {
    const changes = a.changes.map((c) => `${c.api} ${c.list}${c.add.length ? " +" + c.add.join(" +") : ""}${c.remove.length ? " -" + c.remove.join(" -") : ""}`);
    step(`plan: ${a.appId}: ${changes.length ? changes.join("; ") : "matches already"}: ${a.modificationsNeeded} modification(s)${a.modificationsLeft == null ? "" : `, ${a.modificationsLeft} left this month`}`);
  }
  const t = plan?.totals ?? {};
  step(`plan totals: ${t.authorizers} authorizer(s), ${t.unchanged} unchanged, ${t.toChange} to change, ${t.modifications} modification(s), ${t.blockedByQuota} blocked by quota, ${t.calls} call(s)`);
  const planned = Object.fromEntries((plan?.authorizers ?? []).map((a) => [a.appId, a.modificationsNeeded]));
  check("the plan covers the fleet, every authorizer read", t.authorizers === fleet.length && t.unobserved === 0 && fleet.every((a) => a in planned),
    `${t.authorizers} authorizer(s), ${t.unobserved} never read; planned ${JSON.stringify(planned)}`);
  const before = await appliedModifications(fleet);

  const started = await host("POST", `${route}/rollouts`, spec.rollout);
  step(`POST ${route}/rollouts ${JSON.stringify(spec.rollout)}: HTTP ${started.status} ${started.body?.statusUrl ?? JSON.stringify(started.body)}`);
  if (started.status !== 202) check("the rollout starts", false, `HTTP ${started.status} ${JSON.stringify(started.body)}`);
  const rollout = await followRollout(started.body.statusUrl);
  const c = rollout?.counts ?? {};
  check("the rollout completes", rollout?.state === "Succeeded" && c.failed === 0 && c.deferred === 0,
    `${rollout?.state ?? "no answer"}${rollout?.reason ? ` (${rollout.reason})` : ""}; ${countsText(c)}; failures by errcode ${JSON.stringify(rollout?.failuresByErrcode ?? {})}`);
  const after = await appliedModifications(fleet);
  const spent = fleet.map((a) => `${a}: ${after[a] - before[a]} spent, ${planned[a]} planned`);
  step(`modifications applied in WeChat (sandbox counters): ${spent.join("; ")}`);
  check("exactly the planned modifications, none for an authorizer that matched", fleet.every((a) => after[a] - before[a] === planned[a]), spent.join("; "));
  await readDomains("after-rollout", fleet, check);
  const standings = await Promise.all(fleet.map(async (a) => [a, (await host("GET", `/api/authorizers/${a}`)).body?.profile]));
  const matching = standings.map(([a, p]) => `${a}: v${p?.version ?? "-"} matches ${p?.matches ?? "-"}`);
  check("every authorizer of the fleet matches version 2", standings.every(([, p]) => p?.version === 2 && p?.matches === true), matching.join("; "));

  // 4. A drift made in WeChat's console: seen by a scan, put right by autoCorrect.
  const drifted = spec.drift.appId;
  await consoleChange(spec.drift);
  const scan = await host("POST", "/api/drift/scan");
  step(`POST /api/drift/scan: HTTP ${scan.status}, ${scanText(scan.body)}`);
  const entry = await waitFor(async () => (await host("GET", "/api/drift")).body?.authorizers?.find((a) => a.appId === drifted), DEMO_DEADLINE_MS);
  for (const d of entry?.differences ?? []) step(`GET /api/drift: ${drifted} (${entry.profile} v${entry.version}, read ${entry.seenAt}): ${d.api} ${d.list} missing ${list(d.missing)}, extra ${list(d.extra)}${d.correctable === false ? ` (not correctable, ${d.source}: ${d.reason})` : ""}`);
  const seen = entry ? `differences ${JSON.stringify(entry.differences)}` : `not listed in GET /api/drift within ${DEMO_DEADLINE_MS / 1000} s`;
  check(`the drift of ${drifted} is detected`, JSON.stringify(entry?.differences) === JSON.stringify(spec.drift.expect), `${seen}; expected ${JSON.stringify(spec.drift.expect)}`);

  const fixScan = await host("POST", "/api/drift/scan");
  step(`POST /api/drift/scan again: HTTP ${fixScan.status}, ${scanText(fixScan.body)} (autoCorrect)`);
  const fixId = await waitFor(async () => {
    const page = (await host("GET", `/api/commands?authorizer=${drifted}`)).body;
    return page?.items?.find((x) => x.requestedBy === `profile:${name}:drift` && !x.api.startsWith("get_"))?.commandId;
  }, 10_000);
  const fix = fixId ? await finalRecord(fixId, DEMO_DEADLINE_MS) : { state: "no fix command was enqueued" };
  step(`the fix ${fixId ?? "-"}: ${stateOf(fix)}`);
  await readDomains("after-fix", [drifted], check);
  const still = (await host("GET", "/api/drift")).body?.authorizers?.find((a) => a.appId === drifted);
  const fixed = (await sandbox("GET", `/sandbox/authorizers/${drifted}`)).body;
  const effective = effectiveServer(fixed);
  step(`GET /api/drift: ${still ? `${drifted} still drifts: ${JSON.stringify(still.differences)}` : `${drifted} no longer listed`}; in WeChat (sandbox): ${Object.entries(effective).filter(([, v]) => v.length).map(([k, v]) => `${k} ${list(v)}`).join(", ")}`);
  const matchesNow = (await host("GET", `/api/authorizers/${drifted}`)).body?.profile?.matches;
  check(`the drift of ${drifted} is corrected`, fix.state === "Succeeded" && !still && matchesNow === true,
    `fix ${fixId ?? "-"} ${stateOf(fix)}; ${still ? "still listed in GET /api/drift" : "no longer listed in GET /api/drift"}; matches ${matchesNow}`);
}

async function consoleChange({ appId, domains, why }) {
  const put = await sandbox("PUT", `/sandbox/authorizers/${appId}/domains`, domains);
  if (put.status !== 200) throw new Error(`the sandbox refused the console change of ${appId}: ${JSON.stringify(put.body)}`);
  step(`WeChat's console (sandbox PUT /sandbox/authorizers/${appId}/domains ${JSON.stringify(domains)}): ${why}`);
}

// Quota-free gets: the registry keeps what they read, and plans and drift compare against that.
async function readDomains(round, appids, check) {
  const reads = [];
  for (const appid of appids) {
    for (const api of ["get_effective_domain", "get_effective_webviewdomain"]) {
      const commandId = `demo-read-${round}-${appid}-${api}`;
      await host("POST", "/api/commands", { commandId, api, authorizerAppId: appid, body: {}, requestedBy: "run-local demo" });
      reads.push(commandId);
    }
  }
  const states = await Promise.all(reads.map(async (id) => [id, (await finalRecord(id, DEMO_DEADLINE_MS)).state]));
  step(`the Host reads ${appids.join(", ")} with ${reads.length} quota-free get(s): ${[...new Set(states.map(([, s]) => s))].join(", ")}`);
  check(`the domains are read (${round})`, states.every(([, s]) => s === "Succeeded"), states.map(([id, s]) => `${id} ${s}`).join("; "));
}

async function followRollout(statusUrl) {
  let last = "";
  const done = await waitFor(async () => {
    const r = (await host("GET", statusUrl)).body;
    const line = `${r.state}, wave ${r.wave} of ${r.waves}, platform tier ${r.platformDone ? "done" : "pending"}, ${countsText(r.counts)}${r.reason ? ` (${r.reason})` : ""}`;
    if (line !== last) step(`rollout ${r.rolloutId}: ${line}`);
    last = line;
    return r.state === "Running" ? null : r;
  }, DEMO_DEADLINE_MS);
  return done ?? (await host("GET", statusUrl)).body;
}

async function appliedModifications(appids) {
  const out = {};
  for (const a of appids) out[a] = (await sandbox("GET", `/sandbox/authorizers/${a}`)).body?.appliedModifications ?? NaN;
  return out;
}

function effectiveServer(model) {
  const out = {};
  for (const key of ["requestDomain", "wsRequestDomain", "uploadDomain", "downloadDomain", "udpDomain", "tcpDomain"]) {
    out[key.toLowerCase()] = [...new Set(["mp", "third", "direct"].flatMap((s) => model?.domains?.[s]?.[key] ?? []))];
  }
  return out;
}

function describeProfile(p) {
  const server = Object.entries(p.server ?? {}).filter(([, v]) => v.length).map(([k, v]) => `${k} ${list(v)}`);
  const platform = p.platform ? `platform server ${list(p.platform.serverDomains)}, jump ${list(p.platform.jumpDomains)}; ` : "";
  return `${p.mode}; ${platform}${server.join("; ")}; webviewdomain ${list(p.webviewdomain)}${p.autoCorrect ? "; autoCorrect" : ""}`;
}

function countsText(c = {}) {
  return ["pending", "running", "succeeded", "failed", "deferred", "unchanged"].map((k) => `${k} ${c[k] ?? "-"}`).join(", ");
}

function scanText(b) {
  return b ? `${b.authorizers} authorizer(s), ${b.getCallsEnqueued} get call(s) enqueued, ${b.fixesEnqueued} fix(es) enqueued, ${b.fixesHeldByReserve} held by the quota reserve` : "no answer";
}

function stateOf(r) {
  return r.state + (r.lastErrorCode ? ` ${r.lastErrorCode}` : "") + (r.errorClass ? ` (${r.errorClass})` : "");
}

function list(v) { return v?.length ? v.join(" ") : "(none)"; }
function sameList(a, b) { return JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...(b ?? [])].sort()); }

async function finalRecord(id, limitMs) {
  const record = await waitFor(async () => {
    const r = await host("GET", `/api/commands/${encodeURIComponent(id)}`);
    return r.status === 200 && FINAL.has(r.body.state) ? r.body : null;
  }, limitMs);
  if (record) return record;
  const last = await host("GET", `/api/commands/${encodeURIComponent(id)}`);
  return { state: `not final in time (${last.body?.state ?? "HTTP " + last.status})` };
}

async function placeConfirmFile({ host: at, fromCommand }) {
  const file = (await host("GET", `/api/commands/${encodeURIComponent(fromCommand)}`)).body?.response;
  if (!file?.fileName) throw new Error(`${fromCommand} has no confirm file to place at ${at}`);
  const put = await sandbox("PUT", `/sandbox/hosts/${at}/confirmfile`, { fileName: file.fileName, fileContent: file.fileContent });
  if (put.status !== 200) throw new Error(`the sandbox refused the confirm file at ${at}: ${JSON.stringify(put.body)}`);
  step(`the platform's confirm file ${file.fileName} (from ${fromCommand}) now sits at https://${at}/${file.fileName}`);
}

async function prepareSandboxAuthorizers(demos) {
  for (const demo of demos.filter((d) => d.sandboxAuthorizer)) {
    const appid = demo.command.authorizerAppId;
    const current = await sandbox("GET", `/sandbox/authorizers/${appid}`);
    const existing = current.status === 200 ? current.body : {};
    const put = await sandbox("PUT", `/sandbox/authorizers/${appid}`, { ...existing, ...demo.sandboxAuthorizer });
    if (put.status !== 200) throw new Error(`the sandbox refused the set-up of ${appid}: ${JSON.stringify(put.body)}`);
    step(`sandbox: ${appid} set to ${JSON.stringify(demo.sandboxAuthorizer)} (${basename(demo.file)})`);
  }
}

function expectDelivered(response, what) {
  const b = response.body ?? {};
  if (response.status !== 200 || !b.delivered || b.statusCode !== 200 || String(b.responseBody).trim() !== "success") {
    throw new Error(`${what} was not accepted by the Host: HTTP ${response.status} ${JSON.stringify(b)}`);
  }
}

async function secretValues(sandboxUrl) {
  const settings = JSON.parse(readFileSync(args.settings, "utf8")).Platform ?? {};
  const values = new Set([settings.AppSecret, settings.Token, settings.EncodingAesKey]);
  if (sandboxUrl) {
    const p = (await sandbox("GET", "/sandbox/platform")).body;
    [p.secret, p.token, p.encodingAesKey].forEach((v) => values.add(v));
    for (const appid of (await sandbox("GET", "/sandbox/authorizers")).body) {
      values.add((await sandbox("GET", `/sandbox/authorizers/${appid}`)).body.refreshToken);
    }
  }
  values.delete(undefined);
  values.delete("");
  return values;
}

// Fails on: any literal secret value; any ticket, authorization code or refresh token of the sandbox (their prefixes);
// an access_token / component_access_token query value or JSON field that is not the redaction marker; and anything
// shaped like a sandbox access token (64 characters of base64url with both letter cases).
function checkLogs(values) {
  const files = readdirSync(args.logs).filter((f) => f.endsWith(".log")).map((f) => join(args.logs, f));
  const patterns = [
    [/(ticket|queryauthcode|preauthcode|refreshtoken)@@@/, "a sandbox ticket, code or refresh token"],
    [/access_token=(?!\*\*\*)[^&\s"']/i, "an access_token query value that is not redacted"],
    [/"(component_|authorizer_)?(access|refresh)_token"\s*:\s*"(?!\*\*\*")/i, "a token in a JSON body"],
    [/(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*[a-z])(?=[A-Za-z0-9_-]*[A-Z])[A-Za-z0-9_-]{64}(?![A-Za-z0-9_-])/, "something shaped like an access token"],
  ];
  let found = 0;
  let lines = 0;
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    text.split("\n").forEach((line, i) => {
      lines++;
      for (const v of values) if (line.includes(v)) report(file, i, "a platform secret, token, AES key or refresh token");
      for (const [re, what] of patterns) if (re.test(line)) report(file, i, what);
    });
  }
  function report(file, i, what) {
    found++;
    console.log(`  SECRET FOUND: ${file}:${i + 1}: ${what}`);
  }
  console.log(found === 0
    ? `\nLogs checked: ${files.length} files, ${lines} lines, ${values.size} secret values and 4 token patterns; no secret found (redaction marker '${REDACTED}').`
    : `\nLogs checked: ${found} secret(s) found.`);
  return found === 0;
}

async function call(base, method, path, body, headers = {}) {
  const response = await fetch(new URL(path, base), {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed = text;
  try { parsed = text ? JSON.parse(text) : null; } catch { /* plain text */ }
  return { status: response.status, body: parsed };
}

function sandbox(method, path, body) { return call(args.sandbox, method, path, body); }
function host(method, path, body) { return call(args.host, method, path, body, { "x-functions-key": args.key }); }

async function waitFor(probe, limitMs) {
  const until = Date.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) return null;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

function step(text) { console.log("==> " + text); }
function pad(s, n) { s = String(s ?? ""); return s.length >= n ? s : s + " ".repeat(n - s.length); }
