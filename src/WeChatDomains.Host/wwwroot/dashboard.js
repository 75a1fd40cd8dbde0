// The WeChatDomains dashboard: polls the status API with the key kept in sessionStorage. No build step.
(() => {
  "use strict";
  const keyName = "wechatdomains-api-key";
  const watchedName = "wechatdomains-watched";
  const platformKey = "component";
  const maxWatched = 20;
  const appidPattern = /^[A-Za-z0-9_]+$/;
  const pollMs = 10000;
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

  async function api(path) {
    const response = await fetch(path, { headers: { "x-functions-key": getKey() || "", "Accept": "application/json" } });
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

  async function refresh() {
    if (!getKey()) { say("Enter the API key to see the status."); return; }
    try {
      await refreshHealth();
      await refreshLists();
      await refreshRecent();
      await refreshPlatform();
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
  $("authorizer-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    currentAuthorizer = $("appid").value.trim();
    watch([currentAuthorizer]);
    try { await showAuthorizer(currentAuthorizer); } catch (err) { say(err.message, true); }
  });

  takeFragment();
  start();
})();
