"use strict";

// packages/sim/src/cli.ts
var import_node_fs = require("node:fs");
var import_node_util = require("node:util");

// packages/sim/src/core/server.ts
var import_node_crypto2 = require("node:crypto");
var import_node_http = require("node:http");

// packages/sim/src/core/errors.ts
var AwsError = class extends Error {
  constructor(code, message, status = 400, type = status >= 500 ? "Receiver" : "Sender") {
    super(message);
    this.code = code;
    this.status = status;
    this.type = type;
    this.name = code;
  }
  code;
  status;
  type;
};

// packages/sim/src/core/identity.ts
var import_node_crypto = require("node:crypto");
var DEFAULT_ACCOUNT = "000000000000";
var DEFAULT_REGION = "us-east-1";
function staticPrincipal(accessKeyId, account) {
  return { account, arn: `arn:aws:iam::${account}:root`, userId: account, accessKeyId };
}
var CredentialStore = class {
  issued = /* @__PURE__ */ new Map();
  issue(principal, durationSeconds, now) {
    const accessKeyId = `ASIA${(0, import_node_crypto.randomBytes)(8).toString("hex").toUpperCase()}`;
    const creds = {
      accessKeyId,
      secretAccessKey: (0, import_node_crypto.randomBytes)(30).toString("base64"),
      sessionToken: `IQoJb3JpZ2luX2VjE${(0, import_node_crypto.randomBytes)(96).toString("base64")}`,
      expiration: now + durationSeconds * 1e3,
      principal: { ...principal, accessKeyId }
    };
    this.issued.set(accessKeyId, creds);
    return creds;
  }
  /** The principal behind an access key, or the AWS error the service would answer with. */
  resolve(accessKeyId, sessionToken, now, service) {
    if (accessKeyId === "test") return staticPrincipal(accessKeyId, DEFAULT_ACCOUNT);
    if (/^\d{12}$/.test(accessKeyId)) return staticPrincipal(accessKeyId, accessKeyId);
    const creds = this.issued.get(accessKeyId);
    if (!creds || creds.sessionToken !== sessionToken && sessionToken !== void 0) {
      throw service === "sts" ? new AwsError("InvalidClientTokenId", "The security token included in the request is invalid.", 403) : new AwsError(
        "UnrecognizedClientException",
        "The security token included in the request is invalid."
      );
    }
    if (sessionToken === void 0) {
      throw new AwsError(
        "IncompleteSignature",
        "Temporary credentials require a session token (X-Amz-Security-Token)."
      );
    }
    if (now >= creds.expiration) {
      throw service === "sts" ? new AwsError("ExpiredToken", "The security token included in the request is expired", 403) : new AwsError("ExpiredTokenException", "The security token included in the request is expired", 400);
    }
    return creds.principal;
  }
  clear() {
    this.issued.clear();
  }
  list() {
    return [...this.issued.values()];
  }
};
function parseSigV4(header2) {
  if (!header2) return void 0;
  const m = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/.exec(header2);
  if (!m) return void 0;
  return { accessKeyId: m[1], date: m[2], region: m[3], service: m[4] };
}

// packages/sim/src/core/glob.ts
function globToRegExp(glob) {
  let source = "";
  for (const ch of glob) {
    if (ch === "*") source += ".*";
    else if (ch === "?") source += ".";
    else source += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, "s");
}
function globMatch(glob, value) {
  return globToRegExp(glob).test(value);
}

// packages/sim/src/core/scenario.ts
var RULE_KEYS = /* @__PURE__ */ new Set(["image", "command", "api", "task", "fault", "scan", "http"]);
function validateRules(rules) {
  if (!Array.isArray(rules)) throw new AwsError("ValidationException", "rules must be an array");
  return rules.map((rule, i) => {
    if (typeof rule !== "object" || rule === null) {
      throw new AwsError("ValidationException", `rules[${i}] must be an object`);
    }
    for (const key of Object.keys(rule)) {
      if (!RULE_KEYS.has(key))
        throw new AwsError("ValidationException", `rules[${i}] has an unknown key "${key}"`);
    }
    const r = rule;
    if (r.image === void 0 && r.command === void 0 && r.api === void 0) {
      throw new AwsError("ValidationException", `rules[${i}] must match on image, command or api`);
    }
    return r;
  });
}
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = a + 1831565813 >>> 0;
    let t = a;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}
var Scenario = class {
  rules = [];
  random = Math.random;
  add(rules) {
    this.rules.push(...rules);
  }
  clear() {
    this.rules = [];
  }
  list() {
    return [...this.rules];
  }
  /** The merged behaviour of every rule matching one of the container's image refs or its command. */
  taskBehaviour(imageRefs2, command) {
    const out = {};
    for (const rule of this.rules) {
      if (!rule.task || !this.matchesContainer(rule, imageRefs2, command)) continue;
      Object.assign(out, rule.task);
    }
    return out;
  }
  scanBehaviour(imageRefs2) {
    const out = {};
    for (const rule of this.rules) {
      if (rule.scan && rule.image !== void 0 && imageRefs2.some((ref) => globMatch(rule.image, ref))) {
        Object.assign(out, rule.scan);
      }
    }
    return out;
  }
  httpBehaviour(imageRefs2) {
    const out = {};
    for (const rule of this.rules) {
      if (rule.http && rule.image !== void 0 && imageRefs2.some((ref) => globMatch(rule.image, ref))) {
        Object.assign(out, rule.http);
      }
    }
    return out;
  }
  fault(service, action) {
    const out = {};
    const name = `${service}:${action}`;
    for (const rule of this.rules) {
      if (rule.fault && rule.api !== void 0 && globMatch(rule.api, name)) Object.assign(out, rule.fault);
    }
    return out;
  }
  matchesContainer(rule, imageRefs2, command) {
    if (rule.api !== void 0) return false;
    if (rule.image !== void 0 && !imageRefs2.some((ref) => globMatch(rule.image, ref))) return false;
    if (rule.command !== void 0 && (command === void 0 || !globMatch(rule.command, command)))
      return false;
    return true;
  }
};

// packages/sim/src/core/wire.ts
function toAwsJson(value) {
  return JSON.stringify(value, function(key, v) {
    const raw = this[key];
    if (raw instanceof Date) return raw.getTime() / 1e3;
    return v;
  });
}
function parseQueryInput(params) {
  const root = {};
  for (const [name, value] of params) {
    if (name === "Action" || name === "Version") continue;
    const parts = name.split(".");
    let node = root;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const last = i === parts.length - 1;
      if ((part === "member" || part === "entry") && Array.isArray(node)) continue;
      const next = parts[i + 1];
      const key = Array.isArray(node) ? Number(part) - 1 : part;
      if (last) {
        node[key] = value;
        break;
      }
      const container = node;
      if (container[key] === void 0) container[key] = next === "member" || next === "entry" ? [] : {};
      node = container[key];
    }
  }
  return root;
}
function escapeXml(s) {
  return s.replace(
    /[<>&'"]/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]
  );
}
function xmlValue(value) {
  if (value === void 0 || value === null) return "";
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => `<member>${xmlValue(v)}</member>`).join("");
  if (typeof value === "object") {
    return Object.entries(value).filter(([, v]) => v !== void 0).map(([k, v]) => `<${k}>${xmlValue(v)}</${k}>`).join("");
  }
  return escapeXml(String(value));
}
function queryResponse(action, namespace, result, requestId) {
  const body = result === void 0 ? "" : `<${action}Result>${xmlValue(result)}</${action}Result>`;
  return `<${action}Response xmlns="${namespace}">${body}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}
function queryError(namespace, type, code, message, requestId) {
  return `<ErrorResponse xmlns="${namespace}"><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}

// packages/sim/src/core/server.ts
var MAX_JSON_BODY = 16 * 1024 * 1024;
async function readBody(req, limit = Number.POSITIVE_INFINITY) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk;
    size += buf.length;
    if (size > limit) throw new AwsError("ValidationException", `request body over ${limit} bytes`, 413);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}
function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers
  });
  res.end(text);
}
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
function resolveJsonCall(sim, target, body) {
  const dot = target.lastIndexOf(".");
  const prefix = target.slice(0, dot);
  const action = target.slice(dot + 1);
  const service = [...sim.services.values()].find((s) => s.protocol === "json" && s.targetPrefix === prefix);
  if (!service)
    throw new AwsError("UnknownOperationException", `no service answers X-Amz-Target ${target}`, 400);
  let input = {};
  if (body.length > 0) {
    try {
      input = JSON.parse(body.toString("utf8"));
    } catch {
      throw new AwsError("SerializationException", "the request body is not valid JSON");
    }
  }
  return { service, action, input };
}
function resolveQueryCall(sim, body, signingService) {
  const params = new URLSearchParams(body.toString("utf8"));
  const action = params.get("Action");
  if (!action) throw new AwsError("MissingAction", "the request names no Action");
  const candidates = [...sim.services.values()].filter((s) => s.protocol === "query");
  const service = candidates.find((s) => s.name === signingService) ?? candidates.find((s) => action in s.actions);
  if (!service) throw new AwsError("InvalidAction", `no service answers Action=${action}`);
  return { service, action, input: parseQueryInput(params) };
}
async function handleAws(sim, req, res) {
  const requestId = (0, import_node_crypto2.randomUUID)();
  const body = await readBody(req, MAX_JSON_BODY);
  const target = req.headers["x-amz-target"];
  const sig = parseSigV4(req.headers.authorization);
  let call;
  let status = 200;
  let errorCode;
  let principal;
  const now = sim.clock.now();
  const region = sig?.region ?? DEFAULT_REGION;
  const reply = (code, payload, contentType2) => {
    res.writeHead(code, {
      "content-type": contentType2,
      "content-length": Buffer.byteLength(payload),
      "x-amzn-requestid": requestId,
      // Real time, as any server's: the AWS SDKs correct their signing clock from this header and retry every
      // error while the correction moves, which a clock running ahead would make them do forever.
      date: (/* @__PURE__ */ new Date()).toUTCString()
    });
    res.end(payload);
  };
  try {
    call = typeof target === "string" ? resolveJsonCall(sim, target, body) : resolveQueryCall(sim, body, sig?.service);
    const { service, action } = call;
    const fault = sim.scenario.fault(service.name, action);
    if (fault.latencyMs) await sleep(fault.latencyMs);
    if (fault.drop && sim.scenario.random() < fault.drop) {
      status = 0;
      errorCode = "ConnectionDropped";
      req.socket.destroy();
      return;
    }
    if (fault.throttle && sim.scenario.random() < fault.throttle) {
      throw new AwsError(
        service.protocol === "query" ? "Throttling" : "ThrottlingException",
        "Rate exceeded",
        400
      );
    }
    if (fault.error5xx && sim.scenario.random() < fault.error5xx) {
      throw new AwsError(
        service.protocol === "query" ? "ServiceUnavailable" : "ServiceUnavailableException",
        "Service is temporarily unavailable",
        503
      );
    }
    if (!(service.unsignedActions ?? []).includes(action)) {
      if (!sig) {
        throw new AwsError(
          service.protocol === "query" ? "MissingAuthenticationToken" : "MissingAuthenticationTokenException",
          "Request is missing Authentication Token",
          403
        );
      }
      const token2 = req.headers["x-amz-security-token"];
      principal = sim.credentials.resolve(
        sig.accessKeyId,
        typeof token2 === "string" ? token2 : void 0,
        now,
        service.name
      );
    }
    const handler = service.actions[action];
    if (!handler) {
      throw service.protocol === "query" ? new AwsError("InvalidAction", `The action ${action} is not valid for this web service.`) : new AwsError(
        "UnknownOperationException",
        `The operation ${action} is not supported by the simulator.`
      );
    }
    sim.advance();
    const result = await handler(
      {
        sim,
        service: service.name,
        action,
        account: principal?.account ?? "",
        region,
        principal,
        requestId,
        now: sim.clock.now()
      },
      call.input
    );
    sim.advance();
    if (service.protocol === "json") {
      reply(200, toAwsJson(result ?? {}), `application/x-amz-json-${service.jsonVersion ?? "1.1"}`);
    } else {
      reply(200, queryResponse(action, service.xmlNamespace ?? "", result, requestId), "text/xml");
    }
  } catch (err) {
    const e = err instanceof AwsError ? err : new AwsError("InternalFailure", `simulator error: ${err.message}`, 500);
    if (!(err instanceof AwsError)) console.error(err);
    status = e.status;
    errorCode = e.code;
    if (call?.service.protocol === "query" || call === void 0 && typeof target !== "string") {
      reply(
        e.status,
        queryError(call?.service.xmlNamespace ?? "", e.type, e.code, e.message, requestId),
        "text/xml"
      );
    } else {
      res.setHeader("x-amzn-errortype", e.code);
      reply(e.status, JSON.stringify({ __type: e.code, message: e.message }), "application/x-amz-json-1.1");
    }
  } finally {
    sim.calls.add({
      time: new Date(now).toISOString(),
      realTime: Date.now(),
      service: call?.service.name ?? sig?.service ?? "unknown",
      action: call?.action ?? "unknown",
      status,
      ...errorCode !== void 0 ? { errorCode } : {},
      ...principal ? { account: principal.account } : {},
      region,
      requestId
    });
  }
}
async function handleControl(sim, req, res, url) {
  const path = url.pathname.replace(/\/+$/, "");
  const method = req.method ?? "GET";
  const json = async () => {
    const body = await readBody(req, MAX_JSON_BODY);
    if (body.length === 0) return {};
    try {
      return JSON.parse(body.toString("utf8"));
    } catch {
      throw new AwsError("ValidationException", "the body is not valid JSON");
    }
  };
  const route = `${method} ${path}`;
  switch (route) {
    case "GET /_sim/health":
      return sendJson(res, 200, {
        status: "ok",
        url: sim.url,
        timeScale: sim.clock.timeScale,
        now: new Date(sim.clock.now()).toISOString()
      });
    case "GET /_sim/state":
      sim.advance();
      return sendJson(res, 200, sim.snapshot());
    case "POST /_sim/reset":
      sim.reset();
      return sendJson(res, 200, { reset: true });
    case "POST /_sim/seed":
      return sendJson(res, 200, { seeded: true, ...sim.seed(await json()) });
    case "GET /_sim/scenario":
      return sendJson(res, 200, { rules: sim.scenario.list() });
    case "POST /_sim/scenario": {
      const body = await json();
      const rules = validateRules(body.rules);
      sim.scenario.add(rules);
      return sendJson(res, 200, { added: rules.length, rules: sim.scenario.list() });
    }
    case "DELETE /_sim/scenario":
      sim.scenario.clear();
      return sendJson(res, 200, { rules: [] });
    case "GET /_sim/calls": {
      const since = url.searchParams.get("since");
      return sendJson(
        res,
        200,
        sim.calls.list({
          ...url.searchParams.get("service") ? { service: url.searchParams.get("service") } : {},
          ...url.searchParams.get("action") ? { action: url.searchParams.get("action") } : {},
          ...since ? { since: Number(since) } : {}
        })
      );
    }
    case "GET /_sim/secrets":
      return sendJson(res, 200, sim.secrets.list());
    case "DELETE /_sim/calls":
      sim.calls.clear();
      return sendJson(res, 200, []);
    case "GET /_sim/clock":
      return sendJson(res, 200, {
        now: new Date(sim.clock.now()).toISOString(),
        timeScale: sim.clock.timeScale
      });
    case "POST /_sim/clock": {
      const body = await json();
      if (body.timeScale !== void 0) sim.clock.setTimeScale(Number(body.timeScale));
      if (body.advanceSeconds !== void 0) sim.clock.advance(Number(body.advanceSeconds) * 1e3);
      sim.advance();
      return sendJson(res, 200, {
        now: new Date(sim.clock.now()).toISOString(),
        timeScale: sim.clock.timeScale
      });
    }
    default:
      return sendJson(res, 404, { error: `no control route ${route}` });
  }
}
async function handleRequest(sim, req, res) {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  try {
    const host = req.headers.host ?? "";
    const route = sim.routes.find((r) => r.claimsHost?.(host) === true) ?? sim.routes.filter(
      (r) => r.claimsHost === void 0 && (url.pathname === r.prefix || url.pathname.startsWith(r.prefix.endsWith("/") ? r.prefix : `${r.prefix}/`))
    ).sort((a, b) => b.prefix.length - a.prefix.length)[0];
    if (route) {
      sim.advance();
      await route.handle(req, res, url);
      return;
    }
    if (url.pathname.startsWith("/_sim/")) {
      await handleControl(sim, req, res, url);
      return;
    }
    if (req.method === "POST" && url.pathname === "/") {
      await handleAws(sim, req, res);
      return;
    }
    sendJson(res, 404, { error: `nothing is served at ${req.method} ${url.pathname}` });
  } catch (err) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (err instanceof AwsError) sendJson(res, err.status, { error: err.code, message: err.message });
    else {
      console.error(err);
      sendJson(res, 500, { error: "InternalFailure", message: err.message });
    }
  }
}
async function listen(sim, port = 0, host = "127.0.0.1") {
  const server = (0, import_node_http.createServer)((req, res) => {
    void handleRequest(sim, req, res);
  });
  server.keepAliveTimeout = 5e3;
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address();
  sim.url = `http://${host}:${bound}`;
  return server;
}

// packages/sim/src/core/calls.ts
var MAX_CALLS = 5e4;
var CallLog = class {
  records = [];
  add(record2) {
    this.records.push(record2);
    if (this.records.length > MAX_CALLS) this.records.splice(0, this.records.length - MAX_CALLS);
  }
  list(filter = {}) {
    return this.records.filter(
      (r) => (filter.service === void 0 || r.service === filter.service) && (filter.action === void 0 || r.action === filter.action) && (filter.since === void 0 || r.realTime >= filter.since)
    );
  }
  clear() {
    this.records = [];
  }
};

// packages/sim/src/core/checkpoint.ts
function copyState(value) {
  return copyValue(value, /* @__PURE__ */ new Map());
}
function copyValue(value, seen) {
  if (typeof value !== "object" || value === null) return value;
  const done = seen.get(value);
  if (done !== void 0) return done;
  if (value instanceof Map) {
    const out2 = /* @__PURE__ */ new Map();
    seen.set(value, out2);
    for (const [k, v] of value) out2.set(copyValue(k, seen), copyValue(v, seen));
    return out2;
  }
  if (value instanceof Set) {
    const out2 = /* @__PURE__ */ new Set();
    seen.set(value, out2);
    for (const v of value) out2.add(copyValue(v, seen));
    return out2;
  }
  if (value instanceof Date) {
    const out2 = new Date(value.getTime());
    seen.set(value, out2);
    return out2;
  }
  if (Array.isArray(value)) {
    const out2 = [];
    seen.set(value, out2);
    for (const v of value) out2.push(copyValue(v, seen));
    return out2;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out = Object.create(proto);
  seen.set(value, out);
  for (const [k, v] of Object.entries(value)) out[k] = copyValue(v, seen);
  return out;
}

// packages/sim/src/core/clock.ts
var SimClock = class {
  realBase;
  simBase;
  scale;
  constructor(timeScale = 1, start = Date.now()) {
    if (!(timeScale > 0)) throw new Error(`time scale must be a positive number, got ${timeScale}`);
    this.realBase = Date.now();
    this.simBase = start;
    this.scale = timeScale;
  }
  /** Simulator time in epoch milliseconds. */
  now() {
    return Math.floor(this.simBase + (Date.now() - this.realBase) * this.scale);
  }
  get timeScale() {
    return this.scale;
  }
  setTimeScale(timeScale) {
    if (!(timeScale > 0)) throw new Error(`time scale must be a positive number, got ${timeScale}`);
    this.simBase = this.now();
    this.realBase = Date.now();
    this.scale = timeScale;
  }
  /** Jumps the clock forward by `ms` simulator milliseconds. */
  advance(ms) {
    if (!(ms >= 0)) throw new Error(`can only advance the clock forward, got ${ms}`);
    this.simBase += ms;
  }
  /** How many real milliseconds pass while `simMs` pass on this clock. */
  realMs(simMs) {
    return simMs / this.scale;
  }
};

// packages/sim/src/core/log-sink.ts
var noLogSink = {
  groupExists: () => false,
  append: () => void 0
};

// packages/sim/src/core/secrets.ts
var MAX_ISSUED = 2e4;
var SecretLedger = class {
  issued = /* @__PURE__ */ new Map();
  sources = [];
  /** Records a value the simulator just handed out. Empty values are not secrets. */
  record(kind, value) {
    if (value === "") return;
    this.issued.delete(value);
    this.issued.set(value, kind);
    if (this.issued.size > MAX_ISSUED) {
      const oldest = this.issued.keys().next();
      if (oldest.done !== true) this.issued.delete(oldest.value);
    }
  }
  /** Adds a source of the secrets a module holds, read each time the list is asked for. */
  addSource(source) {
    this.sources.push(source);
  }
  /** Every secret, issued ones first (oldest first), each value once. */
  list() {
    const seen = /* @__PURE__ */ new Set();
    const out = [];
    const add = (record2) => {
      if (record2.value === "" || seen.has(record2.value)) return;
      seen.add(record2.value);
      out.push(record2);
    };
    for (const [value, kind] of this.issued) add({ kind, value });
    for (const source of this.sources) for (const record2 of source()) add(record2);
    return out;
  }
  /** The issued values as they are now, for restore(): a refused seed document hands nothing out. */
  saved() {
    return new Map(this.issued);
  }
  restore(saved) {
    this.issued = new Map(saved);
  }
  /** Forgets the issued values; the held ones go with the stores they come from. */
  clear() {
    this.issued.clear();
  }
};

// packages/sim/src/core/simulator.ts
var Simulator = class {
  clock;
  calls = new CallLog();
  scenario = new Scenario();
  credentials = new CredentialStore();
  /** Every secret value handed out or held, for `GET /_sim/secrets`; never part of snapshot(). */
  secrets = new SecretLedger();
  services = /* @__PURE__ */ new Map();
  routes = [];
  /** Where container output goes: CloudWatch Logs once the logs module is installed. */
  logSink = noLogSink;
  /** Base URL once listening, e.g. `http://127.0.0.1:4566`. */
  url = "";
  stores = /* @__PURE__ */ new Map();
  tickers = [];
  seeders = /* @__PURE__ */ new Map();
  advancing = false;
  constructor(options = {}) {
    this.clock = new SimClock(options.timeScale ?? 1);
    if (options.randomSeed !== void 0) this.scenario.random = seededRandom(options.randomSeed);
  }
  /** Host and port as an image reference uses them, e.g. `127.0.0.1:4566`. */
  get host() {
    return new URL(this.url).host;
  }
  addService(service) {
    this.services.set(service.name, service);
  }
  addRoute(route) {
    this.routes.push(route);
  }
  /** A module's state, created on first use and thrown away by reset(). */
  store(key, create) {
    let entry = this.stores.get(key);
    if (!entry) {
      entry = { value: create(), create };
      this.stores.set(key, entry);
    }
    return entry.value;
  }
  /** Called with the clock's time before every request, so behaviour advances with the simulator clock. */
  onAdvance(ticker) {
    this.tickers.push(ticker);
  }
  /** Registers the handler of one top-level key of a seed document (`roles`, `repositories`, …). */
  onSeed(key, seeder) {
    if (this.seeders.has(key)) throw new Error(`seed key "${key}" is handled twice`);
    this.seeders.set(key, seeder);
  }
  advance() {
    if (this.advancing) return;
    this.advancing = true;
    try {
      const now = this.clock.now();
      for (const tick of this.tickers) tick(now);
    } finally {
      this.advancing = false;
    }
  }
  /**
   * Applies a seed document all or nothing: when any entry is refused, the error names it and the simulator is
   * left exactly as it was before the call.
   */
  seed(doc) {
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
      throw new AwsError("ValidationException", "a seed must be a JSON object");
    }
    for (const key of Object.keys(doc)) {
      if (!this.seeders.has(key)) {
        throw new AwsError(
          "ValidationException",
          `unknown seed key "${key}"; known keys: ${[...this.seeders.keys()].sort().join(", ")}`
        );
      }
    }
    const saved = this.checkpoint();
    const answers = {};
    try {
      for (const [key, seeder] of this.seeders) {
        const data = doc[key];
        if (data === void 0) continue;
        const answer = seeder(data, this);
        if (answer !== void 0) answers[key] = answer;
      }
    } catch (err) {
      this.restore(saved);
      throw err;
    }
    this.advance();
    return answers;
  }
  /** A copy of everything a seed can change: the stores, the scenario rules and the issued secrets. */
  checkpoint() {
    return {
      stores: new Map([...this.stores].map(([key, entry]) => [key, copyState(entry.value)])),
      rules: this.scenario.list(),
      issued: this.secrets.saved()
    };
  }
  restore(saved) {
    for (const [key, entry] of this.stores) {
      if (saved.stores.has(key)) entry.value = saved.stores.get(key);
      else this.stores.delete(key);
    }
    this.scenario.clear();
    this.scenario.add(saved.rules);
    this.secrets.restore(saved.issued);
  }
  reset() {
    for (const entry of this.stores.values()) entry.value = entry.create();
    this.calls.clear();
    this.scenario.clear();
    this.credentials.clear();
    this.secrets.clear();
  }
  /** Everything the simulator holds, as plain JSON (Maps become objects, Sets arrays). */
  snapshot() {
    const out = {};
    for (const [key, entry] of this.stores) out[key] = entry.value;
    return JSON.parse(
      JSON.stringify(
        { ...out, rules: this.scenario.list(), clock: { now: new Date(this.clock.now()).toISOString() } },
        (_k, v) => {
          if (v instanceof Map) return Object.fromEntries(v);
          if (v instanceof Set) return [...v];
          if (v instanceof Uint8Array) return `<${v.byteLength} bytes>`;
          return v;
        }
      )
    );
  }
};

// packages/sim/src/core/scenario-seed.ts
var scenarioModule = {
  name: "scenario",
  install(sim) {
    sim.onSeed("rules", (data) => {
      try {
        sim.scenario.add(validateRules(data));
      } catch (err) {
        if (err instanceof AwsError)
          throw new AwsError(err.code, `seed.${err.message}`, err.status, err.type);
        throw err;
      }
    });
  }
};

// packages/sim/src/core/listing.ts
function pageOf(items, limit, token2, invalidToken) {
  let start = 0;
  if (token2 !== void 0) {
    const decoded = /^o:(\d+)$/.exec(Buffer.from(token2, "base64url").toString("utf8"));
    if (!decoded) throw invalidToken();
    start = Number(decoded[1]);
  }
  const page = items.slice(start, start + limit);
  const next = start + limit;
  return next < items.length ? { page, nextToken: Buffer.from(`o:${next}`).toString("base64url") } : { page };
}
function byName(key) {
  return (a, b) => key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}
function inScope(map, account, region) {
  const prefix = `${account}/${region}/`;
  return [...map.entries()].filter(([key]) => key.startsWith(prefix)).map(([, value]) => value);
}

// packages/sim/src/core/request.ts
var PLAIN_NOUN = {
  string: "a string",
  integer: "an integer",
  boolean: "a boolean",
  strings: "a list of strings",
  object: "an object",
  objects: "a list of objects"
};
function plainErrors(code) {
  return {
    code,
    blankIsMissing: true,
    message(member, problem) {
      switch (problem.kind) {
        case "missing":
          return `${member} can not be blank.`;
        case "type":
          return `${member} must be ${PLAIN_NOUN[problem.expected]}.`;
        case "range":
          return `${member} must be between ${problem.min ?? "-∞"} and ${problem.max ?? "∞"}.`;
      }
    }
  };
}
var invalidParameter = plainErrors("InvalidParameterException");
var MEMBER_NOUN = {
  ...PLAIN_NOUN,
  object: "a structure",
  objects: "a list of structures"
};
function violation(member, value, constraint) {
  const shown2 = value === void 0 || value === null ? "null" : `'${Array.isArray(value) ? `[${value.map(String).join(", ")}]` : String(value)}'`;
  const camel = member.charAt(0).toLowerCase() + member.slice(1);
  return `Value ${shown2} at '${camel}' failed to satisfy constraint: ${constraint}`;
}
function validationError(member, constraint, value) {
  return new AwsError(
    "ValidationException",
    `1 validation error detected: ${violation(member, value, constraint)}`
  );
}
function constraintOf(problem, value) {
  switch (problem.kind) {
    case "missing":
      return "Member must not be null";
    case "type":
      return `Member must be ${MEMBER_NOUN[problem.expected]}`;
    case "range":
      return problem.min !== void 0 && typeof value === "number" && value < problem.min ? `Member must have value greater than or equal to ${problem.min}` : `Member must have value less than or equal to ${problem.max ?? "∞"}`;
  }
}
var validationErrors = {
  code: "ValidationException",
  blankIsMissing: false,
  message: (member, problem, value) => `1 validation error detected: ${violation(member, value, constraintOf(problem, value))}`
};
var Input = class _Input {
  constructor(raw, errors) {
    this.raw = raw;
    this.errors = errors;
  }
  raw;
  errors;
  /** A structure inside this request, read with the same wording. */
  nested(raw) {
    return new _Input(raw, this.errors);
  }
  fail(message) {
    throw new AwsError(this.errors.code, message);
  }
  invalid(member, problem) {
    this.fail(this.errors.message(member, problem, this.raw[member]));
  }
  /** The member's value, undefined when it is absent or null. */
  value(member) {
    const v = this.raw[member];
    return v === null ? void 0 : v;
  }
  has(member) {
    return this.value(member) !== void 0;
  }
  str(member) {
    const v = this.value(member);
    if (v !== void 0 && typeof v !== "string") this.invalid(member, { kind: "type", expected: "string" });
    return v;
  }
  required(member) {
    const v = this.str(member);
    if (v === void 0 || v === "" && this.errors.blankIsMissing)
      this.invalid(member, { kind: "missing" });
    return v;
  }
  int(member, min, max) {
    const v = this.value(member);
    if (v === void 0) return void 0;
    if (typeof v !== "number" || !Number.isInteger(v))
      this.invalid(member, { kind: "type", expected: "integer" });
    if (min !== void 0 && v < min || max !== void 0 && v > max) {
      this.invalid(member, {
        kind: "range",
        ...min !== void 0 ? { min } : {},
        ...max !== void 0 ? { max } : {}
      });
    }
    return v;
  }
  bool(member) {
    const v = this.value(member);
    if (v !== void 0 && typeof v !== "boolean")
      this.invalid(member, { kind: "type", expected: "boolean" });
    return v;
  }
  strings(member) {
    const v = this.value(member);
    if (v === void 0) return void 0;
    if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) {
      this.invalid(member, { kind: "type", expected: "strings" });
    }
    return v;
  }
  object(member) {
    const v = this.value(member);
    if (v === void 0) return void 0;
    if (!isJson(v)) this.invalid(member, { kind: "type", expected: "object" });
    return v;
  }
  objects(member) {
    const v = this.value(member);
    if (v === void 0) return void 0;
    if (!Array.isArray(v) || !v.every(isJson)) this.invalid(member, { kind: "type", expected: "objects" });
    return v;
  }
  /** The page of `items` the call asks for with its paging members. */
  page(items, paging) {
    const limit = this.int(paging.limit, 1, paging.max) ?? paging.fallback;
    return pageOf(items, limit, this.str(paging.token), paging.invalidToken);
  }
};
function isJson(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function keyValueTags(input, member = "Tags") {
  return input.objects(member)?.map((t, i) => {
    const tag = input.nested(t);
    const key = tag.str("Key");
    if (key === void 0 || key.length === 0 || key.length > 128) {
      throw validationError(
        `${member}.${i + 1}.member.key`,
        "Member must have length between 1 and 128",
        key
      );
    }
    return { Key: key, Value: tag.str("Value") ?? "" };
  });
}
function nextTokenPaging(limit, max, fallback) {
  return {
    limit,
    token: "nextToken",
    max,
    fallback,
    invalidToken: () => new AwsError("InvalidParameterException", "The specified nextToken is invalid.")
  };
}

// packages/sim/src/ecr/store.ts
var import_node_crypto3 = require("node:crypto");
var TAG_MUTABILITIES = [
  "MUTABLE",
  "IMMUTABLE",
  "IMMUTABLE_WITH_EXCLUSION",
  "MUTABLE_WITH_EXCLUSION"
];
function ecrState(sim) {
  return sim.store("ecr", () => ({
    blobs: /* @__PURE__ */ new Map(),
    repositories: /* @__PURE__ */ new Map(),
    uploads: /* @__PURE__ */ new Map(),
    tokens: /* @__PURE__ */ new Map(),
    downloads: /* @__PURE__ */ new Map()
  }));
}
function sha256(bytes) {
  return `sha256:${(0, import_node_crypto3.createHash)("sha256").update(bytes).digest("hex")}`;
}
var repoKey = (account, region, name) => `${account}/${region}/${name}`;
function repositoryUri(sim, repo) {
  return `${sim.host}/${repoKey(repo.account, repo.region, repo.name)}`;
}
function repositoryArn(repo) {
  return `arn:aws:ecr:${repo.region}:${repo.account}:repository/${repo.name}`;
}
function findRepository(sim, account, region, name) {
  return ecrState(sim).repositories.get(repoKey(account, region, name));
}
function repositoryNotFound(account, name) {
  return new AwsError(
    "RepositoryNotFoundException",
    `The repository with name '${name}' does not exist in the registry with id '${account}'`
  );
}
function requireRepository(sim, account, region, name) {
  const repo = findRepository(sim, account, region, name);
  if (!repo) throw repositoryNotFound(account, name);
  return repo;
}
function isTagImmutable(repo, tag) {
  const excluded = repo.exclusions.some((f) => globMatch(f.filter, tag));
  switch (repo.mutability) {
    case "MUTABLE":
      return false;
    case "IMMUTABLE":
      return true;
    case "IMMUTABLE_WITH_EXCLUSION":
      return !excluded;
    case "MUTABLE_WITH_EXCLUSION":
      return excluded;
  }
}
function tagsOf(repo, digest) {
  return [...repo.tags].filter(([, d]) => d === digest).map(([t]) => t);
}
function imageRefs(sim, repo, digest) {
  const uri = repositoryUri(sim, repo);
  return [...tagsOf(repo, digest).map((t) => `${uri}:${t}`), `${uri}@${digest}`];
}
function collectGarbage(state) {
  const live = /* @__PURE__ */ new Set();
  for (const repo of state.repositories.values()) for (const d of repo.blobs) live.add(d);
  for (const digest of state.blobs.keys()) if (!live.has(digest)) state.blobs.delete(digest);
}
function deleteImage(repo, digest) {
  repo.images.delete(digest);
  for (const [tag, d] of repo.tags) if (d === digest) repo.tags.delete(tag);
}
function showImageId(id) {
  return `{imageDigest:'${id.imageDigest ?? "null"}', imageTag:'${id.imageTag ?? "null"}'}`;
}
function imageNotFound(repo, id) {
  return new AwsError(
    "ImageNotFoundException",
    `The image with imageId ${showImageId(id)} does not exist within the repository with name '${repo.name}' in the registry with id '${repo.account}'`
  );
}
function resolveImage(repo, id) {
  const digest = id.imageDigest ?? (id.imageTag !== void 0 ? repo.tags.get(id.imageTag) : void 0);
  if (digest === void 0) return void 0;
  if (id.imageTag !== void 0 && repo.tags.get(id.imageTag) !== digest) return void 0;
  return repo.images.get(digest);
}

// packages/sim/src/ecr/request.ts
function registryOf(ctx, input) {
  const registryId = input.str("registryId");
  if (registryId !== void 0 && !/^[0-9]{12}$/.test(registryId)) {
    throw validationError(
      "registryId",
      "Member must satisfy regular expression pattern: '[0-9]{12}'",
      registryId
    );
  }
  return registryId ?? ctx.account;
}
function repositoryOf(ctx, input) {
  return requireRepository(ctx.sim, registryOf(ctx, input), ctx.region, input.required("repositoryName"));
}
function imageIdOf(value) {
  const id = typeof value === "object" && value !== null ? value : {};
  return {
    ...typeof id.imageDigest === "string" ? { imageDigest: id.imageDigest } : {},
    ...typeof id.imageTag === "string" ? { imageTag: id.imageTag } : {}
  };
}
function imageIds(input, member) {
  const value = input.raw[member];
  if (value === void 0 || value === null) return void 0;
  if (!Array.isArray(value)) throw validationError(member, "Member must be a list", value);
  return value.map(imageIdOf);
}
function batchImageIds(input) {
  const ids = imageIds(input, "imageIds");
  if (!ids || ids.length === 0) {
    throw validationError("imageIds", "Member must have length greater than or equal to 1", ids);
  }
  return ids;
}
function requiredImageId(input) {
  const value = input.raw.imageId;
  if (typeof value !== "object" || value === null) {
    throw validationError("imageId", "Member must not be null", value);
  }
  return imageIdOf(value);
}
function nonEmptyStrings(input, member) {
  const value = input.raw[member];
  if (!Array.isArray(value) || value.length === 0) {
    throw validationError(member, "Member must have length greater than or equal to 1", value);
  }
  return value.map(String);
}
function paginate(items, input, maxLimit = 1e3, defaultLimit = 100) {
  const max = input.raw.maxResults;
  if (max !== void 0 && (typeof max !== "number" || max < 1 || max > maxLimit)) {
    throw validationError("maxResults", `Member must have value less than or equal to ${maxLimit}`, max);
  }
  return pageOf(
    items,
    typeof max === "number" ? max : defaultLimit,
    input.str("nextToken"),
    () => new AwsError("InvalidParameterException", "Invalid parameter at nextToken: the token is not valid")
  );
}

// packages/sim/src/ecr/api-scan.ts
var SCAN_QUOTA_MS = 24 * 3600 * 1e3;
function scanView(sim, repo, image, now) {
  if (image.scanStartedAt === void 0) return void 0;
  const behaviour = sim.scenario.scanBehaviour(imageRefs(sim, repo, image.digest));
  const completedAt = image.scanStartedAt + (behaviour.afterSeconds ?? 0) * 1e3;
  return {
    status: now >= completedAt ? "COMPLETE" : "IN_PROGRESS",
    completedAt,
    findings: behaviour.findings ?? []
  };
}
function severityCounts(findings) {
  const counts = {};
  for (const f of findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  return counts;
}
function statusOf(view) {
  return view.status === "COMPLETE" ? { status: "COMPLETE", description: "The scan was completed successfully." } : { status: "IN_PROGRESS", description: "The scan is in progress." };
}
function scanSummary(sim, repo, image, now) {
  const view = scanView(sim, repo, image, now);
  if (!view) return {};
  return {
    imageScanStatus: statusOf(view),
    ...view.status === "COMPLETE" ? {
      imageScanFindingsSummary: {
        imageScanCompletedAt: new Date(view.completedAt),
        vulnerabilitySourceUpdatedAt: new Date(view.completedAt),
        findingSeverityCounts: severityCounts(view.findings)
      }
    } : {}
  };
}
var scanActions = {
  DescribeImageScanFindings(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const id = requiredImageId(input);
    const image = resolveImage(repo, id);
    if (!image) throw imageNotFound(repo, id);
    const view = scanView(ctx.sim, repo, image, ctx.now);
    if (!view) {
      throw new AwsError(
        "ScanNotFoundException",
        `Image scan does not exist for the image with '${showImageId(id)}' in the repository with name '${repo.name}' in the registry with id '${repo.account}'`
      );
    }
    const base = {
      registryId: repo.account,
      repositoryName: repo.name,
      imageId: { imageDigest: image.digest, ...id.imageTag !== void 0 ? { imageTag: id.imageTag } : {} },
      imageScanStatus: statusOf(view)
    };
    if (view.status !== "COMPLETE") return base;
    const { page, nextToken } = paginate(view.findings, input);
    return {
      ...base,
      imageScanFindings: {
        imageScanCompletedAt: new Date(view.completedAt),
        vulnerabilitySourceUpdatedAt: new Date(view.completedAt),
        findingSeverityCounts: severityCounts(view.findings),
        findings: page.map((f) => ({ ...f, attributes: [] }))
      },
      ...nextToken ? { nextToken } : {}
    };
  },
  StartImageScan(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const id = requiredImageId(input);
    const image = resolveImage(repo, id);
    if (!image) throw imageNotFound(repo, id);
    if (image.artifactMediaType === void 0) {
      throw new AwsError(
        "UnsupportedImageTypeException",
        "The image type is not supported for image scanning."
      );
    }
    if (image.scanStartedAt !== void 0 && ctx.now - image.scanStartedAt < SCAN_QUOTA_MS) {
      throw new AwsError(
        "LimitExceededException",
        "The scan quota per image has been exceeded. Wait and try again."
      );
    }
    image.scanStartedAt = ctx.now;
    return {
      registryId: repo.account,
      repositoryName: repo.name,
      imageId: { imageDigest: image.digest, ...id.imageTag !== void 0 ? { imageTag: id.imageTag } : {} },
      imageScanStatus: { status: "IN_PROGRESS", description: "The scan is in progress." }
    };
  }
};

// packages/sim/src/ecr/manifest.ts
var MEDIA_TYPES = {
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerList: "application/vnd.docker.distribution.manifest.list.v2+json",
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  ociIndex: "application/vnd.oci.image.index.v1+json",
  ociConfig: "application/vnd.oci.image.config.v1+json",
  ociLayerGzip: "application/vnd.oci.image.layer.v1.tar+gzip"
};
var ManifestRejected = class extends Error {
  constructor(problem) {
    super(problem.kind);
    this.problem = problem;
  }
  problem;
};
var DIGEST = /^sha256:[a-f0-9]{64}$/;
function descriptors(value, field) {
  if (value === void 0) return [];
  if (!Array.isArray(value))
    throw new ManifestRejected({ kind: "invalid", message: `"${field}" must be an array` });
  return value.map((d) => {
    if (typeof d !== "object" || d === null || typeof d.digest !== "string") {
      throw new ManifestRejected({ kind: "invalid", message: `every entry of "${field}" needs a digest` });
    }
    if (!DIGEST.test(d.digest)) {
      throw new ManifestRejected({ kind: "invalid", message: `unsupported digest in "${field}"` });
    }
    return d;
  });
}
function parseManifest(bytes) {
  let doc;
  try {
    doc = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new ManifestRejected({ kind: "invalid", message: "Invalid JSON syntax" });
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new ManifestRejected({ kind: "invalid", message: "the manifest must be a JSON object" });
  }
  const m = doc;
  const mediaType = typeof m.mediaType === "string" ? m.mediaType : void 0;
  const config = m.config === void 0 ? [] : descriptors([m.config], "config");
  const layers = descriptors(m.layers, "layers");
  const manifests = descriptors(m.manifests, "manifests");
  const fetchedHere = layers.filter((l) => !Array.isArray(l.urls) || l.urls.length === 0);
  return {
    mediaType,
    blobs: [...config, ...fetchedHere].map((d) => d.digest),
    manifests: manifests.map((d) => d.digest),
    configMediaType: typeof config[0]?.mediaType === "string" ? config[0].mediaType : void 0,
    layersSize: layers.reduce((sum, l) => sum + (typeof l.size === "number" ? l.size : 0), 0)
  };
}
function storeManifest(repo, bytes, mediaTypeHint, tag, now) {
  const parsed = parseManifest(bytes);
  const mediaType = parsed.mediaType ?? mediaTypeHint;
  if (mediaType === void 0) {
    throw new ManifestRejected({
      kind: "media-type",
      message: "the manifest has no mediaType field, so imageManifestMediaType is required"
    });
  }
  const missingBlobs = parsed.blobs.filter((d) => !repo.blobs.has(d));
  if (missingBlobs.length > 0) throw new ManifestRejected({ kind: "layers-missing", digests: missingBlobs });
  const missingManifests = parsed.manifests.filter((d) => !repo.images.has(d));
  if (missingManifests.length > 0) {
    throw new ManifestRejected({ kind: "referenced-missing", digests: missingManifests });
  }
  const digest = sha256(bytes);
  if (tag !== void 0) {
    const current2 = repo.tags.get(tag);
    if (current2 !== void 0 && current2 !== digest && isTagImmutable(repo, tag)) {
      throw new ManifestRejected({ kind: "tag-immutable", tag, existingDigest: current2 });
    }
  }
  const existing = repo.images.get(digest);
  const image = existing ?? {
    digest,
    manifest: Buffer.from(bytes),
    mediaType,
    artifactMediaType: parsed.configMediaType,
    // ECR reports the compressed layer sizes; for an index, the largest image it lists.
    sizeInBytes: parsed.manifests.length > 0 ? Math.max(0, ...parsed.manifests.map((d) => repo.images.get(d)?.sizeInBytes ?? 0)) : parsed.layersSize,
    pushedAt: now,
    scanStartedAt: repo.scanOnPush && parsed.manifests.length === 0 ? now : void 0
  };
  repo.images.set(digest, image);
  if (tag !== void 0) repo.tags.set(tag, digest);
  return { image, created: existing === void 0 };
}

// packages/sim/src/ecr/api-images.ts
function tagStatus(input) {
  const filter = input.raw.filter;
  const status = filter?.tagStatus ?? "ANY";
  if (status !== "TAGGED" && status !== "UNTAGGED" && status !== "ANY") {
    throw validationError(
      "filter.tagStatus",
      "Member must satisfy enum value set: [TAGGED, UNTAGGED, ANY]",
      status
    );
  }
  return status;
}
function keep(repo, digest, status) {
  const tagged = tagsOf(repo, digest).length > 0;
  return status === "ANY" || status === "TAGGED" === tagged;
}
function referencedBy(repo, digest) {
  const out = [];
  for (const image of repo.images.values()) {
    if (image.artifactMediaType !== void 0) continue;
    try {
      if (parseManifest(image.manifest).manifests.includes(digest)) out.push(image.digest);
    } catch {
    }
  }
  return out;
}
function putImageError(repo, tag, err) {
  const p = err.problem;
  const where = `repository with name '${repo.name}' in the registry with id '${repo.account}'`;
  switch (p.kind) {
    case "invalid":
      return new AwsError(
        "InvalidParameterException",
        `Invalid parameter at 'ImageManifest' failed to satisfy constraint: '${p.message}'`
      );
    case "media-type":
      return new AwsError(
        "InvalidParameterException",
        `Invalid parameter at 'imageManifestMediaType' failed to satisfy constraint: '${p.message}'`
      );
    case "layers-missing":
      return new AwsError(
        "LayersNotFoundException",
        `Layers with digests '[${p.digests.join(", ")}]' required for pushing image into ${where} do not exist`
      );
    case "referenced-missing":
      return new AwsError(
        "ReferencedImagesNotFoundException",
        `Images with digests '[${p.digests.join(", ")}]' required for pushing image into ${where} do not exist`
      );
    case "tag-immutable":
      return new AwsError(
        "ImageTagAlreadyExistsException",
        `The image tag '${tag ?? ""}' already exists in the '${repo.name}' repository and cannot be overwritten because the repository is immutable.`
      );
  }
}
var failure = (imageId, failureCode, failureReason) => ({
  imageId,
  failureCode,
  failureReason
});
function batchEntry(repo, id, notFound2) {
  if (id.imageDigest === void 0 && id.imageTag === void 0) {
    return {
      failure: failure(
        id,
        "MissingDigestAndTag",
        "Invalid request parameters: both tag and digest cannot be null"
      )
    };
  }
  const image = resolveImage(repo, id);
  return image ? { image } : { failure: notFound2(id) };
}
var imageActions = {
  DescribeImages(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const ids = imageIds(input, "imageIds");
    let images;
    if (ids) {
      images = [];
      for (const id of ids) {
        const image = resolveImage(repo, id);
        if (!image) throw imageNotFound(repo, id);
        if (!images.includes(image)) images.push(image);
      }
    } else {
      const status = tagStatus(input);
      images = [...repo.images.values()].filter((i) => keep(repo, i.digest, status));
    }
    const { page, nextToken } = paginate(images, input);
    return {
      imageDetails: page.map((image) => {
        const tags = tagsOf(repo, image.digest);
        return {
          registryId: repo.account,
          repositoryName: repo.name,
          imageDigest: image.digest,
          ...tags.length > 0 ? { imageTags: tags } : {},
          imageSizeInBytes: image.sizeInBytes,
          imagePushedAt: new Date(image.pushedAt),
          imageManifestMediaType: image.mediaType,
          ...image.artifactMediaType !== void 0 ? { artifactMediaType: image.artifactMediaType } : {},
          ...scanSummary(ctx.sim, repo, image, ctx.now)
        };
      }),
      ...nextToken ? { nextToken } : {}
    };
  },
  ListImages(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const status = tagStatus(input);
    const ids = [];
    for (const image of repo.images.values()) {
      if (!keep(repo, image.digest, status)) continue;
      const tags = tagsOf(repo, image.digest);
      if (tags.length === 0) ids.push({ imageDigest: image.digest });
      for (const imageTag of tags) ids.push({ imageDigest: image.digest, imageTag });
    }
    const { page, nextToken } = paginate(ids, input);
    return { imageIds: page, ...nextToken ? { nextToken } : {} };
  },
  BatchGetImage(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const failures = [];
    const images = [];
    for (const id of batchImageIds(input)) {
      const entry = batchEntry(
        repo,
        id,
        () => id.imageDigest !== void 0 && id.imageTag !== void 0 && repo.images.has(id.imageDigest) ? failure(id, "ImageTagDoesNotMatchDigest", "Invalid image tag for image digest") : failure(id, "ImageNotFound", "Requested image not found")
      );
      if ("failure" in entry) {
        failures.push(entry.failure);
        continue;
      }
      const { image } = entry;
      images.push({
        registryId: repo.account,
        repositoryName: repo.name,
        imageId: {
          imageDigest: image.digest,
          ...id.imageTag !== void 0 ? { imageTag: id.imageTag } : {}
        },
        imageManifest: image.manifest.toString("utf8"),
        imageManifestMediaType: image.mediaType
      });
    }
    return { images, failures };
  },
  PutImage(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const manifest = input.required("imageManifest");
    if (manifest.length < 1 || manifest.length > 4194304) {
      throw validationError("imageManifest", "Member must have length less than or equal to 4194304", "…");
    }
    const tag = input.str("imageTag");
    if (tag !== void 0 && (tag.length < 1 || tag.length > 300)) {
      throw validationError("imageTag", "Member must have length less than or equal to 300", tag);
    }
    const mediaType = input.str("imageManifestMediaType");
    const bytes = Buffer.from(manifest, "utf8");
    const digest = sha256(bytes);
    const givenDigest = input.str("imageDigest");
    if (givenDigest !== void 0 && givenDigest !== digest) {
      throw new AwsError(
        "ImageDigestDoesNotMatchException",
        `Provided image digest '${givenDigest}' does not match the digest '${digest}' calculated for the image manifest`
      );
    }
    const unchanged = tag !== void 0 ? repo.tags.get(tag) === digest : repo.images.has(digest);
    if (unchanged) {
      throw new AwsError(
        "ImageAlreadyExistsException",
        `Image with digest '${digest}' and tag '${tag ?? "null"}' already exists in the repository with name '${repo.name}' in registry with id '${repo.account}'`
      );
    }
    try {
      const own = parseManifest(bytes).mediaType;
      if (mediaType !== void 0 && own !== void 0 && mediaType !== own) {
        throw new ManifestRejected({
          kind: "media-type",
          message: `it does not match the manifest's mediaType ${own}`
        });
      }
      const { image } = storeManifest(repo, bytes, mediaType, tag, ctx.now);
      return {
        image: {
          registryId: repo.account,
          repositoryName: repo.name,
          imageId: { imageDigest: digest, ...tag !== void 0 ? { imageTag: tag } : {} },
          imageManifest: manifest,
          imageManifestMediaType: image.mediaType
        }
      };
    } catch (err) {
      if (err instanceof ManifestRejected) throw putImageError(repo, tag, err);
      throw err;
    }
  },
  BatchDeleteImage(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const deleted = [];
    const failures = [];
    for (const id of batchImageIds(input)) {
      const entry = batchEntry(repo, id, () => failure(id, "ImageNotFound", "Requested image not found"));
      if ("failure" in entry) {
        failures.push(entry.failure);
        continue;
      }
      const { image } = entry;
      const tags = tagsOf(repo, image.digest);
      const removesImage = id.imageDigest !== void 0 || tags.length <= 1;
      if (removesImage && referencedBy(repo, image.digest).length > 0) {
        failures.push(
          failure(id, "ImageReferencedByManifestList", "Requested image is referenced by a manifest list")
        );
        continue;
      }
      if (removesImage) {
        deleteImage(repo, image.digest);
        if (tags.length === 0) deleted.push({ imageDigest: image.digest });
        for (const imageTag of tags) deleted.push({ imageDigest: image.digest, imageTag });
      } else {
        repo.tags.delete(id.imageTag);
        deleted.push({ imageDigest: image.digest, imageTag: id.imageTag });
      }
    }
    return { imageIds: deleted, failures };
  }
};

// packages/sim/src/ecr/api-layers.ts
var import_node_crypto4 = require("node:crypto");
var DOWNLOAD_TTL_MS = 3600 * 1e3;
var PART_SIZE = 10 * 1024 * 1024;
function upload(ctx, repo, input) {
  const uploadId = input.required("uploadId");
  const session2 = ecrState(ctx.sim).uploads.get(uploadId);
  if (!session2 || session2.repoKey !== repoKey(repo.account, repo.region, repo.name)) {
    throw new AwsError(
      "UploadNotFoundException",
      `Upload with id '${uploadId}' does not exist in the repository with name '${repo.name}' in the registry with id '${repo.account}'`
    );
  }
  return session2;
}
var layerActions = {
  BatchCheckLayerAvailability(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const blobs = ecrState(ctx.sim).blobs;
    const layers = [];
    const failures = [];
    for (const layerDigest of nonEmptyStrings(input, "layerDigests")) {
      const bytes = repo.blobs.has(layerDigest) ? blobs.get(layerDigest) : void 0;
      if (bytes) layers.push({ layerDigest, layerAvailability: "AVAILABLE", layerSize: bytes.length });
      else
        failures.push({
          layerDigest,
          failureCode: "MissingLayerDigest",
          failureReason: "Could not find layer"
        });
    }
    return { layers, failures };
  },
  InitiateLayerUpload(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const id = (0, import_node_crypto4.randomUUID)();
    ecrState(ctx.sim).uploads.set(id, {
      id,
      repoKey: repoKey(repo.account, repo.region, repo.name),
      chunks: [],
      size: 0
    });
    return { uploadId: id, partSize: PART_SIZE };
  },
  UploadLayerPart(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const session2 = upload(ctx, repo, input);
    const blob = Buffer.from(input.required("layerPartBlob"), "base64");
    const first = Number(input.raw.partFirstByte);
    const last = Number(input.raw.partLastByte);
    if (first !== session2.size || last - first + 1 !== blob.length) {
      throw new AwsError(
        "InvalidLayerPartException",
        `The layer part bytes ${first}-${last} do not continue the upload '${session2.id}' at byte ${session2.size}`
      );
    }
    session2.chunks.push(blob);
    session2.size += blob.length;
    return {
      registryId: repo.account,
      repositoryName: repo.name,
      uploadId: session2.id,
      lastByteReceived: session2.size - 1
    };
  },
  CompleteLayerUpload(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const session2 = upload(ctx, repo, input);
    const [expected] = nonEmptyStrings(input, "layerDigests");
    const state = ecrState(ctx.sim);
    if (session2.size === 0) {
      throw new AwsError("EmptyUploadException", `The upload '${session2.id}' contains no layer parts`);
    }
    const bytes = Buffer.concat(session2.chunks);
    const actual = sha256(bytes);
    state.uploads.delete(session2.id);
    if (actual !== expected) {
      throw new AwsError(
        "InvalidLayerException",
        `The computed digest ${actual} does not match the layer digest ${expected}`
      );
    }
    if (repo.blobs.has(actual)) {
      throw new AwsError(
        "LayerAlreadyExistsException",
        `The layer with digest '${actual}' already exists in the repository with name '${repo.name}' in the registry with id '${repo.account}'`
      );
    }
    if (!state.blobs.has(actual)) state.blobs.set(actual, bytes);
    repo.blobs.add(actual);
    return { registryId: repo.account, repositoryName: repo.name, uploadId: session2.id, layerDigest: actual };
  },
  GetDownloadUrlForLayer(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const layerDigest = input.required("layerDigest");
    if (!repo.blobs.has(layerDigest)) {
      throw new AwsError(
        "LayersNotFoundException",
        `Layers with digests '[${layerDigest}]' are not found in the repository with name '${repo.name}' in the registry with id '${repo.account}'`
      );
    }
    const token2 = (0, import_node_crypto4.randomBytes)(24).toString("base64url");
    ecrState(ctx.sim).downloads.set(sha256(token2), {
      repoKey: repoKey(repo.account, repo.region, repo.name),
      digest: layerDigest,
      expiresAt: ctx.now + DOWNLOAD_TTL_MS
    });
    const path = `/v2/${repoKey(repo.account, repo.region, repo.name)}/blobs/${layerDigest}`;
    return { downloadUrl: `${ctx.sim.url}${path}?X-Amz-Signature=${token2}`, layerDigest };
  }
};

// packages/sim/src/ecr/api-repositories.ts
var import_node_crypto5 = require("node:crypto");
var NAME_PATTERN = "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*";
var NAME_RE = new RegExp(`^${NAME_PATTERN}$`);
var FILTER_RE = /^[0-9a-zA-Z._*-]{1,128}$/;
var TOKEN_TTL_MS = 12 * 3600 * 1e3;
function validateRepositoryName(name) {
  if (name.length < 2 || name.length > 256) {
    throw validationError(
      "repositoryName",
      `Member must have length ${name.length < 2 ? "greater than or equal to 2" : "less than or equal to 256"}`,
      name
    );
  }
  if (!NAME_RE.test(name)) {
    throw new AwsError(
      "InvalidParameterException",
      `Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '${NAME_PATTERN}''`
    );
  }
}
function validateMutability(mutability, filters) {
  const m = mutability ?? "MUTABLE";
  if (typeof m !== "string" || !TAG_MUTABILITIES.includes(m)) {
    throw validationError(
      "imageTagMutability",
      `Member must satisfy enum value set: [${TAG_MUTABILITIES.join(", ")}]`,
      m
    );
  }
  const withExclusion = m.endsWith("_WITH_EXCLUSION");
  if (filters === void 0 || filters === null) {
    if (withExclusion) {
      throw new AwsError(
        "InvalidParameterException",
        `Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint: 'imageTagMutabilityExclusionFilters must be specified when imageTagMutability is ${m}'`
      );
    }
    return { mutability: m, exclusions: [] };
  }
  if (!Array.isArray(filters))
    throw validationError("imageTagMutabilityExclusionFilters", "Member must be a list", filters);
  if (!withExclusion) {
    throw new AwsError(
      "InvalidParameterException",
      `Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint: 'imageTagMutabilityExclusionFilters can only be specified when imageTagMutability is IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION'`
    );
  }
  if (filters.length < 1 || filters.length > 5) {
    throw validationError(
      "imageTagMutabilityExclusionFilters",
      "Member must have length less than or equal to 5 and greater than or equal to 1",
      `[${filters.length} filters]`
    );
  }
  const exclusions = filters.map((f, i) => {
    const { filterType, filter } = typeof f === "object" && f !== null ? f : {};
    if (filterType !== "WILDCARD") {
      throw validationError(
        `imageTagMutabilityExclusionFilters.${i + 1}.member.filterType`,
        "Member must satisfy enum value set: [WILDCARD]",
        filterType
      );
    }
    if (typeof filter !== "string" || !FILTER_RE.test(filter)) {
      throw validationError(
        `imageTagMutabilityExclusionFilters.${i + 1}.member.filter`,
        "Member must satisfy regular expression pattern: ^[0-9a-zA-Z._*-]{1,128}",
        filter
      );
    }
    return { filterType, filter };
  });
  return { mutability: m, exclusions };
}
function resourceTags(value) {
  if (value === void 0 || value === null) return [];
  if (!Array.isArray(value)) throw validationError("tags", "Member must be a list", value);
  return value.map((t) => {
    const { Key, Value } = typeof t === "object" && t !== null ? t : {};
    if (typeof Key !== "string" || Key.length === 0 || Key.length > 128) {
      throw new AwsError(
        "InvalidTagParameterException",
        "Invalid parameter: each tag needs a Key of 1 to 128 characters"
      );
    }
    return { Key, Value: typeof Value === "string" ? Value : "" };
  });
}
function createRepository(sim, spec) {
  validateRepositoryName(spec.name);
  const state = ecrState(sim);
  const key = repoKey(spec.account, spec.region, spec.name);
  if (state.repositories.has(key)) {
    throw new AwsError(
      "RepositoryAlreadyExistsException",
      `The repository with name '${spec.name}' already exists in the registry with id '${spec.account}'`
    );
  }
  const repo = {
    account: spec.account,
    region: spec.region,
    name: spec.name,
    createdAt: sim.clock.now(),
    mutability: spec.mutability ?? "MUTABLE",
    exclusions: spec.exclusions ?? [],
    scanOnPush: spec.scanOnPush ?? false,
    resourceTags: spec.tags ?? [],
    blobs: /* @__PURE__ */ new Set(),
    images: /* @__PURE__ */ new Map(),
    tags: /* @__PURE__ */ new Map()
  };
  state.repositories.set(key, repo);
  return repo;
}
function describeRepository(sim, repo) {
  return {
    repositoryArn: repositoryArn(repo),
    registryId: repo.account,
    repositoryName: repo.name,
    repositoryUri: repositoryUri(sim, repo),
    createdAt: new Date(repo.createdAt),
    imageTagMutability: repo.mutability,
    ...repo.exclusions.length > 0 ? { imageTagMutabilityExclusionFilters: repo.exclusions } : {},
    imageScanningConfiguration: { scanOnPush: repo.scanOnPush },
    encryptionConfiguration: { encryptionType: "AES256" }
  };
}
function repositoryByArn(sim, arn) {
  const m = /^arn:aws:ecr:([a-z0-9-]+):(\d{12}):repository\/(.+)$/.exec(arn);
  if (!m)
    throw new AwsError(
      "InvalidParameterException",
      `Invalid parameter at 'resourceArn' failed to satisfy constraint: 'Invalid ARN'`
    );
  const repo = findRepository(sim, m[2], m[1], m[3]);
  if (!repo) throw repositoryNotFound(m[2], m[3]);
  return repo;
}
var repositoryActions = {
  CreateRepository(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const name = input.required("repositoryName");
    const { mutability, exclusions } = validateMutability(
      input.raw.imageTagMutability,
      input.raw.imageTagMutabilityExclusionFilters
    );
    const scanning = input.raw.imageScanningConfiguration;
    const repo = createRepository(ctx.sim, {
      account: registryOf(ctx, input),
      region: ctx.region,
      name,
      mutability,
      exclusions,
      scanOnPush: scanning?.scanOnPush === true,
      tags: resourceTags(input.raw.tags)
    });
    return { repository: describeRepository(ctx.sim, repo) };
  },
  DescribeRepositories(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const account = registryOf(ctx, input);
    const names = input.raw.repositoryNames;
    let repos;
    if (Array.isArray(names)) {
      repos = names.map((n) => requireRepository(ctx.sim, account, ctx.region, String(n)));
    } else {
      repos = [...ecrState(ctx.sim).repositories.values()].filter(
        (r) => r.account === account && r.region === ctx.region
      );
    }
    const { page, nextToken } = paginate(repos, input);
    return {
      repositories: page.map((r) => describeRepository(ctx.sim, r)),
      ...nextToken ? { nextToken } : {}
    };
  },
  DeleteRepository(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const account = registryOf(ctx, input);
    const name = input.required("repositoryName");
    const repo = requireRepository(ctx.sim, account, ctx.region, name);
    if (repo.images.size > 0 && input.raw.force !== true) {
      throw new AwsError(
        "RepositoryNotEmptyException",
        `The repository with name '${name}' in registry with id '${account}' cannot be deleted because it still contains images`
      );
    }
    const state = ecrState(ctx.sim);
    state.repositories.delete(repoKey(account, ctx.region, name));
    collectGarbage(state);
    return { repository: describeRepository(ctx.sim, repo) };
  },
  PutImageTagMutability(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const { mutability, exclusions } = validateMutability(
      input.raw.imageTagMutability,
      input.raw.imageTagMutabilityExclusionFilters
    );
    repo.mutability = mutability;
    repo.exclusions = exclusions;
    return {
      registryId: repo.account,
      repositoryName: repo.name,
      imageTagMutability: mutability,
      ...exclusions.length > 0 ? { imageTagMutabilityExclusionFilters: exclusions } : {}
    };
  },
  PutImageScanningConfiguration(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const scanning = input.raw.imageScanningConfiguration;
    repo.scanOnPush = scanning?.scanOnPush === true;
    return {
      registryId: repo.account,
      repositoryName: repo.name,
      imageScanningConfiguration: { scanOnPush: repo.scanOnPush }
    };
  },
  GetAuthorizationToken(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const registryIds = Array.isArray(input.raw.registryIds) ? input.raw.registryIds.map(String) : [ctx.account];
    const tokens = ecrState(ctx.sim).tokens;
    const expiresAt = ctx.now + TOKEN_TTL_MS;
    for (const [password, token2] of tokens) if (token2.expiresAt <= ctx.now) tokens.delete(password);
    return {
      authorizationData: registryIds.map((account) => {
        const password = (0, import_node_crypto5.randomBytes)(48).toString("base64url");
        tokens.set(sha256(password), { account, region: ctx.region, expiresAt });
        const authorizationToken = Buffer.from(`AWS:${password}`).toString("base64");
        ctx.sim.secrets.record("ecr:password", password);
        ctx.sim.secrets.record("ecr:authorizationToken", authorizationToken);
        return {
          authorizationToken,
          expiresAt: new Date(expiresAt),
          proxyEndpoint: ctx.sim.url
        };
      })
    };
  },
  TagResource(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryByArn(ctx.sim, input.required("resourceArn"));
    for (const tag of resourceTags(input.raw.tags)) {
      repo.resourceTags = [...repo.resourceTags.filter((t) => t.Key !== tag.Key), tag];
    }
    return {};
  },
  UntagResource(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryByArn(ctx.sim, input.required("resourceArn"));
    const keys = Array.isArray(input.raw.tagKeys) ? input.raw.tagKeys.map(String) : [];
    repo.resourceTags = repo.resourceTags.filter((t) => !keys.includes(t.Key));
    return {};
  },
  ListTagsForResource(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryByArn(ctx.sim, input.required("resourceArn"));
    return { tags: repo.resourceTags };
  }
};

// packages/sim/src/ecr/registry-blobs.ts
var import_node_crypto6 = require("node:crypto");

// packages/sim/src/ecr/registry-http.ts
var RegistryError = class extends Error {
  constructor(status, code, message, headers = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
  status;
  code;
  headers;
};
var API_VERSION_HEADER = { "docker-distribution-api-version": "registry/2.0" };
function send(res, status, headers, body) {
  const bytes = body === void 0 ? void 0 : typeof body === "string" ? Buffer.from(body) : body;
  res.writeHead(status, { ...API_VERSION_HEADER, "content-length": bytes?.length ?? 0, ...headers });
  if (bytes !== void 0 && res.req.method !== "HEAD") res.end(bytes);
  else res.end();
}
function sendRegistryError(res, err) {
  const body = JSON.stringify({ errors: [{ code: err.code, message: err.message, detail: {} }] });
  send(res, err.status, { "content-type": "application/json; charset=utf-8", ...err.headers }, body);
}
function repositoryFromName(sim, name) {
  const m = /^(\d{12})\/([a-z0-9-]+)\/(.+)$/.exec(name);
  if (!m) {
    throw new RegistryError(
      404,
      "NAME_UNKNOWN",
      `The repository name '${name}' is not of the form <account>/<region>/<repository> this registry serves`
    );
  }
  const repo = findRepository(sim, m[1], m[2], m[3]);
  if (!repo) {
    throw new RegistryError(
      404,
      "NAME_UNKNOWN",
      `The repository with name '${m[3]}' does not exist in the registry with id '${m[1]}'`
    );
  }
  return repo;
}
var DIGEST_RE = /^sha256:[a-f0-9]{64}$/;

// packages/sim/src/ecr/registry-blobs.ts
var keyOf = (repo) => repoKey(repo.account, repo.region, repo.name);
function blobUnknown(digest) {
  return new RegistryError(404, "BLOB_UNKNOWN", `blob unknown to registry: ${digest}`);
}
function uploadHeaders(r, session2) {
  return {
    location: `/v2/${r.name}/blobs/uploads/${session2.id}`,
    range: `0-${Math.max(0, session2.size - 1)}`,
    "docker-upload-uuid": session2.id
  };
}
function blobCreated(r, digest) {
  send(r.res, 201, { location: `/v2/${r.name}/blobs/${digest}`, "docker-content-digest": digest });
}
function storeBlob(r, expected, bytes) {
  if (!DIGEST_RE.test(expected)) {
    throw new RegistryError(
      400,
      "DIGEST_INVALID",
      `unsupported digest ${expected}: only sha256 is supported`
    );
  }
  const actual = sha256(bytes);
  if (actual !== expected) {
    throw new RegistryError(
      400,
      "DIGEST_INVALID",
      `provided digest ${expected} did not match uploaded content ${actual}`
    );
  }
  const state = ecrState(r.sim);
  if (!state.blobs.has(actual)) state.blobs.set(actual, bytes);
  r.repo.blobs.add(actual);
}
function session(r, id) {
  const s = ecrState(r.sim).uploads.get(id);
  if (!s || s.repoKey !== keyOf(r.repo))
    throw new RegistryError(404, "BLOB_UPLOAD_UNKNOWN", `blob upload unknown: ${id}`);
  return s;
}
function tryMount(r, digest, from) {
  let source;
  try {
    source = repositoryFromName(r.sim, from);
  } catch {
    return false;
  }
  if (!source.blobs.has(digest) || !ecrState(r.sim).blobs.has(digest)) return false;
  r.repo.blobs.add(digest);
  return true;
}
async function handleBlob(r, digest) {
  const method = r.req.method ?? "GET";
  const bytes = r.repo.blobs.has(digest) ? ecrState(r.sim).blobs.get(digest) : void 0;
  if (method === "DELETE") throw new RegistryError(405, "UNSUPPORTED", "The operation is unsupported.");
  if (method !== "GET" && method !== "HEAD")
    throw new RegistryError(405, "UNSUPPORTED", `${method} is not supported on blobs`);
  if (!bytes) throw blobUnknown(digest);
  const headers = {
    "content-type": "application/octet-stream",
    "docker-content-digest": digest,
    "accept-ranges": "bytes"
  };
  const range2 = /^bytes=(\d+)-(\d*)$/.exec(r.req.headers.range ?? "");
  if (range2 && method === "GET") {
    const start = Number(range2[1]);
    const end = range2[2] ? Math.min(Number(range2[2]), bytes.length - 1) : bytes.length - 1;
    if (start > end) {
      throw new RegistryError(416, "RANGE_INVALID", "requested range not satisfiable", {
        "content-range": `bytes */${bytes.length}`
      });
    }
    send(
      r.res,
      206,
      { ...headers, "content-range": `bytes ${start}-${end}/${bytes.length}` },
      bytes.subarray(start, end + 1)
    );
    return;
  }
  send(r.res, 200, headers, bytes);
}
async function startUpload(r) {
  const mount = r.url.searchParams.get("mount");
  const from = r.url.searchParams.get("from");
  const digest = r.url.searchParams.get("digest");
  const body = await readBody(r.req);
  if (mount && from && tryMount(r, mount, from)) {
    blobCreated(r, mount);
    return;
  }
  if (digest) {
    storeBlob(r, digest, body);
    blobCreated(r, digest);
    return;
  }
  const s = { id: (0, import_node_crypto6.randomUUID)(), repoKey: keyOf(r.repo), chunks: [], size: 0 };
  if (body.length > 0) {
    s.chunks.push(body);
    s.size = body.length;
  }
  ecrState(r.sim).uploads.set(s.id, s);
  send(r.res, 202, uploadHeaders(r, s));
}
async function continueUpload(r, id) {
  const s = session(r, id);
  const method = r.req.method ?? "GET";
  if (method === "GET") {
    send(r.res, 204, uploadHeaders(r, s));
    return;
  }
  if (method === "DELETE") {
    ecrState(r.sim).uploads.delete(s.id);
    send(r.res, 204, {});
    return;
  }
  if (method !== "PATCH" && method !== "PUT")
    throw new RegistryError(405, "UNSUPPORTED", `${method} is not supported on uploads`);
  const contentRange = r.req.headers["content-range"];
  const chunk = await readBody(r.req);
  if (contentRange && chunk.length > 0) {
    const m = /^(?:bytes[= ])?(\d+)-(\d+)/.exec(contentRange);
    if (!m || Number(m[1]) !== s.size || Number(m[2]) - Number(m[1]) + 1 !== chunk.length) {
      throw new RegistryError(
        416,
        "BLOB_UPLOAD_INVALID",
        `chunk ${contentRange} does not continue the upload at ${s.size}`,
        {
          ...uploadHeaders(r, s)
        }
      );
    }
  }
  if (chunk.length > 0) {
    s.chunks.push(chunk);
    s.size += chunk.length;
  }
  if (method === "PATCH") {
    send(r.res, 202, uploadHeaders(r, s));
    return;
  }
  const digest = r.url.searchParams.get("digest");
  if (!digest)
    throw new RegistryError(
      400,
      "DIGEST_INVALID",
      "the digest query parameter is required to finish an upload"
    );
  ecrState(r.sim).uploads.delete(s.id);
  storeBlob(r, digest, Buffer.concat(s.chunks));
  blobCreated(r, digest);
}

// packages/sim/src/ecr/registry-manifests.ts
var TAG_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
var MAX_MANIFEST = 4 * 1024 * 1024;
function manifestUnknown(reference) {
  return new RegistryError(404, "MANIFEST_UNKNOWN", `Requested image not found: ${reference}`);
}
function rejected(r, tag, err) {
  const p = err.problem;
  const where = `repository with name '${r.repo.name}' in the registry with id '${r.repo.account}'`;
  switch (p.kind) {
    case "invalid":
    case "media-type":
      return new RegistryError(400, "MANIFEST_INVALID", `manifest invalid: ${p.message}`);
    case "layers-missing":
      return new RegistryError(
        400,
        "MANIFEST_BLOB_UNKNOWN",
        `Layers with digests '[${p.digests.join(", ")}]' required for pushing image into ${where} do not exist`
      );
    case "referenced-missing":
      return new RegistryError(
        400,
        "MANIFEST_BLOB_UNKNOWN",
        `Images with digests '[${p.digests.join(", ")}]' required for pushing image into ${where} do not exist`
      );
    case "tag-immutable":
      return new RegistryError(
        400,
        "TAG_INVALID",
        `The image tag '${tag ?? ""}' already exists in the '${r.repo.name}' repository and cannot be overwritten because the repository is immutable.`
      );
  }
}
async function putManifest(r, reference) {
  const byDigest = reference.startsWith("sha256:");
  if (!byDigest && !TAG_RE.test(reference)) {
    throw new RegistryError(400, "TAG_INVALID", `manifest tag did not match URI: invalid tag '${reference}'`);
  }
  const body = await readBody(r.req, MAX_MANIFEST).catch(() => {
    throw new RegistryError(413, "SIZE_INVALID", `a manifest is at most ${MAX_MANIFEST} bytes`);
  });
  const digest = sha256(body);
  if (byDigest && reference !== digest) {
    throw new RegistryError(
      400,
      "DIGEST_INVALID",
      `provided digest ${reference} did not match the manifest's digest ${digest}`
    );
  }
  const contentType2 = r.req.headers["content-type"]?.split(";")[0]?.trim();
  const tag = byDigest ? void 0 : reference;
  try {
    storeManifest(r.repo, body, contentType2 || void 0, tag, r.sim.clock.now());
  } catch (err) {
    if (err instanceof ManifestRejected) throw rejected(r, tag, err);
    throw err;
  }
  send(r.res, 201, { location: `/v2/${r.name}/manifests/${digest}`, "docker-content-digest": digest });
}
async function handleManifest(r, reference) {
  const method = r.req.method ?? "GET";
  if (method === "PUT") return putManifest(r, reference);
  const digest = DIGEST_RE.test(reference) ? reference : r.repo.tags.get(reference);
  const image = digest !== void 0 ? r.repo.images.get(digest) : void 0;
  if (method === "DELETE") {
    if (!image) throw manifestUnknown(reference);
    if (reference === image.digest) deleteImage(r.repo, image.digest);
    else r.repo.tags.delete(reference);
    send(r.res, 202, {});
    return;
  }
  if (method !== "GET" && method !== "HEAD")
    throw new RegistryError(405, "UNSUPPORTED", `${method} is not supported on manifests`);
  if (!image) throw manifestUnknown(reference);
  send(
    r.res,
    200,
    { "content-type": image.mediaType, "docker-content-digest": image.digest },
    image.manifest
  );
}
function listTags(r) {
  const all = [...r.repo.tags.keys()].sort();
  const last = r.url.searchParams.get("last");
  const n = r.url.searchParams.get("n");
  let tags = last ? all.filter((t) => t > last) : all;
  const headers = { "content-type": "application/json; charset=utf-8" };
  if (n !== null && Number(n) >= 0 && tags.length > Number(n)) {
    tags = tags.slice(0, Number(n));
    headers.link = `</v2/${r.name}/tags/list?n=${n}&last=${encodeURIComponent(tags[tags.length - 1] ?? "")}>; rel="next"`;
  }
  send(r.res, 200, headers, JSON.stringify({ name: r.name, tags }));
}

// packages/sim/src/ecr/registry.ts
function challenge(sim) {
  return { "www-authenticate": `Basic realm="${sim.url}/",service="ecr.amazonaws.com"` };
}
function authenticate(sim, req, region) {
  const header2 = req.headers.authorization ?? "";
  const m = /^Basic\s+(\S+)$/i.exec(header2);
  if (!m) throw new RegistryError(401, "UNAUTHORIZED", "no basic auth credentials", challenge(sim));
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const user = decoded.slice(0, colon);
  const token2 = colon > 0 ? ecrState(sim).tokens.get(sha256(decoded.slice(colon + 1))) : void 0;
  if (user !== "AWS" || !token2) {
    throw new RegistryError(
      401,
      "UNAUTHORIZED",
      "authentication required: the credentials are not valid",
      challenge(sim)
    );
  }
  if (sim.clock.now() >= token2.expiresAt) {
    throw new RegistryError(
      403,
      "DENIED",
      "Your authorization token has expired. Reauthenticate and try again."
    );
  }
  if (region !== void 0 && region !== token2.region) {
    throw new RegistryError(
      403,
      "DENIED",
      `Your authorization token was issued for ${token2.region}, not ${region}.`
    );
  }
}
function presigned(sim, url, name) {
  const signature = url.searchParams.get("X-Amz-Signature");
  if (!signature) return false;
  const grant = ecrState(sim).downloads.get(sha256(signature));
  const path = decodeURIComponent(url.pathname);
  if (!grant || grant.repoKey !== name || path !== `/v2/${name}/blobs/${grant.digest}`) {
    throw new RegistryError(
      403,
      "DENIED",
      "The request signature we calculated does not match the signature you provided."
    );
  }
  if (sim.clock.now() >= grant.expiresAt) throw new RegistryError(403, "DENIED", "Request has expired");
  return true;
}
var ROUTES = [
  { re: /^\/v2\/(.+)\/tags\/list$/, method: "GET", run: (r) => listTags(r) },
  { re: /^\/v2\/(.+)\/manifests\/([^/]+)$/, run: (r, m) => handleManifest(r, m[2]) },
  { re: /^\/v2\/(.+)\/blobs\/uploads\/?$/, method: "POST", run: (r) => startUpload(r) },
  { re: /^\/v2\/(.+)\/blobs\/uploads\/([^/]+)$/, run: (r, m) => continueUpload(r, m[2]) },
  { re: /^\/v2\/(.+)\/blobs\/(sha256:[^/]+)$/, run: (r, m) => handleBlob(r, m[2]) }
];
async function handle(sim, req, res, url) {
  const path = decodeURIComponent(url.pathname);
  if (path === "/v2" || path === "/v2/") {
    authenticate(sim, req, void 0);
    send(res, 200, { "content-type": "application/json; charset=utf-8" }, "{}");
    return;
  }
  for (const route of ROUTES) {
    const m = route.re.exec(path);
    if (!m || route.method !== void 0 && route.method !== req.method) continue;
    const name = m[1];
    if (!presigned(sim, url, name)) authenticate(sim, req, name.split("/")[1]);
    const repo = repositoryFromName(sim, name);
    await route.run({ sim, req, res, url, name, repo }, m);
    return;
  }
  throw new RegistryError(404, "NOT_FOUND", `nothing is served at ${req.method ?? "GET"} ${path}`);
}
function registryRoute(sim) {
  return {
    prefix: "/v2",
    async handle(req, res, url) {
      try {
        await handle(sim, req, res, url);
      } catch (err) {
        if (!(err instanceof RegistryError)) throw err;
        req.resume();
        sendRegistryError(res, err);
      }
    }
  };
}

// packages/sim/src/core/seed-entries.ts
var LABEL_KEYS = ["name", "serviceName", "family", "repository", "clusterName", "host", "arn"];
function labelOf(entry) {
  if (typeof entry === "string") return entry;
  if (typeof entry !== "object" || entry === null) return void 0;
  for (const key of LABEL_KEYS) {
    const value = entry[key];
    if (typeof value === "string" && value !== "") return value;
  }
  return void 0;
}
function seedError(where, err) {
  if (err instanceof AwsError)
    return new AwsError(err.code, `${where}: ${err.message}`, err.status, err.type);
  const message = err instanceof Error ? err.message : String(err);
  return new AwsError("ValidationException", `${where}: ${message}`);
}
function seedEntries(key, data, apply) {
  if (!Array.isArray(data)) throw new AwsError("ValidationException", `seed.${key} must be an array`);
  return data.map((entry, index) => {
    try {
      return apply(entry, index);
    } catch (err) {
      const label = labelOf(entry);
      throw seedError(`seed.${key}[${index}]${label !== void 0 ? ` (${label})` : ""}`, err);
    }
  });
}
function seedValue(key, data, apply) {
  try {
    return apply(data);
  } catch (err) {
    throw seedError(`seed.${key}`, err);
  }
}

// packages/sim/src/ecr/seed.ts
function seedRepositories(data, sim) {
  seedEntries("repositories", data, (entry) => {
    if (typeof entry !== "object" || entry === null || typeof entry.name !== "string") {
      throw new AwsError("ValidationException", 'a repository needs a string "name"');
    }
    const seed = entry;
    const account = seed.account ?? DEFAULT_ACCOUNT;
    const region = seed.region ?? DEFAULT_REGION;
    const filters = seed.exclusions?.map(
      (f) => typeof f === "string" ? { filterType: "WILDCARD", filter: f } : f
    );
    const { mutability, exclusions } = validateMutability(seed.imageTagMutability, filters);
    const existing = findRepository(sim, account, region, seed.name);
    if (existing) {
      existing.mutability = mutability;
      existing.exclusions = exclusions;
      existing.scanOnPush = seed.scanOnPush ?? existing.scanOnPush;
      return;
    }
    createRepository(sim, {
      account,
      region,
      name: seed.name,
      mutability,
      exclusions,
      scanOnPush: seed.scanOnPush ?? false
    });
  });
}

// packages/sim/src/ecr/synthetic-image.ts
var import_node_crypto7 = require("node:crypto");
var import_node_zlib = require("node:zlib");

// packages/sim/src/ecr/tar.ts
var BLOCK = 512;
function octal(value, width) {
  return value.toString(8).padStart(width - 1, "0") + "\0";
}
function header(path, size) {
  const h = Buffer.alloc(BLOCK);
  let name = path;
  let prefix = "";
  if (Buffer.byteLength(name) > 100) {
    const cut = path.lastIndexOf("/", path.length - 1);
    prefix = path.slice(0, cut);
    name = path.slice(cut + 1);
    if (cut < 0 || Buffer.byteLength(name) > 100 || Buffer.byteLength(prefix) > 155) {
      throw new Error(`tar: path too long for ustar: ${path}`);
    }
  }
  h.write(name, 0, 100, "utf8");
  h.write(octal(420, 8), 100, "ascii");
  h.write(octal(0, 8), 108, "ascii");
  h.write(octal(0, 8), 116, "ascii");
  h.write(octal(size, 12), 124, "ascii");
  h.write(octal(0, 12), 136, "ascii");
  h.write("        ", 148, "ascii");
  h.write("0", 156, "ascii");
  h.write("ustar\0", 257, "ascii");
  h.write("00", 263, "ascii");
  h.write("root", 265, "ascii");
  h.write("root", 297, "ascii");
  h.write(prefix, 345, 155, "utf8");
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "ascii");
  return h;
}
function tarFiles(files) {
  const parts = [];
  for (const path of Object.keys(files).sort()) {
    const content = files[path];
    const data = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    parts.push(header(path.replace(/^\/+/, ""), data.length), data);
    const pad = (BLOCK - data.length % BLOCK) % BLOCK;
    if (pad > 0) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

// packages/sim/src/ecr/synthetic-image.ts
var DEFAULT_IMAGE_FILES = {
  "hello.txt": "hello from ecs-delivery\n"
};
var sha2562 = (bytes) => `sha256:${(0, import_node_crypto7.createHash)("sha256").update(bytes).digest("hex")}`;
function syntheticImage(options = {}) {
  const tar = tarFiles(options.files ?? DEFAULT_IMAGE_FILES);
  const layer = (0, import_node_zlib.gzipSync)(tar, { level: 9 });
  const config = Buffer.from(
    JSON.stringify({
      created: "1970-01-01T00:00:00Z",
      architecture: "amd64",
      os: "linux",
      config: options.config ?? {},
      rootfs: { type: "layers", diff_ids: [sha2562(tar)] },
      history: [{ created: "1970-01-01T00:00:00Z", created_by: "pushImage (ecs-delivery simulator)" }]
    })
  );
  const mediaType = MEDIA_TYPES.ociManifest;
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      config: { mediaType: MEDIA_TYPES.ociConfig, digest: sha2562(config), size: config.length },
      layers: [{ mediaType: MEDIA_TYPES.ociLayerGzip, digest: sha2562(layer), size: layer.length }]
    })
  );
  return { config, layer, manifest, mediaType, digest: sha2562(manifest) };
}

// packages/sim/src/ecr/seed-images.ts
var LABEL_KEY = "ecs-delivery.sim.label";
var ENTRY_KEYS = /* @__PURE__ */ new Set(["repository", "tags", "account", "region", "files", "label", "config"]);
var isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function invalid(message) {
  throw new AwsError("ValidationException", message);
}
function parseImageSeed(entry) {
  if (!isObject(entry)) invalid("an image must be an object");
  for (const key of Object.keys(entry)) {
    if (!ENTRY_KEYS.has(key)) invalid(`unknown key "${key}"; an image takes ${[...ENTRY_KEYS].join(", ")}`);
  }
  const { repository, tags, account, region, files, label, config } = entry;
  if (typeof repository !== "string" || repository === "") invalid('an image needs a string "repository"');
  for (const [key, value] of Object.entries({ account, region, label })) {
    if (value !== void 0 && typeof value !== "string") invalid(`"${key}" must be a string`);
  }
  if (tags !== void 0 && (!Array.isArray(tags) || !tags.every((t) => typeof t === "string"))) {
    invalid('"tags" must be a list of strings');
  }
  for (const tag of tags ?? []) {
    if (!TAG_RE.test(tag)) invalid(`"${tag}" is not a valid image tag`);
  }
  if (files !== void 0 && (!isObject(files) || !Object.values(files).every((f) => typeof f === "string"))) {
    invalid('"files" must map paths to string contents');
  }
  if (config !== void 0 && !isObject(config)) invalid('"config" must be an object');
  return {
    repository,
    ...tags !== void 0 ? { tags } : {},
    ...account !== void 0 ? { account } : {},
    ...region !== void 0 ? { region } : {},
    ...files !== void 0 ? { files } : {},
    ...label !== void 0 ? { label } : {},
    ...config !== void 0 ? { config } : {}
  };
}
function imageConfig(seed) {
  if (seed.label === void 0) return seed.config;
  const labels = isObject(seed.config?.Labels) ? seed.config.Labels : {};
  return { ...seed.config, Labels: { ...labels, [LABEL_KEY]: seed.label } };
}
function seedImages(data, sim) {
  return seedEntries("images", data, (entry) => {
    const seed = parseImageSeed(entry);
    const account = seed.account ?? DEFAULT_ACCOUNT;
    const region = seed.region ?? DEFAULT_REGION;
    const repo = findRepository(sim, account, region, seed.repository);
    if (!repo) {
      throw new AwsError(
        "RepositoryNotFoundException",
        `repository "${seed.repository}" does not exist in account ${account}, region ${region}; seed it under "repositories"`
      );
    }
    const config = imageConfig(seed);
    const image = syntheticImage({
      ...seed.files !== void 0 ? { files: seed.files } : {},
      ...config !== void 0 ? { config } : {}
    });
    const state = ecrState(sim);
    for (const blob of [image.config, image.layer]) {
      const digest = sha256(blob);
      if (!state.blobs.has(digest)) state.blobs.set(digest, blob);
      repo.blobs.add(digest);
    }
    const tags = seed.tags ?? [];
    const now = sim.clock.now();
    for (const tag of tags.length > 0 ? tags : [void 0]) {
      try {
        storeManifest(repo, image.manifest, image.mediaType, tag, now);
      } catch (err) {
        if (!(err instanceof ManifestRejected) || err.problem.kind !== "tag-immutable") throw err;
        throw new AwsError(
          "ImageTagAlreadyExistsException",
          `tag "${err.problem.tag}" already names ${err.problem.existingDigest} in the ${repo.mutability} repository "${repo.name}", not ${image.digest}`
        );
      }
    }
    return { repository: seed.repository, account, region, tags, digest: image.digest };
  });
}

// packages/sim/src/ecr/lookup.ts
var ECR_HOST = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/;
function simHosts(sim) {
  if (!sim.url) return [];
  const { host, port } = new URL(sim.url);
  return [host, `localhost:${port}`, `127.0.0.1:${port}`];
}
function splitNameTagDigest(rest) {
  const at = rest.indexOf("@");
  const digest = at >= 0 ? rest.slice(at + 1) : void 0;
  const nameTag = at >= 0 ? rest.slice(0, at) : rest;
  const colon = nameTag.lastIndexOf(":");
  const hasTag = colon > nameTag.lastIndexOf("/");
  return {
    name: hasTag ? nameTag.slice(0, colon) : nameTag,
    tag: hasTag ? nameTag.slice(colon + 1) : "latest",
    digest
  };
}
function parseEcrRef(sim, ref) {
  const slash = ref.indexOf("/");
  if (slash < 0) return void 0;
  const host = ref.slice(0, slash);
  const rest = ref.slice(slash + 1);
  let account;
  let region;
  let path;
  const ecr = ECR_HOST.exec(host);
  if (ecr) {
    [account, region, path] = [ecr[1], ecr[2], rest];
  } else if (simHosts(sim).includes(host)) {
    const m = /^(\d{12})\/([a-z0-9-]+)\/(.+)$/.exec(rest);
    if (!m) return void 0;
    [account, region, path] = [m[1], m[2], m[3]];
  } else {
    return void 0;
  }
  const { name, tag, digest } = splitNameTagDigest(path);
  const prefix = ref.slice(0, ref.length - path.length) + name;
  return {
    account,
    region,
    repositoryName: name,
    tag,
    digest,
    canonical: digest !== void 0 ? `${prefix}@${digest}` : `${prefix}:${tag}`
  };
}
function lookupImage(sim, ref) {
  const parsed = parseEcrRef(sim, ref);
  if (!parsed) return { kind: "external" };
  const notFound2 = {
    kind: "ecr",
    image: void 0,
    reason: `pull image manifest has been retried 5 time(s): failed to resolve ref ${parsed.canonical}: ${parsed.canonical}: not found`
  };
  const repo = findRepository(sim, parsed.account, parsed.region, parsed.repositoryName);
  if (!repo) return notFound2;
  const digest = parsed.digest ?? repo.tags.get(parsed.tag);
  if (digest === void 0 || !repo.images.has(digest)) return notFound2;
  return {
    kind: "ecr",
    image: {
      account: repo.account,
      region: repo.region,
      repositoryName: repo.name,
      digest,
      tags: tagsOf(repo, digest)
    }
  };
}

// packages/sim/src/ecr/index.ts
var ecrModule = {
  name: "ecr",
  install(sim) {
    sim.addService({
      name: "ecr",
      protocol: "json",
      targetPrefix: "AmazonEC2ContainerRegistry_V20150921",
      jsonVersion: "1.1",
      actions: { ...repositoryActions, ...imageActions, ...layerActions, ...scanActions }
    });
    sim.addRoute(registryRoute(sim));
    sim.onSeed("repositories", seedRepositories);
    sim.onSeed("images", seedImages);
  }
};

// packages/sim/src/ecs/model.ts
var import_node_crypto8 = require("node:crypto");
function ecsState(sim) {
  return sim.store("ecs", () => ({ regions: /* @__PURE__ */ new Map() }));
}
function regionOf(sim, account, region) {
  const state = ecsState(sim);
  const key = `${account}/${region}`;
  let r = state.regions.get(key);
  if (!r) {
    r = {
      account,
      region,
      clusters: /* @__PURE__ */ new Map(),
      families: /* @__PURE__ */ new Map(),
      serviceDeployments: /* @__PURE__ */ new Map(),
      serviceRevisions: /* @__PURE__ */ new Map(),
      clientTokens: /* @__PURE__ */ new Map(),
      modelTime: sim.clock.now()
    };
    state.regions.set(key, r);
  }
  return r;
}
var activeByRegion = /* @__PURE__ */ new WeakMap();
function activeTasks(r) {
  let set = activeByRegion.get(r);
  if (!set) {
    set = /* @__PURE__ */ new Set();
    for (const cluster of r.clusters.values()) {
      for (const task of cluster.tasks.values()) if (task.lastStatus !== "STOPPED") set.add(task);
    }
    activeByRegion.set(r, set);
  }
  return set;
}
var arnPrefix = (r) => `arn:aws:ecs:${r.region}:${r.account}`;
var newTaskId = () => (0, import_node_crypto8.randomBytes)(16).toString("hex");
function newDeploymentId() {
  let digits = String(1 + Math.floor(Math.random() * 9));
  while (digits.length < 19) digits += String(Math.floor(Math.random() * 10));
  return `ecs-svc/${digits}`;
}
var newShortId = () => (0, import_node_crypto8.randomBytes)(16).toString("base64url").slice(0, 22);
var newEventId = () => (0, import_node_crypto8.randomUUID)();
function tagsIn(list, fail2) {
  if (!list) return [];
  if (list.length > 50) fail2("Too many tags: a resource can have at most 50 tags.");
  return list.map((t) => {
    if (typeof t.key !== "string" || t.key.length < 1 || t.key.length > 128)
      fail2("Tag keys must be 1-128 characters.");
    const value = t.value ?? "";
    if (typeof value !== "string" || value.length > 256) fail2("Tag values must be at most 256 characters.");
    return { key: t.key, value };
  });
}
function mergeTags(existing, added) {
  const map = new Map(existing.map((t) => [t.key, t.value]));
  for (const t of added) map.set(t.key, t.value);
  return [...map].map(([key, value]) => ({ key, value }));
}
var toDate = (ms) => ms === void 0 ? void 0 : new Date(ms);

// packages/sim/src/ecs/resolve.ts
var regionFor = (ctx) => regionOf(ctx.sim, ctx.account, ctx.region);
function checkArnOwner(ref, owner) {
  if (!ref.startsWith("arn:")) return;
  const [, , , region, account] = ref.split(":");
  if (region !== owner.region) throw new AwsError("InvalidParameterException", "Invalid Region in ARN");
  if (account !== owner.account) {
    throw new AwsError(
      "InvalidParameterException",
      `Identifier is for ${account ?? ""}. Your accountId is ${owner.account}`
    );
  }
}
function ownerOf(cluster) {
  const [, , , region = "", account = ""] = cluster.arn.split(":");
  return { account, region };
}
function lastSegment(ref) {
  if (!ref.startsWith("arn:")) return ref;
  const resource = ref.split(":").slice(5).join(":");
  const parts = resource.split("/");
  return parts[parts.length - 1] ?? ref;
}
function findCluster(r, ref) {
  if (ref !== void 0) checkArnOwner(ref, r);
  const cluster = r.clusters.get(lastSegment(ref ?? "default"));
  return cluster && cluster.status === "ACTIVE" ? cluster : void 0;
}
function requireCluster(r, ref) {
  const cluster = findCluster(r, ref);
  if (!cluster) throw new AwsError("ClusterNotFoundException", "Cluster not found.");
  return cluster;
}
function checkInCluster(cluster, ref) {
  checkArnOwner(ref, ownerOf(cluster));
  if (!ref.startsWith("arn:")) return;
  const parts = ref.split(":").slice(5).join(":").split("/");
  if (parts.length === 3 && parts[1] !== cluster.name) {
    throw new AwsError(
      "InvalidParameterException",
      `Invalid identifier: Identifier is for cluster ${parts[1] ?? ""}. Your cluster is ${cluster.name}`
    );
  }
}
function findService(cluster, ref) {
  checkInCluster(cluster, ref);
  return cluster.services.get(lastSegment(ref));
}
function requireActiveService(cluster, ref) {
  const service = findService(cluster, ref);
  if (!service) throw new AwsError("ServiceNotFoundException", "Service not found.");
  if (service.status !== "ACTIVE") throw new AwsError("ServiceNotActiveException", "Service was not ACTIVE.");
  return service;
}
function findTask(cluster, ref) {
  checkInCluster(cluster, ref);
  return cluster.tasks.get(lastSegment(ref));
}
function findTaskDefinition(r, ref) {
  let spec = ref;
  checkArnOwner(ref, r);
  if (ref.startsWith("arn:")) {
    const m2 = /:task-definition\/(.+)$/.exec(ref);
    if (!m2) return void 0;
    spec = m2[1];
  }
  const m = /^([A-Za-z0-9_-]+)(?::(\d+))?$/.exec(spec);
  if (!m) return void 0;
  const revisions = r.families.get(m[1]);
  if (!revisions) return void 0;
  if (m[2] !== void 0) return revisions[Number(m[2]) - 1];
  return [...revisions].reverse().find((td) => td.status === "ACTIVE");
}
function requireTaskDefinition(r, ref) {
  const td = findTaskDefinition(r, ref);
  if (!td) throw new AwsError("ClientException", "Unable to describe task definition.");
  return td;
}
function requireUsableTaskDefinition(r, ref) {
  const td = findTaskDefinition(r, ref);
  if (!td) throw new AwsError("ClientException", "TaskDefinition not found.");
  if (td.status !== "ACTIVE") throw new AwsError("ClientException", "TaskDefinition is inactive");
  return td;
}

// packages/sim/src/ecs/views.ts
function countTasks(tasks, match) {
  let running = 0;
  let pending = 0;
  for (const task of tasks) {
    if (!match(task)) continue;
    if (task.lastStatus === "RUNNING") running++;
    else if (task.desiredStatus === "RUNNING" && (task.lastStatus === "PROVISIONING" || task.lastStatus === "PENDING")) {
      pending++;
    }
  }
  return { running, pending };
}
function clusterOut(cluster, include) {
  const { running, pending } = countTasks(cluster.tasks.values(), () => true);
  let active = 0;
  for (const svc of cluster.services.values()) if (svc.status === "ACTIVE") active++;
  return {
    clusterArn: cluster.arn,
    clusterName: cluster.name,
    status: cluster.status,
    registeredContainerInstancesCount: 0,
    runningTasksCount: running,
    pendingTasksCount: pending,
    activeServicesCount: active,
    statistics: [],
    tags: include.includes("TAGS") ? cluster.tags : [],
    settings: include.includes("SETTINGS") ? cluster.settings : void 0,
    capacityProviders: cluster.capacityProviders,
    defaultCapacityProviderStrategy: cluster.defaultCapacityProviderStrategy,
    configuration: include.includes("CONFIGURATIONS") ? cluster.configuration : void 0
  };
}
function deploymentOut(cluster, dep) {
  const { running, pending } = countTasks(cluster.tasks.values(), (t) => t.deploymentId === dep.id);
  return {
    id: dep.id,
    status: dep.status,
    taskDefinition: dep.taskDefinition,
    desiredCount: dep.desiredCount,
    pendingCount: pending,
    runningCount: running,
    failedTasks: dep.failedTasks,
    createdAt: toDate(dep.createdAt),
    updatedAt: toDate(dep.updatedAt),
    launchType: dep.launchType,
    capacityProviderStrategy: dep.capacityProviderStrategy,
    platformVersion: dep.platformVersion ?? (dep.launchType === "FARGATE" ? "LATEST" : void 0),
    platformFamily: dep.launchType === "FARGATE" ? "Linux" : void 0,
    networkConfiguration: dep.networkConfiguration,
    rolloutState: dep.rolloutState,
    rolloutStateReason: dep.rolloutStateReason
  };
}
function serviceOut(cluster, svc, withTags) {
  const { running, pending } = countTasks(cluster.tasks.values(), (t) => t.serviceName === svc.name);
  const primary = svc.deployments.find((d) => d.status === "PRIMARY");
  const revisions = /* @__PURE__ */ new Map();
  for (const dep of svc.deployments) {
    const counts = countTasks(cluster.tasks.values(), (t) => t.deploymentId === dep.id);
    const entry = revisions.get(dep.serviceRevisionArn) ?? { requested: 0, running: 0, pending: 0 };
    entry.requested += dep.status === "PRIMARY" ? dep.desiredCount : 0;
    entry.running += counts.running;
    entry.pending += counts.pending;
    revisions.set(dep.serviceRevisionArn, entry);
  }
  return {
    ...svc.settings,
    serviceArn: svc.arn,
    serviceName: svc.name,
    clusterArn: svc.clusterArn,
    status: svc.status,
    desiredCount: svc.desiredCount,
    runningCount: running,
    pendingCount: pending,
    taskDefinition: svc.taskDefinition,
    deploymentConfiguration: svc.deploymentConfiguration,
    deployments: svc.deployments.map((d) => deploymentOut(cluster, d)),
    events: svc.events.map((e) => ({ id: e.id, createdAt: toDate(e.createdAt), message: e.message })),
    createdAt: toDate(svc.createdAt),
    createdBy: svc.createdBy,
    currentServiceDeployment: primary?.serviceDeploymentArn,
    currentServiceRevisions: [...revisions].map(([arn, c]) => ({
      arn,
      requestedTaskCount: c.requested,
      runningTaskCount: c.running,
      pendingTaskCount: c.pending
    })),
    tags: withTags ? svc.tags : void 0
  };
}
function taskOut(task, withTags) {
  const octets = [parseInt(task.id.slice(0, 2), 16), parseInt(task.id.slice(2, 4), 16)];
  const ip = `10.0.${octets[0]}.${Math.max(1, octets[1] ?? 1)}`;
  const awsvpc = task.networkConfiguration !== void 0;
  const attachmentId = `${task.id.slice(0, 8)}-${task.id.slice(8, 12)}-${task.id.slice(12, 16)}-${task.id.slice(16, 20)}-${task.id.slice(20)}`;
  const vpc = task.networkConfiguration?.awsvpcConfiguration ?? {};
  const stopped = task.lastStatus === "STOPPED" || task.lastStatus === "DEPROVISIONING";
  return {
    attachments: awsvpc ? [
      {
        id: attachmentId,
        type: "ElasticNetworkInterface",
        status: stopped ? "DELETED" : task.lastStatus === "PROVISIONING" ? "PRECREATED" : "ATTACHED",
        details: [
          { name: "subnetId", value: vpc.subnets?.[0] ?? "subnet-00000000" },
          { name: "networkInterfaceId", value: `eni-${task.id.slice(0, 17)}` },
          { name: "privateIPv4Address", value: ip }
        ]
      }
    ] : [],
    attributes: [{ name: "ecs.cpu-architecture", value: "x86_64" }],
    availabilityZone: task.availabilityZone,
    capacityProviderName: task.capacityProviderName,
    clusterArn: task.clusterArn,
    connectivity: task.connectivityAt !== void 0 ? "CONNECTED" : void 0,
    connectivityAt: toDate(task.connectivityAt),
    containers: task.containers.map((c) => ({
      containerArn: `${task.arn.replace(":task/", ":container/")}/${c.name}`,
      taskArn: task.arn,
      name: c.name,
      image: c.image,
      imageDigest: c.imageDigest,
      runtimeId: task.startedAt !== void 0 ? `${task.id}-${c.name}` : void 0,
      lastStatus: c.lastStatus,
      exitCode: c.exitCode,
      reason: c.reason,
      networkBindings: [],
      networkInterfaces: awsvpc ? [{ attachmentId, privateIpv4Address: ip }] : [],
      healthStatus: c.healthStatus ?? "UNKNOWN",
      cpu: c.cpu ?? "0",
      memory: c.memory
    })),
    cpu: task.cpu,
    createdAt: toDate(task.createdAt),
    desiredStatus: task.desiredStatus,
    enableExecuteCommand: false,
    executionStoppedAt: toDate(task.executionStoppedAt),
    group: task.group,
    healthStatus: task.healthStatus,
    lastStatus: task.lastStatus,
    launchType: task.launchType,
    memory: task.memory,
    overrides: task.overrides,
    platformVersion: task.platformVersion,
    platformFamily: task.launchType === "FARGATE" ? "Linux" : void 0,
    pullStartedAt: toDate(task.pullStartedAt),
    pullStoppedAt: toDate(task.pullStoppedAt),
    startedAt: toDate(task.startedAt),
    startedBy: task.startedBy,
    stopCode: task.stopCode,
    stoppedAt: toDate(task.stoppedAt),
    stoppedReason: task.stoppedReason,
    stoppingAt: toDate(task.stoppingAt),
    tags: withTags ? task.tags : void 0,
    taskArn: task.arn,
    taskDefinitionArn: task.taskDefinitionArn,
    version: task.version,
    ephemeralStorage: { sizeInGiB: 20 }
  };
}
function revisionSummary(r, arn, requested) {
  const clusterArn = r.serviceRevisions.get(arn)?.clusterArn;
  const cluster = clusterArn ? r.clusters.get(clusterArn.slice(clusterArn.indexOf("/") + 1)) : void 0;
  const counts = cluster ? countTasks(cluster.tasks.values(), (t) => t.serviceRevisionArn === arn && t.desiredStatus === "RUNNING") : { running: 0, pending: 0 };
  return {
    arn,
    requestedTaskCount: requested,
    runningTaskCount: counts.running,
    pendingTaskCount: counts.pending
  };
}
function serviceDeploymentOut(r, sd, desired) {
  const inFlight = !["SUCCESSFUL", "ROLLBACK_SUCCESSFUL", "ROLLBACK_FAILED", "STOPPED"].includes(sd.status);
  return {
    serviceDeploymentArn: sd.arn,
    serviceArn: sd.serviceArn,
    clusterArn: sd.clusterArn,
    createdAt: toDate(sd.createdAt),
    startedAt: toDate(sd.startedAt),
    finishedAt: toDate(sd.finishedAt),
    stoppedAt: toDate(sd.stoppedAt),
    updatedAt: toDate(sd.updatedAt),
    sourceServiceRevisions: sd.sourceRevisionArns.map((arn) => revisionSummary(r, arn, 0)),
    targetServiceRevision: revisionSummary(
      r,
      sd.targetRevisionArn,
      inFlight || sd.status === "SUCCESSFUL" ? desired : 0
    ),
    status: sd.status,
    statusReason: sd.statusReason,
    deploymentConfiguration: sd.deploymentConfiguration,
    rollback: sd.rollback ? {
      reason: sd.rollback.reason,
      startedAt: toDate(sd.rollback.startedAt),
      serviceRevisionArn: sd.rollback.serviceRevisionArn
    } : void 0,
    deploymentCircuitBreaker: {
      status: sd.circuit.status,
      failureCount: sd.circuit.failureCount,
      threshold: sd.circuit.threshold
    }
  };
}
function serviceDeploymentBrief(sd) {
  return {
    serviceDeploymentArn: sd.arn,
    serviceArn: sd.serviceArn,
    clusterArn: sd.clusterArn,
    startedAt: toDate(sd.startedAt),
    createdAt: toDate(sd.createdAt),
    finishedAt: toDate(sd.finishedAt),
    targetServiceRevisionArn: sd.targetRevisionArn,
    status: sd.status,
    statusReason: sd.statusReason
  };
}

// packages/sim/src/ecs/api-clusters.ts
var NAME = /^[A-Za-z0-9_-]{1,255}$/;
function createCluster(r, name, options = {}) {
  const existing = r.clusters.get(name);
  if (existing && existing.status === "ACTIVE") return existing;
  const cluster = {
    name,
    arn: `${arnPrefix(r)}:cluster/${name}`,
    status: "ACTIVE",
    tags: options.tags ?? [],
    settings: options.settings ?? [{ name: "containerInsights", value: "disabled" }],
    capacityProviders: options.capacityProviders ?? [],
    defaultCapacityProviderStrategy: options.strategy ?? [],
    services: /* @__PURE__ */ new Map(),
    tasks: /* @__PURE__ */ new Map(),
    ...options.configuration ? { configuration: options.configuration } : {}
  };
  r.clusters.set(name, cluster);
  return cluster;
}
var CreateCluster = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const name = input.str("clusterName") ?? "default";
  if (!NAME.test(name)) {
    input.fail(
      "Cluster name can contain up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens."
    );
  }
  const configuration = input.object("configuration");
  const settings = input.objects("settings");
  const capacityProviders = input.strings("capacityProviders");
  const strategy = input.objects("defaultCapacityProviderStrategy");
  const cluster = createCluster(regionFor(ctx), name, {
    tags: tagsIn(input.objects("tags"), (m) => input.fail(m)),
    ...settings ? { settings } : {},
    ...capacityProviders ? { capacityProviders } : {},
    ...strategy ? { strategy } : {},
    ...configuration ? { configuration } : {}
  });
  return { cluster: clusterOut(cluster, ["TAGS", "SETTINGS", "CONFIGURATIONS"]) };
};
var DescribeClusters = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const r = regionFor(ctx);
  const include = input.strings("include") ?? [];
  const clusters = [];
  const failures = [];
  for (const ref of input.strings("clusters") ?? ["default"]) {
    checkArnOwner(ref, r);
    const cluster = r.clusters.get(lastSegment(ref));
    if (cluster) clusters.push(clusterOut(cluster, include));
    else
      failures.push({
        arn: ref.startsWith("arn:") ? ref : `${arnPrefix(r)}:cluster/${ref}`,
        reason: "MISSING"
      });
  }
  return { clusters, failures };
};
var ListClusters = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const arns = [...regionFor(ctx).clusters.values()].filter((c) => c.status === "ACTIVE").map((c) => c.arn).sort();
  const { page, nextToken } = input.page(arns, nextTokenPaging("maxResults", 100, 100));
  return { clusterArns: page, nextToken };
};
var DeleteCluster = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(regionFor(ctx), input.required("cluster"));
  if ([...cluster.services.values()].some((s) => s.status !== "INACTIVE")) {
    throw new AwsError(
      "ClusterContainsServicesException",
      "The Cluster cannot be deleted while Services are active."
    );
  }
  if ([...cluster.tasks.values()].some((t) => t.lastStatus !== "STOPPED")) {
    throw new AwsError(
      "ClusterContainsTasksException",
      "The Cluster cannot be deleted while Tasks are active."
    );
  }
  cluster.status = "INACTIVE";
  return { cluster: clusterOut(cluster, []) };
};
var clusterActions = {
  CreateCluster,
  DescribeClusters,
  ListClusters,
  DeleteCluster
};

// packages/sim/src/ecs/deployments.ts
var MAX_EVENTS = 100;
function addEvent(svc, t, message) {
  svc.events.unshift({ id: newEventId(), createdAt: t, message });
  if (svc.events.length > MAX_EVENTS) svc.events.length = MAX_EVENTS;
}
function normalizeDeploymentConfiguration(raw, previous) {
  const base = previous ?? {
    deploymentCircuitBreaker: { enable: false, rollback: false },
    maximumPercent: 200,
    minimumHealthyPercent: 100
  };
  if (!raw) return base;
  return { ...base, ...raw };
}
function circuitFor(config, desiredCount) {
  const cb = config.deploymentCircuitBreaker ?? {};
  const enabled = cb.enable === true;
  const tc = cb.thresholdConfiguration;
  let threshold = Math.min(200, Math.max(3, Math.ceil(0.5 * desiredCount)));
  if (tc && typeof tc.value === "number") {
    if (tc.type === "COUNT") threshold = Math.max(1, tc.value);
    else {
      const raw = Math.ceil(tc.value / 100 * desiredCount);
      threshold = tc.type === "UNBOUNDED_PERCENT" ? Math.max(1, raw) : Math.min(200, Math.max(3, raw));
    }
  }
  return {
    enabled,
    rollback: enabled && cb.rollback === true,
    resetOnHealthyTask: cb.resetOnHealthyTask !== false,
    threshold,
    failureCount: 0,
    status: enabled ? "MONITORING" : "DISABLED"
  };
}
function recordOf(r, dep) {
  return r.serviceDeployments.get(dep.serviceDeploymentArn);
}
var IN_FLIGHT = /* @__PURE__ */ new Set([
  "PENDING",
  "IN_PROGRESS",
  "ROLLBACK_REQUESTED",
  "ROLLBACK_IN_PROGRESS",
  "STOP_REQUESTED"
]);
function isInFlight(record2) {
  return IN_FLIGHT.has(record2.status);
}
function startDeployment(r, svc, t) {
  const prefix = arnPrefix(r);
  const revisionArn = `${prefix}:service-revision/${svc.clusterName}/${svc.name}/${newShortId()}`;
  const settings = svc.settings;
  r.serviceRevisions.set(revisionArn, {
    arn: revisionArn,
    serviceArn: svc.arn,
    clusterArn: svc.clusterArn,
    taskDefinition: svc.taskDefinition,
    createdAt: t,
    ...settings.launchType ? { launchType: settings.launchType } : {},
    ...settings.capacityProviderStrategy ? { capacityProviderStrategy: settings.capacityProviderStrategy } : {},
    ...settings.platformVersion ? { platformVersion: settings.platformVersion } : {},
    ...settings.networkConfiguration ? { networkConfiguration: settings.networkConfiguration } : {}
  });
  const sourceRevisionArns = [...new Set(svc.deployments.map((d) => d.serviceRevisionArn))];
  for (const d of svc.deployments) {
    d.status = "ACTIVE";
    const old = recordOf(r, d);
    if (old && isInFlight(old)) {
      old.status = "STOPPED";
      old.statusReason = "Service deployment was stopped because a new service deployment was started.";
      old.stoppedAt = t;
      old.updatedAt = t;
    }
  }
  const id = newDeploymentId();
  const sdArn = `${prefix}:service-deployment/${svc.clusterName}/${svc.name}/${newShortId()}`;
  const circuit = circuitFor(svc.deploymentConfiguration, svc.desiredCount);
  const dep = {
    id,
    status: "PRIMARY",
    taskDefinition: svc.taskDefinition,
    desiredCount: svc.desiredCount,
    failedTasks: 0,
    rolloutState: "IN_PROGRESS",
    rolloutStateReason: "ECS deployment " + id + " in progress.",
    createdAt: t,
    updatedAt: t,
    serviceDeploymentArn: sdArn,
    serviceRevisionArn: revisionArn,
    circuit,
    ...settings.launchType ? { launchType: settings.launchType } : {},
    ...settings.capacityProviderStrategy ? { capacityProviderStrategy: settings.capacityProviderStrategy } : {},
    ...settings.platformVersion ? { platformVersion: settings.platformVersion } : {},
    ...settings.networkConfiguration ? { networkConfiguration: settings.networkConfiguration } : {}
  };
  svc.deployments.unshift(dep);
  r.serviceDeployments.set(sdArn, {
    arn: sdArn,
    serviceArn: svc.arn,
    clusterArn: svc.clusterArn,
    serviceName: svc.name,
    clusterName: svc.clusterName,
    deploymentId: id,
    createdAt: t,
    updatedAt: t,
    sourceRevisionArns,
    targetRevisionArn: revisionArn,
    status: "PENDING",
    deploymentConfiguration: svc.deploymentConfiguration,
    circuit
  });
  svc.steady = false;
  svc.dirty = true;
  return dep;
}
function completeDeployment(r, svc, dep, t) {
  dep.rolloutState = "COMPLETED";
  dep.rolloutStateReason = `ECS deployment ${dep.id} completed.`;
  dep.updatedAt = t;
  if (dep.circuit.enabled) dep.circuit.status = "MONITORING_COMPLETE";
  for (const d of svc.deployments) if (d !== dep) d.status = "INACTIVE";
  svc.deployments = [dep];
  svc.lastCompleted = {
    deploymentId: dep.id,
    taskDefinition: dep.taskDefinition,
    serviceRevisionArn: dep.serviceRevisionArn
  };
  const record2 = recordOf(r, dep);
  if (record2 && isInFlight(record2)) {
    record2.status = dep.rollbackOf ? "ROLLBACK_SUCCESSFUL" : "SUCCESSFUL";
    record2.finishedAt = t;
    record2.updatedAt = t;
  }
  addEvent(svc, t, `(service ${svc.name}) has reached a steady state.`);
  addEvent(svc, t, `(service ${svc.name}) (deployment ${dep.id}) deployment completed.`);
  svc.steady = true;
}
function startRollback(r, svc, failed, record2, t, reason) {
  const target = svc.lastCompleted;
  if (!target || target.deploymentId === failed.id) return false;
  for (const d of svc.deployments) d.status = "ACTIVE";
  const id = newDeploymentId();
  const circuit = circuitFor(svc.deploymentConfiguration, svc.desiredCount);
  circuit.rollback = false;
  const dep = {
    ...failed,
    id,
    status: "PRIMARY",
    taskDefinition: target.taskDefinition,
    desiredCount: svc.desiredCount,
    failedTasks: 0,
    rolloutState: "IN_PROGRESS",
    rolloutStateReason: `ECS deployment ${id} in progress.`,
    createdAt: t,
    updatedAt: t,
    serviceRevisionArn: target.serviceRevisionArn,
    circuit,
    rollbackOf: failed.id
  };
  svc.deployments.unshift(dep);
  svc.taskDefinition = target.taskDefinition;
  record2.status = "ROLLBACK_IN_PROGRESS";
  record2.rollback = { reason, startedAt: t, serviceRevisionArn: target.serviceRevisionArn };
  record2.rollbackDeploymentId = id;
  record2.updatedAt = t;
  addEvent(svc, t, `(service ${svc.name}) rolling back to deployment ${target.deploymentId}.`);
  svc.steady = false;
  svc.dirty = true;
  return true;
}
function tripCircuitBreaker(r, svc, dep, t) {
  dep.rolloutState = "FAILED";
  dep.rolloutStateReason = "ECS deployment circuit breaker: tasks failed to start.";
  dep.updatedAt = t;
  dep.circuit.status = "TRIGGERED";
  addEvent(svc, t, `(service ${svc.name}) (deployment ${dep.id}) deployment failed: tasks failed to start.`);
  const record2 = recordOf(r, dep);
  if (!record2 || !isInFlight(record2)) return;
  record2.updatedAt = t;
  if (dep.rollbackOf) {
    record2.status = "ROLLBACK_FAILED";
    record2.statusReason = "The rollback failed: the circuit breaker threshold was exceeded.";
    record2.finishedAt = t;
    return;
  }
  record2.statusReason = "Service deployment failed because the circuit breaker threshold was exceeded.";
  const rolled = dep.circuit.rollback && startRollback(
    r,
    svc,
    dep,
    record2,
    t,
    "Service deployment rolled back because the circuit breaker threshold was exceeded."
  );
  if (!rolled) {
    record2.status = "STOPPED";
    record2.stoppedAt = t;
  }
}

// packages/sim/src/ecs/image-reference.ts
var ALLOWED = /^[A-Za-z0-9_.:/#@-]+$/;
var DIGEST2 = /^sha256:[A-Fa-f0-9]{64}$/;
var MAX_LENGTH = 255;
function clientError(message) {
  throw new AwsError("ClientException", message);
}
function split(image) {
  const at = image.indexOf("@");
  return at < 0 ? { nameTag: image, digest: void 0 } : { nameTag: image.slice(0, at), digest: image.slice(at + 1) };
}
function nameAndTag(nameTag) {
  const colon = nameTag.lastIndexOf(":");
  if (colon <= nameTag.lastIndexOf("/")) return { name: nameTag, tag: void 0 };
  return { name: nameTag.slice(0, colon), tag: nameTag.slice(colon + 1) };
}
function checkImageReference(image) {
  const { nameTag, digest } = split(image);
  if (nameTag.length > MAX_LENGTH) clientError("Container.image should be 255 characters or less");
  const invalid5 = () => clientError("Container.image contains invalid characters.");
  if (!ALLOWED.test(image)) invalid5();
  if (digest !== void 0 && !DIGEST2.test(digest)) invalid5();
  const { name, tag } = nameAndTag(nameTag);
  if (tag === "" || name === "" || name.split("/").some((part) => part === "")) invalid5();
}
function unparsableReference(image) {
  const { name } = nameAndTag(split(image).nameTag);
  const parts = name.split("/");
  const first = parts[0] ?? "";
  const path = parts.length > 1 && (/[.:]/.test(first) || first === "localhost") ? parts.slice(1) : parts;
  return path.some((part) => part !== part.toLowerCase()) ? "invalid reference format: repository name must be lowercase" : void 0;
}

// packages/sim/src/ecs/task-lifecycle.ts
var PROVISIONING_MS = 3e3;
var PENDING_MS = 1e4;
var DEPROVISIONING_MS = 3e3;
var STABLE_MS = 1e4;
function pullFailure(image, reason) {
  const detail = reason ?? `pull image manifest has been retried 5 time(s): failed to resolve ref ${image}: ${image}: not found`;
  return `CannotPullContainerError: ${detail}`;
}
function resolveImage2(sim, image) {
  const unparsable = unparsableReference(image);
  if (unparsable !== void 0) return { refs: [image], failure: `CannotPullContainerError: ${unparsable}` };
  const found = lookupImage(sim, image);
  if (found.kind === "external") return { refs: [image] };
  if (!found.image) return { refs: [image], failure: pullFailure(image, found.reason) };
  const img = found.image;
  const uri = sim.url ? `${sim.host}/${img.account}/${img.region}/${img.repositoryName}` : img.repositoryName;
  return {
    refs: [image, ...img.tags.map((t) => `${uri}:${t}`), `${uri}@${img.digest}`],
    digest: img.digest
  };
}
function containerOf(sim, r, def, overrides) {
  const image = String(def.image);
  const resolved = resolveImage2(sim, image);
  const command = overrides?.command ?? def.command;
  const behaviour = sim.scenario.taskBehaviour(resolved.refs, command?.join(" "));
  const hc = def.healthCheck;
  const log = def.logConfiguration;
  const options = log?.options ?? {};
  const container = {
    name: String(def.name),
    image,
    essential: def.essential !== false,
    lastStatus: "PENDING",
    behaviour,
    ...resolved.digest ? { imageDigest: resolved.digest } : {},
    ...def.cpu !== void 0 ? { cpu: String(def.cpu) } : {},
    ...def.memory !== void 0 ? { memory: String(def.memory) } : {}
  };
  if (hc || behaviour.healthCheck === "fail") {
    container.healthCheck = {
      intervalMs: (hc?.interval ?? 30) * 1e3,
      retries: hc?.retries ?? 3,
      startPeriodMs: (hc?.startPeriod ?? 0) * 1e3
    };
    container.healthStatus = "UNKNOWN";
  }
  if (log?.logDriver === "awslogs" && options["awslogs-group"]) {
    container.logs = {
      group: options["awslogs-group"],
      region: options["awslogs-region"] ?? r.region,
      // The stream name is filled in once the task id is known.
      stream: options["awslogs-stream-prefix"] ?? "",
      createGroup: options["awslogs-create-group"] === "true"
    };
  }
  const failure2 = resolved.failure ?? behaviour.failToStart;
  return failure2 !== void 0 ? { container, failure: failure2 } : { container };
}
function createTask(sim, r, cluster, td, spec, now) {
  const id = newTaskId();
  const overrides = spec.overrides.containerOverrides ?? [];
  let failToStart;
  const containers = (td.body.containerDefinitions ?? []).map((def) => {
    const result = containerOf(
      sim,
      r,
      def,
      overrides.find((o) => o.name === def.name)
    );
    failToStart ??= result.failure;
    const logs = result.container.logs;
    if (logs) logs.stream = logs.stream ? `${logs.stream}/${result.container.name}/${id}` : id;
    return result.container;
  });
  const slow = containers.filter((c) => c.behaviour.startSeconds !== void 0);
  const startMs = slow.length > 0 ? Math.max(...slow.map((c) => c.behaviour.startSeconds * 1e3)) : PENDING_MS;
  const byteSum = [...id].reduce((s, ch) => s + ch.charCodeAt(0), 0);
  const task = {
    id,
    arn: `${arnPrefix(r)}:task/${cluster.name}/${id}`,
    clusterName: cluster.name,
    clusterArn: cluster.arn,
    taskDefinitionArn: td.arn,
    family: td.family,
    group: spec.group,
    launchType: spec.launchType,
    overrides: spec.overrides,
    tags: spec.tags,
    lastStatus: "PROVISIONING",
    desiredStatus: "RUNNING",
    healthStatus: "UNKNOWN",
    containers,
    createdAt: now,
    pendingAt: now + PROVISIONING_MS,
    runAt: now + PROVISIONING_MS + startMs,
    stable: false,
    version: 1,
    availabilityZone: `${r.region}${"abc"[byteSum % 3]}`,
    ...failToStart !== void 0 ? { failToStart } : {},
    ...spec.startedBy !== void 0 ? { startedBy: spec.startedBy } : {},
    ...spec.serviceName !== void 0 ? { serviceName: spec.serviceName } : {},
    ...spec.deploymentId !== void 0 ? { deploymentId: spec.deploymentId } : {},
    ...spec.serviceRevisionArn !== void 0 ? { serviceRevisionArn: spec.serviceRevisionArn } : {},
    ...spec.capacityProviderName !== void 0 ? { capacityProviderName: spec.capacityProviderName } : {},
    ...spec.platformVersion !== void 0 ? { platformVersion: spec.platformVersion } : {},
    ...spec.networkConfiguration !== void 0 ? { networkConfiguration: spec.networkConfiguration } : {},
    ...typeof td.body.cpu === "string" ? { cpu: td.body.cpu } : {},
    ...typeof td.body.memory === "string" ? { memory: td.body.memory } : {}
  };
  cluster.tasks.set(id, task);
  activeTasks(r).add(task);
  return task;
}
function startTaskRunning(sim, task, now) {
  task.createdAt = now - PROVISIONING_MS - PENDING_MS;
  task.pendingAt = now - PENDING_MS;
  task.runAt = now;
  delete task.failToStart;
  task.lastStatus = "PENDING";
  toRunning(sim, task, now, []);
  task.stable = true;
}
function nextEventAt(task) {
  switch (task.lastStatus) {
    case "PROVISIONING":
      return task.pendingAt;
    case "PENDING":
      return task.runAt;
    case "RUNNING": {
      let next = Infinity;
      for (const c of task.containers) {
        if (c.lastStatus !== "RUNNING") continue;
        if (c.exitAt !== void 0) next = Math.min(next, c.exitAt);
        if (c.healthStatus === "UNKNOWN")
          next = Math.min(next, c.healthyAt ?? Infinity, c.unhealthyAt ?? Infinity);
      }
      if (!task.stable && task.healthySince !== void 0)
        next = Math.min(next, task.healthySince + STABLE_MS);
      if (task.recheckAt !== void 0) next = Math.min(next, task.recheckAt);
      return next;
    }
    case "DEPROVISIONING":
      return (task.stoppingAt ?? 0) + DEPROVISIONING_MS;
    default:
      return Infinity;
  }
}
function healthChecked(task) {
  const essential = task.containers.filter((c) => c.essential && c.healthCheck);
  return essential.length > 0 ? essential : task.containers.filter((c) => c.healthCheck);
}
function taskHealth(task) {
  const checked = healthChecked(task);
  if (checked.length === 0) return "UNKNOWN";
  if (checked.some((c) => c.healthStatus === "UNHEALTHY")) return "UNHEALTHY";
  return checked.every((c) => c.healthStatus === "HEALTHY") ? "HEALTHY" : "UNKNOWN";
}
function countsHealthy(task) {
  if (task.lastStatus !== "RUNNING" || task.desiredStatus !== "RUNNING") return false;
  return healthChecked(task).length === 0 || task.healthStatus === "HEALTHY";
}
function refreshHealth(task, t) {
  task.healthStatus = taskHealth(task);
  if (countsHealthy(task)) task.healthySince ??= t;
  else delete task.healthySince;
}
function stopTask(task, t, stopCode, reason, signals, failure2) {
  if (task.desiredStatus === "STOPPED" && task.stoppingAt !== void 0) return;
  const wasStarted = task.lastStatus === "RUNNING";
  task.desiredStatus = "STOPPED";
  task.lastStatus = "DEPROVISIONING";
  task.stoppingAt = t;
  task.executionStoppedAt = t;
  task.stopCode = stopCode;
  task.stoppedReason = reason;
  delete task.healthySince;
  for (const c of task.containers) {
    if (c.lastStatus === "STOPPED") continue;
    c.lastStatus = "STOPPED";
    if (wasStarted) c.exitCode ??= 0;
    else if (stopCode === "TaskFailedToStart") c.reason = reason;
  }
  task.version++;
  signals.push({ kind: "stopping", task, failure: failure2 });
}
function writeLogs(sim, task, account, t) {
  for (const c of task.containers) {
    if (!c.logs) continue;
    sim.logSink.append({
      account,
      region: c.logs.region,
      logGroupName: c.logs.group,
      logStreamName: c.logs.stream,
      events: (c.behaviour.logs ?? []).map((message, i) => ({ timestamp: t + i, message })),
      now: t,
      createGroup: c.logs.createGroup
    });
  }
}
function toRunning(sim, task, t, signals) {
  const account = task.arn.split(":")[4] ?? "";
  const missing = task.containers.find(
    (c) => c.logs && !c.logs.createGroup && !sim.logSink.groupExists(account, c.logs.region, c.logs.group)
  );
  task.pullStoppedAt = t;
  if (missing) {
    stopTask(
      task,
      t,
      "TaskFailedToStart",
      "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1",
      signals,
      true
    );
    return;
  }
  task.lastStatus = "RUNNING";
  task.startedAt = t;
  for (const c of task.containers) {
    c.lastStatus = "RUNNING";
    const b = c.behaviour;
    if (b.exitCode !== void 0) c.exitAt = t + (b.afterSeconds ?? 0) * 1e3;
    const hc = c.healthCheck;
    if (hc) {
      if (b.healthCheck === "fail") {
        const firstCounted = Math.max(1, Math.floor(hc.startPeriodMs / hc.intervalMs) + 1);
        c.unhealthyAt = t + (firstCounted + hc.retries - 1) * hc.intervalMs;
      } else c.healthyAt = t + hc.intervalMs;
    }
  }
  writeLogs(sim, task, account, t);
  refreshHealth(task, t);
  task.version++;
  signals.push({ kind: "changed", task });
}
function stepTask(sim, task, t, signals) {
  if (task.lastStatus === "PROVISIONING" && task.pendingAt <= t) {
    task.lastStatus = "PENDING";
    task.pullStartedAt = task.pendingAt;
    task.connectivityAt = task.pendingAt;
    task.version++;
    signals.push({ kind: "changed", task });
  }
  if (task.lastStatus === "PENDING" && task.runAt <= t) {
    if (task.failToStart !== void 0) {
      task.pullStoppedAt = t;
      stopTask(task, t, "TaskFailedToStart", task.failToStart, signals, true);
    } else toRunning(sim, task, t, signals);
  }
  if (task.lastStatus === "RUNNING") {
    for (const c of task.containers) {
      if (c.lastStatus !== "RUNNING") continue;
      if (c.healthStatus === "UNKNOWN" && c.healthyAt !== void 0 && c.healthyAt <= t)
        c.healthStatus = "HEALTHY";
      if (c.healthStatus === "UNKNOWN" && c.unhealthyAt !== void 0 && c.unhealthyAt <= t) {
        c.healthStatus = "UNHEALTHY";
      }
      if (c.exitAt !== void 0 && c.exitAt <= t) {
        c.lastStatus = "STOPPED";
        c.exitCode = c.behaviour.exitCode ?? 0;
        if (c.essential) {
          stopTask(task, t, "EssentialContainerExited", "Essential container in task exited", signals, true);
          return;
        }
      }
    }
    if (task.recheckAt !== void 0 && task.recheckAt <= t) {
      delete task.recheckAt;
      if (task.healthStatus === "UNHEALTHY") signals.push({ kind: "unhealthy", task });
    }
    const before = task.healthStatus;
    refreshHealth(task, t);
    if (task.healthStatus !== before) {
      task.version++;
      signals.push(
        task.healthStatus === "UNHEALTHY" ? { kind: "unhealthy", task } : { kind: "changed", task }
      );
    }
    if (!task.stable && task.healthySince !== void 0 && task.healthySince + STABLE_MS <= t) {
      task.stable = true;
      signals.push({ kind: "stable", task });
    }
  }
  if (task.lastStatus === "DEPROVISIONING" && (task.stoppingAt ?? 0) + DEPROVISIONING_MS <= t) {
    task.lastStatus = "STOPPED";
    task.stoppedAt = t;
    task.version++;
    signals.push({ kind: "changed", task });
  }
}

// packages/sim/src/ecs/launch.ts
function launchFor(settings, td, cluster) {
  const strategy = settings.capacityProviderStrategy ?? cluster.defaultCapacityProviderStrategy;
  const explicit = settings.launchType;
  let launchType = explicit;
  let capacityProviderName;
  if (!explicit && strategy.length > 0) {
    const first = [...strategy].sort((a, b) => Number(b.base ?? 0) - Number(a.base ?? 0))[0];
    capacityProviderName = typeof first?.capacityProvider === "string" ? first.capacityProvider : void 0;
    launchType = capacityProviderName?.startsWith("FARGATE") ? "FARGATE" : "EC2";
  }
  if (!launchType) {
    const requires = td.body.requiresCompatibilities ?? [];
    launchType = requires.includes("FARGATE") && !requires.includes("EC2") ? "FARGATE" : "EC2";
  }
  const platformVersion = launchType === "FARGATE" ? "1.4.0" : void 0;
  return {
    launchType,
    ...capacityProviderName ? { capacityProviderName } : {},
    ...platformVersion ? { platformVersion } : {}
  };
}

// packages/sim/src/ecs/scheduler.ts
function percent(config, key, fallback) {
  const v = config[key];
  return typeof v === "number" ? v : fallback;
}
function serviceTasks(r, svc) {
  const out = [];
  for (const task of activeTasks(r)) {
    if (task.serviceName === svc.name && task.clusterName === svc.clusterName) out.push(task);
  }
  return out;
}
function launch(sim, r, cluster, svc, dep, count, t) {
  const td = findTaskDefinition(r, dep.taskDefinition);
  if (!td || count <= 0) return;
  const placement = launchFor(svc.settings, td, cluster);
  const propagate = svc.settings.propagateTags;
  const tags = propagate === "SERVICE" ? svc.tags : propagate === "TASK_DEFINITION" ? td.tags : [];
  const ids = [];
  for (let i = 0; i < count; i++) {
    const task = createTask(sim, r, cluster, td, serviceTask(svc, dep, placement, tags), t);
    ids.push(task.id);
  }
  addEvent(
    svc,
    t,
    `(service ${svc.name}) has started ${count} tasks: ${ids.map((id) => `(task ${id})`).join(" ")}.`
  );
}
function serviceTask(svc, dep, placement, tags) {
  return {
    startedBy: dep.id,
    group: `service:${svc.name}`,
    serviceName: svc.name,
    deploymentId: dep.id,
    serviceRevisionArn: dep.serviceRevisionArn,
    ...placement,
    overrides: { containerOverrides: [], inferenceAcceleratorOverrides: [] },
    tags,
    ...dep.networkConfiguration ? { networkConfiguration: dep.networkConfiguration } : {}
  };
}
function stopForScheduler(svc, tasks, reason, t, signals) {
  if (tasks.length === 0) return;
  for (const task of tasks) stopTask(task, t, "ServiceSchedulerInitiated", reason, signals, false);
  const ids = tasks.map((task) => `(task ${task.id})`).join(" ");
  addEvent(svc, t, `(service ${svc.name}) has stopped ${tasks.length} running tasks: ${ids}.`);
}
function reconcile(sim, r, cluster, svc, t, signals) {
  if (svc.status === "INACTIVE") return;
  const all = serviceTasks(r, svc);
  const live = all.filter((task) => task.desiredStatus === "RUNNING");
  if (svc.status === "DRAINING") {
    stopForScheduler(svc, live, `Service ${svc.name} is being deleted.`, t, signals);
    if (all.every((task) => task.lastStatus === "STOPPED")) {
      svc.status = "INACTIVE";
      for (const d of svc.deployments) d.status = "INACTIVE";
    }
    return;
  }
  const primary = svc.deployments.find((d) => d.status === "PRIMARY");
  if (!primary) return;
  const record2 = r.serviceDeployments.get(primary.serviceDeploymentArn);
  if (record2?.status === "PENDING") {
    record2.status = "IN_PROGRESS";
    record2.startedAt = t;
    record2.updatedAt = t;
  }
  if (primary.rolloutState === "FAILED") return;
  const desired = svc.desiredCount;
  primary.desiredCount = desired;
  const config = svc.deploymentConfiguration;
  const maxTotal = Math.floor(desired * percent(config, "maximumPercent", 200) / 100);
  const minHealthy = Math.ceil(desired * percent(config, "minimumHealthyPercent", 100) / 100);
  const reason = `Scaling activity initiated by (deployment ${primary.id})`;
  const isPrimary = (task) => task.deploymentId === primary.id;
  const old = live.filter((task) => !isPrimary(task));
  const stops = old.filter((task) => !countsHealthy(task));
  let healthy = live.filter(countsHealthy).length;
  for (const task of old.filter(countsHealthy).sort((a, b) => a.createdAt - b.createdAt)) {
    if (healthy - 1 < minHealthy) break;
    stops.push(task);
    healthy--;
  }
  const mine = live.filter(isPrimary).sort((a, b) => Number(countsHealthy(a)) - Number(countsHealthy(b)) || b.createdAt - a.createdAt);
  const excess = mine.slice(0, Math.max(0, mine.length - desired));
  stops.push(...excess);
  stopForScheduler(svc, stops, reason, t, signals);
  const remaining = live.length - stops.length;
  const mineLeft = mine.length - excess.length;
  launch(sim, r, cluster, svc, primary, Math.min(desired - mineLeft, maxTotal - remaining), t);
  const stillLive = serviceTasks(r, svc).filter((task) => task.desiredStatus === "RUNNING");
  const othersLive = stillLive.some((task) => !isPrimary(task));
  const mineLive = stillLive.filter(isPrimary);
  const stable = mineLive.filter((task) => countsHealthy(task) && task.stable).length;
  const settled = !othersLive && mineLive.length === desired && stable === desired;
  if (!settled) {
    svc.steady = false;
    return;
  }
  if (primary.rolloutState === "IN_PROGRESS") completeDeployment(r, svc, primary, t);
  else if (!svc.steady) {
    addEvent(svc, t, `(service ${svc.name}) has reached a steady state.`);
    svc.steady = true;
  }
}
function handleSignals(r, signals, t) {
  for (let i = 0; i < signals.length; i++) {
    const signal = signals[i];
    const task = signal.task;
    if (!task.serviceName) continue;
    const svc = r.clusters.get(task.clusterName)?.services.get(task.serviceName);
    if (!svc) continue;
    svc.dirty = true;
    const dep = svc.deployments.find((d) => d.id === task.deploymentId);
    const graceEnds = (task.startedAt ?? 0) + Number(svc.settings.healthCheckGracePeriodSeconds ?? 0) * 1e3;
    if (signal.kind === "unhealthy" && task.desiredStatus === "RUNNING" && graceEnds > t) {
      task.recheckAt = graceEnds;
    } else if (signal.kind === "unhealthy" && task.desiredStatus === "RUNNING" && svc.status === "ACTIVE") {
      addEvent(svc, t, `(service ${svc.name}) (task ${task.id}) failed container health checks.`);
      stopTask(task, t, "ServiceSchedulerInitiated", "Task failed container health checks", signals, true);
    }
    if (!dep || dep.rolloutState !== "IN_PROGRESS") continue;
    if (signal.kind === "stopping" && signal.failure) {
      dep.failedTasks++;
      dep.updatedAt = t;
      if (dep.circuit.enabled) {
        dep.circuit.failureCount++;
        if (dep.circuit.failureCount >= dep.circuit.threshold) tripCircuitBreaker(r, svc, dep, t);
      }
    }
    if (signal.kind === "stable" && dep.circuit.resetOnHealthyTask) {
      dep.circuit.failureCount = 0;
      dep.failedTasks = 0;
    }
  }
}

// packages/sim/src/ecs/engine.ts
var STOPPED_RETENTION_MS = 36e5;
var MAX_STEPS = 2e5;
function reconcileDirty(sim, r, t) {
  for (let round = 0; round < 10; round++) {
    const signals = [];
    let any = false;
    for (const cluster of r.clusters.values()) {
      for (const svc of cluster.services.values()) {
        if (!svc.dirty) continue;
        svc.dirty = false;
        any = true;
        reconcile(sim, r, cluster, svc, t, signals);
      }
    }
    if (!any) return;
    handleSignals(r, signals, t);
  }
}
function nextEvent(r) {
  let next = Infinity;
  for (const task of activeTasks(r)) {
    const at = nextEventAt(task);
    if (at < next) next = at;
  }
  return next;
}
function advanceRegion(sim, r, now) {
  let t = Math.min(r.modelTime, now);
  for (let steps = 0; steps < MAX_STEPS; steps++) {
    reconcileDirty(sim, r, t);
    const next = nextEvent(r);
    if (next > now) break;
    t = Math.max(t, next);
    const signals = [];
    const active = activeTasks(r);
    for (const task of active) {
      if (nextEventAt(task) <= t) stepTask(sim, task, t, signals);
      if (task.lastStatus === "STOPPED") active.delete(task);
    }
    handleSignals(r, signals, t);
  }
  r.modelTime = Math.max(r.modelTime, now);
  for (const cluster of r.clusters.values()) {
    for (const [id, task] of cluster.tasks) {
      if (task.stoppedAt !== void 0 && task.stoppedAt < now - STOPPED_RETENTION_MS)
        cluster.tasks.delete(id);
    }
  }
}
function advanceEcs(sim, now) {
  for (const r of ecsState(sim).regions.values()) advanceRegion(sim, r, now);
}

// packages/sim/src/ecs/api-services.ts
var NAME2 = /^[A-Za-z0-9_-]{1,255}$/;
function invalid2(message) {
  throw new AwsError("InvalidParameterException", message);
}
var MAX_DESIRED_COUNT = 5e3;
function desiredCountOf(input) {
  const count = input.int("desiredCount", 0);
  if (count !== void 0 && count > MAX_DESIRED_COUNT) invalid2("Desired count exceeds limit.");
  return count;
}
function checkPlacement(td, launchType, networkConfiguration) {
  const compat = td.body.compatibilities ?? [];
  if (launchType === "FARGATE" && !compat.includes("FARGATE"))
    invalid2("Task definition does not support launch_type FARGATE.");
  if (td.body.networkMode === "awsvpc") {
    const vpc = networkConfiguration?.awsvpcConfiguration;
    if (!vpc) invalid2("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
    if (!Array.isArray(vpc.subnets) || vpc.subnets.length === 0) invalid2("subnets can not be empty.");
  }
}
function checkDeploymentConfiguration(config) {
  const max = config.maximumPercent;
  const min = config.minimumHealthyPercent;
  if (typeof min === "number" && (min < 0 || min > 100))
    invalid2("minimumHealthyPercent must be between 0 and 100.");
  if (typeof max === "number" && max < 100 && typeof min === "number" && min >= max) {
    invalid2("maximumPercent must be greater than minimumHealthyPercent.");
  }
}
function settingsFrom(input, previous) {
  const keys = [
    "launchType",
    "capacityProviderStrategy",
    "platformVersion",
    "networkConfiguration",
    "loadBalancers",
    "serviceRegistries",
    "healthCheckGracePeriodSeconds",
    "schedulingStrategy",
    "deploymentController",
    "propagateTags",
    "enableECSManagedTags",
    "enableExecuteCommand",
    "placementConstraints",
    "placementStrategy",
    "availabilityZoneRebalancing"
  ];
  const base = previous ?? {
    loadBalancers: [],
    serviceRegistries: [],
    schedulingStrategy: "REPLICA",
    deploymentController: { type: "ECS" },
    propagateTags: "NONE",
    enableECSManagedTags: false,
    enableExecuteCommand: false,
    placementConstraints: [],
    placementStrategy: []
  };
  const out = { ...base };
  for (const key of keys) if (input.has(key)) out[key] = input.raw[key];
  if (out.launchType === "FARGATE") {
    out.platformVersion ??= "LATEST";
    out.platformFamily = "Linux";
  }
  return out;
}
function createService(r, cluster, input, now, createdBy) {
  const name = input.required("serviceName");
  if (!NAME2.test(name))
    invalid2("Service name can contain up to 255 letters, numbers, hyphens and underscores.");
  const td = requireUsableTaskDefinition(r, input.required("taskDefinition"));
  const strategy = input.str("schedulingStrategy") ?? "REPLICA";
  const desiredCount = desiredCountOf(input) ?? (strategy === "DAEMON" ? 1 : void 0);
  if (desiredCount === void 0) invalid2("desiredCount is required when schedulingStrategy is REPLICA.");
  if (input.has("launchType") && input.has("capacityProviderStrategy")) {
    invalid2(
      "Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again."
    );
  }
  const existing = cluster.services.get(name);
  if (existing?.status === "DRAINING") invalid2("Unable to Start a service that is still Draining.");
  if (existing?.status === "ACTIVE") {
    if (existing.taskDefinition === td.arn && existing.desiredCount === desiredCount) return existing;
    invalid2("Creation of service was not idempotent.");
  }
  const settings = settingsFrom(input, void 0);
  checkPlacement(
    td,
    settings.launchType,
    settings.networkConfiguration
  );
  const deploymentConfiguration = normalizeDeploymentConfiguration(input.object("deploymentConfiguration"));
  checkDeploymentConfiguration(deploymentConfiguration);
  const svc = {
    name,
    arn: `${arnPrefix(r)}:service/${cluster.name}/${name}`,
    clusterName: cluster.name,
    clusterArn: cluster.arn,
    status: "ACTIVE",
    desiredCount,
    taskDefinition: td.arn,
    settings,
    deploymentConfiguration,
    deployments: [],
    events: [],
    createdAt: now,
    tags: tagsIn(input.objects("tags"), invalid2),
    dirty: true,
    steady: false,
    ...createdBy ? { createdBy } : {}
  };
  cluster.services.set(name, svc);
  startDeployment(r, svc, now);
  return svc;
}
var CreateService = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str("cluster"));
  const svc = createService(r, cluster, input, ctx.now, ctx.principal?.arn);
  return { service: serviceOut(cluster, svc, true) };
};
var UpdateService = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str("cluster"));
  const svc = requireActiveService(cluster, input.required("service"));
  const tdRef = input.str("taskDefinition");
  const td = tdRef !== void 0 ? requireUsableTaskDefinition(r, tdRef) : void 0;
  const desiredCount = desiredCountOf(input);
  const before = JSON.stringify([
    svc.settings.networkConfiguration,
    svc.settings.platformVersion,
    svc.settings.capacityProviderStrategy
  ]);
  const settings = settingsFrom(input, svc.settings);
  const after = JSON.stringify([
    settings.networkConfiguration,
    settings.platformVersion,
    settings.capacityProviderStrategy
  ]);
  const config = normalizeDeploymentConfiguration(
    input.object("deploymentConfiguration"),
    svc.deploymentConfiguration
  );
  checkDeploymentConfiguration(config);
  const next = td ?? findTaskDefinition(r, svc.taskDefinition);
  if (next)
    checkPlacement(
      next,
      settings.launchType,
      settings.networkConfiguration
    );
  svc.settings = settings;
  svc.deploymentConfiguration = config;
  if (desiredCount !== void 0) svc.desiredCount = desiredCount;
  const changed = td !== void 0 && td.arn !== svc.taskDefinition || before !== after;
  if (td) svc.taskDefinition = td.arn;
  if (changed || input.bool("forceNewDeployment") === true) startDeployment(r, svc, ctx.now);
  svc.dirty = true;
  return { service: serviceOut(cluster, svc, false) };
};
var DescribeServices = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str("cluster"));
  const refs = input.strings("services") ?? [];
  if (refs.length === 0) invalid2("services can not be empty.");
  if (refs.length > 10) invalid2("services can have at most 10 items.");
  const withTags = (input.strings("include") ?? []).includes("TAGS");
  const services = [];
  const failures = [];
  for (const ref of refs) {
    const svc = findService(cluster, ref);
    if (svc) services.push(serviceOut(cluster, svc, withTags));
    else
      failures.push({
        arn: ref.startsWith("arn:") ? ref : `${arnPrefix(r)}:service/${cluster.name}/${ref}`,
        reason: "MISSING"
      });
  }
  return { services, failures };
};
var ListServices = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str("cluster"));
  const launchType = input.str("launchType");
  const strategy = input.str("schedulingStrategy");
  const arns = [...cluster.services.values()].filter(
    (s) => s.status !== "INACTIVE" && (launchType === void 0 || s.settings.launchType === launchType) && (strategy === void 0 || s.settings.schedulingStrategy === strategy)
  ).map((s) => s.arn).sort();
  const { page, nextToken } = input.page(arns, nextTokenPaging("maxResults", 100, 10));
  return { serviceArns: page, nextToken };
};
var DeleteService = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str("cluster"));
  const svc = findService(cluster, input.required("service"));
  if (!svc) throw new AwsError("ServiceNotFoundException", "Service not found.");
  if (svc.status !== "ACTIVE") throw new AwsError("ServiceNotActiveException", "Service was not ACTIVE.");
  if (svc.desiredCount > 0 && input.bool("force") !== true) {
    invalid2("The service cannot be stopped while it is scaled above 0.");
  }
  svc.desiredCount = 0;
  svc.status = "DRAINING";
  for (const d of svc.deployments) {
    d.desiredCount = 0;
    const record2 = r.serviceDeployments.get(d.serviceDeploymentArn);
    if (record2 && isInFlight(record2)) {
      record2.status = "STOPPED";
      record2.statusReason = "The service was deleted.";
      record2.stoppedAt = ctx.now;
      record2.updatedAt = ctx.now;
    }
  }
  svc.dirty = true;
  return { service: serviceOut(cluster, svc, false) };
};
var serviceActions = {
  CreateService,
  UpdateService,
  DescribeServices,
  ListServices,
  DeleteService
};

// packages/sim/src/core/json-shapes.ts
var TRUE = /* @__PURE__ */ new Set(["true", "yes", "y", "t", "1"]);
var FALSE = /* @__PURE__ */ new Set(["false", "no", "n", "f", "0"]);
function refuse(message) {
  throw new AwsError("SerializationException", message);
}
function token(value) {
  if (typeof value === "string") return "STRING_VALUE";
  if (typeof value === "number") return "NUMBER_VALUE";
  return value === true ? "TRUE_VALUE" : "FALSE_VALUE";
}
function refuseContainer(value) {
  if (Array.isArray(value)) refuse("Start of list found where not expected");
  if (typeof value === "object" && value !== null)
    refuse("Start of structure or map found where not expected.");
}
function readShape(value, shape) {
  if (value === null || value === void 0) return value;
  if (shape === "string") {
    refuseContainer(value);
    if (typeof value !== "string") refuse(`${token(value)} can not be converted to a String`);
    return value;
  }
  if (shape === "integer") {
    refuseContainer(value);
    if (typeof value !== "number") refuse(`${token(value)} can not be converted to an Integer`);
    return Math.trunc(value);
  }
  if (shape === "boolean") {
    refuseContainer(value);
    if (typeof value === "boolean") return value;
    if (typeof value === "number") refuse("NUMBER_VALUE can not be converted to a Boolean");
    const text = String(value).toLowerCase();
    if (TRUE.has(text)) return true;
    if (FALSE.has(text)) return false;
    return refuse("STRING_VALUE can not be converted to an Boolean");
  }
  if ("list" in shape) {
    if (!Array.isArray(value)) {
      if (typeof value === "object") refuse("Start of structure or map found where not expected.");
      return refuse("Expected list or null");
    }
    return value.map((item) => readShape(item, shape.list));
  }
  if (Array.isArray(value)) refuse("Start of list found where not expected");
  if (typeof value !== "object") refuse("map" in shape ? "Expected map or null" : "Expected null");
  const members = value;
  const out = {};
  for (const [key, member] of Object.entries(members)) {
    const memberShape = "map" in shape ? shape.map : shape.structure[key];
    out[key] = memberShape === void 0 ? member : readShape(member, memberShape);
  }
  return out;
}

// packages/sim/src/ecs/task-definition-shape.ts
var strings = { list: "string" };
var keyValues = { list: { structure: { name: "string", value: "string" } } };
var containerDefinition = {
  structure: {
    name: "string",
    image: "string",
    cpu: "integer",
    memory: "integer",
    memoryReservation: "integer",
    essential: "boolean",
    entryPoint: strings,
    command: strings,
    links: strings,
    workingDirectory: "string",
    user: "string",
    hostname: "string",
    disableNetworking: "boolean",
    privileged: "boolean",
    readonlyRootFilesystem: "boolean",
    interactive: "boolean",
    pseudoTerminal: "boolean",
    startTimeout: "integer",
    stopTimeout: "integer",
    dnsServers: strings,
    dnsSearchDomains: strings,
    dockerSecurityOptions: strings,
    environment: keyValues,
    secrets: { list: { structure: { name: "string", valueFrom: "string" } } },
    portMappings: {
      list: {
        structure: {
          containerPort: "integer",
          hostPort: "integer",
          protocol: "string",
          name: "string",
          appProtocol: "string",
          containerPortRange: "string"
        }
      }
    },
    healthCheck: {
      structure: {
        command: strings,
        interval: "integer",
        timeout: "integer",
        retries: "integer",
        startPeriod: "integer"
      }
    },
    logConfiguration: {
      structure: {
        logDriver: "string",
        options: { map: "string" },
        secretOptions: { list: { structure: { name: "string", valueFrom: "string" } } }
      }
    },
    dockerLabels: { map: "string" },
    dependsOn: { list: { structure: { containerName: "string", condition: "string" } } },
    mountPoints: {
      list: { structure: { sourceVolume: "string", containerPath: "string", readOnly: "boolean" } }
    }
  }
};
var registerTaskDefinitionShape = {
  structure: {
    family: "string",
    taskRoleArn: "string",
    executionRoleArn: "string",
    networkMode: "string",
    containerDefinitions: { list: containerDefinition },
    requiresCompatibilities: strings,
    cpu: "string",
    memory: "string",
    pidMode: "string",
    ipcMode: "string",
    tags: { list: { structure: { key: "string", value: "string" } } }
  }
};

// packages/sim/src/ecs/api-task-definitions.ts
var NAME3 = /^[A-Za-z0-9_-]{1,255}$/;
var clientErrors = plainErrors("ClientException");
function clientError2(message) {
  throw new AwsError("ClientException", message);
}
var FARGATE_SIZES = {
  "256": [512, 1024, 2048],
  "512": range(1024, 4096, 1024),
  "1024": range(2048, 8192, 1024),
  "2048": range(4096, 16384, 1024),
  "4096": range(8192, 30720, 1024),
  "8192": range(16384, 61440, 4096),
  "16384": range(32768, 122880, 8192)
};
function range(from, to, step) {
  const out = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}
function normalizeSize(value, unit, what) {
  if (value === void 0 || value === null) return void 0;
  const text = String(value).trim();
  if (/^\d+$/.test(text)) return text;
  const m = new RegExp(`^(\\d*\\.?\\d+)\\s*${unit.source}$`, "i").exec(text);
  if (!m) return clientError2(`Invalid '${what}' setting for task.`);
  return String(Math.round(Number(m[1]) * 1024));
}
function normalizeContainer(c, networkMode) {
  if (typeof c.name !== "string" || c.name === "")
    return clientError2("Container.name should not be null or empty.");
  if (!NAME3.test(c.name)) return clientError2(`Container name '${c.name}' contains invalid characters.`);
  if (typeof c.image !== "string" || c.image === "") {
    return clientError2("Container.image should not be null or empty.");
  }
  checkImageReference(c.image);
  const hc = c.healthCheck;
  if (hc !== void 0) {
    if (!Array.isArray(hc.command) || hc.command.length === 0) {
      clientError2(`Invalid setting for container '${c.name}'. healthCheck.command must not be empty.`);
    }
    const bounds = [
      ["interval", 5, 300],
      ["timeout", 2, 120],
      ["retries", 1, 10],
      ["startPeriod", 0, 300]
    ];
    for (const [key, min, max] of bounds) {
      const v = hc[key];
      if (v !== void 0 && (typeof v !== "number" || v < min || v > max)) {
        clientError2(
          `Invalid setting for container '${c.name}'. healthCheck.${key} must be between ${min} and ${max}.`
        );
      }
    }
  }
  const portMappings = (c.portMappings ?? []).map((p) => ({
    ...p,
    hostPort: p.hostPort ?? (networkMode === "awsvpc" ? p.containerPort : void 0),
    protocol: p.protocol ?? "tcp"
  }));
  return {
    ...c,
    cpu: c.cpu ?? 0,
    portMappings,
    essential: c.essential ?? true,
    environment: c.environment ?? [],
    mountPoints: c.mountPoints ?? [],
    volumesFrom: c.volumesFrom ?? [],
    systemControls: c.systemControls ?? []
  };
}
function requiresAttributes(containers, body) {
  const names = /* @__PURE__ */ new Set(["com.amazonaws.ecs.capability.docker-remote-api.1.18"]);
  if (body.networkMode === "awsvpc") names.add("ecs.capability.task-eni");
  if (body.taskRoleArn) names.add("com.amazonaws.ecs.capability.task-iam-role");
  for (const c of containers) {
    const log = c.logConfiguration;
    if (log?.logDriver === "awslogs") {
      names.add("com.amazonaws.ecs.capability.logging-driver.awslogs");
      if (body.executionRoleArn) names.add("ecs.capability.execution-role-awslogs");
      names.add("com.amazonaws.ecs.capability.docker-remote-api.1.19");
    }
    if (c.healthCheck) names.add("ecs.capability.container-health-check");
    if (typeof c.image === "string" && /\.dkr\.ecr\.|\/\d{12}\/[a-z0-9-]+\//.test(c.image)) {
      names.add("com.amazonaws.ecs.capability.ecr-auth");
      if (body.executionRoleArn) names.add("ecs.capability.execution-role-ecr-pull");
    }
    if (c.secrets) names.add("ecs.capability.secrets.asm.environment-variables");
  }
  return [...names].map((name) => ({ name }));
}
var MAX_TASK_DEFINITION_BYTES = 65536;
function checkSize(raw) {
  const length = Buffer.byteLength(JSON.stringify({ ...raw, tags: void 0 }), "utf8");
  if (length > MAX_TASK_DEFINITION_BYTES) {
    clientError2(`Actual length: '${length}'. Max allowed length is '${MAX_TASK_DEFINITION_BYTES}' bytes.`);
  }
}
function buildTaskDefinition(request) {
  const input = request.nested(readShape(request.raw, registerTaskDefinitionShape));
  checkSize(input.raw);
  const family = input.required("family");
  if (!NAME3.test(family)) clientError2("Family contains invalid characters.");
  const containers = input.objects("containerDefinitions");
  if (!containers || containers.length === 0) return clientError2("Container list cannot be empty.");
  const requires = input.strings("requiresCompatibilities") ?? [];
  const fargate = requires.includes("FARGATE");
  const networkMode = input.str("networkMode") ?? (fargate ? void 0 : "bridge");
  const cpu = normalizeSize(input.raw.cpu, /vcpu/, "cpu");
  const memory = normalizeSize(input.raw.memory, /gb/, "memory");
  const executionRoleArn = input.str("executionRoleArn");
  if (fargate) {
    if (networkMode !== "awsvpc") clientError2("Fargate only supports network mode 'awsvpc'.");
    if (cpu === void 0) clientError2("Fargate requires that 'cpu' be defined at the task level.");
    if (memory === void 0) clientError2("Fargate requires that 'memory' be defined at the task level.");
    if (!FARGATE_SIZES[cpu]?.includes(Number(memory))) {
      clientError2(`No Fargate configuration exists for given values: ${cpu} CPU, ${memory} memory.`);
    }
  }
  const names = /* @__PURE__ */ new Set();
  const normalized = containers.map((c) => {
    const out = normalizeContainer(c, networkMode ?? "awsvpc");
    const name = out.name;
    if (names.has(name)) clientError2(`Duplicate container name '${name}'.`);
    names.add(name);
    if (!fargate && memory === void 0 && out.memory === void 0 && out.memoryReservation === void 0) {
      clientError2(
        `Invalid setting for container '${name}'. At least one of 'memory' or 'memoryReservation' must be specified.`
      );
    }
    const log = out.logConfiguration;
    if (fargate && log?.logDriver === "awslogs" && executionRoleArn === void 0) {
      clientError2(
        "Fargate requires task definition to have execution role ARN to support log driver awslogs."
      );
    }
    return out;
  });
  if (!normalized.some((c) => c.essential === true)) {
    clientError2("Task definition must have at least one essential container.");
  }
  const compatibilities = ["EC2"];
  if (networkMode === "awsvpc" && cpu !== void 0 && memory !== void 0) compatibilities.push("FARGATE");
  const body = {
    ...input.raw,
    family,
    containerDefinitions: normalized,
    networkMode,
    cpu,
    memory,
    volumes: input.raw.volumes ?? [],
    placementConstraints: input.raw.placementConstraints ?? [],
    requiresCompatibilities: input.raw.requiresCompatibilities,
    compatibilities
  };
  delete body.tags;
  body.requiresAttributes = requiresAttributes(normalized, body);
  return { family, body };
}
function registerTaskDefinition(r, input, now, registeredBy) {
  const { family, body } = buildTaskDefinition(input);
  const tags = tagsIn(input.objects("tags"), (m) => input.fail(m));
  const revisions = r.families.get(family) ?? [];
  r.families.set(family, revisions);
  const revision = revisions.length + 1;
  const arn = `${arnPrefix(r)}:task-definition/${family}:${revision}`;
  const record2 = {
    arn,
    family,
    revision,
    status: "ACTIVE",
    body: { ...body, taskDefinitionArn: arn, revision, ...registeredBy ? { registeredBy } : {} },
    registeredAt: now,
    tags
  };
  revisions.push(record2);
  return record2;
}
function taskDefinitionOut(td) {
  return {
    ...td.body,
    status: td.status,
    registeredAt: toDate(td.registeredAt),
    deregisteredAt: toDate(td.deregisteredAt)
  };
}
var RegisterTaskDefinition = (ctx, raw) => {
  const td = registerTaskDefinition(
    regionFor(ctx),
    new Input(raw, clientErrors),
    ctx.now,
    ctx.principal?.arn
  );
  return { taskDefinition: taskDefinitionOut(td), tags: td.tags };
};
var DescribeTaskDefinition = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const td = requireTaskDefinition(regionFor(ctx), input.required("taskDefinition"));
  const withTags = (input.strings("include") ?? []).includes("TAGS");
  return { taskDefinition: taskDefinitionOut(td), ...withTags ? { tags: td.tags } : {} };
};
function statusFilter(input, allowAll) {
  const status = input.str("status") ?? "ACTIVE";
  const allowed = allowAll ? ["ACTIVE", "INACTIVE", "ALL"] : ["ACTIVE", "INACTIVE", "DELETE_IN_PROGRESS"];
  if (!allowed.includes(status)) input.fail(`Invalid status: ${status}`);
  return status;
}
var ListTaskDefinitions = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const family = input.str("familyPrefix");
  const status = statusFilter(input, false);
  const sort = input.str("sort") ?? "ASC";
  const all = [...regionFor(ctx).families.entries()].filter(([name]) => family === void 0 || name === family).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).flatMap(([, revisions]) => revisions.filter((td) => td.status === status).map((td) => td.arn));
  if (sort === "DESC") all.reverse();
  const { page, nextToken } = input.page(all, nextTokenPaging("maxResults", 100, 100));
  return { taskDefinitionArns: page, nextToken };
};
var ListTaskDefinitionFamilies = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const prefix = input.str("familyPrefix") ?? "";
  const status = statusFilter(input, true);
  const families = [...regionFor(ctx).families.entries()].filter(([name, revisions]) => {
    if (!name.startsWith(prefix)) return false;
    const active = revisions.some((td) => td.status === "ACTIVE");
    return status === "ALL" || (status === "ACTIVE" ? active : !active);
  }).map(([name]) => name).sort();
  const { page, nextToken } = input.page(families, nextTokenPaging("maxResults", 100, 100));
  return { families: page, nextToken };
};
var DeregisterTaskDefinition = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const ref = input.required("taskDefinition");
  if (!/:\d+$/.test(ref)) {
    input.fail("The specified task definition identifier is invalid. Specify a valid revision number.");
  }
  const td = requireTaskDefinition(regionFor(ctx), ref);
  if (td.status === "ACTIVE") {
    td.status = "INACTIVE";
    td.deregisteredAt = ctx.now;
  }
  return { taskDefinition: taskDefinitionOut(td) };
};
var taskDefinitionActions = {
  RegisterTaskDefinition,
  DescribeTaskDefinition,
  ListTaskDefinitions,
  ListTaskDefinitionFamilies,
  DeregisterTaskDefinition
};

// packages/sim/src/ecs/seed.ts
function entryOf(entry) {
  if (typeof entry === "string") return { name: entry };
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
    throw new AwsError("ValidationException", "an entry must be a name or an object");
  }
  return entry;
}
var isObject2 = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function checkContainerMemory(rest) {
  const requires = Array.isArray(rest.requiresCompatibilities) ? rest.requiresCompatibilities : [];
  if (requires.includes("FARGATE") || rest.memory !== void 0) return;
  const containers = Array.isArray(rest.containerDefinitions) ? rest.containerDefinitions : [];
  for (const c of containers) {
    if (isObject2(c) && c.memory === void 0 && c.memoryReservation === void 0) {
      const name = typeof c.name === "string" ? c.name : "?";
      throw new AwsError(
        "ClientException",
        `container "${name}" needs memory or memoryReservation (or a task-level memory)`
      );
    }
  }
}
function placeOf(sim, entry) {
  const { account, region, ...rest } = entry;
  const r = regionOf(
    sim,
    typeof account === "string" ? account : DEFAULT_ACCOUNT,
    typeof region === "string" ? region : DEFAULT_REGION
  );
  return { r, rest };
}
function seedClusters(data, sim) {
  seedEntries("clusters", data, (entry) => {
    const { r, rest } = placeOf(sim, entryOf(entry));
    const name = rest.name ?? rest.clusterName;
    if (typeof name !== "string") throw new AwsError("ValidationException", "a cluster needs a name");
    createCluster(r, name);
  });
}
function seedTaskDefinitions(data, sim) {
  seedEntries("taskDefinitions", data, (entry) => {
    const { r, rest } = placeOf(sim, entryOf(entry));
    checkContainerMemory(rest);
    registerTaskDefinition(
      r,
      new Input(rest, clientErrors),
      sim.clock.now(),
      `arn:aws:iam::${r.account}:root`
    );
  });
}
function seedServices(data, sim) {
  const now = sim.clock.now();
  seedEntries("services", data, (entry) => {
    const { r, rest } = placeOf(sim, entryOf(entry));
    const input = new Input(rest, invalidParameter);
    const clusterName = input.str("cluster") ?? "default";
    const cluster = findCluster(r, clusterName);
    if (!cluster) {
      throw new AwsError(
        "ClusterNotFoundException",
        `cluster "${clusterName}" does not exist in account ${r.account}, region ${r.region}`
      );
    }
    const tdRef = input.str("taskDefinition");
    if (tdRef !== void 0 && !findTaskDefinition(r, tdRef)) {
      throw new AwsError("ClientException", `taskDefinition "${tdRef}" is not registered`);
    }
    const svc = createService(r, cluster, input, now, `arn:aws:iam::${r.account}:root`);
    const dep = svc.deployments[0];
    const td = findTaskDefinition(r, svc.taskDefinition);
    if (!dep || !td) return;
    const record2 = r.serviceDeployments.get(dep.serviceDeploymentArn);
    if (record2) record2.startedAt = now;
    for (let i = 0; i < svc.desiredCount; i++) {
      const task = createTask(
        sim,
        r,
        cluster,
        td,
        serviceTask(svc, dep, launchFor(svc.settings, td, cluster), []),
        now
      );
      startTaskRunning(sim, task, now);
    }
    completeDeployment(r, svc, dep, now);
    r.modelTime = now;
  });
}

// packages/sim/src/ecs/api-service-deployments.ts
function serviceOf(r, sd) {
  return r.clusters.get(sd.clusterName)?.services.get(sd.serviceName);
}
function toMs(value) {
  return typeof value === "number" ? value * 1e3 : void 0;
}
var ListServiceDeployments = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str("cluster"));
  const svc = findService(cluster, input.required("service"));
  if (!svc) throw new AwsError("ServiceNotFoundException", "Service not found.");
  const statuses = input.strings("status");
  const created = input.object("createdAt") ?? {};
  const after = toMs(created.after);
  const before = toMs(created.before);
  const list = [...r.serviceDeployments.values()].filter(
    (sd) => sd.serviceArn === svc.arn && (statuses === void 0 || statuses.includes(sd.status)) && (after === void 0 || sd.createdAt >= after) && (before === void 0 || sd.createdAt <= before)
  ).sort((a, b) => b.createdAt - a.createdAt);
  const { page, nextToken } = input.page(list, nextTokenPaging("maxResults", 100, 20));
  return { serviceDeployments: page.map(serviceDeploymentBrief), nextToken };
};
var DescribeServiceDeployments = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const arns = input.strings("serviceDeploymentArns") ?? [];
  if (arns.length === 0 || arns.length > 20) input.fail("serviceDeploymentArns must hold 1 to 20 ARNs.");
  const serviceDeployments = [];
  const failures = [];
  for (const arn of arns) {
    const sd = r.serviceDeployments.get(arn);
    if (sd) serviceDeployments.push(serviceDeploymentOut(r, sd, serviceOf(r, sd)?.desiredCount ?? 0));
    else failures.push({ arn, reason: "MISSING" });
  }
  return { serviceDeployments, failures };
};
var StopServiceDeployment = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const arn = input.required("serviceDeploymentArn");
  const stopType = input.str("stopType") ?? "ROLLBACK";
  if (stopType !== "ROLLBACK" && stopType !== "ABORT") input.fail(`Invalid stopType: ${stopType}`);
  const sd = r.serviceDeployments.get(arn);
  if (!sd) throw new AwsError("ServiceDeploymentNotFoundException", "The service deployment does not exist.");
  if (["STOP_REQUESTED", "ROLLBACK_REQUESTED", "ROLLBACK_IN_PROGRESS"].includes(sd.status)) {
    return { serviceDeploymentArn: arn };
  }
  if (!isInFlight(sd)) {
    throw new AwsError(
      "ConflictException",
      `The service deployment is ${sd.status} and can no longer be stopped.`
    );
  }
  const svc = serviceOf(r, sd);
  const dep = svc?.deployments.find((d) => d.id === sd.deploymentId);
  if (!svc || !dep)
    throw new AwsError("ConflictException", "The service deployment has no running deployment to stop.");
  if (stopType === "ROLLBACK") {
    if (!svc.lastCompleted || svc.lastCompleted.deploymentId === dep.id) {
      throw new AwsError(
        "ConflictException",
        "The service has no completed service revision to roll back to."
      );
    }
    sd.status = "ROLLBACK_REQUESTED";
    dep.rolloutState = "FAILED";
    dep.rolloutStateReason = "ECS deployment rolled back on request (StopServiceDeployment).";
    dep.updatedAt = ctx.now;
    startRollback(
      r,
      svc,
      dep,
      sd,
      ctx.now,
      "Service deployment rolled back by a StopServiceDeployment request."
    );
  } else {
    dep.rolloutState = "FAILED";
    dep.rolloutStateReason = "ECS deployment stopped on request (StopServiceDeployment).";
    dep.updatedAt = ctx.now;
    sd.status = "STOPPED";
    sd.statusReason = "Service deployment stopped by a StopServiceDeployment request.";
    sd.stoppedAt = ctx.now;
    sd.updatedAt = ctx.now;
  }
  svc.dirty = true;
  return { serviceDeploymentArn: arn };
};
var DescribeServiceRevisions = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const arns = input.strings("serviceRevisionArns") ?? [];
  if (arns.length === 0 || arns.length > 20) input.fail("serviceRevisionArns must hold 1 to 20 ARNs.");
  const serviceRevisions = [];
  const failures = [];
  for (const arn of arns) {
    const rev = r.serviceRevisions.get(arn);
    if (!rev) {
      failures.push({ arn, reason: "MISSING" });
      continue;
    }
    const td = findTaskDefinition(r, rev.taskDefinition);
    const containers = td?.body.containerDefinitions ?? [];
    serviceRevisions.push({
      serviceRevisionArn: rev.arn,
      serviceArn: rev.serviceArn,
      clusterArn: rev.clusterArn,
      taskDefinition: rev.taskDefinition,
      capacityProviderStrategy: rev.capacityProviderStrategy,
      launchType: rev.launchType,
      platformVersion: rev.platformVersion,
      platformFamily: rev.launchType === "FARGATE" ? "Linux" : void 0,
      networkConfiguration: rev.networkConfiguration,
      containerImages: containers.map((c) => ({ containerName: c.name, image: c.image })),
      guardDutyEnabled: false,
      createdAt: new Date(rev.createdAt)
    });
  }
  return { serviceRevisions, failures };
};
var serviceDeploymentActions = {
  ListServiceDeployments,
  DescribeServiceDeployments,
  StopServiceDeployment,
  DescribeServiceRevisions
};

// packages/sim/src/ecs/api-tags.ts
function taggedByArn(r, arn) {
  const m = /^arn:aws[\w-]*:ecs:[^:]+:\d{12}:([a-z-]+)\/(.+)$/.exec(arn);
  const notFound2 = () => {
    throw new AwsError("InvalidParameterException", "The specified resource is not found.");
  };
  if (!m) return notFound2();
  checkArnOwner(arn, r);
  const [kind, path] = [m[1], m[2]];
  const parts = path.split("/");
  if (kind === "task-definition") return findTaskDefinition(r, arn) ?? notFound2();
  const cluster = r.clusters.get(parts[0] ?? "");
  if (kind === "cluster") {
    if (!cluster || cluster.status !== "ACTIVE")
      throw new AwsError("ClusterNotFoundException", "Cluster not found.");
    return cluster;
  }
  if (kind === "service") {
    if (parts.length === 1) {
      for (const c of r.clusters.values()) {
        const svc = c.services.get(parts[0]);
        if (svc) return svc;
      }
      return notFound2();
    }
    return cluster?.services.get(parts[1] ?? "") ?? notFound2();
  }
  if (kind === "task") return cluster?.tasks.get(parts[1] ?? "") ?? notFound2();
  return notFound2();
}
var TagResource = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const target = taggedByArn(regionFor(ctx), input.required("resourceArn"));
  const tags = tagsIn(input.objects("tags"), (m) => input.fail(m));
  const merged = mergeTags(target.tags, tags);
  if (merged.length > 50) input.fail("Too many tags: a resource can have at most 50 tags.");
  target.tags = merged;
  return {};
};
var UntagResource = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const target = taggedByArn(regionFor(ctx), input.required("resourceArn"));
  const keys = new Set(input.strings("tagKeys") ?? []);
  target.tags = target.tags.filter((t) => !keys.has(t.key));
  return {};
};
var ListTagsForResource = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  return { tags: taggedByArn(regionFor(ctx), input.required("resourceArn")).tags };
};
var tagActions = { TagResource, UntagResource, ListTagsForResource };

// packages/sim/src/ecs/api-tasks.ts
function invalid3(message) {
  throw new AwsError("InvalidParameterException", message);
}
var RunTask = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str("cluster"));
  const clientToken = input.str("clientToken");
  if (clientToken !== void 0 && clientToken.length > 64)
    invalid3("clientToken must be at most 64 characters.");
  const tokenKey = clientToken !== void 0 ? `${cluster.name}/${clientToken}` : void 0;
  const earlier = tokenKey !== void 0 ? r.clientTokens.get(tokenKey) : void 0;
  if (earlier) {
    const tasks2 = earlier.map((id) => cluster.tasks.get(id)).filter((t) => t !== void 0);
    return { tasks: tasks2.map((t) => taskOut(t, false)), failures: [] };
  }
  const td = requireUsableTaskDefinition(r, input.required("taskDefinition"));
  const count = input.int("count", 1, 10) ?? 1;
  if (input.has("launchType") && input.has("capacityProviderStrategy")) {
    invalid3(
      "Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again."
    );
  }
  const placement = launchFor(
    {
      launchType: input.str("launchType"),
      capacityProviderStrategy: input.objects("capacityProviderStrategy")
    },
    td,
    cluster
  );
  const networkConfiguration = input.object("networkConfiguration");
  checkPlacement(td, placement.launchType, networkConfiguration);
  const startedBy = input.str("startedBy");
  if (startedBy !== void 0 && startedBy.length > 128) invalid3("startedBy must be at most 128 characters.");
  const overrides = input.object("overrides") ?? {};
  const containerOverrides = overrides.containerOverrides ?? [];
  const names = new Set((td.body.containerDefinitions ?? []).map((c) => c.name));
  for (const o of containerOverrides) {
    if (!names.has(o.name))
      invalid3(`Override for container named ${String(o.name)} is not a container in the TaskDefinition.`);
    if (o.command !== void 0 && !(Array.isArray(o.command) && o.command.every((c) => typeof c === "string"))) {
      invalid3("containerOverrides.command must be a list of strings.");
    }
  }
  let tags = tagsIn(input.objects("tags"), invalid3);
  if (input.str("propagateTags") === "TASK_DEFINITION") tags = mergeTags(td.tags, tags);
  const group = input.str("group") ?? `family:${td.family}`;
  const tasks = [];
  for (let i = 0; i < count; i++) {
    tasks.push(
      createTask(
        ctx.sim,
        r,
        cluster,
        td,
        {
          group,
          ...placement,
          overrides: { ...overrides, containerOverrides, inferenceAcceleratorOverrides: [] },
          tags,
          ...startedBy !== void 0 ? { startedBy } : {},
          ...networkConfiguration ? { networkConfiguration } : {}
        },
        ctx.now
      )
    );
  }
  if (tokenKey !== void 0)
    r.clientTokens.set(
      tokenKey,
      tasks.map((t) => t.id)
    );
  return { tasks: tasks.map((t) => taskOut(t, false)), failures: [] };
};
var DescribeTasks = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str("cluster"));
  const refs = input.strings("tasks") ?? [];
  if (refs.length === 0) invalid3("Tasks cannot be empty.");
  if (refs.length > 100) invalid3("tasks can have at most 100 items.");
  const withTags = (input.strings("include") ?? []).includes("TAGS");
  const tasks = [];
  const failures = [];
  for (const ref of refs) {
    const task = findTask(cluster, ref);
    if (task) tasks.push(taskOut(task, withTags));
    else {
      const arn = ref.startsWith("arn:") ? ref : `${cluster.arn.replace(":cluster/", ":task/")}/${lastSegment(ref)}`;
      failures.push({ arn, reason: "MISSING" });
    }
  }
  return { tasks, failures };
};
var ListTasks = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str("cluster"));
  const family = input.str("family");
  const serviceName = input.str("serviceName");
  const startedBy = input.str("startedBy");
  const launchType = input.str("launchType");
  const desired = input.str("desiredStatus") ?? "RUNNING";
  if (desired !== "RUNNING" && desired !== "STOPPED" && desired !== "PENDING")
    invalid3(`Invalid desiredStatus: ${desired}`);
  const service = serviceName !== void 0 ? lastSegment(serviceName) : void 0;
  if (service !== void 0 && !cluster.services.has(service)) {
    throw new AwsError("ServiceNotFoundException", "Service not found.");
  }
  const arns = [...cluster.tasks.values()].filter(
    (t) => (
      // ECS never sets a desired status of PENDING, so filtering on it lists nothing (as documented).
      t.desiredStatus === desired && (family === void 0 || t.family === family) && (service === void 0 || t.serviceName === service) && (startedBy === void 0 || t.startedBy === startedBy) && (launchType === void 0 || t.launchType === launchType)
    )
  ).sort((a, b) => a.createdAt - b.createdAt).map((t) => t.arn);
  const { page, nextToken } = input.page(arns, nextTokenPaging("maxResults", 100, 100));
  return { taskArns: page, nextToken };
};
var StopTask = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str("cluster"));
  const task = findTask(cluster, input.required("task"));
  if (!task) invalid3("The referenced task was not found.");
  const reason = input.str("reason");
  if (reason !== void 0 && reason.length > 255) invalid3("reason must be at most 255 characters.");
  const signals = [];
  stopTask(task, ctx.now, "UserInitiated", reason ?? "Task stopped by user", signals, false);
  handleSignals(r, signals, ctx.now);
  return { task: taskOut(task, false) };
};
var taskActions = { RunTask, DescribeTasks, ListTasks, StopTask };

// packages/sim/src/ecs/index.ts
var ecsModule = {
  name: "ecs",
  install(sim) {
    sim.addService({
      name: "ecs",
      protocol: "json",
      targetPrefix: "AmazonEC2ContainerServiceV20141113",
      jsonVersion: "1.1",
      actions: {
        ...clusterActions,
        ...taskDefinitionActions,
        ...serviceActions,
        ...serviceDeploymentActions,
        ...taskActions,
        ...tagActions
      }
    });
    sim.onAdvance((now) => advanceEcs(sim, now));
    sim.onSeed("clusters", seedClusters);
    sim.onSeed("taskDefinitions", seedTaskDefinitions);
    sim.onSeed("services", seedServices);
  }
};

// packages/sim/src/front/hosts.ts
function frontState(sim) {
  return sim.store("fronts", () => ({ fronts: [], cursors: /* @__PURE__ */ new Map() }));
}
var DEFAULT_HOST_SUFFIX = ".ecs.sim";
function hostName(header2) {
  const h = header2.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  const colon = h.lastIndexOf(":");
  return colon >= 0 ? h.slice(0, colon) : h;
}
function parseDefaultHost(host) {
  if (!host.endsWith(DEFAULT_HOST_SUFFIX)) return void 0;
  const labels = host.slice(0, -DEFAULT_HOST_SUFFIX.length).split(".");
  if (labels.some((l) => l === "")) return void 0;
  if (labels.length === 2) {
    return { service: labels[0], cluster: labels[1], region: DEFAULT_REGION, account: DEFAULT_ACCOUNT };
  }
  if (labels.length === 4 && /^\d{12}$/.test(labels[3])) {
    return { service: labels[0], cluster: labels[1], region: labels[2], account: labels[3] };
  }
  return void 0;
}
function isSimulatorHost(sim, host) {
  if (host === "localhost" || host === "127.0.0.1" || host === "[::1]") return true;
  return sim.url !== "" && host === new URL(sim.url).hostname;
}
function isFrontHost(sim, header2) {
  const host = hostName(header2);
  if (host === "" || isSimulatorHost(sim, host)) return false;
  return host.endsWith(DEFAULT_HOST_SUFFIX) || frontState(sim).fronts.some((f) => f.host === host);
}
function routeRequest(sim, header2, path) {
  const host = hostName(header2);
  const seeded = frontState(sim).fronts.filter((f) => f.host === host);
  if (seeded.length > 0) {
    const match = seeded.filter((f) => f.pathPrefix === void 0 || path.startsWith(f.pathPrefix)).sort((a, b) => (b.pathPrefix?.length ?? 0) - (a.pathPrefix?.length ?? 0))[0];
    if (!match) return { kind: "no-rule", host };
    const { host: _host, pathPrefix, ...target2 } = match;
    return { kind: "service", target: target2, front: pathPrefix === void 0 ? host : `${host}${pathPrefix}` };
  }
  const target = parseDefaultHost(host);
  return target ? { kind: "service", target, front: host } : { kind: "unknown-host", host };
}
var FRONT_KEYS = /* @__PURE__ */ new Set(["host", "cluster", "service", "account", "region", "pathPrefix"]);
var HOST_RE = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;
function fail(message) {
  throw new AwsError("ValidationException", message);
}
function seedFronts(data, sim) {
  const added = seedEntries("fronts", data, (entry) => {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      fail("a front must be an object");
    }
    const e = entry;
    for (const key of Object.keys(e)) {
      if (!FRONT_KEYS.has(key)) fail(`unknown key "${key}"`);
    }
    const text = (key, required) => {
      const v = e[key];
      if (v === void 0 && !required) return void 0;
      if (typeof v !== "string" || v === "") fail(`${key} must be a non-empty string`);
      return v;
    };
    const host = text("host", true).toLowerCase();
    if (!HOST_RE.test(host)) fail(`host must be a host name like api.example.com; got "${host}"`);
    if (isSimulatorHost(sim, host)) fail(`host cannot be the simulator's own host "${host}"`);
    const account = text("account", false) ?? DEFAULT_ACCOUNT;
    if (!/^\d{12}$/.test(account)) fail("account must be a 12-digit account id");
    const pathPrefix = text("pathPrefix", false);
    if (pathPrefix !== void 0 && !pathPrefix.startsWith("/")) {
      fail('pathPrefix must start with "/"');
    }
    return {
      host,
      cluster: text("cluster", true),
      service: text("service", true),
      account,
      region: text("region", false) ?? DEFAULT_REGION,
      ...pathPrefix !== void 0 ? { pathPrefix } : {}
    };
  });
  const state = frontState(sim);
  for (const front of added) {
    state.fronts = state.fronts.filter((f) => f.host !== front.host || f.pathPrefix !== front.pathPrefix);
    state.fronts.push(front);
  }
}

// packages/sim/src/front/targets.ts
function findServiceRecord(sim, target) {
  const region = ecsState(sim).regions.get(`${target.account}/${target.region}`);
  const cluster = region?.clusters.get(target.cluster);
  if (!cluster || cluster.status !== "ACTIVE") return void 0;
  const exact = cluster.services.get(target.service);
  if (exact) return exact;
  const wanted = target.service.toLowerCase();
  return [...cluster.services.values()].find((s) => s.name.toLowerCase() === wanted);
}
function takesTraffic(task) {
  return task.lastStatus === "RUNNING" && task.desiredStatus === "RUNNING" && task.healthStatus !== "UNHEALTHY";
}
function serviceTargets(sim, target) {
  const service = findServiceRecord(sim, target);
  const where = `${target.cluster}/${target.service} (account ${target.account}, ${target.region})`;
  if (!service || service.status !== "ACTIVE") {
    return { kind: "missing", reason: `no ACTIVE ECS service ${where}` };
  }
  const region = ecsState(sim).regions.get(`${target.account}/${target.region}`);
  const cluster = region?.clusters.get(service.clusterName);
  const tasks = [...cluster?.tasks.values() ?? []].filter((t) => t.serviceName === service.name && takesTraffic(t)).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  return { kind: "found", service, tasks };
}
function servingContainer(task) {
  return task.containers.find((c) => c.essential) ?? task.containers[0];
}
function tagOf(image) {
  if (image.includes("@")) return void 0;
  const name = image.slice(image.lastIndexOf("/") + 1);
  const colon = name.lastIndexOf(":");
  return colon >= 0 ? name.slice(colon + 1) : "latest";
}
function servedImage(sim, container) {
  const { image, imageDigest: digest } = container;
  const tag = tagOf(image);
  const refs = [image];
  const parsed = digest !== void 0 ? parseEcrRef(sim, image) : void 0;
  if (digest !== void 0 && parsed) {
    const uri = `${sim.host}/${parsed.account}/${parsed.region}/${parsed.repositoryName}`;
    const repo = findRepository(sim, parsed.account, parsed.region, parsed.repositoryName);
    for (const t of repo ? tagsOf(repo, digest) : []) refs.push(`${uri}:${t}`);
    refs.push(`${uri}@${digest}`);
  }
  return {
    image,
    ...digest !== void 0 ? { digest } : {},
    ...tag !== void 0 ? { tag } : {},
    refs: [...new Set(refs)]
  };
}

// packages/sim/src/front/respond.ts
var ALB_503 = "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n";
var ALB_404 = "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n</body>\r\n</html>\r\n";
function send2(req, res, status, body, headers) {
  res.writeHead(status, { "content-length": Buffer.byteLength(body), ...headers });
  res.end(req.method === "HEAD" ? void 0 : body);
}
function albError(req, res, status, reason) {
  send2(req, res, status, status === 503 ? ALB_503 : ALB_404, {
    "content-type": "text/html",
    server: "awselb/2.0",
    "x-sim-reason": reason
  });
}
function pickTask(sim, target, tasks) {
  const cursors = frontState(sim).cursors;
  const key = `${target.account}/${target.region}/${target.cluster}/${target.service}`;
  const n = cursors.get(key) ?? 0;
  cursors.set(key, n + 1);
  return tasks[n % tasks.length];
}
function behaviourFor(behaviour, path) {
  const { paths, ...base } = behaviour;
  const entries = Object.entries(paths ?? {});
  const match = entries.find(([p]) => p === path) ?? entries.find(([p]) => globMatch(p, path));
  if (!match) return base;
  return { ...base, ...match[1], headers: { ...base.headers, ...match[1].headers } };
}
function defaultBody(path, served, task) {
  if (path === "/version") {
    return JSON.stringify({
      image: served.image,
      ...served.digest !== void 0 ? { digest: served.digest } : {},
      ...served.tag !== void 0 ? { tag: served.tag } : {},
      taskDefinition: task.taskDefinitionArn
    });
  }
  return JSON.stringify({ status: "ok", service: task.serviceName, task: task.id });
}
function contentType(body) {
  try {
    JSON.parse(body);
    return "application/json";
  } catch {
    return "text/plain; charset=utf-8";
  }
}
async function handleFront(sim, req, res, url) {
  await readBody(req, 1024 * 1024);
  const route = routeRequest(sim, req.headers.host ?? "", url.pathname);
  if (route.kind === "no-rule") {
    return albError(req, res, 404, `no front of host ${route.host} matches path ${url.pathname}`);
  }
  if (route.kind === "unknown-host") return albError(req, res, 404, `no front for host ${route.host}`);
  const lookup = serviceTargets(sim, route.target);
  if (lookup.kind === "missing") return albError(req, res, 503, lookup.reason);
  if (lookup.tasks.length === 0) {
    return albError(req, res, 503, `service ${lookup.service.name} has no running task`);
  }
  const task = pickTask(sim, route.target, lookup.tasks);
  const container = servingContainer(task);
  if (!container) return albError(req, res, 503, `task ${task.id} has no container`);
  const served = servedImage(sim, container);
  const behaviour = behaviourFor(sim.scenario.httpBehaviour(served.refs), url.pathname);
  if (behaviour.latencyMs !== void 0 && behaviour.latencyMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, behaviour.latencyMs));
  }
  const body = behaviour.body ?? defaultBody(url.pathname, served, task);
  send2(req, res, behaviour.status ?? 200, body, {
    "content-type": contentType(body),
    ...behaviour.headers,
    "x-sim-front": route.front,
    "x-sim-task": task.id,
    "x-sim-task-definition": task.taskDefinitionArn,
    "x-sim-image": served.image,
    ...served.digest !== void 0 ? { "x-sim-image-digest": served.digest } : {}
  });
}

// packages/sim/src/front/index.ts
var frontModule = {
  name: "front",
  install(sim) {
    sim.addRoute({
      prefix: "/",
      claimsHost: (host) => isFrontHost(sim, host),
      handle: (req, res, url) => handleFront(sim, req, res, url)
    });
    sim.onSeed("fronts", seedFronts);
  }
};

// packages/sim/src/github/issuer.ts
var import_node_crypto11 = require("node:crypto");

// packages/sim/src/github/claims.ts
var import_node_crypto10 = require("node:crypto");

// packages/sim/src/github/jwt.ts
var import_node_crypto9 = require("node:crypto");
var GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
var processKey;
function signingKey() {
  if (!processKey) {
    const { privateKey, publicKey } = (0, import_node_crypto9.generateKeyPairSync)("rsa", { modulusLength: 2048 });
    const exported = publicKey.export({ format: "jwk" });
    const n = String(exported.n);
    const e = String(exported.e);
    const kid = (0, import_node_crypto9.createHash)("sha256").update(JSON.stringify({ e, kty: "RSA", n })).digest("base64url");
    processKey = { kid, privateKey, publicKey, jwk: { kty: "RSA", n, e, kid, alg: "RS256", use: "sig" } };
  }
  return processKey;
}
var b64url = (value) => Buffer.from(value).toString("base64url");
function signJwt(claims, key) {
  const header2 = { typ: "JWT", alg: "RS256", kid: key.kid };
  const input = `${b64url(JSON.stringify(header2))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${(0, import_node_crypto9.sign)("sha256", Buffer.from(input), key.privateKey).toString("base64url")}`;
}
function decodeJsonPart(part) {
  try {
    const value = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : void 0;
  } catch {
    return void 0;
  }
}
function decodeJwt(token2) {
  const parts = token2.split(".");
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return void 0;
  const [h, c, s] = parts;
  const header2 = decodeJsonPart(h);
  const claims = decodeJsonPart(c);
  if (!header2 || !claims) return void 0;
  return { header: header2, claims, signingInput: `${h}.${c}`, signature: Buffer.from(s, "base64url") };
}
function verifySignature(jwt, publicKey) {
  return (0, import_node_crypto9.verify)("sha256", Buffer.from(jwt.signingInput), publicKey, jwt.signature);
}

// packages/sim/src/github/claims.ts
function numericId(seed) {
  return String(1e8 + (0, import_node_crypto10.createHash)("sha256").update(seed).digest().readUInt32BE(0) % 8e8);
}
function str(input, key) {
  const value = input[key];
  if (value === void 0 || value === null) return void 0;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new AwsError("ValidationException", `oidc context: "${key}" must be a string`);
}
function normaliseContext(raw) {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new AwsError("ValidationException", "an oidc context must be a JSON object");
  }
  const input = {};
  for (const [k, v] of Object.entries(raw)) input[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = v;
  const repository = str(input, "repository") ?? "acme/shop";
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository)) {
    throw new AwsError(
      "ValidationException",
      `oidc context: repository must be OWNER/REPO, got "${repository}"`
    );
  }
  const owner = repository.split("/")[0];
  const eventName = str(input, "event_name") ?? "push";
  const pullRequest = eventName === "pull_request" || eventName === "pull_request_target";
  const ref = str(input, "ref") ?? (eventName === "pull_request" ? "refs/pull/1/merge" : "refs/heads/main");
  const sha = str(input, "sha") ?? (0, import_node_crypto10.createHash)("sha1").update(`${repository}@${ref}`).digest("hex");
  const workflowRef = str(input, "workflow_ref") ?? `${repository}/.github/workflows/deploy.yml@${ref}`;
  const environment = str(input, "environment");
  const subClaimKeys = input["sub_claim_keys"];
  if (subClaimKeys !== void 0 && !(Array.isArray(subClaimKeys) && subClaimKeys.every((k) => typeof k === "string"))) {
    throw new AwsError("ValidationException", "oidc context: sub_claim_keys must be a list of claim names");
  }
  const ctx = {
    repository,
    ref,
    sha,
    event_name: eventName,
    workflow: str(input, "workflow") ?? "deploy",
    workflow_ref: workflowRef,
    workflow_sha: str(input, "workflow_sha") ?? sha,
    job_workflow_ref: str(input, "job_workflow_ref") ?? workflowRef,
    job_workflow_sha: str(input, "job_workflow_sha") ?? sha,
    run_id: str(input, "run_id") ?? numericId(`run:${repository}:${ref}`),
    run_number: str(input, "run_number") ?? "1",
    run_attempt: str(input, "run_attempt") ?? "1",
    actor: str(input, "actor") ?? "octocat",
    actor_id: str(input, "actor_id") ?? numericId(`actor:${str(input, "actor") ?? "octocat"}`),
    repository_id: str(input, "repository_id") ?? numericId(`repo:${repository}`),
    repository_owner_id: str(input, "repository_owner_id") ?? numericId(`owner:${owner}`),
    repository_visibility: str(input, "repository_visibility") ?? "private",
    head_ref: str(input, "head_ref") ?? (pullRequest ? "feature" : ""),
    base_ref: str(input, "base_ref") ?? (pullRequest ? "main" : ""),
    runner_environment: str(input, "runner_environment") ?? "github-hosted",
    immutable_subject: input["immutable_subject"] === true || input["immutable_subject"] === "true"
  };
  if (environment !== void 0 && environment !== "") ctx.environment = environment;
  if (subClaimKeys !== void 0) ctx.sub_claim_keys = subClaimKeys;
  return ctx;
}
function subjectContext(ctx) {
  if (ctx.environment !== void 0) return `environment:${ctx.environment}`;
  if (ctx.event_name === "pull_request") return "pull_request";
  return `ref:${ctx.ref}`;
}
function subjectOf(ctx, claims) {
  const [owner, repo] = ctx.repository.split("/");
  const repoPart = ctx.immutable_subject ? `${owner}@${ctx.repository_owner_id}/${repo}@${ctx.repository_id}` : ctx.repository;
  if (!ctx.sub_claim_keys) return `repo:${repoPart}:${subjectContext(ctx)}`;
  return ctx.sub_claim_keys.map((key) => {
    if (key === "repo") return `repo:${repoPart}`;
    if (key === "context") return subjectContext(ctx);
    return `${key}:${String(claims[key] ?? "")}`;
  }).join(":");
}
var TOKEN_LIFETIME_SECONDS = 300;
function buildClaims(ctx, audience, nowMs) {
  const iat = Math.floor(nowMs / 1e3);
  const owner = ctx.repository.split("/")[0];
  const claims = {
    jti: (0, import_node_crypto10.randomUUID)(),
    sub: "",
    aud: audience ?? `https://github.com/${owner}`,
    ref: ctx.ref,
    sha: ctx.sha,
    repository: ctx.repository,
    repository_owner: owner,
    repository_owner_id: ctx.repository_owner_id,
    run_id: ctx.run_id,
    run_number: ctx.run_number,
    run_attempt: ctx.run_attempt,
    repository_visibility: ctx.repository_visibility,
    repository_id: ctx.repository_id,
    actor_id: ctx.actor_id,
    actor: ctx.actor,
    workflow: ctx.workflow,
    head_ref: ctx.head_ref,
    base_ref: ctx.base_ref,
    event_name: ctx.event_name,
    ref_protected: "false",
    ref_type: ctx.ref.startsWith("refs/tags/") ? "tag" : "branch",
    workflow_ref: ctx.workflow_ref,
    workflow_sha: ctx.workflow_sha,
    job_workflow_ref: ctx.job_workflow_ref,
    job_workflow_sha: ctx.job_workflow_sha,
    runner_environment: ctx.runner_environment,
    iss: GITHUB_ISSUER,
    nbf: iat - 600,
    exp: iat + TOKEN_LIFETIME_SECONDS,
    iat
  };
  if (ctx.environment !== void 0) {
    claims["environment"] = ctx.environment;
    claims["environment_node_id"] = `EN_${Buffer.from(`${ctx.repository}:${ctx.environment}`).toString("base64url")}`;
  }
  claims["sub"] = subjectOf(ctx, claims);
  return claims;
}

// packages/sim/src/github/issuer.ts
var DEFAULT_OIDC_REQUEST_TOKEN = "sim-oidc-request-token";
var MAX_ISSUED_RECORDS = 100;
function issuerState(sim) {
  return sim.store("github.oidc", () => ({ contexts: /* @__PURE__ */ new Map(), issued: [] }));
}
function tokenRequestUrl(sim) {
  return `${sim.url}/_github/oidc/token?api-version=2.0`;
}
function registerOidcContext(sim, context, requestToken) {
  const normalised = normaliseContext(context);
  const token2 = requestToken ?? `ghs_sim${(0, import_node_crypto11.randomBytes)(18).toString("base64url")}`;
  issuerState(sim).contexts.set(token2, normalised);
  sim.secrets.record("github:oidc-request-token", token2);
  return { requestToken: token2, requestUrl: tokenRequestUrl(sim), context: normalised };
}
function mintToken(sim, claims) {
  const state = issuerState(sim);
  state.issued.push({
    jti: String(claims["jti"]),
    sub: String(claims["sub"]),
    aud: String(claims["aud"]),
    iat: Number(claims["iat"])
  });
  if (state.issued.length > MAX_ISSUED_RECORDS)
    state.issued.splice(0, state.issued.length - MAX_ISSUED_RECORDS);
  const jwt = signJwt(claims, signingKey());
  sim.secrets.record("github:oidc-token", jwt);
  return jwt;
}
function verifyGithubToken(sim, jwt) {
  const decoded = decodeJwt(jwt.trim());
  if (!decoded) return { error: "the token is not a JWT (header.payload.signature)", reason: "malformed" };
  const key = signingKey();
  if (decoded.header["alg"] !== "RS256") {
    return {
      error: `unsupported alg ${String(decoded.header["alg"])}; GitHub signs with RS256`,
      reason: "signature"
    };
  }
  if (decoded.header["kid"] !== void 0 && decoded.header["kid"] !== key.kid) {
    return {
      error: `no key with kid ${String(decoded.header["kid"])} in the issuer's JWKS`,
      reason: "signature"
    };
  }
  if (!verifySignature(decoded, key.publicKey)) {
    return { error: "the signature does not verify with the issuer key", reason: "signature" };
  }
  const { claims } = decoded;
  if (claims["iss"] !== GITHUB_ISSUER) {
    return { error: `unexpected issuer ${String(claims["iss"])}`, reason: "issuer", claims };
  }
  const now = Math.floor(sim.clock.now() / 1e3);
  const exp = claims["exp"];
  if (typeof exp !== "number") return { error: "the token has no exp claim", reason: "malformed", claims };
  if (now >= exp) return { error: `the token expired at ${exp}, now is ${now}`, reason: "expired", claims };
  const nbf = claims["nbf"];
  if (typeof nbf === "number" && now < nbf) {
    return { error: `the token is not valid before ${nbf}, now is ${now}`, reason: "not-yet-valid", claims };
  }
  return { claims };
}

// packages/sim/src/github/api.ts
var import_node_crypto14 = require("node:crypto");

// packages/sim/src/github/api-http.ts
var RestError = class extends Error {
  constructor(status, message, errors) {
    super(message);
    this.status = status;
    this.errors = errors;
  }
  status;
  errors;
};
var notFound = () => new RestError(404, "Not Found");
var invalidRequest = (detail) => new RestError(422, `Invalid request.

${detail}`);
var validationFailed = (resource, field, message) => new RestError(422, "Validation Failed", [{ resource, code: "custom", field, message }]);
var shown = (value) => JSON.stringify(value);
function requiredString(body, field) {
  if (body[field] === void 0) throw invalidRequest(`"${field}" wasn't supplied.`);
  return optionalString(body, field) ?? "";
}
function optionalString(body, field) {
  const value = body[field];
  if (value === void 0) return void 0;
  if (typeof value !== "string")
    throw invalidRequest(`For 'properties/${field}', ${shown(value)} is not a string.`);
  return value;
}
function nullableString(body, field) {
  if (body[field] === null) return null;
  return optionalString(body, field);
}
function optionalBoolean(body, field) {
  const value = body[field];
  if (value === void 0) return void 0;
  if (typeof value !== "boolean")
    throw invalidRequest(`For 'properties/${field}', ${shown(value)} is not a boolean.`);
  return value;
}
function optionalStringList(body, field) {
  const value = body[field];
  if (value === void 0) return void 0;
  if (!Array.isArray(value))
    throw invalidRequest(`For 'properties/${field}', ${shown(value)} is not an array.`);
  value.forEach((item, i) => {
    if (typeof item !== "string") throw invalidRequest(`For 'items/${i}', ${shown(item)} is not a string.`);
  });
  return value;
}
function oneOf(body, field, allowed) {
  const value = requiredString(body, field);
  if (!allowed.includes(value)) {
    throw invalidRequest(`For 'properties/${field}', ${shown(value)} is not one of ${shown(allowed)}.`);
  }
  return value;
}
function paginate2(req, path, items) {
  const perPage = Math.min(Math.max(Number(req.query.get("per_page") ?? 30) || 30, 1), 100);
  const pageNo = Math.max(Number(req.query.get("page") ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const page = items.slice((pageNo - 1) * perPage, pageNo * perPage);
  const link = (n, rel) => {
    const q = new URLSearchParams(req.query);
    q.set("per_page", String(perPage));
    q.set("page", String(n));
    return `<${req.apiUrl}${path}?${q.toString()}>; rel="${rel}"`;
  };
  const links = [];
  if (pageNo > 1) links.push(link(pageNo - 1, "prev"));
  if (pageNo < last) links.push(link(pageNo + 1, "next"), link(last, "last"));
  if (pageNo > 1) links.push(link(1, "first"));
  return { page, headers: links.length > 0 ? { link: links.join(", ") } : {} };
}

// packages/sim/src/github/store.ts
var import_node_crypto13 = require("node:crypto");

// packages/sim/src/core/sealed.ts
var import_node_crypto12 = require("node:crypto");
var Sealed = class {
  #value;
  constructor(value) {
    this.#value = value;
  }
  reveal() {
    return this.#value;
  }
  get length() {
    return this.#value.length;
  }
  toJSON() {
    return `<sealed ${this.#value.length} chars ${fingerprint(this.#value)}>`;
  }
};
function fingerprint(value) {
  return `sha256:${(0, import_node_crypto12.createHash)("sha256").update(value).digest("hex").slice(0, 12)}`;
}

// packages/sim/src/github/store.ts
var DEPLOYMENT_STATES = [
  "error",
  "failure",
  "inactive",
  "in_progress",
  "queued",
  "pending",
  "success"
];
var MAX_REQUEST_RECORDS = 1e3;
function githubState(sim) {
  return sim.store("github", () => ({
    deployments: /* @__PURE__ */ new Map(),
    comments: /* @__PURE__ */ new Map(),
    requests: [],
    nextId: 1
  }));
}
function nextId(sim) {
  return githubState(sim).nextId++;
}
function recordRequest(sim, record2) {
  const requests = githubState(sim).requests;
  requests.push(record2);
  if (requests.length > MAX_REQUEST_RECORDS) requests.splice(0, requests.length - MAX_REQUEST_RECORDS);
}
function tokenFingerprint(token2) {
  return fingerprint(token2);
}
var sameRepository = (a, b) => a.toLowerCase() === b.toLowerCase();
function shaOf(repository, ref) {
  if (/^[0-9a-f]{40}$/i.test(ref)) return ref.toLowerCase();
  const full = ref.startsWith("refs/") ? ref : `refs/heads/${ref}`;
  return (0, import_node_crypto13.createHash)("sha1").update(`${repository}@${full}`).digest("hex");
}
function isoSeconds(ms) {
  return new Date(Math.floor(ms / 1e3) * 1e3).toISOString().replace(".000Z", "Z");
}
var nodeId = (prefix, id) => `${prefix}_${Buffer.from(`sim:${prefix}:${id}`).toString("base64url")}`;
function actionsBot(apiUrl) {
  return {
    login: "github-actions[bot]",
    id: 41898282,
    node_id: "MDM6Qm90NDE4OTgyODI=",
    avatar_url: "https://avatars.githubusercontent.com/in/15368?v=4",
    gravatar_id: "",
    url: `${apiUrl}/users/github-actions%5Bbot%5D`,
    html_url: "https://github.com/apps/github-actions",
    type: "Bot",
    site_admin: false
  };
}
function deploymentView(apiUrl, d) {
  const url = `${apiUrl}/repos/${d.repository}/deployments/${d.id}`;
  return {
    url,
    id: d.id,
    node_id: nodeId("DE", d.id),
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    original_environment: d.originalEnvironment,
    environment: d.environment,
    description: d.description,
    creator: actionsBot(apiUrl),
    created_at: isoSeconds(d.createdAt),
    updated_at: isoSeconds(d.updatedAt),
    statuses_url: `${url}/statuses`,
    repository_url: `${apiUrl}/repos/${d.repository}`,
    transient_environment: d.transientEnvironment,
    production_environment: d.productionEnvironment,
    performed_via_github_app: null
  };
}
function statusView(apiUrl, d, s) {
  const deploymentUrl = `${apiUrl}/repos/${d.repository}/deployments/${d.id}`;
  return {
    url: `${deploymentUrl}/statuses/${s.id}`,
    id: s.id,
    node_id: nodeId("DES", s.id),
    state: s.state,
    creator: actionsBot(apiUrl),
    description: s.description,
    environment: s.environment,
    target_url: s.targetUrl,
    created_at: isoSeconds(s.createdAt),
    updated_at: isoSeconds(s.createdAt),
    deployment_url: deploymentUrl,
    repository_url: `${apiUrl}/repos/${d.repository}`,
    environment_url: s.environmentUrl,
    log_url: s.logUrl,
    performed_via_github_app: null
  };
}
function commentView(apiUrl, c) {
  return {
    id: c.id,
    node_id: nodeId("IC", c.id),
    url: `${apiUrl}/repos/${c.repository}/issues/comments/${c.id}`,
    html_url: `https://github.com/${c.repository}/issues/${c.issueNumber}#issuecomment-${c.id}`,
    body: c.body,
    user: actionsBot(apiUrl),
    created_at: isoSeconds(c.createdAt),
    updated_at: isoSeconds(c.updatedAt),
    issue_url: `${apiUrl}/repos/${c.repository}/issues/${c.issueNumber}`,
    author_association: "NONE",
    performed_via_github_app: null
  };
}

// packages/sim/src/github/api-comments.ts
var MAX_COMMENT_BODY = 65536;
var repositoryOf2 = (req) => `${req.params[0]}/${req.params[1]}`;
function bodyOf(req) {
  const body = requiredString(req.body, "body");
  if (body.trim() === "") throw validationFailed("IssueComment", "body", "body can't be blank");
  if ([...body].length > MAX_COMMENT_BODY) {
    throw validationFailed(
      "IssueComment",
      "body",
      `body is too long (maximum is ${MAX_COMMENT_BODY} characters)`
    );
  }
  return body;
}
function commentOf(req) {
  const c = githubState(req.sim).comments.get(Number(req.params[2]));
  if (!c || !sameRepository(c.repository, repositoryOf2(req))) throw notFound();
  return c;
}
function issueNumber(req) {
  const n = Number(req.params[2]);
  if (!Number.isSafeInteger(n) || n < 1) throw notFound();
  return n;
}
function createIssueComment(req) {
  const comment = {
    id: nextId(req.sim),
    repository: repositoryOf2(req),
    issueNumber: issueNumber(req),
    body: bodyOf(req),
    createdAt: req.now,
    updatedAt: req.now
  };
  githubState(req.sim).comments.set(comment.id, comment);
  return { status: 201, body: commentView(req.apiUrl, comment) };
}
function listIssueComments(req) {
  const repository = repositoryOf2(req);
  const n = issueNumber(req);
  const since = req.query.get("since");
  const sinceMs = since !== null ? Date.parse(since) : Number.NaN;
  const all = [...githubState(req.sim).comments.values()].filter((c) => sameRepository(c.repository, repository) && c.issueNumber === n).filter((c) => Number.isNaN(sinceMs) || c.updatedAt >= sinceMs).sort((a, b) => a.id - b.id);
  const { page, headers } = paginate2(req, `/repos/${repository}/issues/${n}/comments`, all);
  return { status: 200, body: page.map((c) => commentView(req.apiUrl, c)), headers };
}
function getIssueComment(req) {
  return { status: 200, body: commentView(req.apiUrl, commentOf(req)) };
}
function updateIssueComment(req) {
  const comment = commentOf(req);
  comment.body = bodyOf(req);
  comment.updatedAt = req.now;
  return { status: 200, body: commentView(req.apiUrl, comment) };
}
function deleteIssueComment(req) {
  const comment = commentOf(req);
  githubState(req.sim).comments.delete(comment.id);
  return { status: 204 };
}

// packages/sim/src/github/api-deployments.ts
var MAX_STATUS_DESCRIPTION = 140;
var repositoryOf3 = (req) => `${req.params[0]}/${req.params[1]}`;
function deploymentOf(req) {
  const d = githubState(req.sim).deployments.get(Number(req.params[2]));
  if (!d || !sameRepository(d.repository, repositoryOf3(req))) throw notFound();
  return d;
}
var latestState = (d) => d.statuses[d.statuses.length - 1]?.state;
function payloadOf(body) {
  const payload = body["payload"];
  if (payload === void 0) return {};
  if (typeof payload === "string" || typeof payload === "object" && payload !== null && !Array.isArray(payload)) {
    return payload;
  }
  throw invalidRequest(`For 'properties/payload', ${JSON.stringify(payload)} is not an object or a string.`);
}
function createDeployment(req) {
  const repository = repositoryOf3(req);
  const ref = requiredString(req.body, "ref");
  if (ref === "") throw validationFailed("Deployment", "ref", "ref cannot be blank");
  const environment = optionalString(req.body, "environment") ?? "production";
  const description = nullableString(req.body, "description");
  const record2 = {
    id: nextId(req.sim),
    repository,
    sha: shaOf(repository, ref),
    ref,
    task: optionalString(req.body, "task") ?? "deploy",
    payload: payloadOf(req.body),
    originalEnvironment: environment,
    environment,
    description: description ?? null,
    transientEnvironment: optionalBoolean(req.body, "transient_environment") ?? false,
    productionEnvironment: optionalBoolean(req.body, "production_environment") ?? environment === "production",
    autoMerge: optionalBoolean(req.body, "auto_merge") ?? true,
    requiredContexts: optionalStringList(req.body, "required_contexts") ?? null,
    createdAt: req.now,
    updatedAt: req.now,
    statuses: []
  };
  githubState(req.sim).deployments.set(record2.id, record2);
  return { status: 201, body: deploymentView(req.apiUrl, record2) };
}
function listDeployments(req) {
  const repository = repositoryOf3(req);
  const filters = ["sha", "ref", "task", "environment"].map((key) => [key, req.query.get(key)]).filter((f) => f[1] !== null && f[1] !== "none");
  const all = [...githubState(req.sim).deployments.values()].filter((d) => sameRepository(d.repository, repository)).filter((d) => filters.every(([key, value]) => d[key] === value)).sort((a, b) => b.id - a.id);
  const { page, headers } = paginate2(req, `/repos/${repository}/deployments`, all);
  return { status: 200, body: page.map((d) => deploymentView(req.apiUrl, d)), headers };
}
function getDeployment(req) {
  return { status: 200, body: deploymentView(req.apiUrl, deploymentOf(req)) };
}
function deleteDeployment(req) {
  const d = deploymentOf(req);
  const deployments = githubState(req.sim).deployments;
  const sameEnvironment = [...deployments.values()].filter(
    (o) => sameRepository(o.repository, d.repository) && o.environment === d.environment
  );
  if (latestState(d) !== "inactive" && sameEnvironment.length > 1) {
    throw new RestError(
      422,
      "We cannot delete an active deployment unless it is the only deployment in a given environment."
    );
  }
  deployments.delete(d.id);
  return { status: 204 };
}
function deactivatePrevious(req, current2) {
  for (const d of githubState(req.sim).deployments.values()) {
    if (d.id >= current2.id || !sameRepository(d.repository, current2.repository)) continue;
    if (d.environment !== current2.environment || latestState(d) !== "success") continue;
    d.statuses.push({
      id: nextId(req.sim),
      state: "inactive",
      description: "",
      environment: d.environment,
      targetUrl: "",
      logUrl: "",
      environmentUrl: d.statuses[d.statuses.length - 1]?.environmentUrl ?? "",
      createdAt: req.now
    });
    d.updatedAt = req.now;
  }
}
function createDeploymentStatus(req) {
  const d = deploymentOf(req);
  const state = oneOf(req.body, "state", DEPLOYMENT_STATES);
  const description = optionalString(req.body, "description") ?? "";
  if ([...description].length > MAX_STATUS_DESCRIPTION) {
    throw validationFailed(
      "DeploymentStatus",
      "description",
      `description is too long (maximum is ${MAX_STATUS_DESCRIPTION} characters)`
    );
  }
  const logUrl = optionalString(req.body, "log_url");
  const targetUrl = optionalString(req.body, "target_url");
  const environment = optionalString(req.body, "environment") ?? d.statuses[d.statuses.length - 1]?.environment ?? d.environment;
  const status = {
    id: nextId(req.sim),
    state,
    description,
    environment,
    // Setting log_url sets target_url to the same value (and the legacy target_url fills log_url).
    targetUrl: logUrl ?? targetUrl ?? "",
    logUrl: logUrl ?? targetUrl ?? "",
    environmentUrl: optionalString(req.body, "environment_url") ?? "",
    createdAt: req.now
  };
  d.environment = environment;
  d.statuses.push(status);
  d.updatedAt = req.now;
  if (state === "success" && optionalBoolean(req.body, "auto_inactive") !== false) deactivatePrevious(req, d);
  return { status: 201, body: statusView(req.apiUrl, d, status) };
}
function listDeploymentStatuses(req) {
  const d = deploymentOf(req);
  const newestFirst = [...d.statuses].reverse();
  const { page, headers } = paginate2(req, `/repos/${d.repository}/deployments/${d.id}/statuses`, newestFirst);
  return { status: 200, body: page.map((s) => statusView(req.apiUrl, d, s)), headers };
}
function getDeploymentStatus(req) {
  const d = deploymentOf(req);
  const s = d.statuses.find((x) => x.id === Number(req.params[3]));
  if (!s) throw notFound();
  return { status: 200, body: statusView(req.apiUrl, d, s) };
}

// packages/sim/src/github/api.ts
var GITHUB_API_PREFIX = "/_github/api";
var DOCS = "https://docs.github.com/rest";
var MAX_BODY = 4 * 1024 * 1024;
var REPO = "/repos/([^/]+)/([^/]+)";
var endpoint = (method, path, operation, docs, handler) => ({
  method,
  pattern: new RegExp(`^${REPO}${path}$`),
  operation,
  docs: `${DOCS}/${docs}`,
  handler
});
var ENDPOINTS = [
  endpoint(
    "POST",
    "/deployments",
    "CreateDeployment",
    "deployments/deployments#create-a-deployment",
    createDeployment
  ),
  endpoint(
    "GET",
    "/deployments",
    "ListDeployments",
    "deployments/deployments#list-deployments",
    listDeployments
  ),
  endpoint(
    "GET",
    "/deployments/(\\d+)",
    "GetDeployment",
    "deployments/deployments#get-a-deployment",
    getDeployment
  ),
  endpoint(
    "DELETE",
    "/deployments/(\\d+)",
    "DeleteDeployment",
    "deployments/deployments#delete-a-deployment",
    deleteDeployment
  ),
  endpoint(
    "POST",
    "/deployments/(\\d+)/statuses",
    "CreateDeploymentStatus",
    "deployments/statuses#create-a-deployment-status",
    createDeploymentStatus
  ),
  endpoint(
    "GET",
    "/deployments/(\\d+)/statuses",
    "ListDeploymentStatuses",
    "deployments/statuses#list-deployment-statuses",
    listDeploymentStatuses
  ),
  endpoint(
    "GET",
    "/deployments/(\\d+)/statuses/(\\d+)",
    "GetDeploymentStatus",
    "deployments/statuses#get-a-deployment-status",
    getDeploymentStatus
  ),
  endpoint(
    "POST",
    "/issues/(\\d+)/comments",
    "CreateIssueComment",
    "issues/comments#create-an-issue-comment",
    createIssueComment
  ),
  endpoint(
    "GET",
    "/issues/(\\d+)/comments",
    "ListIssueComments",
    "issues/comments#list-issue-comments",
    listIssueComments
  ),
  endpoint(
    "GET",
    "/issues/comments/(\\d+)",
    "GetIssueComment",
    "issues/comments#get-an-issue-comment",
    getIssueComment
  ),
  endpoint(
    "PATCH",
    "/issues/comments/(\\d+)",
    "UpdateIssueComment",
    "issues/comments#update-an-issue-comment",
    updateIssueComment
  ),
  endpoint(
    "DELETE",
    "/issues/comments/(\\d+)",
    "DeleteIssueComment",
    "issues/comments#delete-an-issue-comment",
    deleteIssueComment
  )
];
function tokenOf(req) {
  const header2 = req.headers.authorization;
  if (typeof header2 !== "string" || header2.trim() === "") return { error: "Requires authentication" };
  const m = /^(?:bearer|token)\s+(\S+)\s*$/i.exec(header2);
  return m ? { token: m[1] } : { error: "Bad credentials" };
}
async function jsonBody(req) {
  const raw = await readBody(req, MAX_BODY).catch(() => {
    throw new RestError(413, "Payload Too Large");
  });
  if (raw.length === 0) return {};
  let parsed;
  try {
    parsed = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new RestError(400, "Problems parsing JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new RestError(400, "Problems parsing JSON");
  }
  return parsed;
}
var ERROR_CODES = {
  0: "ConnectionDropped",
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  413: "PayloadTooLarge",
  422: "ValidationFailed",
  502: "ServerError"
};
function errorReply(err, operation) {
  return {
    status: err.status,
    body: {
      message: err.message,
      ...err.errors ? { errors: err.errors } : {},
      documentation_url: ENDPOINTS.find((x) => x.operation === operation)?.docs ?? DOCS,
      status: String(err.status)
    },
    headers: err.status === 403 ? { "retry-after": "1" } : {}
  };
}
async function dispatch(sim, req, url, path, now) {
  const method = req.method ?? "GET";
  let operation = "unknown";
  let token2;
  try {
    const match = ENDPOINTS.map((e2) => ({ e: e2, m: e2.method === method ? e2.pattern.exec(path) : null })).find(
      (x) => x.m !== null
    );
    if (!match?.m) throw new RestError(404, "Not Found");
    const { e, m } = match;
    operation = e.operation;
    const auth = tokenOf(req);
    if (auth.error !== void 0) throw new RestError(401, auth.error);
    token2 = auth.token;
    const fault = sim.scenario.fault("github", operation);
    if (fault.latencyMs) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
    if (fault.drop && sim.scenario.random() < fault.drop) {
      req.socket.destroy();
      return { operation, token: token2, reply: { status: 0 } };
    }
    if (fault.throttle && sim.scenario.random() < fault.throttle) {
      throw new RestError(
        403,
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
      );
    }
    if (fault.error5xx && sim.scenario.random() < fault.error5xx) throw new RestError(502, "Server Error");
    const body = method === "POST" || method === "PATCH" ? await jsonBody(req) : {};
    const reply = e.handler({
      sim,
      apiUrl: `${sim.url}${GITHUB_API_PREFIX}`,
      params: m.slice(1).map((p) => decodeURIComponent(p)),
      query: url.searchParams,
      body,
      now
    });
    return { operation, token: token2, reply };
  } catch (err) {
    if (!(err instanceof RestError)) throw err;
    return { operation, token: token2, reply: errorReply(err, operation) };
  }
}
function githubRestRoute(sim) {
  return {
    prefix: GITHUB_API_PREFIX,
    async handle(req, res, url) {
      const method = req.method ?? "GET";
      const path = url.pathname.slice(GITHUB_API_PREFIX.length).replace(/\/+$/, "");
      const requestId = (0, import_node_crypto14.randomUUID)().toUpperCase();
      const now = sim.clock.now();
      const { operation, token: token2, reply } = await dispatch(sim, req, url, path, now);
      const time = new Date(now).toISOString();
      const { status } = reply;
      recordRequest(sim, {
        time,
        method,
        path,
        operation,
        status,
        ...token2 !== void 0 ? { token: tokenFingerprint(token2) } : {}
      });
      sim.calls.add({
        time,
        realTime: Date.now(),
        service: "github",
        action: operation,
        status,
        ...status >= 400 || status === 0 ? { errorCode: ERROR_CODES[status] ?? `HTTP${status}` } : {},
        requestId
      });
      if (status === 0) return;
      const text = reply.body === void 0 ? "" : JSON.stringify(reply.body);
      res.writeHead(status, {
        ...reply.body !== void 0 ? { "content-type": "application/json; charset=utf-8" } : {},
        "content-length": Buffer.byteLength(text),
        "x-github-request-id": requestId,
        "x-github-api-version-selected": "2022-11-28",
        date: (/* @__PURE__ */ new Date()).toUTCString(),
        ...reply.headers ?? {}
      });
      res.end(text);
    }
  };
}

// packages/sim/src/github/issuer-routes.ts
var CLAIMS_SUPPORTED = [
  "sub",
  "aud",
  "exp",
  "iat",
  "iss",
  "jti",
  "nbf",
  "ref",
  "sha",
  "repository",
  "repository_id",
  "repository_owner",
  "repository_owner_id",
  "enterprise",
  "enterprise_id",
  "run_id",
  "run_number",
  "run_attempt",
  "actor",
  "actor_id",
  "workflow",
  "workflow_ref",
  "workflow_sha",
  "head_ref",
  "base_ref",
  "event_name",
  "ref_type",
  "ref_protected",
  "environment",
  "environment_node_id",
  "job_workflow_ref",
  "job_workflow_sha",
  "repository_visibility",
  "runner_environment",
  "check_run_id"
];
function bearer(req) {
  const header2 = req.headers.authorization;
  if (typeof header2 !== "string") return void 0;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header2);
  return m?.[1];
}
function githubRoute(sim) {
  return {
    prefix: "/_github/oidc",
    handle(req, res, url) {
      const path = url.pathname.replace(/\/+$/, "");
      if (req.method !== "GET")
        return sendJson(res, 405, { message: `${req.method} is not allowed on ${path}` });
      switch (path) {
        case "/_github/oidc/token": {
          const requestToken = bearer(req);
          if (requestToken === void 0) {
            return sendJson(res, 401, {
              message: "Unauthorized: the request carries no bearer token (ACTIONS_ID_TOKEN_REQUEST_TOKEN)"
            });
          }
          const context = issuerState(sim).contexts.get(requestToken);
          if (!context) {
            return sendJson(res, 403, {
              message: 'Forbidden: the request token is not valid for any running job (does the job have "id-token: write"?)'
            });
          }
          const audience = url.searchParams.get("audience") || void 0;
          return sendJson(res, 200, {
            value: mintToken(sim, buildClaims(context, audience, sim.clock.now()))
          });
        }
        case "/_github/oidc/.well-known/openid-configuration":
          return sendJson(res, 200, {
            issuer: GITHUB_ISSUER,
            jwks_uri: `${sim.url}/_github/oidc/.well-known/jwks`,
            subject_types_supported: ["public", "pairwise"],
            response_types_supported: ["id_token"],
            claims_supported: CLAIMS_SUPPORTED,
            id_token_signing_alg_values_supported: ["RS256"],
            scopes_supported: ["openid"]
          });
        case "/_github/oidc/.well-known/jwks":
          return sendJson(res, 200, { keys: [signingKey().jwk] });
        default:
          return sendJson(res, 404, { message: `nothing is served at GET ${path}` });
      }
    }
  };
}
function controlRoute(sim) {
  return {
    prefix: "/_sim/oidc",
    async handle(req, res, url) {
      const path = url.pathname.replace(/\/+$/, "");
      if (path !== "/_sim/oidc/contexts") return sendJson(res, 404, { error: `no control route ${path}` });
      if (req.method === "GET") {
        const contexts = [...issuerState(sim).contexts].map(([requestToken2, context2]) => ({
          requestToken: requestToken2,
          context: context2
        }));
        return sendJson(res, 200, { contexts });
      }
      if (req.method !== "POST")
        return sendJson(res, 405, { error: `${req.method} is not allowed on ${path}` });
      const body = await readBody(req, 1024 * 1024);
      let parsed = {};
      if (body.length > 0) {
        try {
          parsed = JSON.parse(body.toString("utf8"));
        } catch {
          throw new AwsError("ValidationException", "the body is not valid JSON");
        }
      }
      const { requestToken, context } = splitRequestToken(parsed);
      const registered = registerOidcContext(sim, context, requestToken);
      return sendJson(res, 200, registered);
    }
  };
}
function splitRequestToken(doc) {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return { context: doc };
  const { requestToken, ...context } = doc;
  if (requestToken === void 0) return { context };
  if (typeof requestToken !== "string" || requestToken.length === 0 || /\s/.test(requestToken)) {
    throw new AwsError("ValidationException", "requestToken must be a non-empty string without spaces");
  }
  return { requestToken, context };
}
function githubRoutes(sim) {
  return [githubRoute(sim), controlRoute(sim)];
}

// packages/sim/src/github/index.ts
var githubModule = {
  name: "github",
  install(sim) {
    signingKey();
    for (const route of githubRoutes(sim)) sim.addRoute(route);
    sim.addRoute(githubRestRoute(sim));
    githubState(sim);
    sim.onSeed("oidc", (data) => {
      seedValue("oidc", data, (value) => {
        const { requestToken, context } = splitRequestToken(value);
        registerOidcContext(sim, context, requestToken ?? DEFAULT_OIDC_REQUEST_TOKEN);
      });
    });
  }
};

// packages/sim/src/logs/read.ts
var keyOf2 = (e) => [e.timestamp, e.seq];
function compare(a, b) {
  return a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1];
}
function encode(direction, key) {
  return `${direction}/${String(key[0]).padStart(16, "0")}${String(key[1]).padStart(20, "0")}/s`;
}
function decode(token2) {
  const m = /^([fb])\/(\d{16})(\d{20})\/s$/.exec(token2);
  if (!m) throw new AwsError("InvalidParameterException", "The specified nextToken is invalid.");
  return { direction: m[1], key: [Number(m[2]), Number(m[3])] };
}
function getEvents(stream, options) {
  const inWindow = stream.events.filter(
    (e) => (options.startTime === void 0 || e.timestamp >= options.startTime) && (options.endTime === void 0 || e.timestamp < options.endTime)
  );
  let picked;
  let boundary;
  if (options.nextToken !== void 0) {
    const { direction, key } = decode(options.nextToken);
    boundary = key;
    picked = direction === "f" ? inWindow.filter((e) => compare(keyOf2(e), key) > 0).slice(0, options.limit) : inWindow.filter((e) => compare(keyOf2(e), key) < 0).slice(-options.limit);
  } else if (options.startFromHead) {
    boundary = [0, 0];
    picked = inWindow.slice(0, options.limit);
  } else {
    const last2 = inWindow[inWindow.length - 1];
    boundary = last2 ? keyOf2(last2) : [0, 0];
    picked = options.limit > 0 ? inWindow.slice(-options.limit) : [];
  }
  const first = picked[0];
  const last = picked[picked.length - 1];
  return {
    events: picked,
    nextForwardToken: encode("f", last ? keyOf2(last) : boundary),
    nextBackwardToken: encode("b", first ? keyOf2(first) : boundary)
  };
}
function compileFilterPattern(pattern) {
  const text = (pattern ?? "").trim();
  if (text === "") return () => true;
  if (text.startsWith("{") || text.startsWith("[")) return (m) => m.includes(text);
  const all = [];
  const any = [];
  const none = [];
  const re = /([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const term = m[2] !== void 0 ? m[2].replace(/\\(.)/g, "$1") : m[3];
    if (m[1] === "?") any.push(term);
    else if (m[1] === "-") none.push(term);
    else all.push(term);
  }
  return (message) => all.every((t) => message.includes(t)) && (any.length === 0 || any.some((t) => message.includes(t))) && !none.some((t) => message.includes(t));
}
function encodeFilterToken(e) {
  return Buffer.from(JSON.stringify([e.timestamp, e.seq])).toString("base64");
}
function afterFilterToken(token2) {
  if (token2 === void 0) return () => true;
  let key;
  try {
    key = JSON.parse(Buffer.from(token2, "base64").toString("utf8"));
  } catch {
    key = void 0;
  }
  if (!Array.isArray(key) || key.length !== 2 || !key.every((n) => typeof n === "number")) {
    throw new AwsError("InvalidParameterException", "The specified nextToken is invalid.");
  }
  const k = [key[0], key[1]];
  return (e) => compare(keyOf2(e), k) > 0;
}
function byKey(a, b) {
  return compare(keyOf2(a), keyOf2(b));
}

// packages/sim/src/logs/store.ts
function logsState(sim) {
  return sim.store("logs", () => ({ groups: /* @__PURE__ */ new Map(), nextSeq: 1 }));
}
var groupKey = (account, region, name) => `${account}/${region}/${name}`;
function groupArn(group) {
  return `arn:aws:logs:${group.region}:${group.account}:log-group:${group.name}`;
}
function findLogGroup(sim, account, region, name) {
  return logsState(sim).groups.get(groupKey(account, region, name));
}
function requireLogGroup(sim, account, region, name) {
  const group = findLogGroup(sim, account, region, name);
  if (!group) throw new AwsError("ResourceNotFoundException", "The specified log group does not exist.");
  return group;
}
function groupsOf(sim, account, region) {
  const prefix = `${account}/${region}/`;
  return [...logsState(sim).groups.entries()].filter(([key]) => key.startsWith(prefix)).map(([, group]) => group).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
function createLogGroup(sim, account, region, name, now, options = {}) {
  const state = logsState(sim);
  const key = groupKey(account, region, name);
  if (state.groups.has(key)) {
    throw new AwsError("ResourceAlreadyExistsException", "The specified log group already exists");
  }
  const group = {
    name,
    account,
    region,
    creationTime: now,
    logGroupClass: options.logGroupClass ?? "STANDARD",
    tags: options.tags ?? {},
    streams: /* @__PURE__ */ new Map(),
    ...options.retentionInDays !== void 0 ? { retentionInDays: options.retentionInDays } : {}
  };
  state.groups.set(key, group);
  return group;
}
function deleteLogGroup(sim, account, region, name) {
  requireLogGroup(sim, account, region, name);
  logsState(sim).groups.delete(groupKey(account, region, name));
}
function createLogStream(group, name, now) {
  if (group.streams.has(name)) {
    throw new AwsError("ResourceAlreadyExistsException", "The specified log stream already exists");
  }
  const stream = {
    name,
    arn: `${groupArn(group)}:log-stream:${name}`,
    creationTime: now,
    events: [],
    storedBytes: 0
  };
  group.streams.set(name, stream);
  return stream;
}
function insertEvents(sim, stream, events, now) {
  const state = logsState(sim);
  for (const e of events) {
    const stored = {
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime: now,
      seq: state.nextSeq++
    };
    const list = stream.events;
    if (list.length === 0 || list[list.length - 1].timestamp <= stored.timestamp) list.push(stored);
    else {
      let i = list.length - 1;
      while (i > 0 && list[i - 1].timestamp > stored.timestamp) i--;
      list.splice(i, 0, stored);
    }
    stream.storedBytes += Buffer.byteLength(e.message) + 26;
  }
  if (events.length > 0) stream.lastIngestionTime = now;
}
function appendLogEvents(sim, input) {
  let group = findLogGroup(sim, input.account, input.region, input.logGroupName);
  if (!group) {
    if (!input.createGroup) {
      throw new AwsError("ResourceNotFoundException", "The specified log group does not exist.");
    }
    group = createLogGroup(sim, input.account, input.region, input.logGroupName, input.now);
  }
  const stream = group.streams.get(input.logStreamName) ?? createLogStream(group, input.logStreamName, input.now);
  const events = input.events.map(
    (e, i) => typeof e === "string" ? { timestamp: input.now + i, message: e } : e
  );
  insertEvents(sim, stream, events, input.now);
}
function logGroupExists(sim, account, region, name) {
  return findLogGroup(sim, account, region, name) !== void 0;
}

// packages/sim/src/logs/api.ts
var GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
var DAY = 864e5;
function tagsOf2(input, key) {
  const tags = input.object(key) ?? {};
  for (const v of Object.values(tags))
    if (typeof v !== "string") input.fail(`${key} values must be strings.`);
  return tags;
}
function groupOf(ctx, input) {
  const name = input.str("logGroupName");
  const identifier = input.str("logGroupIdentifier");
  if (name !== void 0 && identifier !== void 0) {
    input.fail("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
  }
  const raw = name ?? identifier;
  if (raw === void 0) input.fail("Either logGroupName or logGroupIdentifier must be specified.");
  const m = /^arn:aws[\w-]*:logs:([^:]+):(\d{12}):log-group:([^:]+)(?::\*)?$/.exec(raw);
  return m ? requireLogGroup(ctx.sim, m[2], m[1], m[3]) : requireLogGroup(ctx.sim, ctx.account, ctx.region, raw);
}
function streamOf(group, name) {
  const stream = group.streams.get(name);
  if (!stream) throw new AwsError("ResourceNotFoundException", "The specified log stream does not exist.");
  return stream;
}
function describeGroup(group) {
  const arn = groupArn(group);
  let storedBytes = 0;
  for (const s of group.streams.values()) storedBytes += s.storedBytes;
  return {
    logGroupName: group.name,
    creationTime: group.creationTime,
    retentionInDays: group.retentionInDays,
    metricFilterCount: 0,
    arn: `${arn}:*`,
    storedBytes,
    logGroupClass: group.logGroupClass,
    logGroupArn: arn
  };
}
function describeStream(stream) {
  const first = stream.events[0];
  const last = stream.events[stream.events.length - 1];
  return {
    logStreamName: stream.name,
    creationTime: stream.creationTime,
    firstEventTimestamp: first?.timestamp,
    lastEventTimestamp: last?.timestamp,
    lastIngestionTime: stream.lastIngestionTime,
    uploadSequenceToken: String(stream.events.length + 1).padStart(56, "4"),
    arn: stream.arn,
    storedBytes: stream.storedBytes
  };
}
var CreateLogGroup = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const name = input.required("logGroupName");
  if (!GROUP_NAME.test(name))
    input.fail(`1 validation error detected: Value '${name}' at 'logGroupName' failed to satisfy constraint`);
  const logGroupClass = input.str("logGroupClass");
  createLogGroup(ctx.sim, ctx.account, ctx.region, name, ctx.now, {
    tags: tagsOf2(input, "tags"),
    ...logGroupClass !== void 0 ? { logGroupClass } : {}
  });
  return {};
};
var DescribeLogGroups = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const prefix = input.str("logGroupNamePrefix");
  const pattern = input.str("logGroupNamePattern");
  if (prefix !== void 0 && pattern !== void 0) {
    input.fail("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
  }
  const groups = groupsOf(ctx.sim, ctx.account, ctx.region).filter(
    (g) => (prefix === void 0 || g.name.startsWith(prefix)) && (pattern === void 0 || g.name.toLowerCase().includes(pattern.toLowerCase()))
  );
  const { page, nextToken } = input.page(groups, nextTokenPaging("limit", 50, 50));
  return { logGroups: page.map(describeGroup), nextToken };
};
var DeleteLogGroup = (ctx, raw) => {
  deleteLogGroup(ctx.sim, ctx.account, ctx.region, new Input(raw, invalidParameter).required("logGroupName"));
  return {};
};
var PutRetentionPolicy = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const group = requireLogGroup(ctx.sim, ctx.account, ctx.region, input.required("logGroupName"));
  group.retentionInDays = input.int("retentionInDays", 1) ?? input.fail("retentionInDays is required.");
  return {};
};
var CreateLogStream = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const group = requireLogGroup(ctx.sim, ctx.account, ctx.region, input.required("logGroupName"));
  const name = input.required("logStreamName");
  if (name.includes(":") || name.includes("*") || name.length > 512) {
    input.fail(`Invalid log stream name: ${name}`);
  }
  createLogStream(group, name, ctx.now);
  return {};
};
var DeleteLogStream = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const group = requireLogGroup(ctx.sim, ctx.account, ctx.region, input.required("logGroupName"));
  const name = input.required("logStreamName");
  streamOf(group, name);
  group.streams.delete(name);
  return {};
};
var DescribeLogStreams = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const group = groupOf(ctx, input);
  const prefix = input.str("logStreamNamePrefix");
  const orderBy = input.str("orderBy") ?? "LogStreamName";
  if (orderBy !== "LogStreamName" && orderBy !== "LastEventTime") input.fail(`Invalid orderBy: ${orderBy}`);
  if (prefix !== void 0 && orderBy === "LastEventTime") {
    input.fail("Cannot order by LastEventTime with a logStreamNamePrefix.");
  }
  const lastTime = (s) => s.events[s.events.length - 1]?.timestamp ?? 0;
  const streams = [...group.streams.values()].filter((s) => prefix === void 0 || s.name.startsWith(prefix)).sort(
    (a, b) => orderBy === "LastEventTime" ? lastTime(a) - lastTime(b) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0
  );
  if (input.bool("descending")) streams.reverse();
  const { page, nextToken } = input.page(streams, nextTokenPaging("limit", 50, 50));
  return { logStreams: page.map(describeStream), nextToken };
};
var PutLogEvents = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const group = requireLogGroup(ctx.sim, ctx.account, ctx.region, input.required("logGroupName"));
  const stream = streamOf(group, input.required("logStreamName"));
  const events = input.objects("logEvents") ?? [];
  if (events.length === 0 || events.length > 1e4) input.fail("logEvents must hold 1 to 10000 events.");
  const parsed = events.map((e) => {
    if (typeof e.timestamp !== "number" || typeof e.message !== "string") {
      return input.fail("Each log event needs a numeric timestamp and a string message.");
    }
    return { timestamp: e.timestamp, message: e.message };
  });
  for (let i = 1; i < parsed.length; i++) {
    if (parsed[i].timestamp < parsed[i - 1].timestamp) {
      input.fail("Log events in a single PutLogEvents request must be in chronological order.");
    }
  }
  let tooOld = -1;
  let tooNew = parsed.length;
  parsed.forEach((e, i) => {
    if (e.timestamp < ctx.now - 14 * DAY) tooOld = i;
    if (e.timestamp > ctx.now + 2 * 36e5 && i < tooNew) tooNew = i;
  });
  insertEvents(ctx.sim, stream, parsed.slice(tooOld + 1, tooNew), ctx.now);
  const rejected2 = tooOld >= 0 || tooNew < parsed.length ? {
    ...tooOld >= 0 ? { tooOldLogEventEndIndex: tooOld + 1 } : {},
    ...tooNew < parsed.length ? { tooNewLogEventStartIndex: tooNew } : {}
  } : void 0;
  return {
    nextSequenceToken: String(stream.events.length + 1).padStart(56, "4"),
    rejectedLogEventsInfo: rejected2
  };
};
var GetLogEvents = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const group = groupOf(ctx, input);
  const stream = streamOf(group, input.required("logStreamName"));
  const startTime = input.int("startTime");
  const endTime = input.int("endTime");
  const nextToken = input.str("nextToken");
  const result = getEvents(stream, {
    limit: input.int("limit", 1, 1e4) ?? 1e4,
    startFromHead: input.bool("startFromHead") ?? false,
    ...startTime !== void 0 ? { startTime } : {},
    ...endTime !== void 0 ? { endTime } : {},
    ...nextToken !== void 0 ? { nextToken } : {}
  });
  return {
    events: result.events.map((e) => ({
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime: e.ingestionTime
    })),
    nextForwardToken: result.nextForwardToken,
    nextBackwardToken: result.nextBackwardToken
  };
};
var FilterLogEvents = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const group = groupOf(ctx, input);
  const names = input.strings("logStreamNames");
  const prefix = input.str("logStreamNamePrefix");
  if (names !== void 0 && prefix !== void 0) {
    input.fail("logStreamNames and logStreamNamePrefix are mutually exclusive parameters.");
  }
  const startTime = input.int("startTime");
  const endTime = input.int("endTime");
  const limit = input.int("limit", 1, 1e4) ?? 1e4;
  const matches = compileFilterPattern(input.str("filterPattern"));
  const after = afterFilterToken(input.str("nextToken"));
  const found = [];
  for (const stream of group.streams.values()) {
    if (names !== void 0 && !names.includes(stream.name)) continue;
    if (prefix !== void 0 && !stream.name.startsWith(prefix)) continue;
    for (const e of stream.events) {
      if (startTime !== void 0 && e.timestamp < startTime) continue;
      if (endTime !== void 0 && e.timestamp > endTime) continue;
      if (after(e) && matches(e.message)) found.push({ ...e, logStreamName: stream.name });
    }
  }
  found.sort(byKey);
  const events = found.slice(0, limit);
  const last = events[events.length - 1];
  return {
    events: events.map((e) => ({
      logStreamName: e.logStreamName,
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime: e.ingestionTime,
      eventId: String(e.seq).padStart(56, "0")
    })),
    searchedLogStreams: [],
    nextToken: found.length > limit && last ? encodeFilterToken(last) : void 0
  };
};
function groupByArn(ctx, input) {
  const arn = input.required("resourceArn");
  const m = /^arn:aws[\w-]*:logs:([^:]+):(\d{12}):log-group:([^:]+)(?::\*)?$/.exec(arn);
  if (!m) throw new AwsError("ResourceNotFoundException", `The specified resource does not exist: ${arn}`);
  return requireLogGroup(ctx.sim, m[2], m[1], m[3]);
}
var TagResource2 = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  Object.assign(groupByArn(ctx, input).tags, tagsOf2(input, "tags"));
  return {};
};
var UntagResource2 = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const group = groupByArn(ctx, input);
  for (const key of input.strings("tagKeys") ?? []) delete group.tags[key];
  return {};
};
var ListTagsForResource2 = (ctx, raw) => ({
  tags: groupByArn(ctx, new Input(raw, invalidParameter)).tags
});
var logsActions = {
  CreateLogGroup,
  DescribeLogGroups,
  DeleteLogGroup,
  PutRetentionPolicy,
  CreateLogStream,
  DeleteLogStream,
  DescribeLogStreams,
  PutLogEvents,
  GetLogEvents,
  FilterLogEvents,
  TagResource: TagResource2,
  UntagResource: UntagResource2,
  ListTagsForResource: ListTagsForResource2
};

// packages/sim/src/logs/index.ts
function seedLogGroups(data, sim) {
  seedEntries("logGroups", data, (entry) => {
    const spec = typeof entry === "string" ? { name: entry } : entry ?? {};
    if (typeof spec.name !== "string" || spec.name === "") {
      throw new AwsError("ValidationException", "a log group needs a name");
    }
    const account = typeof spec.account === "string" ? spec.account : DEFAULT_ACCOUNT;
    const region = typeof spec.region === "string" ? spec.region : DEFAULT_REGION;
    if (findLogGroup(sim, account, region, spec.name)) return;
    createLogGroup(sim, account, region, spec.name, sim.clock.now(), {
      ...typeof spec.retentionInDays === "number" ? { retentionInDays: spec.retentionInDays } : {}
    });
  });
}
var logsModule = {
  name: "logs",
  install(sim) {
    sim.addService({
      name: "logs",
      protocol: "json",
      targetPrefix: "Logs_20140328",
      jsonVersion: "1.1",
      actions: logsActions
    });
    sim.logSink = {
      groupExists: (account, region, name) => logGroupExists(sim, account, region, name),
      append: (input) => appendLogEvents(sim, input)
    };
    sim.onSeed("logGroups", seedLogGroups);
  }
};

// packages/sim/src/secretsmanager/store.ts
var import_node_crypto15 = require("node:crypto");
function secretsState(sim) {
  return sim.store("secretsmanager", () => ({ secrets: /* @__PURE__ */ new Map(), generations: /* @__PURE__ */ new Map() }));
}
var secretKey = (account, region, name) => `${account}/${region}/${name}`;
var SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
function newSecretArn(sim, account, region, name) {
  const key = secretKey(account, region, name);
  const generations = secretsState(sim).generations;
  const generation = (generations.get(key) ?? 0) + 1;
  generations.set(key, generation);
  const digest = (0, import_node_crypto15.createHash)("sha256").update(`${key}#${generation}`).digest();
  const suffix = [...digest.subarray(0, 6)].map((b) => SUFFIX_ALPHABET[b % SUFFIX_ALPHABET.length]).join("");
  return `arn:aws:secretsmanager:${region}:${account}:secret:${name}-${suffix}`;
}
function saveSecret(sim, secret) {
  secretsState(sim).secrets.set(secretKey(secret.account, secret.region, secret.name), secret);
}
function removeSecret(sim, secret) {
  secretsState(sim).secrets.delete(secretKey(secret.account, secret.region, secret.name));
}
function findSecretByName(sim, account, region, name) {
  return secretsState(sim).secrets.get(secretKey(account, region, name));
}
function secretsOf(sim, account, region) {
  return inScope(secretsState(sim).secrets, account, region);
}
function findSecret(sim, account, region, secretId) {
  const arn = /^arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):(\d{12}):secret:(.+)$/.exec(secretId);
  if (!arn) return findSecretByName(sim, account, region, secretId);
  if (arn[1] !== region) return void 0;
  const candidates = secretsOf(sim, arn[2], region);
  return candidates.find((s) => s.arn === secretId) ?? candidates.find((s) => s.name === arn[3]);
}
var secretNotFound = () => new AwsError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
var markedForDeletion = () => new AwsError(
  "InvalidRequestException",
  "You can't perform this operation on the secret because it was marked for deletion."
);
function requireSecret(sim, account, region, secretId) {
  const secret = findSecret(sim, account, region, secretId);
  if (!secret) throw secretNotFound();
  return secret;
}
function newVersionId() {
  return (0, import_node_crypto15.randomUUID)();
}
function versionsToStages(secret) {
  const labelled = secret.versions.filter((v) => v.stages.length > 0);
  if (labelled.length === 0) return void 0;
  return Object.fromEntries(labelled.map((v) => [v.versionId, [...v.stages]]));
}
function describeView(secret) {
  const stages = versionsToStages(secret);
  return {
    ARN: secret.arn,
    Name: secret.name,
    ...secret.description !== void 0 ? { Description: secret.description } : {},
    ...secret.kmsKeyId !== void 0 ? { KmsKeyId: secret.kmsKeyId } : {},
    RotationEnabled: false,
    LastChangedDate: new Date(secret.lastChangedDate),
    ...secret.lastAccessedDate !== void 0 ? { LastAccessedDate: new Date(secret.lastAccessedDate) } : {},
    ...secret.deletionDate !== void 0 ? { DeletedDate: new Date(secret.deletionDate) } : {},
    Tags: secret.tags,
    ...stages !== void 0 ? { VersionIdsToStages: stages } : {},
    CreatedDate: new Date(secret.createdDate)
  };
}
function purgeDeleted(sim, now) {
  const secrets = secretsState(sim).secrets;
  for (const [key, secret] of secrets) {
    if (secret.deletionDate !== void 0 && secret.deletionDate <= now) secrets.delete(key);
  }
}

// packages/sim/src/secretsmanager/api.ts
var NAME_RE2 = /^[a-zA-Z0-9/_+=.@-]+$/;
var MAX_VALUE = 65536;
var DAY_MS = 864e5;
var MAX_UNLABELLED = 100;
function readValue(input) {
  const str2 = input.str("SecretString");
  const bin = input.str("SecretBinary");
  if (str2 !== void 0 && bin !== void 0) {
    throw new AwsError(
      "InvalidParameterException",
      "You can't specify both a binary secret value and a string secret value in the same secret."
    );
  }
  const value = str2 ?? bin;
  if (value === void 0) return void 0;
  if (value.length > MAX_VALUE) {
    throw validationError(
      str2 !== void 0 ? "SecretString" : "SecretBinary",
      `Member must have length less than or equal to ${MAX_VALUE}`,
      "***"
    );
  }
  return { value, binary: bin !== void 0 };
}
function addVersion(secret, value, versionId, stages, now) {
  if (stages.includes("AWSCURRENT")) {
    const previous = secret.versions.find((v) => v.stages.includes("AWSCURRENT"));
    for (const v of secret.versions) v.stages = v.stages.filter((s) => s !== "AWSPREVIOUS");
    if (previous) previous.stages = [...previous.stages.filter((s) => s !== "AWSCURRENT"), "AWSPREVIOUS"];
  }
  for (const v of secret.versions)
    v.stages = v.stages.filter((s) => s === "AWSPREVIOUS" || !stages.includes(s));
  const version = {
    versionId,
    value: new Sealed(value.value),
    binary: value.binary,
    stages: [...stages],
    createdDate: now
  };
  secret.versions.push(version);
  const unlabelled = secret.versions.filter((v) => v.stages.length === 0);
  if (unlabelled.length > MAX_UNLABELLED) {
    const drop = new Set(unlabelled.slice(0, unlabelled.length - MAX_UNLABELLED));
    secret.versions = secret.versions.filter((v) => !drop.has(v));
  }
  secret.lastChangedDate = now;
  return version;
}
function sameValue(version, value) {
  return value !== void 0 && version.binary === value.binary && version.value.reveal() === value.value;
}
function createSecret(sim, spec) {
  if (spec.name.length < 1 || spec.name.length > 512) {
    throw validationError("Name", "Member must have length between 1 and 512", spec.name);
  }
  if (!NAME_RE2.test(spec.name)) {
    throw new AwsError(
      "ValidationException",
      "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!"
    );
  }
  const existing = findSecretByName(sim, spec.account, spec.region, spec.name);
  if (existing) {
    const retried = existing.versions.find((v) => v.versionId === spec.versionId);
    if (retried && sameValue(retried, spec.value)) return { secret: existing, version: retried };
    if (existing.deletionDate !== void 0) {
      throw new AwsError(
        "InvalidRequestException",
        "You can't create this secret because a secret with this name is already scheduled for deletion."
      );
    }
    throw new AwsError(
      "ResourceExistsException",
      `The operation failed because the secret ${spec.name} already exists.`
    );
  }
  const secret = {
    account: spec.account,
    region: spec.region,
    name: spec.name,
    arn: newSecretArn(sim, spec.account, spec.region, spec.name),
    ...spec.description !== void 0 ? { description: spec.description } : {},
    ...spec.kmsKeyId !== void 0 ? { kmsKeyId: spec.kmsKeyId } : {},
    tags: spec.tags ?? [],
    createdDate: spec.now,
    lastChangedDate: spec.now,
    versions: []
  };
  const version = spec.value ? addVersion(secret, spec.value, spec.versionId ?? newVersionId(), ["AWSCURRENT"], spec.now) : void 0;
  saveSecret(sim, secret);
  return { secret, ...version ? { version } : {} };
}
function secretOf(ctx, input) {
  return requireSecret(ctx.sim, ctx.account, ctx.region, input.required("SecretId"));
}
function versionToken(input) {
  const token2 = input.str("ClientRequestToken");
  if (token2 !== void 0 && (token2.length < 32 || token2.length > 64)) {
    throw validationError("ClientRequestToken", "Member must have length between 32 and 64", token2);
  }
  return token2;
}
function matchesFilter(secret, key, values) {
  const fields = {
    name: [secret.name],
    description: secret.description !== void 0 ? [secret.description] : [],
    "tag-key": secret.tags.map((t) => t.Key),
    "tag-value": secret.tags.map((t) => t.Value),
    "primary-region": [secret.region],
    "owning-service": []
  };
  const haystack = key === "all" ? Object.values(fields).flat() : fields[key] ?? [];
  const positive = values.filter((v) => !v.startsWith("!"));
  const negative = values.filter((v) => v.startsWith("!")).map((v) => v.slice(1));
  if (negative.some((n) => haystack.some((h) => h.startsWith(n)))) return false;
  return positive.length === 0 || positive.some((p) => haystack.some((h) => h.startsWith(p)));
}
var FILTER_KEYS = [
  "description",
  "name",
  "tag-key",
  "tag-value",
  "primary-region",
  "owning-service",
  "all"
];
var secretsManagerActions = {
  CreateSecret(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const description = input.str("Description");
    const kmsKeyId = input.str("KmsKeyId");
    const tags = keyValueTags(input);
    const value = readValue(input);
    const versionId = versionToken(input);
    const { secret, version } = createSecret(ctx.sim, {
      account: ctx.account,
      region: ctx.region,
      name: input.required("Name"),
      ...value !== void 0 ? { value } : {},
      ...versionId !== void 0 ? { versionId } : {},
      ...description !== void 0 ? { description } : {},
      ...kmsKeyId !== void 0 ? { kmsKeyId } : {},
      ...tags !== void 0 ? { tags } : {},
      now: ctx.now
    });
    return {
      ARN: secret.arn,
      Name: secret.name,
      ...version ? { VersionId: version.versionId } : {},
      ReplicationStatus: []
    };
  },
  DescribeSecret(ctx, raw) {
    return describeView(secretOf(ctx, new Input(raw, validationErrors)));
  },
  GetSecretValue(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const secret = secretOf(ctx, input);
    if (secret.deletionDate !== void 0) throw markedForDeletion();
    const versionId = input.str("VersionId");
    const stage = input.str("VersionStage");
    let version;
    if (versionId !== void 0) {
      version = secret.versions.find((v) => v.versionId === versionId);
      if (!version) {
        throw new AwsError(
          "ResourceNotFoundException",
          `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`
        );
      }
      if (stage !== void 0 && !version.stages.includes(stage)) {
        throw new AwsError(
          "InvalidRequestException",
          "You provided a VersionStage that is not associated to the provided VersionId."
        );
      }
    } else {
      const wanted = stage ?? "AWSCURRENT";
      version = secret.versions.find((v) => v.stages.includes(wanted));
      if (!version) {
        throw new AwsError(
          "ResourceNotFoundException",
          `Secrets Manager can't find the specified secret value for staging label: ${wanted}`
        );
      }
    }
    secret.lastAccessedDate = Math.floor(ctx.now / DAY_MS) * DAY_MS;
    return {
      ARN: secret.arn,
      Name: secret.name,
      VersionId: version.versionId,
      ...version.binary ? { SecretBinary: version.value.reveal() } : { SecretString: version.value.reveal() },
      VersionStages: [...version.stages],
      CreatedDate: new Date(version.createdDate)
    };
  },
  PutSecretValue(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const secret = secretOf(ctx, input);
    if (secret.deletionDate !== void 0) throw markedForDeletion();
    const value = readValue(input);
    if (value === void 0) {
      throw new AwsError("InvalidRequestException", "You must provide either SecretString or SecretBinary.");
    }
    const versionId = versionToken(input) ?? newVersionId();
    const existing = secret.versions.find((v) => v.versionId === versionId);
    if (existing) {
      if (!sameValue(existing, value)) {
        throw new AwsError(
          "ResourceExistsException",
          "You can't modify an existing version, you can only create a new version."
        );
      }
      return {
        ARN: secret.arn,
        Name: secret.name,
        VersionId: versionId,
        VersionStages: [...existing.stages]
      };
    }
    const stages = input.strings("VersionStages") ?? ["AWSCURRENT"];
    const version = addVersion(secret, value, versionId, stages, ctx.now);
    return { ARN: secret.arn, Name: secret.name, VersionId: versionId, VersionStages: [...version.stages] };
  },
  ListSecrets(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const limit = input.int("MaxResults", 1, 100) ?? 100;
    const includeDeleted = input.bool("IncludePlannedDeletion") === true;
    const order = input.str("SortOrder") ?? "asc";
    if (order !== "asc" && order !== "desc") {
      throw validationError("SortOrder", "Member must satisfy enum value set: [asc, desc]", order);
    }
    const filters = (input.objects("Filters") ?? []).map((f) => {
      const filter = input.nested(f);
      const key = filter.required("Key");
      if (!FILTER_KEYS.includes(key)) {
        throw validationError(
          "Filters.1.member.key",
          `Member must satisfy enum value set: [${FILTER_KEYS.join(", ")}]`,
          key
        );
      }
      return { key, values: filter.strings("Values") ?? [] };
    });
    const matching = secretsOf(ctx.sim, ctx.account, ctx.region).filter((s) => includeDeleted || s.deletionDate === void 0).filter((s) => filters.every((f) => matchesFilter(s, f.key, f.values))).sort((a, b) => order === "asc" ? a.createdDate - b.createdDate : b.createdDate - a.createdDate);
    const { page, nextToken } = pageOf(
      matching,
      limit,
      input.str("NextToken"),
      () => new AwsError("InvalidNextTokenException", "The NextToken value is invalid.")
    );
    return {
      SecretList: page.map((s) => {
        const { VersionIdsToStages: _omit, ...entry } = describeView(s);
        const stages = versionsToStages(s);
        return { ...entry, ...stages !== void 0 ? { SecretVersionsToStages: stages } : {} };
      }),
      ...nextToken !== void 0 ? { NextToken: nextToken } : {}
    };
  },
  DeleteSecret(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const secret = secretOf(ctx, input);
    const window = input.raw["RecoveryWindowInDays"];
    const force = input.bool("ForceDeleteWithoutRecovery") === true;
    if (force && window !== void 0 && window !== null) {
      throw new AwsError(
        "InvalidParameterException",
        "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays."
      );
    }
    if (force) {
      removeSecret(ctx.sim, secret);
      return { ARN: secret.arn, Name: secret.name, DeletionDate: new Date(ctx.now) };
    }
    if (secret.deletionDate !== void 0) throw markedForDeletion();
    const days = typeof window === "number" ? window : 30;
    if (!Number.isInteger(days) || days < 7 || days > 30) {
      throw new AwsError(
        "InvalidParameterException",
        "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive)."
      );
    }
    secret.deletionDate = ctx.now + days * DAY_MS;
    return { ARN: secret.arn, Name: secret.name, DeletionDate: new Date(secret.deletionDate) };
  },
  RestoreSecret(ctx, raw) {
    const secret = secretOf(ctx, new Input(raw, validationErrors));
    delete secret.deletionDate;
    return { ARN: secret.arn, Name: secret.name };
  }
};

// packages/sim/src/secretsmanager/index.ts
function seedSecrets(data, sim) {
  seedEntries("secrets", data, (entry) => {
    const seed = typeof entry === "object" && entry !== null ? entry : {};
    const { name, value, description, account, region } = seed;
    const valueOk = typeof value === "string" || typeof value === "object" && value !== null && !Array.isArray(value);
    if (typeof name !== "string" || !valueOk) {
      throw new AwsError(
        "ValidationException",
        'a secret needs a string "name" and a string or object "value"'
      );
    }
    for (const [key, v] of Object.entries({ description, account, region })) {
      if (v !== void 0 && typeof v !== "string") {
        throw new AwsError("ValidationException", `${key} must be a string`);
      }
    }
    const acct = account ?? DEFAULT_ACCOUNT;
    const reg = region ?? DEFAULT_REGION;
    const text = { value: typeof value === "string" ? value : JSON.stringify(value), binary: false };
    const existing = findSecretByName(sim, acct, reg, name);
    if (existing) {
      const current2 = existing.versions.find((v) => v.stages.includes("AWSCURRENT"));
      if (current2?.value.reveal() !== text.value)
        addVersion(existing, text, newVersionId(), ["AWSCURRENT"], sim.clock.now());
      return;
    }
    createSecret(sim, {
      account: acct,
      region: reg,
      name,
      value: text,
      ...typeof description === "string" ? { description } : {},
      now: sim.clock.now()
    });
  });
}
var secretsManagerModule = {
  name: "secretsmanager",
  install(sim) {
    sim.addService({
      name: "secretsmanager",
      protocol: "json",
      targetPrefix: "secretsmanager",
      jsonVersion: "1.1",
      actions: secretsManagerActions
    });
    sim.onSeed("secrets", seedSecrets);
    sim.onAdvance((now) => purgeDeleted(sim, now));
    secretsState(sim);
    sim.secrets.addSource(
      () => [...secretsState(sim).secrets.values()].flatMap(
        (secret) => secret.versions.map((v) => ({
          kind: v.binary ? "secretsmanager:SecretBinary" : "secretsmanager:SecretString",
          value: v.value.reveal()
        }))
      )
    );
  }
};

// packages/sim/src/ssm/store.ts
var import_node_crypto16 = require("node:crypto");
var PARAMETER_TYPES = ["String", "StringList", "SecureString"];
function ssmState(sim) {
  return sim.store("ssm", () => ({ parameters: /* @__PURE__ */ new Map() }));
}
var paramKey = (account, region, name) => `${account}/${region}/${name}`;
function current(param) {
  return param.versions[param.versions.length - 1];
}
function parameterArn(param) {
  return `arn:aws:ssm:${param.region}:${param.account}:parameter/${param.name.replace(/^\//, "")}`;
}
function rooted(name) {
  return name.startsWith("/") ? name : `/${name}`;
}
function parametersOf(sim, account, region) {
  return inScope(ssmState(sim).parameters, account, region);
}
function findParameter(sim, account, region, name) {
  return ssmState(sim).parameters.get(paramKey(account, region, name));
}
function saveParameter(sim, param) {
  ssmState(sim).parameters.set(paramKey(param.account, param.region, param.name), param);
}
function removeParameter(sim, param) {
  ssmState(sim).parameters.delete(paramKey(param.account, param.region, param.name));
}
var parameterNotFound = (name) => new AwsError("ParameterNotFound", `Parameter ${name} not found.`);
var NAME_CHARS = /^[a-zA-Z0-9_.\-/]+$/;
var RESERVED_MESSAGE = `Parameter name: can't be prefixed with "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_`;
function validateParameterName(name) {
  if (name.length < 1 || name.length > 2048) {
    throw new AwsError(
      "ValidationException",
      `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must have length ${name.length < 1 ? "greater than or equal to 1" : "less than or equal to 2048"}`
    );
  }
  const first = (name.startsWith("/") ? name.slice(1) : name).split("/")[0].toLowerCase();
  if (first.startsWith("aws")) {
    throw new AwsError("AccessDeniedException", `No access to reserved parameter name: ${name}.`);
  }
  if (first.startsWith("ssm") || !NAME_CHARS.test(name) || name.includes("//")) {
    throw new AwsError("ValidationException", RESERVED_MESSAGE);
  }
  if (name.includes("/") && !name.startsWith("/")) {
    throw new AwsError("ValidationException", "Parameter name must be a fully qualified name.");
  }
  if (name.length > 1 && name.endsWith("/")) {
    throw new AwsError("ValidationException", "Parameter name must not end with slash.");
  }
  if (name.split("/").length - 1 > 15) {
    throw new AwsError(
      "HierarchyLevelLimitExceededException",
      "A hierarchy can have a maximum of 15 levels. For more information, see Requirements and constraints for parameter names in the AWS Systems Manager User Guide."
    );
  }
}
function ciphertextOf(param, version) {
  const digest = (0, import_node_crypto16.createHash)("sha256").update(`${parameterArn(param)}#${version.version}#${version.value.reveal()}`).digest();
  return Buffer.concat([Buffer.from([1, 2, 2, 0, 120]), digest, digest]).toString("base64");
}
function plainValue(version) {
  return typeof version.value === "string" ? version.value : version.value.reveal();
}
function parameterView(param, version, withDecryption, selector) {
  const secure = version.type === "SecureString";
  return {
    Name: param.name,
    Type: version.type,
    Value: secure && !withDecryption ? ciphertextOf(param, version) : plainValue(version),
    Version: version.version,
    ...selector !== void 0 ? { Selector: selector } : {},
    LastModifiedDate: new Date(version.lastModifiedDate),
    ARN: parameterArn(param),
    DataType: version.dataType
  };
}
function metadataView(param) {
  const v = current(param);
  return {
    Name: param.name,
    ARN: parameterArn(param),
    Type: v.type,
    ...v.keyId !== void 0 ? { KeyId: v.keyId } : {},
    LastModifiedDate: new Date(v.lastModifiedDate),
    LastModifiedUser: v.lastModifiedUser,
    ...v.description !== void 0 ? { Description: v.description } : {},
    ...v.allowedPattern !== void 0 ? { AllowedPattern: v.allowedPattern } : {},
    Version: v.version,
    Tier: v.tier,
    Policies: [],
    DataType: v.dataType
  };
}

// packages/sim/src/ssm/filters.ts
var KEY_PATTERN = /^(tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType)$/;
var invalidKey = (key, valid) => new AwsError(
  "InvalidFilterKey",
  `The following filter key is not valid: ${key}. Valid filter keys include: [${valid.join(", ")}].`
);
var invalidOption = (option, valid) => new AwsError(
  "InvalidFilterOption",
  `The following filter option is not valid: ${option}. Valid options include: [${valid.join(", ")}].`
);
var PATH_VALUE = /^\/([a-zA-Z0-9_.-]+(\/[a-zA-Z0-9_.-]+)*)?\/?$/;
function optionsFor(key, operation) {
  if (key === "Path") return ["Recursive", "OneLevel"];
  if (operation === "GetParametersByPath" && key === "Label") return ["Equals"];
  if (operation === "DescribeParameters" && key === "Name") return ["Equals", "BeginsWith", "Contains"];
  return ["Equals", "BeginsWith"];
}
function readParameterFilters(input, operation) {
  const raw = input.objects("ParameterFilters") ?? [];
  const validKeys = operation === "DescribeParameters" ? ["Path", "Name", "Type", "KeyId", "Tier", "DataType", "tag:"] : ["Type", "KeyId", "Label"];
  return raw.map((f, i) => {
    const filter = input.nested(f);
    const key = filter.required("Key");
    if (!KEY_PATTERN.test(key)) {
      throw validationError(
        `ParameterFilters.${i + 1}.member.key`,
        "Member must satisfy regular expression pattern: tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType",
        key
      );
    }
    const keyAllowed = key.startsWith("tag:") ? validKeys.includes("tag:") : validKeys.includes(key);
    if (!keyAllowed)
      throw invalidKey(
        key,
        validKeys.map((k) => k === "tag:" ? "tag" : k)
      );
    const options = optionsFor(key, operation);
    const option = filter.str("Option") ?? (key === "Path" ? "OneLevel" : "Equals");
    if (!options.includes(option)) throw invalidOption(option, options);
    const values = filter.strings("Values") ?? [];
    if (values.length === 0 && !key.startsWith("tag:")) {
      throw new AwsError(
        "InvalidFilterValue",
        `The following filter values are missing : null for filter key ${key}.`
      );
    }
    if (values.length > 50) {
      throw validationError(
        `ParameterFilters.${i + 1}.member.values`,
        "Member must have length less than or equal to 50",
        values
      );
    }
    if (key === "Path") {
      for (const v of values) {
        if (!PATH_VALUE.test(v)) {
          throw new AwsError(
            "InvalidFilterValue",
            `The parameter doesn't meet the parameter name requirements. The parameter name must begin with a forward slash "/". It must use only letters, numbers, or the following symbols: . (period), - (hyphen), _ (underscore). Value: ${v}`
          );
        }
      }
    }
    if (key === "Type") {
      const bad = values.find((v) => !PARAMETER_TYPES.includes(v));
      if (bad !== void 0) {
        throw new AwsError(
          "InvalidFilterValue",
          `The following filter value is not valid: ${bad}. Valid values include: [${PARAMETER_TYPES.join(", ")}].`
        );
      }
    }
    return { key, option, values };
  });
}
function readLegacyFilters(input) {
  return (input.objects("Filters") ?? []).map((f) => {
    const filter = input.nested(f);
    const key = filter.required("Key");
    if (!["Name", "Type", "KeyId"].includes(key)) throw invalidKey(key, ["Name", "Type", "KeyId"]);
    return { key, option: "Equals", values: filter.strings("Values") ?? [] };
  });
}
function underPath(name, path, recursive) {
  const base = path === "/" ? "/" : `${path.replace(/\/+$/, "")}/`;
  const full = rooted(name);
  if (!full.startsWith(base) || full.length === base.length) return false;
  return recursive || !full.slice(base.length).includes("/");
}
function compare2(actual, option, wanted) {
  if (actual === void 0) return false;
  if (option === "BeginsWith") return actual.startsWith(wanted);
  if (option === "Contains") return actual.includes(wanted);
  return actual === wanted;
}
function matchesOne(param, filter) {
  const v = current(param);
  const { key, option, values } = filter;
  if (key === "Path") return values.some((p) => underPath(param.name, p, option === "Recursive"));
  if (key === "Name") {
    const name = option === "Contains" ? param.name : rooted(param.name);
    return values.some((w) => compare2(name, option, option === "Contains" ? w : rooted(w)));
  }
  if (key.startsWith("tag:")) {
    const tag = param.tags.find((t) => t.Key === key.slice(4));
    return tag !== void 0 && (values.length === 0 || values.some((w) => compare2(tag.Value, option, w)));
  }
  const actual = {
    Type: v.type,
    KeyId: v.keyId,
    Tier: v.tier,
    DataType: v.dataType
  };
  if (key === "Label") return values.some((w) => v.labels.includes(w));
  return values.some((w) => compare2(actual[key], option, w));
}
function matchesFilters(param, filters) {
  return filters.every((f) => matchesOne(param, f));
}

// packages/sim/src/ssm/resolve.ts
function parseParameterRef(ctx, ref) {
  let account = ctx.account;
  let region = ctx.region;
  let rest = ref;
  let fromArn = false;
  const arn = /^arn:aws[a-z-]*:ssm:([a-z0-9-]*):(\d{12}):parameter(\/.*)$/.exec(ref);
  if (arn) {
    region = arn[1];
    account = arn[2];
    rest = arn[3];
    fromArn = true;
  }
  const colon = rest.indexOf(":");
  const name = colon >= 0 ? rest.slice(0, colon) : rest;
  const selector = colon >= 0 ? rest.slice(colon) : void 0;
  const names = fromArn ? [name, name.slice(1)] : [name];
  return { account, region, names, ...selector !== void 0 ? { selector } : {} };
}
function lookupRef(sim, ref) {
  for (const name of ref.names) {
    const found = findParameter(sim, ref.account, ref.region, name);
    if (found) return found;
  }
  return void 0;
}
function selectVersion(param, selector) {
  if (selector === void 0) return param.versions[param.versions.length - 1];
  const wanted = selector.slice(1);
  const found = /^\d+$/.test(wanted) ? param.versions.find((v) => v.version === Number(wanted)) : param.versions.find((v) => v.labels.includes(wanted));
  if (!found) {
    throw new AwsError(
      "ParameterVersionNotFound",
      `Systems Manager could not find version ${wanted} of ${param.name}. Verify the version and try again.`
    );
  }
  return found;
}

// packages/sim/src/ssm/api.ts
var STANDARD_MAX = 4096;
var ADVANCED_MAX = 8192;
var MAX_VERSIONS = 100;
var DEFAULT_KEY_ID = "alias/aws/ssm";
var invalidNextToken = () => new AwsError("InvalidNextToken", "The specified token is not valid.");
function tierOf(requested, value, previous) {
  const tier = requested ?? "Standard";
  if (!["Standard", "Advanced", "Intelligent-Tiering"].includes(tier)) {
    throw validationError(
      "Tier",
      "Member must satisfy enum value set: [Standard, Advanced, Intelligent-Tiering]",
      tier
    );
  }
  if (tier === "Advanced" || previous === "Advanced") return "Advanced";
  if (tier === "Intelligent-Tiering") return value.length > STANDARD_MAX ? "Advanced" : "Standard";
  if (value.length > STANDARD_MAX) {
    throw new AwsError(
      "ValidationException",
      `Standard tier parameters support a maximum parameter value of ${STANDARD_MAX} characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html`
    );
  }
  return "Standard";
}
function putParameter(sim, spec) {
  validateParameterName(spec.name);
  if (spec.tags !== void 0 && spec.overwrite === true) {
    throw new AwsError(
      "ValidationException",
      "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource."
    );
  }
  if (spec.type !== void 0 && !PARAMETER_TYPES.includes(spec.type)) {
    throw validationError(
      "Type",
      `Member must satisfy enum value set: [${PARAMETER_TYPES.join(", ")}]`,
      spec.type
    );
  }
  if (spec.value.length === 0) {
    throw validationError("Value", "Member must have length greater than or equal to 1", spec.value);
  }
  if (spec.value.length > ADVANCED_MAX) {
    throw validationError(
      "Value",
      `Member must have length less than or equal to ${ADVANCED_MAX}`,
      "<value>"
    );
  }
  if (spec.allowedPattern !== void 0 && !new RegExp(spec.allowedPattern).test(spec.value)) {
    throw new AwsError(
      "ParameterPatternMismatchException",
      `Parameter value, cannot be validated against allowedPattern: ${spec.allowedPattern}`
    );
  }
  const existing = findParameter(sim, spec.account, spec.region, spec.name);
  if (existing && spec.overwrite !== true) {
    throw new AwsError(
      "ParameterAlreadyExists",
      "The parameter already exists. To overwrite this value, set the overwrite option in the request to true."
    );
  }
  const previous = existing ? current(existing) : void 0;
  const type = spec.type ?? previous?.type;
  if (type === void 0) {
    throw new AwsError("ValidationException", "A parameter type is required when you create a parameter.");
  }
  if (spec.keyId !== void 0 && type !== "SecureString") {
    throw new AwsError("ValidationException", "KeyId is required for SecureString type parameter only.");
  }
  const dataType = spec.dataType ?? previous?.dataType ?? "text";
  if (!["text", "aws:ec2:image", "aws:ssm:integration"].includes(dataType)) {
    throw new AwsError(
      "ValidationException",
      `The following data type is not supported: ${dataType} (Data type names are all lowercase.)`
    );
  }
  const tier = tierOf(spec.tier, spec.value, previous?.tier);
  const description = spec.description ?? previous?.description;
  const allowedPattern = spec.allowedPattern ?? previous?.allowedPattern;
  const keyId = type === "SecureString" ? spec.keyId ?? previous?.keyId ?? DEFAULT_KEY_ID : void 0;
  const param = existing ?? {
    account: spec.account,
    region: spec.region,
    name: spec.name,
    tags: spec.tags ?? [],
    versions: []
  };
  const version = (previous?.version ?? 0) + 1;
  param.versions.push({
    version,
    type,
    value: type === "SecureString" ? new Sealed(spec.value) : spec.value,
    ...keyId !== void 0 ? { keyId } : {},
    ...description !== void 0 ? { description } : {},
    ...allowedPattern !== void 0 ? { allowedPattern } : {},
    dataType,
    tier,
    lastModifiedDate: spec.now,
    lastModifiedUser: spec.user,
    labels: []
  });
  if (param.versions.length > MAX_VERSIONS) param.versions.splice(0, param.versions.length - MAX_VERSIONS);
  saveParameter(sim, param);
  return { version, tier };
}
function getOne(ctx, ref, withDecryption) {
  const parsed = parseParameterRef(ctx, ref);
  const param = lookupRef(ctx.sim, parsed);
  if (!param) return void 0;
  return parameterView(param, selectVersion(param, parsed.selector), withDecryption, parsed.selector);
}
var ssmActions = {
  PutParameter(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const tags = keyValueTags(input);
    const out = putParameter(ctx.sim, {
      account: ctx.account,
      region: ctx.region,
      name: input.required("Name"),
      value: input.required("Value"),
      ...optional("type", input.str("Type")),
      ...optional("overwrite", input.bool("Overwrite")),
      ...optional("description", input.str("Description")),
      ...optional("keyId", input.str("KeyId")),
      ...optional("allowedPattern", input.str("AllowedPattern")),
      ...optional("tier", input.str("Tier")),
      ...optional("dataType", input.str("DataType")),
      ...optional("tags", tags),
      user: ctx.principal?.arn ?? `arn:aws:iam::${ctx.account}:root`,
      now: ctx.now
    });
    return { Version: out.version, Tier: out.tier };
  },
  GetParameter(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const name = input.required("Name");
    const found = getOne(ctx, name, input.bool("WithDecryption") === true);
    if (!found) throw parameterNotFound(name);
    return { Parameter: found };
  },
  GetParameters(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const names = input.strings("Names");
    if (names === void 0) throw validationError("Names", "Member must not be null", names);
    if (names.length < 1 || names.length > 10) {
      throw validationError(
        "Names",
        `Member must have length ${names.length < 1 ? "greater than or equal to 1" : "less than or equal to 10"}`,
        names
      );
    }
    const withDecryption = input.bool("WithDecryption") === true;
    const parameters = [];
    const invalid5 = [];
    for (const name of new Set(names)) {
      let found;
      try {
        found = getOne(ctx, name, withDecryption);
      } catch (err) {
        if (!(err instanceof AwsError && err.code === "ParameterVersionNotFound")) throw err;
      }
      if (found) parameters.push(found);
      else invalid5.push(name);
    }
    return { Parameters: parameters, InvalidParameters: invalid5 };
  },
  GetParametersByPath(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const path = input.required("Path");
    if (!path.startsWith("/")) {
      throw new AwsError(
        "ValidationException",
        `The parameter doesn't meet the parameter name requirements. The parameter name must begin with a forward slash "/".`
      );
    }
    const recursive = input.bool("Recursive") === true;
    const filters = readParameterFilters(input, "GetParametersByPath");
    const limit = input.int("MaxResults", 1, 10) ?? 10;
    const withDecryption = input.bool("WithDecryption") === true;
    const matching = parametersOf(ctx.sim, ctx.account, ctx.region).filter((p) => underPath(p.name, path, recursive) && matchesFilters(p, filters)).sort(byName((p) => p.name));
    const { page, nextToken } = pageOf(matching, limit, input.str("NextToken"), invalidNextToken);
    return {
      Parameters: page.map((p) => parameterView(p, current(p), withDecryption)),
      ...nextToken !== void 0 ? { NextToken: nextToken } : {}
    };
  },
  DescribeParameters(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const legacy = readLegacyFilters(input);
    const filters = readParameterFilters(input, "DescribeParameters");
    if (legacy.length > 0 && filters.length > 0) {
      throw new AwsError(
        "InvalidFilterKey",
        "You can use either Filters or ParameterFilters in a single request."
      );
    }
    const limit = input.int("MaxResults", 1, 50) ?? 50;
    const matching = parametersOf(ctx.sim, ctx.account, ctx.region).filter((p) => matchesFilters(p, [...legacy, ...filters])).sort(byName((p) => p.name));
    const { page, nextToken } = pageOf(matching, limit, input.str("NextToken"), invalidNextToken);
    return {
      Parameters: page.map(metadataView),
      ...nextToken !== void 0 ? { NextToken: nextToken } : {}
    };
  },
  DeleteParameter(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const name = input.required("Name");
    const param = findParameter(ctx.sim, ctx.account, ctx.region, name);
    if (!param) throw parameterNotFound(name);
    removeParameter(ctx.sim, param);
    return {};
  },
  DeleteParameters(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const names = input.strings("Names") ?? [];
    if (names.length < 1 || names.length > 10) {
      throw validationError("Names", "Member must have length between 1 and 10", names);
    }
    const deleted = [];
    const invalid5 = [];
    for (const name of new Set(names)) {
      const param = findParameter(ctx.sim, ctx.account, ctx.region, name);
      if (param) {
        removeParameter(ctx.sim, param);
        deleted.push(name);
      } else invalid5.push(name);
    }
    return { DeletedParameters: deleted, InvalidParameters: invalid5 };
  }
};
function optional(key, value) {
  return value === void 0 ? {} : { [key]: value };
}

// packages/sim/src/ssm/index.ts
function seedParameters(data, sim) {
  seedEntries("parameters", data, (entry) => {
    const seed = typeof entry === "object" && entry !== null ? entry : {};
    if (typeof seed.name !== "string" || typeof seed.value !== "string") {
      throw new AwsError("ValidationException", 'a parameter needs a string "name" and "value"');
    }
    const str2 = (key) => {
      const value = seed[key];
      if (value === void 0) return void 0;
      if (typeof value !== "string") throw new AwsError("ValidationException", `${key} must be a string`);
      return value;
    };
    const account = str2("account") ?? DEFAULT_ACCOUNT;
    putParameter(sim, {
      account,
      region: str2("region") ?? DEFAULT_REGION,
      name: seed.name,
      value: seed.value,
      type: str2("type") ?? "String",
      overwrite: true,
      ...optional("description", str2("description")),
      user: `arn:aws:iam::${account}:user/sim-seed`,
      now: sim.clock.now()
    });
  });
}
var ssmModule = {
  name: "ssm",
  install(sim) {
    sim.addService({
      name: "ssm",
      protocol: "json",
      targetPrefix: "AmazonSSM",
      jsonVersion: "1.1",
      actions: ssmActions
    });
    sim.onSeed("parameters", seedParameters);
    ssmState(sim);
    sim.secrets.addSource(
      () => [...ssmState(sim).parameters.values()].flatMap(
        (param) => param.versions.flatMap(
          (v) => v.type === "SecureString" && v.value instanceof Sealed ? [{ kind: "ssm:SecureString", value: v.value.reveal() }] : []
        )
      )
    );
  }
};

// packages/sim/src/sts/conditions.ts
var equals = (a, e) => a === e;
var equalsIgnoreCase = (a, e) => a.toLowerCase() === e.toLowerCase();
var like = (a, e) => globMatch(e, a);
var OPERATORS = {
  StringEquals: { match: equals, negated: false },
  StringNotEquals: { match: equals, negated: true },
  StringEqualsIgnoreCase: { match: equalsIgnoreCase, negated: false },
  StringNotEqualsIgnoreCase: { match: equalsIgnoreCase, negated: true },
  StringLike: { match: like, negated: false },
  StringNotLike: { match: like, negated: true },
  ArnEquals: { match: like, negated: false },
  ArnLike: { match: like, negated: false },
  ArnNotEquals: { match: like, negated: true },
  ArnNotLike: { match: like, negated: true },
  Bool: { match: equalsIgnoreCase, negated: false }
};
function conditionValues(value, where) {
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return String(v);
    throw new AwsError(
      "MalformedPolicyDocument",
      `${where}: condition values must be strings or lists of strings`
    );
  });
}
function parseConditions(block, where) {
  if (block === void 0) return [];
  if (typeof block !== "object" || block === null || Array.isArray(block)) {
    throw new AwsError("MalformedPolicyDocument", `${where}: Condition must be an object`);
  }
  const out = [];
  for (const [operator, keys] of Object.entries(block)) {
    const m = /^(?:(ForAnyValue|ForAllValues):)?(.+?)(IfExists)?$/.exec(operator);
    const base = m?.[2] ?? operator;
    if (!(base in OPERATORS) && base !== "Null") {
      throw new AwsError(
        "MalformedPolicyDocument",
        `${where}: the simulator does not know condition operator ${operator}`
      );
    }
    if (typeof keys !== "object" || keys === null || Array.isArray(keys)) {
      throw new AwsError(
        "MalformedPolicyDocument",
        `${where}: ${operator} must map condition keys to values`
      );
    }
    for (const [key, value] of Object.entries(keys)) {
      out.push({
        operator,
        base,
        qualifier: m?.[1],
        ifExists: m?.[3] !== void 0,
        key: key.toLowerCase(),
        values: conditionValues(value, `${where}: ${operator} ${key}`)
      });
    }
  }
  return out;
}
function conditionHolds(condition, context) {
  const actual = context.get(condition.key);
  const present = actual !== void 0 && actual.length > 0;
  if (condition.base === "Null") {
    return condition.values.some((v) => v.toLowerCase() === "true" !== present);
  }
  const op = OPERATORS[condition.base];
  const satisfies = (value) => {
    const any = condition.values.some((expected) => op.match(value, expected));
    return op.negated ? !any : any;
  };
  if (!present) {
    if (condition.ifExists) return true;
    if (condition.qualifier === "ForAllValues") return true;
    if (condition.qualifier === "ForAnyValue") return false;
    return op.negated;
  }
  if (condition.qualifier === "ForAllValues") return actual.every(satisfies);
  if (condition.qualifier === "ForAnyValue") return actual.some(satisfies);
  return op.negated ? actual.every(satisfies) : actual.some(satisfies);
}
function conditionsHold(conditions, context) {
  return conditions.every((c) => conditionHolds(c, context));
}

// packages/sim/src/sts/policy.ts
function malformed(message) {
  return new AwsError("MalformedPolicyDocument", message);
}
function stringList(value, where) {
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((v) => typeof v === "string"))
    throw malformed(`${where} must be a string or a list of strings`);
  return list;
}
function parsePrincipal(value, where) {
  if (value === "*") return "*";
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw malformed(
      `${where}: a trust policy statement needs a Principal ("*" or {"AWS"|"Federated"|"Service": …})`
    );
  }
  const out = /* @__PURE__ */ new Map();
  for (const [type, v] of Object.entries(value)) out.set(type, stringList(v, `${where}: Principal.${type}`));
  return out;
}
function parseTrustPolicy(raw, where) {
  let doc = raw;
  if (typeof raw === "string") {
    try {
      doc = JSON.parse(raw);
    } catch {
      throw malformed(`${where}: the trust policy is not in the valid JSON format`);
    }
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc))
    throw malformed(`${where}: a policy is an object`);
  const body = doc["Statement"];
  if (body === void 0) throw malformed(`${where}: the trust policy has no Statement`);
  const list = Array.isArray(body) ? body : [body];
  const statements = list.map((s, i) => {
    const at = `${where} Statement[${i}]`;
    if (typeof s !== "object" || s === null) throw malformed(`${at} must be an object`);
    const st = s;
    if (st["Effect"] !== "Allow" && st["Effect"] !== "Deny")
      throw malformed(`${at}: Effect must be Allow or Deny`);
    if (st["NotPrincipal"] !== void 0)
      throw malformed(`${at}: NotPrincipal is not supported in a trust policy`);
    const notAction = st["Action"] === void 0 && st["NotAction"] !== void 0;
    const actions = stringList(notAction ? st["NotAction"] : st["Action"], `${at}: Action`);
    return {
      effect: st["Effect"],
      principal: parsePrincipal(st["Principal"], at),
      actions,
      notAction,
      conditions: parseConditions(st["Condition"], at)
    };
  });
  return { statements, document: doc };
}
function principalMatches(principal, requester) {
  if (principal === "*") return true;
  const values = principal.get(requester.kind) ?? [];
  if (requester.kind === "Federated") return values.includes(requester.provider);
  return values.some((v) => {
    if (v === "*") return true;
    if (/^\d{12}$/.test(v)) return v === requester.account;
    if (v === `arn:aws:iam::${requester.account}:root`) return true;
    return v === requester.arn || v === requester.roleArn;
  });
}
function actionMatches(statement, action) {
  const any = statement.actions.some((pattern) => globMatch(pattern.toLowerCase(), action.toLowerCase()));
  return statement.notAction ? !any : any;
}
function trustAllows(policy, requester, action, context) {
  const matching = policy.statements.filter(
    (s) => principalMatches(s.principal, requester) && actionMatches(s, action) && conditionsHold(s.conditions, context)
  );
  return matching.some((s) => s.effect === "Allow") && !matching.some((s) => s.effect === "Deny");
}

// packages/sim/src/sts/roles.ts
var import_node_crypto17 = require("node:crypto");
function iamState(sim) {
  return sim.store("sts.iam", () => ({ roles: /* @__PURE__ */ new Map(), oidcProviders: /* @__PURE__ */ new Map() }));
}
var ROLE_ARN = /^arn:aws:iam::(\d{12}):role(\/(?:[\x21-\x7e]*\/)?)([\w+=,.@-]{1,64})$/;
function parseRoleArn(arn) {
  const m = ROLE_ARN.exec(arn);
  if (!m) return void 0;
  return { account: m[1], path: m[2], name: m[3] };
}
function roleIdFor(arn) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const digest = (0, import_node_crypto17.createHash)("sha256").update(arn).digest();
  let id = "AROA";
  for (let i = 0; i < 17; i++) id += alphabet[digest[i] % alphabet.length];
  return id;
}
function invalid4(message) {
  return new AwsError("ValidationException", message);
}
function record(value, what) {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw invalid4(`${what} must be an object`);
  return value;
}
function optionalString2(doc, key, what) {
  const value = doc[key];
  if (value === void 0) return void 0;
  if (typeof value !== "string" || value === "") throw invalid4(`${what}.${key} must be a non-empty string`);
  return value;
}
function addRole(sim, spec) {
  const doc = record(spec, "a role");
  let arn = optionalString2(doc, "arn", "role");
  if (arn === void 0) {
    const name = optionalString2(doc, "name", "role");
    if (name === void 0) throw invalid4('a role needs an "arn" or a "name"');
    const account = optionalString2(doc, "account", "role") ?? DEFAULT_ACCOUNT;
    const path = optionalString2(doc, "path", "role") ?? "/";
    arn = `arn:aws:iam::${account}:role${path.startsWith("/") ? "" : "/"}${path}${path.endsWith("/") ? "" : "/"}${name}`;
  }
  const parsed = parseRoleArn(arn);
  if (!parsed) throw invalid4(`"${arn}" is not a role ARN (arn:aws:iam::ACCOUNT:role/NAME)`);
  const max = doc["maxSessionDuration"] ?? 3600;
  if (typeof max !== "number" || !Number.isInteger(max) || max < 3600 || max > 43200) {
    throw invalid4(
      `role ${arn}: maxSessionDuration must be an integer from 3600 to 43200, got ${String(max)}`
    );
  }
  if (doc["trustPolicy"] === void 0) throw invalid4(`role ${arn} needs a trustPolicy`);
  const role = {
    arn,
    ...parsed,
    roleId: roleIdFor(arn),
    trustPolicy: parseTrustPolicy(doc["trustPolicy"], `role ${arn}`),
    maxSessionDuration: max
  };
  iamState(sim).roles.set(arn, role);
  return role;
}
function findRole(sim, arn) {
  return iamState(sim).roles.get(arn);
}
function oidcProviderArn(account, issuerUrl) {
  return `arn:aws:iam::${account}:oidc-provider/${issuerUrl.replace(/^https:\/\//, "")}`;
}
function addOidcProvider(sim, spec) {
  const doc = record(spec, "an oidc provider");
  let arn = optionalString2(doc, "arn", "oidcProvider");
  let url = optionalString2(doc, "url", "oidcProvider") ?? GITHUB_ISSUER;
  if (arn === void 0) {
    arn = oidcProviderArn(optionalString2(doc, "account", "oidcProvider") ?? DEFAULT_ACCOUNT, url);
  } else {
    const m = /^arn:aws:iam::\d{12}:oidc-provider\/(.+)$/.exec(arn);
    if (!m) throw invalid4(`"${arn}" is not an OIDC provider ARN`);
    url = `https://${m[1]}`;
  }
  const clientIdList = doc["clientIdList"] ?? ["sts.amazonaws.com"];
  if (!Array.isArray(clientIdList) || !clientIdList.every((c) => typeof c === "string")) {
    throw invalid4(`oidc provider ${arn}: clientIdList must be a list of strings`);
  }
  const provider = { arn, url, clientIdList };
  iamState(sim).oidcProviders.set(arn, provider);
  return provider;
}
function accountHasOidcProviders(sim, account) {
  return [...iamState(sim).oidcProviders.keys()].some((arn) => arn.startsWith(`arn:aws:iam::${account}:`));
}

// packages/sim/src/sts/session.ts
function startRoleSession(ctx, role, sessionName, durationSeconds) {
  const arn = `arn:aws:sts::${role.account}:assumed-role/${role.name}/${sessionName}`;
  const assumedRoleId = `${role.roleId}:${sessionName}`;
  const creds = ctx.sim.credentials.issue(
    { account: role.account, arn, userId: assumedRoleId, roleArn: role.arn, sessionName },
    durationSeconds,
    ctx.now
  );
  ctx.sim.secrets.record("sts:SecretAccessKey", creds.secretAccessKey);
  ctx.sim.secrets.record("sts:SessionToken", creds.sessionToken);
  return {
    Credentials: {
      AccessKeyId: creds.accessKeyId,
      SecretAccessKey: creds.secretAccessKey,
      SessionToken: creds.sessionToken,
      Expiration: new Date(creds.expiration)
    },
    AssumedRoleUser: { AssumedRoleId: assumedRoleId, Arn: arn }
  };
}

// packages/sim/src/sts/validation.ts
var InputValidator = class {
  constructor(input) {
    this.input = input;
  }
  input;
  problems = [];
  fail(member, value, constraint) {
    this.problems.push(violation(member, value, `Member must ${constraint}`));
  }
  /** A string member; `sensitive` members (tokens) are not echoed back. */
  string(name, opts) {
    const member = name.charAt(0).toLowerCase() + name.slice(1);
    const raw = this.input[name];
    if (raw === void 0) {
      if (opts.required) this.fail(member, void 0, "not be null");
      return void 0;
    }
    const value = String(raw);
    const shown2 = opts.sensitive ? void 0 : value;
    const at = opts.sensitive ? `Value at '${member}' failed to satisfy constraint: Member must` : void 0;
    const report = (constraint) => {
      if (at) this.problems.push(`${at} ${constraint}`);
      else this.fail(member, shown2, constraint);
    };
    if (opts.min !== void 0 && value.length < opts.min)
      report(`have length greater than or equal to ${opts.min}`);
    if (opts.max !== void 0 && value.length > opts.max)
      report(`have length less than or equal to ${opts.max}`);
    if (opts.pattern && !opts.pattern.test(value)) {
      report(`satisfy regular expression pattern: ${opts.patternText ?? opts.pattern.source}`);
    }
    return value;
  }
  integer(name, min, max) {
    const member = name.charAt(0).toLowerCase() + name.slice(1);
    const raw = this.input[name];
    if (raw === void 0) return void 0;
    const value = Number(raw);
    if (!Number.isInteger(value)) {
      throw new AwsError("MalformedInput", `Invalid value for ${name}: ${String(raw)}`);
    }
    if (value < min) this.fail(member, String(value), `have value greater than or equal to ${min}`);
    if (value > max) this.fail(member, String(value), `have value less than or equal to ${max}`);
    return value;
  }
  /** Throws the collected ValidationError, if any. */
  check() {
    const n = this.problems.length;
    if (n === 0) return;
    throw new AwsError(
      "ValidationError",
      `${n} validation error${n > 1 ? "s" : ""} detected: ${this.problems.join("; ")}`
    );
  }
};
var SESSION_NAME = { min: 2, max: 64, pattern: /^[\w+=,.@-]*$/, patternText: "[\\w+=,.@-]*" };
function checkSessionPolicy(policy) {
  if (policy === void 0) return void 0;
  try {
    JSON.parse(policy);
  } catch {
    throw new AwsError("MalformedPolicyDocument", "The policy is not in the valid JSON format.");
  }
  return Math.min(100, Math.ceil(policy.replace(/\s+/g, "").length * 100 / 2048));
}
function parseSessionTags(raw) {
  if (raw === void 0) return [];
  const list = Array.isArray(raw) ? raw : [];
  const tags = list.map((t) => {
    const tag = typeof t === "object" && t !== null ? t : {};
    return { key: String(tag["Key"] ?? ""), value: String(tag["Value"] ?? "") };
  });
  if (tags.length > 50) {
    throw new AwsError(
      "ValidationError",
      `1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50`
    );
  }
  const bad = tags.find((t) => t.key.length < 1 || t.key.length > 128 || t.value.length > 256);
  if (bad)
    throw new AwsError("ValidationError", `Session tag "${bad.key}" has an invalid key or value length`);
  const keys = /* @__PURE__ */ new Set();
  for (const t of tags) {
    if (keys.has(t.key.toLowerCase())) {
      throw new AwsError(
        "InvalidParameterValue",
        "Duplicate tag keys found. Please note that Tag keys are case insensitive."
      );
    }
    keys.add(t.key.toLowerCase());
  }
  return tags;
}

// packages/sim/src/sts/api-assume-role.ts
var CHAINED_SESSION_LIMIT = 3600;
function assumeRole(ctx, input) {
  const caller = ctx.principal;
  const v = new InputValidator(input);
  const roleArn = v.string("RoleArn", { required: true, min: 20, max: 2048 });
  const sessionName = v.string("RoleSessionName", { required: true, ...SESSION_NAME });
  const requested = v.integer("DurationSeconds", 900, 43200);
  const externalId = v.string("ExternalId", {
    min: 2,
    max: 1224,
    pattern: /^[\w+=,.@:/-]*$/,
    patternText: "[\\w+=,.@:\\/-]*"
  });
  const sourceIdentity = v.string("SourceIdentity", {
    min: 2,
    max: 64,
    ...{ pattern: SESSION_NAME.pattern, patternText: SESSION_NAME.patternText }
  });
  v.string("Policy", { min: 1, max: 2048 });
  v.check();
  const packedPolicySize = checkSessionPolicy(input["Policy"]);
  const tags = parseSessionTags(input["Tags"]);
  const transitive = Array.isArray(input["TransitiveTagKeys"]) ? input["TransitiveTagKeys"].map(String) : [];
  const requester = {
    kind: "AWS",
    arn: caller.arn,
    account: caller.account,
    ...caller.roleArn !== void 0 ? { roleArn: caller.roleArn } : {}
  };
  const context = /* @__PURE__ */ new Map([
    ["aws:principalarn", [caller.roleArn ?? caller.arn]],
    ["aws:principalaccount", [caller.account]],
    ["sts:rolesessionname", [sessionName]]
  ]);
  if (externalId !== void 0) context.set("sts:externalid", [externalId]);
  if (sourceIdentity !== void 0) context.set("sts:sourceidentity", [sourceIdentity]);
  for (const tag of tags) context.set(`aws:requesttag/${tag.key.toLowerCase()}`, [tag.value]);
  if (tags.length > 0)
    context.set(
      "aws:tagkeys",
      tags.map((t) => t.key)
    );
  if (transitive.length > 0) context.set("sts:transitivetagkeys", transitive);
  const role = findRole(ctx.sim, roleArn);
  const denied = (action) => new AwsError(
    "AccessDenied",
    `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${roleArn}`,
    403
  );
  if (!role || !trustAllows(role.trustPolicy, requester, "sts:AssumeRole", context))
    throw denied("sts:AssumeRole");
  if (tags.length > 0 && !trustAllows(role.trustPolicy, requester, "sts:TagSession", context)) {
    throw denied("sts:TagSession");
  }
  if (sourceIdentity !== void 0 && !trustAllows(role.trustPolicy, requester, "sts:SetSourceIdentity", context)) {
    throw denied("sts:SetSourceIdentity");
  }
  const chained = caller.roleArn !== void 0;
  const duration = requested ?? 3600;
  if (chained && duration > CHAINED_SESSION_LIMIT) {
    throw new AwsError(
      "ValidationError",
      "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."
    );
  }
  if (duration > role.maxSessionDuration) {
    throw new AwsError(
      "ValidationError",
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."
    );
  }
  return {
    ...startRoleSession(ctx, role, sessionName, duration),
    ...packedPolicySize !== void 0 || tags.length > 0 ? { PackedPolicySize: Math.min(100, (packedPolicySize ?? 0) + tags.length * 2) } : {},
    ...sourceIdentity !== void 0 ? { SourceIdentity: sourceIdentity } : {}
  };
}
function getCallerIdentity(ctx) {
  const p = ctx.principal;
  return { UserId: p.userId, Account: p.account, Arn: p.arn };
}

// packages/sim/src/sts/api-web-identity.ts
var INVALID_TOKEN = "The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.";
function notAuthorized() {
  return new AwsError("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity", 403);
}
function conditionContext(claims, issuerHost, provider, sessionName) {
  const context = /* @__PURE__ */ new Map();
  for (const [claim, value] of Object.entries(claims)) {
    const values = (Array.isArray(value) ? value : [value]).filter((v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean").map(String);
    if (values.length > 0) context.set(`${issuerHost}:${claim}`.toLowerCase(), values);
  }
  context.set("aws:federatedprovider", [provider]);
  context.set("sts:rolesessionname", [sessionName]);
  return context;
}
function assumeRoleWithWebIdentity(ctx, input) {
  const v = new InputValidator(input);
  const roleArn = v.string("RoleArn", { required: true, min: 20, max: 2048 });
  const sessionName = v.string("RoleSessionName", { required: true, ...SESSION_NAME });
  const token2 = v.string("WebIdentityToken", { required: true, min: 4, max: 2e4, sensitive: true });
  const requested = v.integer("DurationSeconds", 900, 43200);
  v.string("Policy", { min: 1, max: 2048 });
  v.check();
  const packedPolicySize = checkSessionPolicy(input["Policy"]);
  const verified = verifyGithubToken(ctx.sim, token2);
  if ("error" in verified) {
    if (verified.reason === "expired") {
      const exp = Number(verified.claims?.["exp"]);
      throw new AwsError(
        "ExpiredTokenException",
        `Token expired: current date/time ${Math.floor(ctx.now / 1e3)} must be before the expiration date/time ${exp}`
      );
    }
    if (verified.reason === "malformed") {
      throw new AwsError(
        "InvalidIdentityToken",
        "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)"
      );
    }
    throw new AwsError("InvalidIdentityToken", INVALID_TOKEN);
  }
  const { claims } = verified;
  const parsedArn = parseRoleArn(roleArn);
  if (!parsedArn) throw notAuthorized();
  const issuerHost = GITHUB_ISSUER.replace(/^https:\/\//, "");
  const providerArn = oidcProviderArn(parsedArn.account, GITHUB_ISSUER);
  const audiences = (Array.isArray(claims["aud"]) ? claims["aud"] : [claims["aud"]]).map(String);
  let audience = audiences[0] ?? "";
  if (accountHasOidcProviders(ctx.sim, parsedArn.account)) {
    const provider = iamState(ctx.sim).oidcProviders.get(providerArn);
    if (!provider) {
      throw new AwsError(
        "InvalidIdentityToken",
        `No OpenIDConnect provider found in your account for ${GITHUB_ISSUER}`
      );
    }
    const accepted = audiences.find((a) => provider.clientIdList.includes(a));
    if (accepted === void 0) throw new AwsError("InvalidIdentityToken", "Incorrect token audience");
    audience = accepted;
  }
  const role = findRole(ctx.sim, roleArn);
  const context = conditionContext(claims, issuerHost, providerArn, sessionName);
  if (!role || !trustAllows(
    role.trustPolicy,
    { kind: "Federated", provider: providerArn },
    "sts:AssumeRoleWithWebIdentity",
    context
  )) {
    throw notAuthorized();
  }
  const duration = requested ?? 3600;
  if (duration > role.maxSessionDuration) {
    throw new AwsError(
      "ValidationError",
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."
    );
  }
  const session2 = startRoleSession(ctx, role, sessionName, duration);
  return {
    ...session2,
    SubjectFromWebIdentityToken: String(claims["sub"]),
    Audience: audience,
    Provider: providerArn,
    ...packedPolicySize !== void 0 ? { PackedPolicySize: packedPolicySize } : {},
    ...input["SourceIdentity"] !== void 0 ? { SourceIdentity: String(input["SourceIdentity"]) } : {}
  };
}

// packages/sim/src/sts/index.ts
var stsModule = {
  name: "sts",
  install(sim) {
    sim.addService({
      name: "sts",
      protocol: "query",
      xmlNamespace: "https://sts.amazonaws.com/doc/2011-06-15/",
      unsignedActions: ["AssumeRoleWithWebIdentity"],
      actions: {
        AssumeRole: assumeRole,
        AssumeRoleWithWebIdentity: assumeRoleWithWebIdentity,
        GetCallerIdentity: getCallerIdentity
      }
    });
    sim.onSeed("oidcProviders", (data) => {
      seedEntries("oidcProviders", data, (spec) => addOidcProvider(sim, spec));
    });
    sim.onSeed("roles", (data) => {
      seedEntries("roles", data, (spec) => addRole(sim, spec));
    });
  }
};

// packages/sim/src/modules.ts
var modules = [
  githubModule,
  stsModule,
  ecrModule,
  logsModule,
  ssmModule,
  secretsManagerModule,
  ecsModule,
  frontModule,
  scenarioModule
];

// packages/sim/src/index.ts
function createSimulator(options = {}) {
  const sim = new Simulator(options);
  for (const mod of modules) mod.install(sim);
  return sim;
}
async function startSimulator(options = {}) {
  const sim = createSimulator(options);
  const server = await listen(sim, options.port ?? 0, options.host ?? "127.0.0.1");
  let seeded = {};
  try {
    if (options.seed !== void 0) seeded = sim.seed(options.seed);
  } catch (err) {
    server.closeAllConnections();
    server.close();
    throw err;
  }
  return {
    url: sim.url,
    sim,
    seeded,
    close: () => new Promise((resolve, reject) => {
      server.closeAllConnections();
      server.close((err) => err ? reject(err) : resolve());
    })
  };
}

// packages/sim/src/cli.ts
var USAGE = `usage: ecs-delivery-sim [--port 4566] [--host 127.0.0.1] [--time-scale N] [--seed FILE] [--random-seed N]

Serves a local AWS (STS, ECR with its registry, ECS, CloudWatch Logs, SSM Parameter Store, Secrets Manager) and
GitHub (OIDC, REST) on one port.
Point AWS_ENDPOINT_URL at the printed URL; static credentials test/test are always accepted.`;
async function main() {
  const { values } = (0, import_node_util.parseArgs)({
    options: {
      port: { type: "string", default: "4566" },
      host: { type: "string", default: "127.0.0.1" },
      "time-scale": { type: "string", default: "1" },
      seed: { type: "string" },
      "random-seed": { type: "string" },
      help: { type: "boolean", short: "h", default: false }
    }
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  const timeScale = Number(values["time-scale"]);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, got ${values.port}`);
  if (!(timeScale > 0))
    throw new Error(`--time-scale must be a positive number, got ${values["time-scale"]}`);
  const seed = values.seed ? JSON.parse((0, import_node_fs.readFileSync)(values.seed, "utf8")) : void 0;
  const running = await startSimulator({
    port,
    host: values.host,
    timeScale,
    ...seed !== void 0 ? { seed } : {},
    ...values["random-seed"] ? { randomSeed: Number(values["random-seed"]) } : {}
  });
  console.log(`ecs-delivery simulator listening on ${running.url} (time scale ${timeScale})`);
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
main().catch((err) => {
  console.error(`ecs-delivery-sim: ${err.message}`);
  console.error(USAGE);
  process.exit(2);
});
