// The WeChatDomains dashboard: polls the status API with the key kept in sessionStorage. No build step.
(() => {
  "use strict";
  const keyName = "wechatdomains-api-key";
  const pollMs = 10000;
  const $ = (id) => document.getElementById(id);
  let timer = null;
  let currentAuthorizer = null;

  const getKey = () => sessionStorage.getItem(keyName);
  const say = (text, bad) => { const s = $("status"); s.textContent = text; s.className = bad ? "bad" : ""; };
  const time = (value) => value ? new Date(value).toLocaleString() : "";

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
      if (currentAuthorizer) await showAuthorizer(currentAuthorizer);
      say("Updated " + new Date().toLocaleTimeString() + ".");
    } catch (e) {
      say(e.message, true);
    }
  }

  function start() {
    clearInterval(timer);
    refresh();
    timer = setInterval(refresh, pollMs);
  }

  $("key-form").addEventListener("submit", (e) => {
    e.preventDefault();
    sessionStorage.setItem(keyName, $("key").value);
    $("key").value = "";
    start();
  });
  $("forget-key").addEventListener("click", () => { sessionStorage.removeItem(keyName); clearInterval(timer); say("Key forgotten."); });
  $("authorizer-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    currentAuthorizer = $("appid").value.trim();
    try { await showAuthorizer(currentAuthorizer); } catch (err) { say(err.message, true); }
  });

  start();
})();
