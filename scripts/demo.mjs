// The demo of ./run-local.sh (DESIGN section 8), and the check that no secret reached the logs. Node 18+, no packages.
//   node scripts/demo.mjs run --host URL --sandbox URL --key KEY --commands DIR --logs DIR --settings FILE
//   node scripts/demo.mjs check-logs --logs DIR --settings FILE
// `run` has the sandbox push a ticket to the Host and onboard every sandbox authorizer through a real `authorized`
// push, submits each demo command (demo/commands/*.json: {description, expect: {state, errcode?}, sandboxAuthorizer?,
// wait?, placeConfirmFile?, command}), polls each to its final state (or Deferred), prints them, then checks the logs.
// `wait: true` polls that command to its end before the next is submitted (the platform tier before the authorizer's);
// `placeConfirmFile: {host, fromCommand}` first puts the confirm file an earlier command fetched at the host's root, as
// the platform's web server would (the sandbox's PUT /sandbox/hosts/{host}/confirmfile). Exit code 0 when every
// command ended as expected and no secret was found, 1 otherwise.
import { readFileSync, readdirSync } from "node:fs";
import { join, basename } from "node:path";

const FINAL = new Set(["Succeeded", "Failed", "Rejected", "Deferred"]);
const POLL_MS = 250;
const DEMO_DEADLINE_MS = 120_000;
const REDACTED = "***";

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

  const clean = checkLogs(await secretValues(args.sandbox));
  return ok && clean ? 0 : 1;
}

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
