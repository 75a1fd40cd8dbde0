// The WeChatDomains dashboard: polls the status API with the key kept in sessionStorage. No build step.
(() => {
  "use strict";
  const keyName = "wechatdomains-api-key";
  const watchedName = "wechatdomains-watched";
  const platformKey = "component";
  const maxWatched = 20;
  const appidPattern = /^[A-Za-z0-9_]+$/;
  const pollMs = 10000;
  const planPageSize = 100;
  // The plan and the drift list are computed over the whole fleet (a read per authorizer), so the 10 s poll does not ask
  // for them: a profile's plan is read when the page opens, when the profile gets a new version, when the operator asks
  // ("Plan again") and once it is this old; the drift list likewise, and while a scan's gets come in.
  const planMaxAgeMs = 5 * 60 * 1000;
  const driftMaxAgeMs = 5 * 60 * 1000;
  const driftFollowMs = 2000;
  const driftSettleMs = 4000;
  const maxDriftFollowMs = 5 * 60 * 1000;
  const $ = (id) => document.getElementById(id);
  let timer = null;
  let currentAuthorizer = null;

  const getKey = () => sessionStorage.getItem(keyName);
  const stateClass = (state) => ({ Succeeded: "good", Failed: "bad", Rejected: "bad", Deferred: "wait" })[state] || "";

  // Authorizers whose recent commands the page lists: the platform's own lane, those looked up or linked, and those
  // with failed or deferred commands. Kept for this tab.
  function watched() {
    const list = JSON.parse(sessionStorage.getItem(watchedName) || "[]").filter((a) => appidPattern.test(a));
    return list.includes(platformKey) ? list : [platformKey, ...list];
  }
  function watch(appids) {
    const list = watched();
    for (const a of appids) if (a && appidPattern.test(a) && !list.includes(a)) list.push(a);
    sessionStorage.setItem(watchedName, JSON.stringify(list.slice(0, maxWatched)));
  }
  const say = (text, bad) => { const s = $("status"); s.textContent = text; s.className = bad ? "bad" : ""; };
  const time = (value) => value ? new Date(value).toLocaleString() : "";
  const shortTime = (value) => value
    ? new Date(value).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" })
    : "";

  async function api(path, method) {
    const response = await fetch(path, { method: method || "GET", headers: { "x-functions-key": getKey() || "", "Accept": "application/json" } });
    if (response.status === 401) {
      throw new Error("The API key was refused. Enter it again.");
    }
    const body = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error((body && (body.title + (body.detail ? ": " + body.detail : ""))) || ("HTTP " + response.status));
    }
    return body;
  }

  function cell(row, value) {
    const td = document.createElement("td");
    td.textContent = value === undefined || value === null ? "" : String(value);
    row.appendChild(td);
  }

  function fillList(list, pairs) {
    list.replaceChildren();
    for (const [name, value, cls] of pairs) {
      const dt = document.createElement("dt"); dt.textContent = name;
      const dd = document.createElement("dd"); dd.textContent = value === undefined || value === null || value === "" ? "—" : String(value);
      if (cls) dd.className = cls;
      list.append(dt, dd);
    }
  }

  function clickable(row, commandId) {
    row.tabIndex = 0;
    row.setAttribute("aria-label", "Show attempts of " + commandId);
    row.addEventListener("click", () => showCommand(commandId));
    row.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); showCommand(commandId); } });
  }

  function fillCommands(tableId, items, timeField) {
    const body = $(tableId).querySelector("tbody");
    body.replaceChildren();
    if (items.length === 0) {
      const row = body.insertRow(); const td = document.createElement("td");
      td.colSpan = 8; td.className = "muted"; td.textContent = "None."; row.appendChild(td);
      return;
    }
    for (const c of items) {
      const row = body.insertRow();
      [c.commandId, c.authorizerAppId || "component", c.api, c.lastErrorCode, c.errorClass, c.rid, c.reason, time(c[timeField])].forEach((v) => cell(row, v));
      clickable(row, c.commandId);
    }
  }

  async function refreshHealth() {
    const h = await api("/api/health");
    fillList($("health"), [
      ["Healthy", h.healthy ? "yes" : "no", h.healthy ? "good" : "bad"],
      ["Ticket age", h.ticketAgeSeconds == null ? "no ticket" : Math.round(h.ticketAgeSeconds / 60) + " min"],
      ["Component token expires", time(h.componentTokenExpiresAt)],
      ["Nearest authorizer token expiry", time(h.nearestAuthorizerTokenExpiry)],
      ["Active authorizers", h.activeAuthorizers],
      ["Needing reauthorization", h.authorizersNeedingReauthorization, h.authorizersNeedingReauthorization ? "bad" : ""],
      ["Deferred commands", h.deferredCommands],
      ["Failed commands", h.failedCommands, h.failedCommands ? "bad" : ""],
      ["Problems", (h.problems || []).join("; ")],
    ]);
  }

  async function refreshLists() {
    const failed = await api("/api/commands?state=Failed");
    fillCommands("failed", failed.items, "completedAt");
    const deferred = await api("/api/commands?state=Deferred");
    fillCommands("deferred", deferred.items, "nextAttemptAt");
    watch([...failed.items, ...deferred.items].map((c) => c.authorizerAppId));
  }

  async function refreshRecent() {
    const appids = watched();
    const pages = await Promise.all(appids.map((a) =>
      api("/api/commands?authorizer=" + encodeURIComponent(a) + "&pageSize=20").then((p) => p.items.map((c) => ({ ...c, lane: a })))));
    const items = pages.flat().sort((x, y) => String(y.createdAt).localeCompare(String(x.createdAt))).slice(0, 50);
    $("watched").textContent = appids.map((a) => a === platformKey ? "the platform" : a).join(", ");
    const body = $("recent").querySelector("tbody");
    body.replaceChildren();
    if (items.length === 0) {
      const row = body.insertRow(); const td = document.createElement("td");
      td.colSpan = 8; td.className = "muted"; td.textContent = "None yet."; row.appendChild(td);
      return;
    }
    for (const c of items) {
      const row = body.insertRow();
      [c.commandId, c.lane === platformKey ? "platform" : c.lane, c.api].forEach((v) => cell(row, v));
      cell(row, c.state);
      row.lastChild.className = stateClass(c.state);
      [c.lastErrorCode, c.errorClass, shortTime(c.createdAt), shortTime(c.completedAt)].forEach((v) => cell(row, v));
      clickable(row, c.commandId);
    }
  }

  // The platform's registration: WeChat answers modify_wxa_server_domain and modify_wxa_jump_domain (any action, get
  // included) with the published and testing lists, so the newest succeeded command of each holds the current lists.
  const platformApis = [["modify_wxa_server_domain", "Server domains"], ["modify_wxa_jump_domain", "Business domains"]];
  async function refreshPlatform() {
    const page = await api("/api/commands?authorizer=" + platformKey + "&pageSize=100");
    const pairs = [];
    for (const [apiName, label] of platformApis) {
      const newest = page.items.filter((c) => c.api === apiName && c.state === "Succeeded")
        .sort((x, y) => String(y.completedAt).localeCompare(String(x.completedAt)))[0];
      const r = newest ? (await api("/api/commands/" + encodeURIComponent(newest.commandId))).response || {} : null;
      const hosts = (list) => r ? (list || []).join(", ") || "none" : "not read yet";
      pairs.push([label + " (published)", hosts(r && r.published)], [label + " (testing)", hosts(r && r.testing)]);
      if (r && (r.invalid || []).length) pairs.push([label + " refused by WeChat", r.invalid.join(", "), "bad"]);
      pairs.push([label + " as of", newest ? time(newest.completedAt) + " (" + newest.commandId + ")" : ""]);
    }
    fillList($("platform"), pairs);
  }

  async function showCommand(commandId) {
    try {
      const c = await api("/api/commands/" + encodeURIComponent(commandId));
      $("command-section").hidden = false;
      $("command-title").textContent = "Command " + c.commandId;
      fillList($("command"), [
        ["State", c.state], ["API", c.api], ["Action", c.action], ["Authorizer", c.authorizerAppId || "component"],
        ["Requested by", c.requestedBy], ["Attempts", c.attempts], ["Last errcode", c.lastErrorCode], ["Class", c.errorClass],
        ["rid", c.rid], ["errmsg", c.lastErrorMessage], ["Reason", c.reason], ["No change", c.noChange ? "yes" : "no"],
        ["Next attempt", time(c.nextAttemptAt)], ["Created", time(c.createdAt)], ["Completed", time(c.completedAt)],
      ]);
      const body = $("attempts").querySelector("tbody");
      body.replaceChildren();
      for (const a of c.attemptHistory || []) {
        const row = body.insertRow();
        [a.number, time(a.at), a.api, a.errorCode, a.errorClass, a.httpStatus, Math.round(a.latencyMs), a.rid, a.errorMessage].forEach((v) => cell(row, v));
      }
      $("command-title").focus();
    } catch (e) {
      say(e.message, true);
    }
  }

  async function showAuthorizer(appid) {
    const a = await api("/api/authorizers/" + encodeURIComponent(appid));
    $("authorizer-view").hidden = false;
    fillList($("authorizer"), [
      ["Appid", a.appId], ["State", a.state, a.state === "Active" ? "good" : "bad"],
      ["Access token expires", time(a.accessTokenExpiresAt)], ["Last refresh", time(a.lastRefreshAt)],
      ["Last refresh error", a.lastRefreshErrorCode ? a.lastRefreshErrorCode + " " + (a.lastRefreshError || "") : ""],
      ["Quota used (" + a.month + ")", a.modificationsThisMonth + " of " + a.monthlyQuota + (a.monthSpent ? " (spent)" : ""), a.monthSpent ? "bad" : ""],
      ["Domains observed", time(a.domainsObservedAt)],
      profileStanding(a.profile),
    ]);
    $("domains").textContent = JSON.stringify({ server: a.serverDomains || null, webview: a.webviewDomains || null }, null, 2);
    const page = await api("/api/commands?authorizer=" + encodeURIComponent(appid) + "&pageSize=100");
    const counts = {};
    for (const c of page.items) counts[c.state] = (counts[c.state] || 0) + 1;
    const countBody = $("authorizer-counts").querySelector("tbody");
    countBody.replaceChildren();
    for (const [state, n] of Object.entries(counts)) { const row = countBody.insertRow(); cell(row, state); cell(row, n); }
    const body = $("authorizer-commands").querySelector("tbody");
    body.replaceChildren();
    for (const c of page.items) {
      const row = body.insertRow();
      [c.commandId, c.api, c.state, c.lastErrorCode, c.errorClass, c.rid, time(c.createdAt)].forEach((v) => cell(row, v));
      clickable(row, c.commandId);
    }
  }

  function profileStanding(p) {
    if (!p) return ["Profile", "none"];
    const standing = !p.observed ? "domains not read yet" : p.matches ? "matches" : "differs in " + ((p.drift || []).length + (p.notCorrectable || []).length) + " list(s)";
    return ["Profile", p.profile + " v" + p.version + " (" + (p.assigned ? "assigned" : "default") + "): " + standing,
      p.observed && !p.matches ? "bad" : p.matches ? "good" : ""];
  }

  function noneRow(tableId, text) {
    const table = $(tableId);
    const row = table.querySelector("tbody").insertRow(); const td = document.createElement("td");
    td.colSpan = table.querySelectorAll("thead th").length; td.className = "muted"; td.textContent = text; row.appendChild(td);
  }

  const yesNo = (value) => value ? "yes" : "no";
  let profileModes = {};

  // Profiles with the totals of their plans (GET /api/profiles/{name}/plan computes them over the whole fleet; the
  // first page of authorizers names those lacking quota). Plans are kept by name and version (see planMaxAgeMs).
  const plans = new Map();
  async function planOf(p, again) {
    const kept = plans.get(p.name);
    if (!again && kept && kept.version === p.version && Date.now() - kept.at < planMaxAgeMs) return kept.plan;
    const plan = await api("/api/profiles/" + encodeURIComponent(p.name) + "/plan?pageSize=" + planPageSize);
    plans.set(p.name, { version: p.version, at: Date.now(), plan });
    return plan;
  }

  async function refreshProfiles(again) {
    const list = (await api("/api/profiles")).profiles || [];
    const planned = await Promise.all(list.map((p) => planOf(p, again)));
    const oldest = Math.min(...list.map((p) => plans.get(p.name).at));
    $("plans-at").textContent = list.length ? "Plans computed at " + new Date(oldest).toLocaleTimeString() + " or later." : "";
    profileModes = Object.fromEntries(list.map((p) => [p.name, p.mode]));
    const body = $("profiles").querySelector("tbody");
    body.replaceChildren();
    if (list.length === 0) noneRow("profiles", "No profile yet.");
    const lacking = [];
    list.forEach((p, i) => {
      const t = planned[i].totals;
      const platformCalls = (planned[i].platformChanges || []).length;
      const row = body.insertRow();
      [p.name, p.version, p.mode, yesNo(p.default), yesNo(p.autoCorrect), t.authorizers, t.unchanged, t.toChange, t.unobserved,
        t.calls + (platformCalls ? " (" + platformCalls + " platform)" : ""), t.modifications, t.blockedByQuota].forEach((v) => cell(row, v));
      if (t.blockedByQuota) {
        row.lastChild.className = "bad";
        const named = planned[i].authorizers.filter((a) => a.blockedByQuota)
          .map((a) => a.appId + " (needs " + a.modificationsNeeded + ", " + a.modificationsLeft + " left)");
        const more = t.blockedByQuota - named.length;
        lacking.push([p.name, named.join(", ") + (more > 0 ? (named.length ? " and " : "") + more + " more beyond the first page" : ""), "bad"]);
      }
    });
    fillList($("lacking-quota"), lacking.length ? lacking : [["Every profile", "none"]]);
  }

  // A rollout's stages: the platform tier (registered mode), the canary, then each wave, with the authorizers each covers
  // (as the driver counts them: the canary at least, then the wave's percent of the fleet, rounded up).
  function stages(r) {
    const covered = (wave) => wave === 0 ? Math.min(r.authorizers, r.request.canary)
      : Math.max(Math.min(r.authorizers, r.request.canary), Math.ceil(r.authorizers * r.request.waves[wave - 1] / 100));
    const ended = r.state === "Succeeded";
    const mark = (wave) => ended || wave < r.wave ? "passed" : wave > r.wave ? "" : r.state === "Running" ? "under way" : r.state.toLowerCase() + " here";
    const list = [];
    if (!r.platformDone || profileModes[r.profile] === "registered") list.push(["Platform tier", r.platformDone ? "done" : r.state === "Running" ? "under way" : r.state.toLowerCase() + " here", !r.platformDone]);
    list.push(["Canary: " + covered(0) + " authorizer(s)", r.platformDone ? mark(0) : "", r.platformDone && !ended && r.wave === 0]);
    r.request.waves.forEach((percent, i) =>
      list.push([percent + "%: " + covered(i + 1) + " authorizer(s)", r.platformDone ? mark(i + 1) : "", r.platformDone && !ended && r.wave === i + 1]));
    const ol = document.createElement("ol");
    ol.className = "waves";
    for (const [label, note, current] of list) {
      const li = document.createElement("li");
      li.textContent = note ? label + " (" + note + ")" : label;
      if (current) li.setAttribute("aria-current", "step");
      ol.appendChild(li);
    }
    return ol;
  }

  const rolloutActions = [
    ["pause", "Pause", (state) => state === "Running"],
    ["resume", "Resume", (state) => state === "Paused"],
    ["abort", "Abort", (state) => state === "Running" || state === "Paused"],
  ];

  async function controlRollout(id, verb, buttons) {
    if (verb === "abort" && !confirm("Abort rollout " + id + "? It stops for good; commands already enqueued still run.")) return;
    buttons.forEach((b) => { b.disabled = true; });
    try {
      const r = await api("/api/rollouts/" + encodeURIComponent(id) + "/" + verb, "POST");
      say("Rollout " + r.rolloutId + " is " + r.state + ".");
    } catch (e) {
      say(e.message, true);
    }
    try { await refreshRollouts(); } catch (e) { say(e.message, true); }
  }

  async function refreshRollouts() {
    const list = (await api("/api/rollouts")).rollouts || [];
    const body = $("rollouts").querySelector("tbody");
    body.replaceChildren();
    if (list.length === 0) noneRow("rollouts", "No rollout yet.");
    for (const r of list) {
      const row = body.insertRow();
      [r.rolloutId, r.profile + " v" + r.version].forEach((v) => cell(row, v));
      cell(row, r.state);
      row.lastChild.className = ({ Succeeded: "good", Failed: "bad", Aborted: "bad", Paused: "wait" })[r.state] || "";
      const waves = document.createElement("td"); waves.appendChild(stages(r)); row.appendChild(waves);
      const c = r.counts;
      [c.pending, c.running, c.succeeded, c.failed, c.deferred, c.unchanged].forEach((v) => cell(row, v));
      if (c.failed) row.cells[7].className = "bad";
      cell(row, Object.entries(r.failuresByErrcode || {}).map(([code, n]) => code + ": " + n).join("; "));
      cell(row, r.reason);
      const actions = document.createElement("td");
      const buttons = rolloutActions.map(([verb, label, allowed]) => {
        const b = document.createElement("button");
        b.type = "button"; b.textContent = label; b.disabled = !allowed(r.state);
        b.setAttribute("aria-label", label + " rollout " + r.rolloutId);
        return b;
      });
      buttons.forEach((b, i) => { b.addEventListener("click", () => controlRollout(r.rolloutId, rolloutActions[i][0], buttons)); actions.append(b, " "); });
      row.appendChild(actions);
    }
  }

  let driftReadAt = 0;
  async function refreshDrift(again) {
    if (!again && Date.now() - driftReadAt < driftMaxAgeMs) return;
    const list = (await api("/api/drift")).authorizers || [];
    driftReadAt = Date.now();
    $("drift-at").textContent = "Read at " + new Date(driftReadAt).toLocaleTimeString() + ".";
    const body = $("drift").querySelector("tbody");
    body.replaceChildren();
    if (list.length === 0) noneRow("drift", "No drift seen.");
    for (const a of list) {
      for (const d of a.differences) {
        const row = body.insertRow();
        const correctable = d.correctable === false ? "no (" + (d.source || "") + "): " + (d.reason || "") : "yes";
        [a.appId, a.profile + " v" + a.version, time(a.seenAt), d.api, d.list, d.missing.join(", "), d.extra.join(", "), correctable].forEach((v) => cell(row, v));
      }
    }
  }

  // After a scan the list is read again every few seconds until the scan's spread gets are due, and a little after.
  let driftFollow = null;
  function followScan(until) {
    clearTimeout(driftFollow);
    const tick = () => {
      refreshDrift(true).catch((e) => say(e.message, true));
      if (Date.now() < until) driftFollow = setTimeout(tick, driftFollowMs);
    };
    driftFollow = setTimeout(tick, driftFollowMs);
  }

  async function scanDrift() {
    $("drift-scan").disabled = true;
    try {
      const s = await api("/api/drift/scan", "POST");
      $("drift-scan-result").textContent = "Scan started: " + s.getCallsEnqueued + " get call(s) for " + s.authorizers +
        " authorizer(s), spread until " + time(s.spreadUntil) + "; " + s.fixesEnqueued + " fix(es) enqueued, " +
        s.fixesHeldByReserve + " held by the quota reserve.";
      const spread = Math.min(Math.max(new Date(s.spreadUntil).getTime() - Date.now(), 0), maxDriftFollowMs);
      followScan(Date.now() + spread + driftSettleMs);
    } catch (e) {
      say(e.message, true);
    } finally {
      $("drift-scan").disabled = false;
    }
  }

  async function refresh() {
    if (!getKey()) { say("Enter the API key to see the status."); return; }
    try {
      await refreshHealth();
      await refreshLists();
      await refreshRecent();
      await refreshPlatform();
      await refreshProfiles();
      await refreshRollouts();
      await refreshDrift();
      if (currentAuthorizer) await showAuthorizer(currentAuthorizer);
      say("Updated " + new Date().toLocaleTimeString() + ".");
    } catch (e) {
      say(e.message, true);
    }
  }

  function showKeyState() {
    const has = Boolean(getKey());
    $("key-form").hidden = has;
    $("key-set").hidden = !has;
  }

  function start() {
    showKeyState();
    clearInterval(timer);
    refresh();
    timer = setInterval(refresh, pollMs);
  }

  // A link may carry #key=...&authorizers=a,b&authorizer=a (run-local.sh prints one). The fragment never reaches the server; it is
  // read once, kept like a typed key (this tab only) and removed from the address bar and history.
  function takeFragment() {
    const params = new URLSearchParams(location.hash.slice(1));
    const key = params.get("key");
    const appid = params.get("authorizer");
    const appids = (params.get("authorizers") || "").split(",");
    if (key) sessionStorage.setItem(keyName, key);
    watch([...appids, appid]);
    if (appid && appidPattern.test(appid)) { currentAuthorizer = appid; $("appid").value = appid; }
    if (location.hash) history.replaceState(null, "", location.pathname + location.search);
  }

  $("key-form").addEventListener("submit", (e) => {
    e.preventDefault();
    sessionStorage.setItem(keyName, $("key").value);
    $("key").value = "";
    start();
  });
  $("forget-key").addEventListener("click", () => { sessionStorage.removeItem(keyName); clearInterval(timer); showKeyState(); say("Key forgotten."); });
  $("drift-form").addEventListener("submit", (e) => { e.preventDefault(); scanDrift(); });
  $("plan-again").addEventListener("click", () => refreshProfiles(true).catch((e) => say(e.message, true)));
  $("drift-read").addEventListener("click", () => refreshDrift(true).catch((e) => say(e.message, true)));
  $("authorizer-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    currentAuthorizer = $("appid").value.trim();
    watch([currentAuthorizer]);
    try { await showAuthorizer(currentAuthorizer); } catch (err) { say(err.message, true); }
  });

  takeFragment();
  start();
})();
