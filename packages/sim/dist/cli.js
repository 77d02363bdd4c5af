"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __commonJS = (cb, mod) => function __require() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/yaml/dist/nodes/identity.js
var require_identity = __commonJS({
  "node_modules/yaml/dist/nodes/identity.js"(exports2) {
    "use strict";
    var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
    var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
    var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
    var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
    var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
    var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
    var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
    var isAlias = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === ALIAS;
    var isDocument = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === DOC;
    var isMap = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === MAP;
    var isPair = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === PAIR;
    var isScalar = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SCALAR;
    var isSeq = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SEQ;
    function isCollection(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case MAP:
          case SEQ:
            return true;
        }
      return false;
    }
    function isNode(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case ALIAS:
          case MAP:
          case SCALAR:
          case SEQ:
            return true;
        }
      return false;
    }
    var hasAnchor = (node) => (isScalar(node) || isCollection(node)) && !!node.anchor;
    exports2.ALIAS = ALIAS;
    exports2.DOC = DOC;
    exports2.MAP = MAP;
    exports2.NODE_TYPE = NODE_TYPE;
    exports2.PAIR = PAIR;
    exports2.SCALAR = SCALAR;
    exports2.SEQ = SEQ;
    exports2.hasAnchor = hasAnchor;
    exports2.isAlias = isAlias;
    exports2.isCollection = isCollection;
    exports2.isDocument = isDocument;
    exports2.isMap = isMap;
    exports2.isNode = isNode;
    exports2.isPair = isPair;
    exports2.isScalar = isScalar;
    exports2.isSeq = isSeq;
  }
});

// node_modules/yaml/dist/visit.js
var require_visit = __commonJS({
  "node_modules/yaml/dist/visit.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove node");
    function visit(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity2.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        visit_(null, node, visitor_, Object.freeze([]));
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    function visit_(key, node, visitor, path) {
      const ctrl = callVisitor(key, node, visitor, path);
      if (identity2.isNode(ctrl) || identity2.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visit_(key, ctrl, visitor, path);
      }
      if (typeof ctrl !== "symbol") {
        if (identity2.isCollection(node)) {
          path = Object.freeze(path.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = visit_(i, node.items[i], visitor, path);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity2.isPair(node)) {
          path = Object.freeze(path.concat(node));
          const ck = visit_("key", node.key, visitor, path);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = visit_("value", node.value, visitor, path);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    async function visitAsync(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity2.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
    }
    visitAsync.BREAK = BREAK;
    visitAsync.SKIP = SKIP;
    visitAsync.REMOVE = REMOVE;
    async function visitAsync_(key, node, visitor, path) {
      const ctrl = await callVisitor(key, node, visitor, path);
      if (identity2.isNode(ctrl) || identity2.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visitAsync_(key, ctrl, visitor, path);
      }
      if (typeof ctrl !== "symbol") {
        if (identity2.isCollection(node)) {
          path = Object.freeze(path.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = await visitAsync_(i, node.items[i], visitor, path);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity2.isPair(node)) {
          path = Object.freeze(path.concat(node));
          const ck = await visitAsync_("key", node.key, visitor, path);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = await visitAsync_("value", node.value, visitor, path);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    function initVisitor(visitor) {
      if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
          Alias: visitor.Node,
          Map: visitor.Node,
          Scalar: visitor.Node,
          Seq: visitor.Node
        }, visitor.Value && {
          Map: visitor.Value,
          Scalar: visitor.Value,
          Seq: visitor.Value
        }, visitor.Collection && {
          Map: visitor.Collection,
          Seq: visitor.Collection
        }, visitor);
      }
      return visitor;
    }
    function callVisitor(key, node, visitor, path) {
      if (typeof visitor === "function")
        return visitor(key, node, path);
      if (identity2.isMap(node))
        return visitor.Map?.(key, node, path);
      if (identity2.isSeq(node))
        return visitor.Seq?.(key, node, path);
      if (identity2.isPair(node))
        return visitor.Pair?.(key, node, path);
      if (identity2.isScalar(node))
        return visitor.Scalar?.(key, node, path);
      if (identity2.isAlias(node))
        return visitor.Alias?.(key, node, path);
      return void 0;
    }
    function replaceNode(key, path, node) {
      const parent = path[path.length - 1];
      if (identity2.isCollection(parent)) {
        parent.items[key] = node;
      } else if (identity2.isPair(parent)) {
        if (key === "key")
          parent.key = node;
        else
          parent.value = node;
      } else if (identity2.isDocument(parent)) {
        parent.contents = node;
      } else {
        const pt = identity2.isAlias(parent) ? "alias" : "scalar";
        throw new Error(`Cannot replace node with ${pt} parent`);
      }
    }
    exports2.visit = visit;
    exports2.visitAsync = visitAsync;
  }
});

// node_modules/yaml/dist/doc/directives.js
var require_directives = __commonJS({
  "node_modules/yaml/dist/doc/directives.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var visit = require_visit();
    var escapeChars = {
      "!": "%21",
      ",": "%2C",
      "[": "%5B",
      "]": "%5D",
      "{": "%7B",
      "}": "%7D"
    };
    var escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]);
    var Directives = class _Directives {
      constructor(yaml, tags) {
        this.docStart = null;
        this.docEnd = false;
        this.yaml = Object.assign({}, _Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, _Directives.defaultTags, tags);
      }
      clone() {
        const copy = new _Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
      }
      /**
       * During parsing, get a Directives instance for the current document and
       * update the stream state according to the current version's spec.
       */
      atDocument() {
        const res = new _Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
          case "1.1":
            this.atNextDocument = true;
            break;
          case "1.2":
            this.atNextDocument = false;
            this.yaml = {
              explicit: _Directives.defaultYaml.explicit,
              version: "1.2"
            };
            this.tags = Object.assign({}, _Directives.defaultTags);
            break;
        }
        return res;
      }
      /**
       * @param onError - May be called even if the action was successful
       * @returns `true` on success
       */
      add(line, onError) {
        if (this.atNextDocument) {
          this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
          this.tags = Object.assign({}, _Directives.defaultTags);
          this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
          case "%TAG": {
            if (parts.length !== 2) {
              onError(0, "%TAG directive should contain exactly two parts");
              if (parts.length < 2)
                return false;
            }
            const [handle2, prefix] = parts;
            this.tags[handle2] = prefix;
            return true;
          }
          case "%YAML": {
            this.yaml.explicit = true;
            if (parts.length !== 1) {
              onError(0, "%YAML directive should contain exactly one part");
              return false;
            }
            const [version] = parts;
            if (version === "1.1" || version === "1.2") {
              this.yaml.version = version;
              return true;
            } else {
              const isValid = /^\d+\.\d+$/.test(version);
              onError(6, `Unsupported YAML version ${version}`, isValid);
              return false;
            }
          }
          default:
            onError(0, `Unknown directive ${name}`, true);
            return false;
        }
      }
      /**
       * Resolves a tag, matching handles to those defined in %TAG directives.
       *
       * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
       *   `'!local'` tag, or `null` if unresolvable.
       */
      tagName(source, onError) {
        if (source === "!")
          return "!";
        if (source[0] !== "!") {
          onError(`Not a valid tag: ${source}`);
          return null;
        }
        if (source[1] === "<") {
          const verbatim = source.slice(2, -1);
          if (verbatim === "!" || verbatim === "!!") {
            onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
            return null;
          }
          if (source[source.length - 1] !== ">")
            onError("Verbatim tags must end with a >");
          return verbatim;
        }
        const [, handle2, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
          onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle2];
        if (prefix) {
          try {
            return prefix + decodeURIComponent(suffix);
          } catch (error) {
            onError(String(error));
            return null;
          }
        }
        if (handle2 === "!")
          return source;
        onError(`Could not resolve tag: ${source}`);
        return null;
      }
      /**
       * Given a fully resolved tag, returns its printable string form,
       * taking into account current tag prefixes and defaults.
       */
      tagString(tag) {
        for (const [handle2, prefix] of Object.entries(this.tags)) {
          if (tag.startsWith(prefix))
            return handle2 + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === "!" ? tag : `!<${tag}>`;
      }
      toString(doc) {
        const lines = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity2.isNode(doc.contents)) {
          const tags = {};
          visit.visit(doc.contents, (_key, node) => {
            if (identity2.isNode(node) && node.tag)
              tags[node.tag] = true;
          });
          tagNames = Object.keys(tags);
        } else
          tagNames = [];
        for (const [handle2, prefix] of tagEntries) {
          if (handle2 === "!!" && prefix === "tag:yaml.org,2002:")
            continue;
          if (!doc || tagNames.some((tn) => tn.startsWith(prefix)))
            lines.push(`%TAG ${handle2} ${prefix}`);
        }
        return lines.join("\n");
      }
    };
    Directives.defaultYaml = { explicit: false, version: "1.2" };
    Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };
    exports2.Directives = Directives;
  }
});

// node_modules/yaml/dist/doc/anchors.js
var require_anchors = __commonJS({
  "node_modules/yaml/dist/doc/anchors.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var visit = require_visit();
    function anchorIsValid(anchor) {
      if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
      }
      return true;
    }
    function anchorNames(root) {
      const anchors = /* @__PURE__ */ new Set();
      visit.visit(root, {
        Value(_key, node) {
          if (node.anchor)
            anchors.add(node.anchor);
        }
      });
      return anchors;
    }
    function findNewAnchor(prefix, exclude) {
      for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
          return name;
      }
    }
    function createNodeAnchors(doc, prefix) {
      const aliasObjects = [];
      const sourceObjects = /* @__PURE__ */ new Map();
      let prevAnchors = null;
      return {
        onAnchor: (source) => {
          aliasObjects.push(source);
          prevAnchors ?? (prevAnchors = anchorNames(doc));
          const anchor = findNewAnchor(prefix, prevAnchors);
          prevAnchors.add(anchor);
          return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
          for (const source of aliasObjects) {
            const ref = sourceObjects.get(source);
            if (typeof ref === "object" && ref.anchor && (identity2.isScalar(ref.node) || identity2.isCollection(ref.node))) {
              ref.node.anchor = ref.anchor;
            } else {
              const error = new Error("Failed to resolve repeated object (this should not happen)");
              error.source = source;
              throw error;
            }
          }
        },
        sourceObjects
      };
    }
    exports2.anchorIsValid = anchorIsValid;
    exports2.anchorNames = anchorNames;
    exports2.createNodeAnchors = createNodeAnchors;
    exports2.findNewAnchor = findNewAnchor;
  }
});

// node_modules/yaml/dist/doc/applyReviver.js
var require_applyReviver = __commonJS({
  "node_modules/yaml/dist/doc/applyReviver.js"(exports2) {
    "use strict";
    function applyReviver(reviver, obj, key, val) {
      if (val && typeof val === "object") {
        if (Array.isArray(val)) {
          for (let i = 0, len = val.length; i < len; ++i) {
            const v0 = val[i];
            const v1 = applyReviver(reviver, val, String(i), v0);
            if (v1 === void 0)
              delete val[i];
            else if (v1 !== v0)
              val[i] = v1;
          }
        } else if (val instanceof Map) {
          for (const k of Array.from(val.keys())) {
            const v0 = val.get(k);
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              val.delete(k);
            else if (v1 !== v0)
              val.set(k, v1);
          }
        } else if (val instanceof Set) {
          for (const v0 of Array.from(val)) {
            const v1 = applyReviver(reviver, val, v0, v0);
            if (v1 === void 0)
              val.delete(v0);
            else if (v1 !== v0) {
              val.delete(v0);
              val.add(v1);
            }
          }
        } else {
          for (const [k, v0] of Object.entries(val)) {
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              delete val[k];
            else if (v1 !== v0)
              val[k] = v1;
          }
        }
      }
      return reviver.call(obj, key, val);
    }
    exports2.applyReviver = applyReviver;
  }
});

// node_modules/yaml/dist/nodes/toJS.js
var require_toJS = __commonJS({
  "node_modules/yaml/dist/nodes/toJS.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    function toJS(value, arg, ctx) {
      if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
      if (value && typeof value.toJSON === "function") {
        if (!ctx || !identity2.hasAnchor(value))
          return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: void 0 };
        ctx.anchors.set(value, data);
        ctx.onCreate = (res2) => {
          data.res = res2;
          delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
          ctx.onCreate(res);
        return res;
      }
      if (typeof value === "bigint" && !ctx?.keep)
        return Number(value);
      return value;
    }
    exports2.toJS = toJS;
  }
});

// node_modules/yaml/dist/nodes/Node.js
var require_Node = __commonJS({
  "node_modules/yaml/dist/nodes/Node.js"(exports2) {
    "use strict";
    var applyReviver = require_applyReviver();
    var identity2 = require_identity();
    var toJS = require_toJS();
    var NodeBase = class {
      constructor(type) {
        Object.defineProperty(this, identity2.NODE_TYPE, { value: type });
      }
      /** Create a copy of this node.  */
      clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** A plain JavaScript representation of this node. */
      toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity2.isDocument(doc))
          throw new TypeError("A document argument is required");
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc,
          keep: true,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
    };
    exports2.NodeBase = NodeBase;
  }
});

// node_modules/yaml/dist/nodes/Alias.js
var require_Alias = __commonJS({
  "node_modules/yaml/dist/nodes/Alias.js"(exports2) {
    "use strict";
    var anchors = require_anchors();
    var visit = require_visit();
    var identity2 = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var Alias = class extends Node.NodeBase {
      constructor(source) {
        super(identity2.ALIAS);
        this.source = source;
        Object.defineProperty(this, "tag", {
          set() {
            throw new Error("Alias nodes cannot have tags");
          }
        });
      }
      /**
       * Resolve the value of this alias within `doc`, finding the last
       * instance of the `source` anchor before this node.
       */
      resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
          throw new ReferenceError("Alias resolution is disabled");
        let nodes;
        if (ctx?.aliasResolveCache) {
          nodes = ctx.aliasResolveCache;
        } else {
          nodes = [];
          visit.visit(doc, {
            Node: (_key, node) => {
              if (identity2.isAlias(node) || identity2.hasAnchor(node))
                nodes.push(node);
            }
          });
          if (ctx)
            ctx.aliasResolveCache = nodes;
        }
        let found = void 0;
        for (const node of nodes) {
          if (node === this)
            break;
          if (node.anchor === this.source)
            found = node;
        }
        if (found && ctx) {
          const { anchors: anchors2, doc: doc2, maxAliasCount } = ctx;
          let data = anchors2.get(found);
          if (!data) {
            toJS.toJS(found, null, ctx);
            data = anchors2.get(found);
          }
          if (data?.res === void 0) {
            const msg = "This should not happen: Alias anchor was not resolved?";
            throw new ReferenceError(msg);
          }
          if (maxAliasCount >= 0) {
            data.count += 1;
            if (data.aliasCount === 0)
              data.aliasCount = getAliasCount(doc2, found, anchors2);
            if (data.count * data.aliasCount > maxAliasCount) {
              const msg = "Excessive alias count indicates a resource exhaustion attack";
              throw new ReferenceError(msg);
            }
          }
        }
        return found;
      }
      toJSON(_arg, ctx) {
        if (!ctx)
          return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
          const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
          throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
      }
      toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
          anchors.anchorIsValid(this.source);
          if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new Error(msg);
          }
          if (ctx.implicitKey)
            return `${src} `;
        }
        return src;
      }
    };
    function getAliasCount(doc, node, anchors2) {
      if (identity2.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors2 && source && anchors2.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
      } else if (identity2.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
          const c = getAliasCount(doc, item, anchors2);
          if (c > count)
            count = c;
        }
        return count;
      } else if (identity2.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors2);
        const vc = getAliasCount(doc, node.value, anchors2);
        return Math.max(kc, vc);
      }
      return 1;
    }
    exports2.Alias = Alias;
  }
});

// node_modules/yaml/dist/nodes/Scalar.js
var require_Scalar = __commonJS({
  "node_modules/yaml/dist/nodes/Scalar.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var isScalarValue = (value) => !value || typeof value !== "function" && typeof value !== "object";
    var Scalar = class extends Node.NodeBase {
      constructor(value) {
        super(identity2.SCALAR);
        this.value = value;
      }
      toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
      }
      toString() {
        return String(this.value);
      }
    };
    Scalar.BLOCK_FOLDED = "BLOCK_FOLDED";
    Scalar.BLOCK_LITERAL = "BLOCK_LITERAL";
    Scalar.PLAIN = "PLAIN";
    Scalar.QUOTE_DOUBLE = "QUOTE_DOUBLE";
    Scalar.QUOTE_SINGLE = "QUOTE_SINGLE";
    exports2.Scalar = Scalar;
    exports2.isScalarValue = isScalarValue;
  }
});

// node_modules/yaml/dist/doc/createNode.js
var require_createNode = __commonJS({
  "node_modules/yaml/dist/doc/createNode.js"(exports2) {
    "use strict";
    var Alias = require_Alias();
    var identity2 = require_identity();
    var Scalar = require_Scalar();
    var defaultTagPrefix = "tag:yaml.org,2002:";
    function findTagObject(value, tagName, tags) {
      if (tagName) {
        const match = tags.filter((t) => t.tag === tagName);
        const tagObj = match.find((t) => !t.format) ?? match[0];
        if (!tagObj)
          throw new Error(`Tag ${tagName} not found`);
        return tagObj;
      }
      return tags.find((t) => t.identify?.(value) && !t.format);
    }
    function createNode(value, tagName, ctx) {
      if (identity2.isDocument(value))
        value = value.contents;
      if (identity2.isNode(value))
        return value;
      if (identity2.isPair(value)) {
        const map = ctx.schema[identity2.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
      }
      if (value instanceof String || value instanceof Number || value instanceof Boolean || typeof BigInt !== "undefined" && value instanceof BigInt) {
        value = value.valueOf();
      }
      const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
      let ref = void 0;
      if (aliasDuplicateObjects && value && typeof value === "object") {
        ref = sourceObjects.get(value);
        if (ref) {
          ref.anchor ?? (ref.anchor = onAnchor(value));
          return new Alias.Alias(ref.anchor);
        } else {
          ref = { anchor: null, node: null };
          sourceObjects.set(value, ref);
        }
      }
      if (tagName?.startsWith("!!"))
        tagName = defaultTagPrefix + tagName.slice(2);
      let tagObj = findTagObject(value, tagName, schema.tags);
      if (!tagObj) {
        if (value && typeof value.toJSON === "function") {
          value = value.toJSON();
        }
        if (!value || typeof value !== "object") {
          const node2 = new Scalar.Scalar(value);
          if (ref)
            ref.node = node2;
          return node2;
        }
        tagObj = value instanceof Map ? schema[identity2.MAP] : Symbol.iterator in Object(value) ? schema[identity2.SEQ] : schema[identity2.MAP];
      }
      if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
      }
      const node = tagObj?.createNode ? tagObj.createNode(ctx.schema, value, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value, ctx) : new Scalar.Scalar(value);
      if (tagName)
        node.tag = tagName;
      else if (!tagObj.default)
        node.tag = tagObj.tag;
      if (ref)
        ref.node = node;
      return node;
    }
    exports2.createNode = createNode;
  }
});

// node_modules/yaml/dist/nodes/Collection.js
var require_Collection = __commonJS({
  "node_modules/yaml/dist/nodes/Collection.js"(exports2) {
    "use strict";
    var createNode = require_createNode();
    var identity2 = require_identity();
    var Node = require_Node();
    function collectionFromPath(schema, path, value) {
      let v = value;
      for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === "number" && Number.isInteger(k) && k >= 0) {
          const a = [];
          a[k] = v;
          v = a;
        } else {
          v = /* @__PURE__ */ new Map([[k, v]]);
        }
      }
      return createNode.createNode(v, void 0, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
          throw new Error("This should not happen, please report a bug.");
        },
        schema,
        sourceObjects: /* @__PURE__ */ new Map()
      });
    }
    var isEmptyPath = (path) => path == null || typeof path === "object" && !!path[Symbol.iterator]().next().done;
    var Collection = class extends Node.NodeBase {
      constructor(type, schema) {
        super(type);
        Object.defineProperty(this, "schema", {
          value: schema,
          configurable: true,
          enumerable: false,
          writable: true
        });
      }
      /**
       * Create a copy of this collection.
       *
       * @param schema - If defined, overwrites the original's schema
       */
      clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
          copy.schema = schema;
        copy.items = copy.items.map((it) => identity2.isNode(it) || identity2.isPair(it) ? it.clone(schema) : it);
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /**
       * Adds a value to the collection. For `!!map` and `!!omap` the value must
       * be a Pair instance or a `{ key, value }` object, which may not have a key
       * that already exists in the map.
       */
      addIn(path, value) {
        if (isEmptyPath(path))
          this.add(value);
        else {
          const [key, ...rest] = path;
          const node = this.get(key, true);
          if (identity2.isCollection(node))
            node.addIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
      /**
       * Removes a value from the collection.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
          return this.delete(key);
        const node = this.get(key, true);
        if (identity2.isCollection(node))
          return node.deleteIn(rest);
        else
          throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path, keepScalar) {
        const [key, ...rest] = path;
        const node = this.get(key, true);
        if (rest.length === 0)
          return !keepScalar && identity2.isScalar(node) ? node.value : node;
        else
          return identity2.isCollection(node) ? node.getIn(rest, keepScalar) : void 0;
      }
      hasAllNullValues(allowScalar) {
        return this.items.every((node) => {
          if (!identity2.isPair(node))
            return false;
          const n = node.value;
          return n == null || allowScalar && identity2.isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
        });
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       */
      hasIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
          return this.has(key);
        const node = this.get(key, true);
        return identity2.isCollection(node) ? node.hasIn(rest) : false;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path, value) {
        const [key, ...rest] = path;
        if (rest.length === 0) {
          this.set(key, value);
        } else {
          const node = this.get(key, true);
          if (identity2.isCollection(node))
            node.setIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
    };
    exports2.Collection = Collection;
    exports2.collectionFromPath = collectionFromPath;
    exports2.isEmptyPath = isEmptyPath;
  }
});

// node_modules/yaml/dist/stringify/stringifyComment.js
var require_stringifyComment = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyComment.js"(exports2) {
    "use strict";
    var stringifyComment = (str8) => str8.replace(/^(?!$)(?: $)?/gm, "#");
    function indentComment(comment, indent) {
      if (/^\n+$/.test(comment))
        return comment.substring(1);
      return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
    }
    var lineComment = (str8, indent, comment) => str8.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str8.endsWith(" ") ? "" : " ") + comment;
    exports2.indentComment = indentComment;
    exports2.lineComment = lineComment;
    exports2.stringifyComment = stringifyComment;
  }
});

// node_modules/yaml/dist/stringify/foldFlowLines.js
var require_foldFlowLines = __commonJS({
  "node_modules/yaml/dist/stringify/foldFlowLines.js"(exports2) {
    "use strict";
    var FOLD_FLOW = "flow";
    var FOLD_BLOCK = "block";
    var FOLD_QUOTED = "quoted";
    function foldFlowLines(text, indent, mode = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
      if (!lineWidth || lineWidth < 0)
        return text;
      if (lineWidth < minContentWidth)
        minContentWidth = 0;
      const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
      if (text.length <= endStep)
        return text;
      const folds = [];
      const escapedFolds = {};
      let end = lineWidth - indent.length;
      if (typeof indentAtStart === "number") {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
          folds.push(0);
        else
          end = lineWidth - indentAtStart;
      }
      let split2 = void 0;
      let prev = void 0;
      let overflow = false;
      let i = -1;
      let escStart = -1;
      let escEnd = -1;
      if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
          end = i + endStep;
      }
      for (let ch; ch = text[i += 1]; ) {
        if (mode === FOLD_QUOTED && ch === "\\") {
          escStart = i;
          switch (text[i + 1]) {
            case "x":
              i += 3;
              break;
            case "u":
              i += 5;
              break;
            case "U":
              i += 9;
              break;
            default:
              i += 1;
          }
          escEnd = i;
        }
        if (ch === "\n") {
          if (mode === FOLD_BLOCK)
            i = consumeMoreIndentedLines(text, i, indent.length);
          end = i + indent.length + endStep;
          split2 = void 0;
        } else {
          if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
            const next = text[i + 1];
            if (next && next !== " " && next !== "\n" && next !== "	")
              split2 = i;
          }
          if (i >= end) {
            if (split2) {
              folds.push(split2);
              end = split2 + endStep;
              split2 = void 0;
            } else if (mode === FOLD_QUOTED) {
              while (prev === " " || prev === "	") {
                prev = ch;
                ch = text[i += 1];
                overflow = true;
              }
              const j = i > escEnd + 1 ? i - 2 : escStart - 1;
              if (escapedFolds[j])
                return text;
              folds.push(j);
              escapedFolds[j] = true;
              end = j + endStep;
              split2 = void 0;
            } else {
              overflow = true;
            }
          }
        }
        prev = ch;
      }
      if (overflow && onOverflow)
        onOverflow();
      if (folds.length === 0)
        return text;
      if (onFold)
        onFold();
      let res = text.slice(0, folds[0]);
      for (let i2 = 0; i2 < folds.length; ++i2) {
        const fold = folds[i2];
        const end2 = folds[i2 + 1] || text.length;
        if (fold === 0)
          res = `
${indent}${text.slice(0, end2)}`;
        else {
          if (mode === FOLD_QUOTED && escapedFolds[fold])
            res += `${text[fold]}\\`;
          res += `
${indent}${text.slice(fold + 1, end2)}`;
        }
      }
      return res;
    }
    function consumeMoreIndentedLines(text, i, indent) {
      let end = i;
      let start = i + 1;
      let ch = text[start];
      while (ch === " " || ch === "	") {
        if (i < start + indent) {
          ch = text[++i];
        } else {
          do {
            ch = text[++i];
          } while (ch && ch !== "\n");
          end = i;
          start = i + 1;
          ch = text[start];
        }
      }
      return end;
    }
    exports2.FOLD_BLOCK = FOLD_BLOCK;
    exports2.FOLD_FLOW = FOLD_FLOW;
    exports2.FOLD_QUOTED = FOLD_QUOTED;
    exports2.foldFlowLines = foldFlowLines;
  }
});

// node_modules/yaml/dist/stringify/stringifyString.js
var require_stringifyString = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyString.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var foldFlowLines = require_foldFlowLines();
    var getFoldOptions = (ctx, isBlock) => ({
      indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
      lineWidth: ctx.options.lineWidth,
      minContentWidth: ctx.options.minContentWidth
    });
    var containsDocumentMarker = (str8) => /^(%|---|\.\.\.)/m.test(str8);
    function lineLengthOverLimit(str8, lineWidth, indentLength) {
      if (!lineWidth || lineWidth < 0)
        return false;
      const limit = lineWidth - indentLength;
      const strLen = str8.length;
      if (strLen <= limit)
        return false;
      for (let i = 0, start = 0; i < strLen; ++i) {
        if (str8[i] === "\n") {
          if (i - start > limit)
            return true;
          start = i + 1;
          if (strLen - start <= limit)
            return false;
        }
      }
      return true;
    }
    function doubleQuotedString(value, ctx) {
      const json = JSON.stringify(value);
      if (ctx.options.doubleQuotedAsJSON)
        return json;
      const { implicitKey } = ctx;
      const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      let str8 = "";
      let start = 0;
      for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
          str8 += json.slice(start, i) + "\\ ";
          i += 1;
          start = i;
          ch = "\\";
        }
        if (ch === "\\")
          switch (json[i + 1]) {
            case "u":
              {
                str8 += json.slice(start, i);
                const code = json.substr(i + 2, 4);
                switch (code) {
                  case "0000":
                    str8 += "\\0";
                    break;
                  case "0007":
                    str8 += "\\a";
                    break;
                  case "000b":
                    str8 += "\\v";
                    break;
                  case "001b":
                    str8 += "\\e";
                    break;
                  case "0085":
                    str8 += "\\N";
                    break;
                  case "00a0":
                    str8 += "\\_";
                    break;
                  case "2028":
                    str8 += "\\L";
                    break;
                  case "2029":
                    str8 += "\\P";
                    break;
                  default:
                    if (code.substr(0, 2) === "00")
                      str8 += "\\x" + code.substr(2);
                    else
                      str8 += json.substr(i, 6);
                }
                i += 5;
                start = i + 1;
              }
              break;
            case "n":
              if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
                i += 1;
              } else {
                str8 += json.slice(start, i) + "\n\n";
                while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
                  str8 += "\n";
                  i += 2;
                }
                str8 += indent;
                if (json[i + 2] === " ")
                  str8 += "\\";
                i += 1;
                start = i + 1;
              }
              break;
            default:
              i += 1;
          }
      }
      str8 = start ? str8 + json.slice(start) : json;
      return implicitKey ? str8 : foldFlowLines.foldFlowLines(str8, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
    }
    function singleQuotedString(value, ctx) {
      if (ctx.options.singleQuote === false || ctx.implicitKey && value.includes("\n") || /[ \t]\n|\n[ \t]/.test(value))
        return doubleQuotedString(value, ctx);
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
      return ctx.implicitKey ? res : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function quotedString(value, ctx) {
      const { singleQuote } = ctx.options;
      let qs;
      if (singleQuote === false)
        qs = doubleQuotedString;
      else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
          qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
          qs = doubleQuotedString;
        else
          qs = singleQuote ? singleQuotedString : doubleQuotedString;
      }
      return qs(value, ctx);
    }
    var blockEndNewlines;
    try {
      blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
    } catch {
      blockEndNewlines = /\n+(?!\n|$)/g;
    }
    function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
      const { blockQuote, commentString, lineWidth } = ctx.options;
      if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
      }
      const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value) ? "  " : "");
      const literal = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar.Scalar.BLOCK_FOLDED ? false : type === Scalar.Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value, lineWidth, indent.length);
      if (!value)
        return literal ? "|\n" : ">\n";
      let chomp;
      let endStart;
      for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== "\n" && ch !== "	" && ch !== " ")
          break;
      }
      let end = value.substring(endStart);
      const endNlPos = end.indexOf("\n");
      if (endNlPos === -1) {
        chomp = "-";
      } else if (value === end || endNlPos !== end.length - 1) {
        chomp = "+";
        if (onChompKeep)
          onChompKeep();
      } else {
        chomp = "";
      }
      if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === "\n")
          end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
      }
      let startWithSpace = false;
      let startEnd;
      let startNlPos = -1;
      for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === " ")
          startWithSpace = true;
        else if (ch === "\n")
          startNlPos = startEnd;
        else
          break;
      }
      let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
      if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
      }
      const indentSize = indent ? "2" : "1";
      let header3 = (startWithSpace ? indentSize : "") + chomp;
      if (comment) {
        header3 += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
        if (onComment)
          onComment();
      }
      if (!literal) {
        const foldedValue = value.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== "folded" && type !== Scalar.Scalar.BLOCK_FOLDED) {
          foldOptions.onOverflow = () => {
            literalFallback = true;
          };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
          return `>${header3}
${indent}${body}`;
      }
      value = value.replace(/\n+/g, `$&${indent}`);
      return `|${header3}
${indent}${start}${value}${end}`;
    }
    function plainString(item, ctx, onComment, onChompKeep) {
      const { type, value } = item;
      const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
      if (implicitKey && value.includes("\n") || inFlow && /[[\]{},]/.test(value)) {
        return quotedString(value, ctx);
      }
      if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        return implicitKey || inFlow || !value.includes("\n") ? quotedString(value, ctx) : blockString(item, ctx, onComment, onChompKeep);
      }
      if (!implicitKey && !inFlow && type !== Scalar.Scalar.PLAIN && value.includes("\n")) {
        return blockString(item, ctx, onComment, onChompKeep);
      }
      if (containsDocumentMarker(value)) {
        if (indent === "") {
          ctx.forceBlockIndent = true;
          return blockString(item, ctx, onComment, onChompKeep);
        } else if (implicitKey && indent === indentStep) {
          return quotedString(value, ctx);
        }
      }
      const str8 = value.replace(/\n+/g, `$&
${indent}`);
      if (actualString) {
        const test = (tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str8);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
          return quotedString(value, ctx);
      }
      return implicitKey ? str8 : foldFlowLines.foldFlowLines(str8, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function stringifyString(item, ctx, onComment, onChompKeep) {
      const { implicitKey, inFlow } = ctx;
      const ss = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
      let { type } = item;
      if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
          type = Scalar.Scalar.QUOTE_DOUBLE;
      }
      const _stringify = (_type) => {
        switch (_type) {
          case Scalar.Scalar.BLOCK_FOLDED:
          case Scalar.Scalar.BLOCK_LITERAL:
            return implicitKey || inFlow ? quotedString(ss.value, ctx) : blockString(ss, ctx, onComment, onChompKeep);
          case Scalar.Scalar.QUOTE_DOUBLE:
            return doubleQuotedString(ss.value, ctx);
          case Scalar.Scalar.QUOTE_SINGLE:
            return singleQuotedString(ss.value, ctx);
          case Scalar.Scalar.PLAIN:
            return plainString(ss, ctx, onComment, onChompKeep);
          default:
            return null;
        }
      };
      let res = _stringify(type);
      if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = implicitKey && defaultKeyType || defaultStringType;
        res = _stringify(t);
        if (res === null)
          throw new Error(`Unsupported default string type ${t}`);
      }
      return res;
    }
    exports2.stringifyString = stringifyString;
  }
});

// node_modules/yaml/dist/stringify/stringify.js
var require_stringify = __commonJS({
  "node_modules/yaml/dist/stringify/stringify.js"(exports2) {
    "use strict";
    var anchors = require_anchors();
    var identity2 = require_identity();
    var stringifyComment = require_stringifyComment();
    var stringifyString = require_stringifyString();
    function createStringifyContext(doc, options) {
      const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: "PLAIN",
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: "false",
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: "null",
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: "true",
        verifyAliasOrder: true
      }, doc.schema.toStringOptions, options);
      let inFlow;
      switch (opt.collectionStyle) {
        case "block":
          inFlow = false;
          break;
        case "flow":
          inFlow = true;
          break;
        default:
          inFlow = null;
      }
      return {
        anchors: /* @__PURE__ */ new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? " " : "",
        indent: "",
        indentStep: typeof opt.indent === "number" ? " ".repeat(opt.indent) : "  ",
        inFlow,
        options: opt
      };
    }
    function getTagObject(tags, item) {
      if (item.tag) {
        const match = tags.filter((t) => t.tag === item.tag);
        if (match.length > 0)
          return match.find((t) => t.format === item.format) ?? match[0];
      }
      let tagObj = void 0;
      let obj;
      if (identity2.isScalar(item)) {
        obj = item.value;
        let match = tags.filter((t) => t.identify?.(obj));
        if (match.length > 1) {
          const testMatch = match.filter((t) => t.test);
          if (testMatch.length > 0)
            match = testMatch;
        }
        tagObj = match.find((t) => t.format === item.format) ?? match.find((t) => !t.format);
      } else {
        obj = item;
        tagObj = tags.find((t) => t.nodeClass && obj instanceof t.nodeClass);
      }
      if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? "null" : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
      }
      return tagObj;
    }
    function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
      if (!doc.directives)
        return "";
      const props = [];
      const anchor = (identity2.isScalar(node) || identity2.isCollection(node)) && node.anchor;
      if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
      }
      const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
      if (tag)
        props.push(doc.directives.tagString(tag));
      return props.join(" ");
    }
    function stringify(item, ctx, onComment, onChompKeep) {
      if (identity2.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
      if (identity2.isAlias(item)) {
        if (ctx.doc.directives)
          return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
          throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        } else {
          if (ctx.resolvedAliases)
            ctx.resolvedAliases.add(item);
          else
            ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
          item = item.resolve(ctx.doc);
        }
      }
      let tagObj = void 0;
      const node = identity2.isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: (o) => tagObj = o });
      tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
      const props = stringifyProps(node, tagObj, ctx);
      if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
      const str8 = typeof tagObj.stringify === "function" ? tagObj.stringify(node, ctx, onComment, onChompKeep) : identity2.isScalar(node) ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep) : node.toString(ctx, onComment, onChompKeep);
      if (!props)
        return str8;
      return identity2.isScalar(node) || str8[0] === "{" || str8[0] === "[" ? `${props} ${str8}` : `${props}
${ctx.indent}${str8}`;
    }
    exports2.createStringifyContext = createStringifyContext;
    exports2.stringify = stringify;
  }
});

// node_modules/yaml/dist/stringify/stringifyPair.js
var require_stringifyPair = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyPair.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var Scalar = require_Scalar();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
      const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
      let keyComment = identity2.isNode(key) && key.comment || null;
      if (simpleKeys) {
        if (keyComment) {
          throw new Error("With simple keys, key nodes cannot have comments");
        }
        if (identity2.isCollection(key) || !identity2.isNode(key) && typeof key === "object") {
          const msg = "With simple keys, collection cannot be used as a key value";
          throw new Error(msg);
        }
      }
      let explicitKey = !simpleKeys && (!key || keyComment && value == null && !ctx.inFlow || identity2.isCollection(key) || (identity2.isScalar(key) ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL : typeof key === "object"));
      ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
      });
      let keyCommentDone = false;
      let chompKeep = false;
      let str8 = stringify.stringify(key, ctx, () => keyCommentDone = true, () => chompKeep = true);
      if (!explicitKey && !ctx.inFlow && str8.length > 1024) {
        if (simpleKeys)
          throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
        explicitKey = true;
      }
      if (ctx.inFlow) {
        if (allNullValues || value == null) {
          if (keyCommentDone && onComment)
            onComment();
          return str8 === "" ? "?" : explicitKey ? `? ${str8}` : str8;
        }
      } else if (allNullValues && !simpleKeys || value == null && explicitKey) {
        str8 = `? ${str8}`;
        if (keyComment && !keyCommentDone) {
          str8 += stringifyComment.lineComment(str8, ctx.indent, commentString(keyComment));
        } else if (chompKeep && onChompKeep)
          onChompKeep();
        return str8;
      }
      if (keyCommentDone)
        keyComment = null;
      if (explicitKey) {
        if (keyComment)
          str8 += stringifyComment.lineComment(str8, ctx.indent, commentString(keyComment));
        str8 = `? ${str8}
${indent}:`;
      } else {
        str8 = `${str8}:`;
        if (keyComment)
          str8 += stringifyComment.lineComment(str8, ctx.indent, commentString(keyComment));
      }
      let vsb, vcb, valueComment;
      if (identity2.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
      } else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === "object")
          value = doc.createNode(value);
      }
      ctx.implicitKey = false;
      if (!explicitKey && !keyComment && identity2.isScalar(value))
        ctx.indentAtStart = str8.length + 1;
      chompKeep = false;
      if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && identity2.isSeq(value) && !value.flow && !value.tag && !value.anchor) {
        ctx.indent = ctx.indent.substring(2);
      }
      let valueCommentDone = false;
      const valueStr = stringify.stringify(value, ctx, () => valueCommentDone = true, () => chompKeep = true);
      let ws = " ";
      if (keyComment || vsb || vcb) {
        ws = vsb ? "\n" : "";
        if (vcb) {
          const cs = commentString(vcb);
          ws += `
${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === "" && !ctx.inFlow) {
          if (ws === "\n" && valueComment)
            ws = "\n\n";
        } else {
          ws += `
${ctx.indent}`;
        }
      } else if (!explicitKey && identity2.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf("\n");
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
          let hasPropsLine = false;
          if (hasNewline && (vs0 === "&" || vs0 === "!")) {
            let sp0 = valueStr.indexOf(" ");
            if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
              sp0 = valueStr.indexOf(" ", sp0 + 1);
            }
            if (sp0 === -1 || nl0 < sp0)
              hasPropsLine = true;
          }
          if (!hasPropsLine)
            ws = `
${ctx.indent}`;
        }
      } else if (valueStr === "" || valueStr[0] === "\n") {
        ws = "";
      }
      str8 += ws + valueStr;
      if (ctx.inFlow) {
        if (valueCommentDone && onComment)
          onComment();
      } else if (valueComment && !valueCommentDone) {
        str8 += stringifyComment.lineComment(str8, ctx.indent, commentString(valueComment));
      } else if (chompKeep && onChompKeep) {
        onChompKeep();
      }
      return str8;
    }
    exports2.stringifyPair = stringifyPair;
  }
});

// node_modules/yaml/dist/log.js
var require_log = __commonJS({
  "node_modules/yaml/dist/log.js"(exports2) {
    "use strict";
    var node_process = require("process");
    function debug(logLevel, ...messages) {
      if (logLevel === "debug")
        console.log(...messages);
    }
    function warn(logLevel, warning) {
      if (logLevel === "debug" || logLevel === "warn") {
        if (typeof node_process.emitWarning === "function")
          node_process.emitWarning(warning);
        else
          console.warn(warning);
      }
    }
    exports2.debug = debug;
    exports2.warn = warn;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/merge.js
var require_merge = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/merge.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var Scalar = require_Scalar();
    var MERGE_KEY = "<<";
    var merge = {
      identify: (value) => value === MERGE_KEY || typeof value === "symbol" && value.description === MERGE_KEY,
      default: "key",
      tag: "tag:yaml.org,2002:merge",
      test: /^<<$/,
      resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
      }),
      stringify: () => MERGE_KEY
    };
    var isMergeKey = (ctx, key) => (merge.identify(key) || identity2.isScalar(key) && (!key.type || key.type === Scalar.Scalar.PLAIN) && merge.identify(key.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge.tag && tag.default);
    function addMergeToJSMap(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (identity2.isSeq(source))
        for (const it of source.items)
          mergeValue(ctx, map, it);
      else if (Array.isArray(source))
        for (const it of source)
          mergeValue(ctx, map, it);
      else
        mergeValue(ctx, map, source);
    }
    function mergeValue(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (!identity2.isMap(source))
        throw new Error("Merge sources must be maps or map aliases");
      const srcMap = source.toJSON(null, ctx, Map);
      for (const [key, value2] of srcMap) {
        if (map instanceof Map) {
          if (!map.has(key))
            map.set(key, value2);
        } else if (map instanceof Set) {
          map.add(key);
        } else if (!Object.prototype.hasOwnProperty.call(map, key)) {
          Object.defineProperty(map, key, {
            value: value2,
            writable: true,
            enumerable: true,
            configurable: true
          });
        }
      }
      return map;
    }
    function resolveAliasValue(ctx, value) {
      return ctx && identity2.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
    }
    exports2.addMergeToJSMap = addMergeToJSMap;
    exports2.isMergeKey = isMergeKey;
    exports2.merge = merge;
  }
});

// node_modules/yaml/dist/nodes/addPairToJSMap.js
var require_addPairToJSMap = __commonJS({
  "node_modules/yaml/dist/nodes/addPairToJSMap.js"(exports2) {
    "use strict";
    var log = require_log();
    var merge = require_merge();
    var stringify = require_stringify();
    var identity2 = require_identity();
    var toJS = require_toJS();
    function addPairToJSMap(ctx, map, { key, value }) {
      if (identity2.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
      else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
      else {
        const jsKey = toJS.toJS(key, "", ctx);
        if (map instanceof Map) {
          map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        } else if (map instanceof Set) {
          map.add(jsKey);
        } else {
          const stringKey = stringifyKey(key, jsKey, ctx);
          const jsValue = toJS.toJS(value, stringKey, ctx);
          if (stringKey in map)
            Object.defineProperty(map, stringKey, {
              value: jsValue,
              writable: true,
              enumerable: true,
              configurable: true
            });
          else
            map[stringKey] = jsValue;
        }
      }
      return map;
    }
    function stringifyKey(key, jsKey, ctx) {
      if (jsKey === null)
        return "";
      if (typeof jsKey !== "object")
        return String(jsKey);
      if (identity2.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = /* @__PURE__ */ new Set();
        for (const node of ctx.anchors.keys())
          strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
          let jsonStr = JSON.stringify(strKey);
          if (jsonStr.length > 40)
            jsonStr = jsonStr.substring(0, 36) + '..."';
          log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
          ctx.mapKeyWarned = true;
        }
        return strKey;
      }
      return JSON.stringify(jsKey);
    }
    exports2.addPairToJSMap = addPairToJSMap;
  }
});

// node_modules/yaml/dist/nodes/Pair.js
var require_Pair = __commonJS({
  "node_modules/yaml/dist/nodes/Pair.js"(exports2) {
    "use strict";
    var createNode = require_createNode();
    var stringifyPair = require_stringifyPair();
    var addPairToJSMap = require_addPairToJSMap();
    var identity2 = require_identity();
    function createPair(key, value, ctx) {
      const k = createNode.createNode(key, void 0, ctx);
      const v = createNode.createNode(value, void 0, ctx);
      return new Pair(k, v);
    }
    var Pair = class _Pair {
      constructor(key, value = null) {
        Object.defineProperty(this, identity2.NODE_TYPE, { value: identity2.PAIR });
        this.key = key;
        this.value = value;
      }
      clone(schema) {
        let { key, value } = this;
        if (identity2.isNode(key))
          key = key.clone(schema);
        if (identity2.isNode(value))
          value = value.clone(schema);
        return new _Pair(key, value);
      }
      toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
      }
      toString(ctx, onComment, onChompKeep) {
        return ctx?.doc ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
      }
    };
    exports2.Pair = Pair;
    exports2.createPair = createPair;
  }
});

// node_modules/yaml/dist/stringify/stringifyCollection.js
var require_stringifyCollection = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyCollection.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyCollection(collection, ctx, options) {
      const flow = ctx.inFlow ?? collection.flow;
      const stringify2 = flow ? stringifyFlowCollection : stringifyBlockCollection;
      return stringify2(collection, ctx, options);
    }
    function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
      const { indent, options: { commentString } } = ctx;
      const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
      let chompKeep = false;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment2 = null;
        if (identity2.isNode(item)) {
          if (!chompKeep && item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
          if (item.comment)
            comment2 = item.comment;
        } else if (identity2.isPair(item)) {
          const ik = identity2.isNode(item.key) ? item.key : null;
          if (ik) {
            if (!chompKeep && ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
          }
        }
        chompKeep = false;
        let str9 = stringify.stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
        if (comment2)
          str9 += stringifyComment.lineComment(str9, itemIndent, commentString(comment2));
        if (chompKeep && comment2)
          chompKeep = false;
        lines.push(blockItemPrefix + str9);
      }
      let str8;
      if (lines.length === 0) {
        str8 = flowChars.start + flowChars.end;
      } else {
        str8 = lines[0];
        for (let i = 1; i < lines.length; ++i) {
          const line = lines[i];
          str8 += line ? `
${indent}${line}` : "\n";
        }
      }
      if (comment) {
        str8 += "\n" + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
          onComment();
      } else if (chompKeep && onChompKeep)
        onChompKeep();
      return str8;
    }
    function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
      const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
      itemIndent += indentStep;
      const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
      });
      let reqNewline = false;
      let linesAtValue = 0;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity2.isNode(item)) {
          if (item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, false);
          if (item.comment)
            comment = item.comment;
        } else if (identity2.isPair(item)) {
          const ik = identity2.isNode(item.key) ? item.key : null;
          if (ik) {
            if (ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, false);
            if (ik.comment)
              reqNewline = true;
          }
          const iv = identity2.isNode(item.value) ? item.value : null;
          if (iv) {
            if (iv.comment)
              comment = iv.comment;
            if (iv.commentBefore)
              reqNewline = true;
          } else if (item.value == null && ik?.comment) {
            comment = ik.comment;
          }
        }
        if (comment)
          reqNewline = true;
        let str8 = stringify.stringify(item, itemCtx, () => comment = null);
        reqNewline || (reqNewline = lines.length > linesAtValue || str8.includes("\n"));
        if (i < items.length - 1) {
          str8 += ",";
        } else if (ctx.options.trailingComma) {
          if (ctx.options.lineWidth > 0) {
            reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) + (str8.length + 2) > ctx.options.lineWidth);
          }
          if (reqNewline) {
            str8 += ",";
          }
        }
        if (comment)
          str8 += stringifyComment.lineComment(str8, itemIndent, commentString(comment));
        lines.push(str8);
        linesAtValue = lines.length;
      }
      const { start, end } = flowChars;
      if (lines.length === 0) {
        return start + end;
      } else {
        if (!reqNewline) {
          const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
          reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
          let str8 = start;
          for (const line of lines)
            str8 += line ? `
${indentStep}${indent}${line}` : "\n";
          return `${str8}
${indent}${end}`;
        } else {
          return `${start}${fcPadding}${lines.join(" ")}${fcPadding}${end}`;
        }
      }
    }
    function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
      if (comment && chompKeep)
        comment = comment.replace(/^\n+/, "");
      if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart());
      }
    }
    exports2.stringifyCollection = stringifyCollection;
  }
});

// node_modules/yaml/dist/nodes/YAMLMap.js
var require_YAMLMap = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLMap.js"(exports2) {
    "use strict";
    var stringifyCollection = require_stringifyCollection();
    var addPairToJSMap = require_addPairToJSMap();
    var Collection = require_Collection();
    var identity2 = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    function findPair(items, key) {
      const k = identity2.isScalar(key) ? key.value : key;
      for (const it of items) {
        if (identity2.isPair(it)) {
          if (it.key === key || it.key === k)
            return it;
          if (identity2.isScalar(it.key) && it.key.value === k)
            return it;
        }
      }
      return void 0;
    }
    var YAMLMap = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:map";
      }
      constructor(schema) {
        super(identity2.MAP, schema);
        this.items = [];
      }
      /**
       * A generic collection parsing method that can be extended
       * to other node classes that inherit from YAMLMap
       */
      static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
          if (typeof replacer === "function")
            value = replacer.call(obj, key, value);
          else if (Array.isArray(replacer) && !replacer.includes(key))
            return;
          if (value !== void 0 || keepUndefined)
            map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
          for (const [key, value] of obj)
            add(key, value);
        } else if (obj && typeof obj === "object") {
          for (const key of Object.keys(obj))
            add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === "function") {
          map.items.sort(schema.sortMapEntries);
        }
        return map;
      }
      /**
       * Adds a value to the collection.
       *
       * @param overwrite - If not set `true`, using a key that is already in the
       *   collection will throw. Otherwise, overwrites the previous value.
       */
      add(pair, overwrite) {
        let _pair;
        if (identity2.isPair(pair))
          _pair = pair;
        else if (!pair || typeof pair !== "object" || !("key" in pair)) {
          _pair = new Pair.Pair(pair, pair?.value);
        } else
          _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
          if (!overwrite)
            throw new Error(`Key ${_pair.key} already set`);
          if (identity2.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
            prev.value.value = _pair.value;
          else
            prev.value = _pair.value;
        } else if (sortEntries) {
          const i = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
          if (i === -1)
            this.items.push(_pair);
          else
            this.items.splice(i, 0, _pair);
        } else {
          this.items.push(_pair);
        }
      }
      delete(key) {
        const it = findPair(this.items, key);
        if (!it)
          return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity2.isScalar(node) ? node.value : node) ?? void 0;
      }
      has(key) {
        return !!findPair(this.items, key);
      }
      set(key, value) {
        this.add(new Pair.Pair(key, value), true);
      }
      /**
       * @param ctx - Conversion context, originally set in Document#toJS()
       * @param {Class} Type - If set, forces the returned collection type
       * @returns Instance of Type, Map, or Object
       */
      toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const item of this.items)
          addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        for (const item of this.items) {
          if (!identity2.isPair(item))
            throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
          ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "",
          flowChars: { start: "{", end: "}" },
          itemIndent: ctx.indent || "",
          onChompKeep,
          onComment
        });
      }
    };
    exports2.YAMLMap = YAMLMap;
    exports2.findPair = findPair;
  }
});

// node_modules/yaml/dist/schema/common/map.js
var require_map = __commonJS({
  "node_modules/yaml/dist/schema/common/map.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var YAMLMap = require_YAMLMap();
    var map = {
      collection: "map",
      default: true,
      nodeClass: YAMLMap.YAMLMap,
      tag: "tag:yaml.org,2002:map",
      resolve(map2, onError) {
        if (!identity2.isMap(map2))
          onError("Expected a mapping for this tag");
        return map2;
      },
      createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
    };
    exports2.map = map;
  }
});

// node_modules/yaml/dist/nodes/YAMLSeq.js
var require_YAMLSeq = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLSeq.js"(exports2) {
    "use strict";
    var createNode = require_createNode();
    var stringifyCollection = require_stringifyCollection();
    var Collection = require_Collection();
    var identity2 = require_identity();
    var Scalar = require_Scalar();
    var toJS = require_toJS();
    var YAMLSeq = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:seq";
      }
      constructor(schema) {
        super(identity2.SEQ, schema);
        this.items = [];
      }
      add(value) {
        this.items.push(value);
      }
      /**
       * Removes a value from the collection.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       *
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return void 0;
        const it = this.items[idx];
        return !keepScalar && identity2.isScalar(it) ? it.value : it;
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       */
      has(key) {
        const idx = asItemIndex(key);
        return typeof idx === "number" && idx < this.items.length;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       *
       * If `key` does not contain a representation of an integer, this will throw.
       * It may be wrapped in a `Scalar`.
       */
      set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity2.isScalar(prev) && Scalar.isScalarValue(value))
          prev.value = value;
        else
          this.items[idx] = value;
      }
      toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
          ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
          seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "- ",
          flowChars: { start: "[", end: "]" },
          itemIndent: (ctx.indent || "") + "  ",
          onChompKeep,
          onComment
        });
      }
      static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
          let i = 0;
          for (let it of obj) {
            if (typeof replacer === "function") {
              const key = obj instanceof Set ? it : String(i++);
              it = replacer.call(obj, key, it);
            }
            seq.items.push(createNode.createNode(it, void 0, ctx));
          }
        }
        return seq;
      }
    };
    function asItemIndex(key) {
      let idx = identity2.isScalar(key) ? key.value : key;
      if (idx && typeof idx === "string")
        idx = Number(idx);
      return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
    }
    exports2.YAMLSeq = YAMLSeq;
  }
});

// node_modules/yaml/dist/schema/common/seq.js
var require_seq = __commonJS({
  "node_modules/yaml/dist/schema/common/seq.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var YAMLSeq = require_YAMLSeq();
    var seq = {
      collection: "seq",
      default: true,
      nodeClass: YAMLSeq.YAMLSeq,
      tag: "tag:yaml.org,2002:seq",
      resolve(seq2, onError) {
        if (!identity2.isSeq(seq2))
          onError("Expected a sequence for this tag");
        return seq2;
      },
      createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
    };
    exports2.seq = seq;
  }
});

// node_modules/yaml/dist/schema/common/string.js
var require_string = __commonJS({
  "node_modules/yaml/dist/schema/common/string.js"(exports2) {
    "use strict";
    var stringifyString = require_stringifyString();
    var string = {
      identify: (value) => typeof value === "string",
      default: true,
      tag: "tag:yaml.org,2002:str",
      resolve: (str8) => str8,
      stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
      }
    };
    exports2.string = string;
  }
});

// node_modules/yaml/dist/schema/common/null.js
var require_null = __commonJS({
  "node_modules/yaml/dist/schema/common/null.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var nullTag = {
      identify: (value) => value == null,
      createNode: () => new Scalar.Scalar(null),
      default: true,
      tag: "tag:yaml.org,2002:null",
      test: /^(?:~|[Nn]ull|NULL)?$/,
      resolve: () => new Scalar.Scalar(null),
      stringify: ({ source }, ctx) => typeof source === "string" && nullTag.test.test(source) ? source : ctx.options.nullStr
    };
    exports2.nullTag = nullTag;
  }
});

// node_modules/yaml/dist/schema/core/bool.js
var require_bool = __commonJS({
  "node_modules/yaml/dist/schema/core/bool.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var boolTag = {
      identify: (value) => typeof value === "boolean",
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      resolve: (str8) => new Scalar.Scalar(str8[0] === "t" || str8[0] === "T"),
      stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
          const sv = source[0] === "t" || source[0] === "T";
          if (value === sv)
            return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
      }
    };
    exports2.boolTag = boolTag;
  }
});

// node_modules/yaml/dist/stringify/stringifyNumber.js
var require_stringifyNumber = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyNumber.js"(exports2) {
    "use strict";
    function stringifyNumber({ format, minFractionDigits, tag, value }) {
      if (typeof value === "bigint")
        return String(value);
      const num2 = typeof value === "number" ? value : Number(value);
      if (!isFinite(num2))
        return isNaN(num2) ? ".nan" : num2 < 0 ? "-.inf" : ".inf";
      let n = Object.is(value, -0) ? "-0" : JSON.stringify(value);
      if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
        let i = n.indexOf(".");
        if (i < 0) {
          i = n.length;
          n += ".";
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
          n += "0";
      }
      return n;
    }
    exports2.stringifyNumber = stringifyNumber;
  }
});

// node_modules/yaml/dist/schema/core/float.js
var require_float = __commonJS({
  "node_modules/yaml/dist/schema/core/float.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str8) => str8.slice(-3).toLowerCase() === "nan" ? NaN : str8[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
      resolve: (str8) => parseFloat(str8),
      stringify(node) {
        const num2 = Number(node.value);
        return isFinite(num2) ? num2.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
      resolve(str8) {
        const node = new Scalar.Scalar(parseFloat(str8));
        const dot = str8.indexOf(".");
        if (dot !== -1 && str8[str8.length - 1] === "0")
          node.minFractionDigits = str8.length - dot - 1;
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports2.float = float;
    exports2.floatExp = floatExp;
    exports2.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/core/int.js
var require_int = __commonJS({
  "node_modules/yaml/dist/schema/core/int.js"(exports2) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    var intResolve = (str8, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str8) : parseInt(str8.substring(offset), radix);
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
      return stringifyNumber.stringifyNumber(node);
    }
    var intOct = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^0o[0-7]+$/,
      resolve: (str8, _onError, opt) => intResolve(str8, 2, 8, opt),
      stringify: (node) => intStringify(node, 8, "0o")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9]+$/,
      resolve: (str8, _onError, opt) => intResolve(str8, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^0x[0-9a-fA-F]+$/,
      resolve: (str8, _onError, opt) => intResolve(str8, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports2.int = int;
    exports2.intHex = intHex;
    exports2.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/core/schema.js
var require_schema = __commonJS({
  "node_modules/yaml/dist/schema/core/schema.js"(exports2) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool2 = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool2.boolTag,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float
    ];
    exports2.schema = schema;
  }
});

// node_modules/yaml/dist/schema/json/schema.js
var require_schema2 = __commonJS({
  "node_modules/yaml/dist/schema/json/schema.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var map = require_map();
    var seq = require_seq();
    function intIdentify(value) {
      return typeof value === "bigint" || Number.isInteger(value);
    }
    var stringifyJSON = ({ value }) => JSON.stringify(value);
    var jsonScalars = [
      {
        identify: (value) => typeof value === "string",
        default: true,
        tag: "tag:yaml.org,2002:str",
        resolve: (str8) => str8,
        stringify: stringifyJSON
      },
      {
        identify: (value) => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: "tag:yaml.org,2002:null",
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
      },
      {
        identify: (value) => typeof value === "boolean",
        default: true,
        tag: "tag:yaml.org,2002:bool",
        test: /^true$|^false$/,
        resolve: (str8) => str8 === "true",
        stringify: stringifyJSON
      },
      {
        identify: intIdentify,
        default: true,
        tag: "tag:yaml.org,2002:int",
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str8, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str8) : parseInt(str8, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
      },
      {
        identify: (value) => typeof value === "number",
        default: true,
        tag: "tag:yaml.org,2002:float",
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: (str8) => parseFloat(str8),
        stringify: stringifyJSON
      }
    ];
    var jsonError = {
      default: true,
      tag: "",
      test: /^/,
      resolve(str8, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str8)}`);
        return str8;
      }
    };
    var schema = [map.map, seq.seq].concat(jsonScalars, jsonError);
    exports2.schema = schema;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/binary.js
var require_binary = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/binary.js"(exports2) {
    "use strict";
    var node_buffer = require("buffer");
    var Scalar = require_Scalar();
    var stringifyString = require_stringifyString();
    var binary = {
      identify: (value) => value instanceof Uint8Array,
      // Buffer inherits from Uint8Array
      default: false,
      tag: "tag:yaml.org,2002:binary",
      /**
       * Returns a Buffer in node and an Uint8Array in browsers
       *
       * To use the resulting buffer as an image, you'll want to do something like:
       *
       *   const blob = new Blob([buffer], { type: 'image/jpeg' })
       *   document.querySelector('#photo').src = URL.createObjectURL(blob)
       */
      resolve(src, onError) {
        if (typeof node_buffer.Buffer === "function") {
          return node_buffer.Buffer.from(src, "base64");
        } else if (typeof atob === "function") {
          const str8 = atob(src.replace(/[\n\r]/g, ""));
          const buffer = new Uint8Array(str8.length);
          for (let i = 0; i < str8.length; ++i)
            buffer[i] = str8.charCodeAt(i);
          return buffer;
        } else {
          onError("This environment does not support reading binary tags; either Buffer or atob is required");
          return src;
        }
      },
      stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
          return "";
        const buf = value;
        let str8;
        if (typeof node_buffer.Buffer === "function") {
          str8 = buf instanceof node_buffer.Buffer ? buf.toString("base64") : node_buffer.Buffer.from(buf.buffer).toString("base64");
        } else if (typeof btoa === "function") {
          let s = "";
          for (let i = 0; i < buf.length; ++i)
            s += String.fromCharCode(buf[i]);
          str8 = btoa(s);
        } else {
          throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
          const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
          const n = Math.ceil(str8.length / lineWidth);
          const lines = new Array(n);
          for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
            lines[i] = str8.substr(o, lineWidth);
          }
          str8 = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? "\n" : " ");
        }
        return stringifyString.stringifyString({ comment, type, value: str8 }, ctx, onComment, onChompKeep);
      }
    };
    exports2.binary = binary;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/pairs.js
var require_pairs = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/pairs.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLSeq = require_YAMLSeq();
    function resolvePairs(seq, onError) {
      if (identity2.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
          let item = seq.items[i];
          if (identity2.isPair(item))
            continue;
          else if (identity2.isMap(item)) {
            if (item.items.length > 1)
              onError("Each pair must have its own sequence indicator");
            const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
            if (item.commentBefore)
              pair.key.commentBefore = pair.key.commentBefore ? `${item.commentBefore}
${pair.key.commentBefore}` : item.commentBefore;
            if (item.comment) {
              const cn = pair.value ?? pair.key;
              cn.comment = cn.comment ? `${item.comment}
${cn.comment}` : item.comment;
            }
            item = pair;
          }
          seq.items[i] = identity2.isPair(item) ? item : new Pair.Pair(item);
        }
      } else
        onError("Expected a sequence for this tag");
      return seq;
    }
    function createPairs(schema, iterable, ctx) {
      const { replacer } = ctx;
      const pairs2 = new YAMLSeq.YAMLSeq(schema);
      pairs2.tag = "tag:yaml.org,2002:pairs";
      let i = 0;
      if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
          if (typeof replacer === "function")
            it = replacer.call(iterable, String(i++), it);
          let key, value;
          if (Array.isArray(it)) {
            if (it.length === 2) {
              key = it[0];
              value = it[1];
            } else
              throw new TypeError(`Expected [key, value] tuple: ${it}`);
          } else if (it && it instanceof Object) {
            const keys = Object.keys(it);
            if (keys.length === 1) {
              key = keys[0];
              value = it[key];
            } else {
              throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
            }
          } else {
            key = it;
          }
          pairs2.items.push(Pair.createPair(key, value, ctx));
        }
      return pairs2;
    }
    var pairs = {
      collection: "seq",
      default: false,
      tag: "tag:yaml.org,2002:pairs",
      resolve: resolvePairs,
      createNode: createPairs
    };
    exports2.createPairs = createPairs;
    exports2.pairs = pairs;
    exports2.resolvePairs = resolvePairs;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/omap.js
var require_omap = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/omap.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var toJS = require_toJS();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var pairs = require_pairs();
    var YAMLOMap = class _YAMLOMap extends YAMLSeq.YAMLSeq {
      constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = _YAMLOMap.tag;
      }
      /**
       * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
       * but TypeScript won't allow widening the signature of a child method.
       */
      toJSON(_, ctx) {
        if (!ctx)
          return super.toJSON(_);
        const map = /* @__PURE__ */ new Map();
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const pair of this.items) {
          let key, value;
          if (identity2.isPair(pair)) {
            key = toJS.toJS(pair.key, "", ctx);
            value = toJS.toJS(pair.value, key, ctx);
          } else {
            key = toJS.toJS(pair, "", ctx);
          }
          if (map.has(key))
            throw new Error("Ordered maps must not include duplicate keys");
          map.set(key, value);
        }
        return map;
      }
      static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap2 = new this();
        omap2.items = pairs$1.items;
        return omap2;
      }
    };
    YAMLOMap.tag = "tag:yaml.org,2002:omap";
    var omap = {
      collection: "seq",
      identify: (value) => value instanceof Map,
      nodeClass: YAMLOMap,
      default: false,
      tag: "tag:yaml.org,2002:omap",
      resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
          if (identity2.isScalar(key)) {
            if (seenKeys.includes(key.value)) {
              onError(`Ordered maps must not include duplicate keys: ${key.value}`);
            } else {
              seenKeys.push(key.value);
            }
          }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
      },
      createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
    };
    exports2.YAMLOMap = YAMLOMap;
    exports2.omap = omap;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/bool.js
var require_bool2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/bool.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    function boolStringify({ value, source }, ctx) {
      const boolObj = value ? trueTag : falseTag;
      if (source && boolObj.test.test(source))
        return source;
      return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
    var trueTag = {
      identify: (value) => value === true,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
      resolve: () => new Scalar.Scalar(true),
      stringify: boolStringify
    };
    var falseTag = {
      identify: (value) => value === false,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
      resolve: () => new Scalar.Scalar(false),
      stringify: boolStringify
    };
    exports2.falseTag = falseTag;
    exports2.trueTag = trueTag;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/float.js
var require_float2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/float.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str8) => str8.slice(-3).toLowerCase() === "nan" ? NaN : str8[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
      resolve: (str8) => parseFloat(str8.replace(/_/g, "")),
      stringify(node) {
        const num2 = Number(node.value);
        return isFinite(num2) ? num2.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
      resolve(str8) {
        const node = new Scalar.Scalar(parseFloat(str8.replace(/_/g, "")));
        const dot = str8.indexOf(".");
        if (dot !== -1) {
          const f = str8.substring(dot + 1).replace(/_/g, "");
          if (f[f.length - 1] === "0")
            node.minFractionDigits = f.length;
        }
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports2.float = float;
    exports2.floatExp = floatExp;
    exports2.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/int.js
var require_int2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/int.js"(exports2) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    function intResolve(str8, offset, radix, { intAsBigInt }) {
      const sign2 = str8[0];
      if (sign2 === "-" || sign2 === "+")
        offset += 1;
      str8 = str8.substring(offset).replace(/_/g, "");
      if (intAsBigInt) {
        switch (radix) {
          case 2:
            str8 = `0b${str8}`;
            break;
          case 8:
            str8 = `0o${str8}`;
            break;
          case 16:
            str8 = `0x${str8}`;
            break;
        }
        const n2 = BigInt(str8);
        return sign2 === "-" ? BigInt(-1) * n2 : n2;
      }
      const n = parseInt(str8, radix);
      return sign2 === "-" ? -1 * n : n;
    }
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value)) {
        const str8 = value.toString(radix);
        return value < 0 ? "-" + prefix + str8.substr(1) : prefix + str8;
      }
      return stringifyNumber.stringifyNumber(node);
    }
    var intBin = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "BIN",
      test: /^[-+]?0b[0-1_]+$/,
      resolve: (str8, _onError, opt) => intResolve(str8, 2, 2, opt),
      stringify: (node) => intStringify(node, 2, "0b")
    };
    var intOct = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^[-+]?0[0-7_]+$/,
      resolve: (str8, _onError, opt) => intResolve(str8, 1, 8, opt),
      stringify: (node) => intStringify(node, 8, "0")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9][0-9_]*$/,
      resolve: (str8, _onError, opt) => intResolve(str8, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^[-+]?0x[0-9a-fA-F_]+$/,
      resolve: (str8, _onError, opt) => intResolve(str8, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports2.int = int;
    exports2.intBin = intBin;
    exports2.intHex = intHex;
    exports2.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/set.js
var require_set = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/set.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSet = class _YAMLSet extends YAMLMap.YAMLMap {
      constructor(schema) {
        super(schema);
        this.tag = _YAMLSet.tag;
      }
      add(key) {
        let pair;
        if (identity2.isPair(key))
          pair = key;
        else if (key && typeof key === "object" && "key" in key && "value" in key && key.value === null)
          pair = new Pair.Pair(key.key, null);
        else
          pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
          this.items.push(pair);
      }
      /**
       * If `keepPair` is `true`, returns the Pair matching `key`.
       * Otherwise, returns the value of that Pair's key.
       */
      get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity2.isPair(pair) ? identity2.isScalar(pair.key) ? pair.key.value : pair.key : pair;
      }
      set(key, value) {
        if (typeof value !== "boolean")
          throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
          this.items.splice(this.items.indexOf(prev), 1);
        } else if (!prev && value) {
          this.items.push(new Pair.Pair(key));
        }
      }
      toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        if (this.hasAllNullValues(true))
          return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
          throw new Error("Set items must all have null values");
      }
      static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set2 = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
          for (let value of iterable) {
            if (typeof replacer === "function")
              value = replacer.call(iterable, value, value);
            set2.items.push(Pair.createPair(value, null, ctx));
          }
        return set2;
      }
    };
    YAMLSet.tag = "tag:yaml.org,2002:set";
    var set = {
      collection: "map",
      identify: (value) => value instanceof Set,
      nodeClass: YAMLSet,
      default: false,
      tag: "tag:yaml.org,2002:set",
      createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
      resolve(map, onError) {
        if (identity2.isMap(map)) {
          if (map.hasAllNullValues(true))
            return Object.assign(new YAMLSet(), map);
          else
            onError("Set items must all have null values");
        } else
          onError("Expected a mapping for this tag");
        return map;
      }
    };
    exports2.YAMLSet = YAMLSet;
    exports2.set = set;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/timestamp.js
var require_timestamp = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/timestamp.js"(exports2) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    function parseSexagesimal(str8, asBigInt) {
      const sign2 = str8[0];
      const parts = sign2 === "-" || sign2 === "+" ? str8.substring(1) : str8;
      const num2 = (n) => asBigInt ? BigInt(n) : Number(n);
      const res = parts.replace(/_/g, "").split(":").reduce((res2, p) => res2 * num2(60) + num2(p), num2(0));
      return sign2 === "-" ? num2(-1) * res : res;
    }
    function stringifySexagesimal(node) {
      let { value } = node;
      let num2 = (n) => n;
      if (typeof value === "bigint")
        num2 = (n) => BigInt(n);
      else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
      let sign2 = "";
      if (value < 0) {
        sign2 = "-";
        value *= num2(-1);
      }
      const _60 = num2(60);
      const parts = [value % _60];
      if (value < 60) {
        parts.unshift(0);
      } else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60);
        if (value >= 60) {
          value = (value - parts[0]) / _60;
          parts.unshift(value);
        }
      }
      return sign2 + parts.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
    }
    var intTime = {
      identify: (value) => typeof value === "bigint" || Number.isInteger(value),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
      resolve: (str8, _onError, { intAsBigInt }) => parseSexagesimal(str8, intAsBigInt),
      stringify: stringifySexagesimal
    };
    var floatTime = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
      resolve: (str8) => parseSexagesimal(str8, false),
      stringify: stringifySexagesimal
    };
    var timestamp = {
      identify: (value) => value instanceof Date,
      default: true,
      tag: "tag:yaml.org,2002:timestamp",
      // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
      // may be omitted altogether, resulting in a date format. In such a case, the time part is
      // assumed to be 00:00:00Z (start of day, UTC).
      test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
      resolve(str8) {
        const match = str8.match(timestamp.test);
        if (!match)
          throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + "00").substr(1, 3)) : 0;
        let date2 = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== "Z") {
          let d = parseSexagesimal(tz, false);
          if (Math.abs(d) < 30)
            d *= 60;
          date2 -= 6e4 * d;
        }
        return new Date(date2);
      },
      stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? ""
    };
    exports2.floatTime = floatTime;
    exports2.intTime = intTime;
    exports2.timestamp = timestamp;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/schema.js
var require_schema3 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/schema.js"(exports2) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var binary = require_binary();
    var bool2 = require_bool2();
    var float = require_float2();
    var int = require_int2();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var set = require_set();
    var timestamp = require_timestamp();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool2.trueTag,
      bool2.falseTag,
      int.intBin,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float,
      binary.binary,
      merge.merge,
      omap.omap,
      pairs.pairs,
      set.set,
      timestamp.intTime,
      timestamp.floatTime,
      timestamp.timestamp
    ];
    exports2.schema = schema;
  }
});

// node_modules/yaml/dist/schema/tags.js
var require_tags = __commonJS({
  "node_modules/yaml/dist/schema/tags.js"(exports2) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool2 = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = require_schema();
    var schema$1 = require_schema2();
    var binary = require_binary();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var schema$2 = require_schema3();
    var set = require_set();
    var timestamp = require_timestamp();
    var schemas = /* @__PURE__ */ new Map([
      ["core", schema.schema],
      ["failsafe", [map.map, seq.seq, string.string]],
      ["json", schema$1.schema],
      ["yaml11", schema$2.schema],
      ["yaml-1.1", schema$2.schema]
    ]);
    var tagsByName = {
      binary: binary.binary,
      bool: bool2.boolTag,
      float: float.float,
      floatExp: float.floatExp,
      floatNaN: float.floatNaN,
      floatTime: timestamp.floatTime,
      int: int.int,
      intHex: int.intHex,
      intOct: int.intOct,
      intTime: timestamp.intTime,
      map: map.map,
      merge: merge.merge,
      null: _null.nullTag,
      omap: omap.omap,
      pairs: pairs.pairs,
      seq: seq.seq,
      set: set.set,
      timestamp: timestamp.timestamp
    };
    var coreKnownTags = {
      "tag:yaml.org,2002:binary": binary.binary,
      "tag:yaml.org,2002:merge": merge.merge,
      "tag:yaml.org,2002:omap": omap.omap,
      "tag:yaml.org,2002:pairs": pairs.pairs,
      "tag:yaml.org,2002:set": set.set,
      "tag:yaml.org,2002:timestamp": timestamp.timestamp
    };
    function getTags(customTags, schemaName, addMergeTag) {
      const schemaTags = schemas.get(schemaName);
      if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge) ? schemaTags.concat(merge.merge) : schemaTags.slice();
      }
      let tags = schemaTags;
      if (!tags) {
        if (Array.isArray(customTags))
          tags = [];
        else {
          const keys = Array.from(schemas.keys()).filter((key) => key !== "yaml11").map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
      }
      if (Array.isArray(customTags)) {
        for (const tag of customTags)
          tags = tags.concat(tag);
      } else if (typeof customTags === "function") {
        tags = customTags(tags.slice());
      }
      if (addMergeTag)
        tags = tags.concat(merge.merge);
      return tags.reduce((tags2, tag) => {
        const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
        if (!tagObj) {
          const tagName = JSON.stringify(tag);
          const keys = Object.keys(tagsByName).map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags2.includes(tagObj))
          tags2.push(tagObj);
        return tags2;
      }, []);
    }
    exports2.coreKnownTags = coreKnownTags;
    exports2.getTags = getTags;
  }
});

// node_modules/yaml/dist/schema/Schema.js
var require_Schema = __commonJS({
  "node_modules/yaml/dist/schema/Schema.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var tags = require_tags();
    var sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    var Schema = class _Schema {
      constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat) ? tags.getTags(compat, "compat") : compat ? tags.getTags(null, compat) : null;
        this.name = typeof schema === "string" && schema || "core";
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity2.MAP, { value: map.map });
        Object.defineProperty(this, identity2.SCALAR, { value: string.string });
        Object.defineProperty(this, identity2.SEQ, { value: seq.seq });
        this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
      }
      clone() {
        const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
      }
    };
    exports2.Schema = Schema;
  }
});

// node_modules/yaml/dist/stringify/stringifyDocument.js
var require_stringifyDocument = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyDocument.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyDocument(doc, options) {
      const lines = [];
      let hasDirectives = options.directives === true;
      if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
          lines.push(dir);
          hasDirectives = true;
        } else if (doc.directives.docStart)
          hasDirectives = true;
      }
      if (hasDirectives)
        lines.push("---");
      const ctx = stringify.createStringifyContext(doc, options);
      const { commentString } = ctx.options;
      if (doc.commentBefore) {
        if (lines.length !== 1)
          lines.unshift("");
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ""));
      }
      let chompKeep = false;
      let contentComment = null;
      if (doc.contents) {
        if (identity2.isNode(doc.contents)) {
          if (doc.contents.spaceBefore && hasDirectives)
            lines.push("");
          if (doc.contents.commentBefore) {
            const cs = commentString(doc.contents.commentBefore);
            lines.push(stringifyComment.indentComment(cs, ""));
          }
          ctx.forceBlockIndent = !!doc.comment;
          contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
        let body = stringify.stringify(doc.contents, ctx, () => contentComment = null, onChompKeep);
        if (contentComment)
          body += stringifyComment.lineComment(body, "", commentString(contentComment));
        if ((body[0] === "|" || body[0] === ">") && lines[lines.length - 1] === "---") {
          lines[lines.length - 1] = `--- ${body}`;
        } else
          lines.push(body);
      } else {
        lines.push(stringify.stringify(doc.contents, ctx));
      }
      if (doc.directives?.docEnd) {
        if (doc.comment) {
          const cs = commentString(doc.comment);
          if (cs.includes("\n")) {
            lines.push("...");
            lines.push(stringifyComment.indentComment(cs, ""));
          } else {
            lines.push(`... ${cs}`);
          }
        } else {
          lines.push("...");
        }
      } else {
        let dc = doc.comment;
        if (dc && chompKeep)
          dc = dc.replace(/^\n+/, "");
        if (dc) {
          if ((!chompKeep || contentComment) && lines[lines.length - 1] !== "")
            lines.push("");
          lines.push(stringifyComment.indentComment(commentString(dc), ""));
        }
      }
      return lines.join("\n") + "\n";
    }
    exports2.stringifyDocument = stringifyDocument;
  }
});

// node_modules/yaml/dist/doc/Document.js
var require_Document = __commonJS({
  "node_modules/yaml/dist/doc/Document.js"(exports2) {
    "use strict";
    var Alias = require_Alias();
    var Collection = require_Collection();
    var identity2 = require_identity();
    var Pair = require_Pair();
    var toJS = require_toJS();
    var Schema = require_Schema();
    var stringifyDocument = require_stringifyDocument();
    var anchors = require_anchors();
    var applyReviver = require_applyReviver();
    var createNode = require_createNode();
    var directives = require_directives();
    var Document = class _Document {
      constructor(value, replacer, options) {
        this.commentBefore = null;
        this.comment = null;
        this.errors = [];
        this.warnings = [];
        Object.defineProperty(this, identity2.NODE_TYPE, { value: identity2.DOC });
        let _replacer = null;
        if (typeof replacer === "function" || Array.isArray(replacer)) {
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const opt = Object.assign({
          intAsBigInt: false,
          keepSourceTokens: false,
          logLevel: "warn",
          prettyErrors: true,
          strict: true,
          stringKeys: false,
          uniqueKeys: true,
          version: "1.2"
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
          this.directives = options._directives.atDocument();
          if (this.directives.yaml.explicit)
            version = this.directives.yaml.version;
        } else
          this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        this.contents = value === void 0 ? null : this.createNode(value, _replacer, options);
      }
      /**
       * Create a deep copy of this Document and its contents.
       *
       * Custom Node values that inherit from `Object` still refer to their original instances.
       */
      clone() {
        const copy = Object.create(_Document.prototype, {
          [identity2.NODE_TYPE]: { value: identity2.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
          copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        copy.contents = identity2.isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** Adds a value to the document. */
      add(value) {
        if (assertCollection(this.contents))
          this.contents.add(value);
      }
      /** Adds a value to the document. */
      addIn(path, value) {
        if (assertCollection(this.contents))
          this.contents.addIn(path, value);
      }
      /**
       * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
       *
       * If `node` already has an anchor, `name` is ignored.
       * Otherwise, the `node.anchor` value will be set to `name`,
       * or if an anchor with that name is already present in the document,
       * `name` will be used as a prefix for a new unique anchor.
       * If `name` is undefined, the generated anchor will use 'a' as a prefix.
       */
      createAlias(node, name) {
        if (!node.anchor) {
          const prev = anchors.anchorNames(this);
          node.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          !name || prev.has(name) ? anchors.findNewAnchor(name || "a", prev) : name;
        }
        return new Alias.Alias(node.anchor);
      }
      createNode(value, replacer, options) {
        let _replacer = void 0;
        if (typeof replacer === "function") {
          value = replacer.call({ "": value }, "", value);
          _replacer = replacer;
        } else if (Array.isArray(replacer)) {
          const keyToStr = (v) => typeof v === "number" || v instanceof String || v instanceof Number;
          const asStr = replacer.filter(keyToStr).map(String);
          if (asStr.length > 0)
            replacer = replacer.concat(asStr);
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(
          this,
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          anchorPrefix || "a"
        );
        const ctx = {
          aliasDuplicateObjects: aliasDuplicateObjects ?? true,
          keepUndefined: keepUndefined ?? false,
          onAnchor,
          onTagObj,
          replacer: _replacer,
          schema: this.schema,
          sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity2.isCollection(node))
          node.flow = true;
        setAnchors();
        return node;
      }
      /**
       * Convert a key and a value into a `Pair` using the current schema,
       * recursively wrapping all values as `Scalar` or `Collection` nodes.
       */
      createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path) {
        if (Collection.isEmptyPath(path)) {
          if (this.contents == null)
            return false;
          this.contents = null;
          return true;
        }
        return assertCollection(this.contents) ? this.contents.deleteIn(path) : false;
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      get(key, keepScalar) {
        return identity2.isCollection(this.contents) ? this.contents.get(key, keepScalar) : void 0;
      }
      /**
       * Returns item at `path`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path, keepScalar) {
        if (Collection.isEmptyPath(path))
          return !keepScalar && identity2.isScalar(this.contents) ? this.contents.value : this.contents;
        return identity2.isCollection(this.contents) ? this.contents.getIn(path, keepScalar) : void 0;
      }
      /**
       * Checks if the document includes a value with the key `key`.
       */
      has(key) {
        return identity2.isCollection(this.contents) ? this.contents.has(key) : false;
      }
      /**
       * Checks if the document includes a value at `path`.
       */
      hasIn(path) {
        if (Collection.isEmptyPath(path))
          return this.contents !== void 0;
        return identity2.isCollection(this.contents) ? this.contents.hasIn(path) : false;
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      set(key, value) {
        if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, [key], value);
        } else if (assertCollection(this.contents)) {
          this.contents.set(key, value);
        }
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path, value) {
        if (Collection.isEmptyPath(path)) {
          this.contents = value;
        } else if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, Array.from(path), value);
        } else if (assertCollection(this.contents)) {
          this.contents.setIn(path, value);
        }
      }
      /**
       * Change the YAML version and schema used by the document.
       * A `null` version disables support for directives, explicit tags, anchors, and aliases.
       * It also requires the `schema` option to be given as a `Schema` instance value.
       *
       * Overrides all previously set schema options.
       */
      setSchema(version, options = {}) {
        if (typeof version === "number")
          version = String(version);
        let opt;
        switch (version) {
          case "1.1":
            if (this.directives)
              this.directives.yaml.version = "1.1";
            else
              this.directives = new directives.Directives({ version: "1.1" });
            opt = { resolveKnownTags: false, schema: "yaml-1.1" };
            break;
          case "1.2":
          case "next":
            if (this.directives)
              this.directives.yaml.version = version;
            else
              this.directives = new directives.Directives({ version });
            opt = { resolveKnownTags: true, schema: "core" };
            break;
          case null:
            if (this.directives)
              delete this.directives;
            opt = null;
            break;
          default: {
            const sv = JSON.stringify(version);
            throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
          }
        }
        if (options.schema instanceof Object)
          this.schema = options.schema;
        else if (opt)
          this.schema = new Schema.Schema(Object.assign(opt, options));
        else
          throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
      }
      // json & jsonArg are only used from toJSON()
      toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: this,
          keep: !json,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
      /**
       * A JSON representation of the document `contents`.
       *
       * @param jsonArg Used by `JSON.stringify` to indicate the array index or
       *   property name.
       */
      toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
      }
      /** A YAML representation of the document. */
      toString(options = {}) {
        if (this.errors.length > 0)
          throw new Error("Document with errors cannot be stringified");
        if ("indent" in options && (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
          const s = JSON.stringify(options.indent);
          throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
      }
    };
    function assertCollection(contents) {
      if (identity2.isCollection(contents))
        return true;
      throw new Error("Expected a YAML collection as document contents");
    }
    exports2.Document = Document;
  }
});

// node_modules/yaml/dist/errors.js
var require_errors = __commonJS({
  "node_modules/yaml/dist/errors.js"(exports2) {
    "use strict";
    var YAMLError = class extends Error {
      constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
      }
    };
    var YAMLParseError = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLParseError", pos, code, message);
      }
    };
    var YAMLWarning = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLWarning", pos, code, message);
      }
    };
    var prettifyError = (src, lc) => (error) => {
      if (error.pos[0] === -1)
        return;
      error.linePos = error.pos.map((pos) => lc.linePos(pos));
      const { line, col } = error.linePos[0];
      error.message += ` at line ${line}, column ${col}`;
      let ci = col - 1;
      let lineStr = src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]).replace(/[\n\r]+$/, "");
      if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = "…" + lineStr.substring(trimStart);
        ci -= trimStart - 1;
      }
      if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + "…";
      if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
          prev = prev.substring(0, 79) + "…\n";
        lineStr = prev + lineStr;
      }
      if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
          count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = " ".repeat(ci) + "^".repeat(count);
        error.message += `:

${lineStr}
${pointer}
`;
      }
    };
    exports2.YAMLError = YAMLError;
    exports2.YAMLParseError = YAMLParseError;
    exports2.YAMLWarning = YAMLWarning;
    exports2.prettifyError = prettifyError;
  }
});

// node_modules/yaml/dist/compose/resolve-props.js
var require_resolve_props = __commonJS({
  "node_modules/yaml/dist/compose/resolve-props.js"(exports2) {
    "use strict";
    function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
      let spaceBefore = false;
      let atNewline = startOnNewline;
      let hasSpace = startOnNewline;
      let comment = "";
      let commentSep = "";
      let hasNewline = false;
      let reqSpace = false;
      let tab = null;
      let anchor = null;
      let tag = null;
      let newlineAfterProp = null;
      let comma = null;
      let found = null;
      let start = null;
      for (const token2 of tokens) {
        if (reqSpace) {
          if (token2.type !== "space" && token2.type !== "newline" && token2.type !== "comma")
            onError(token2.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
          reqSpace = false;
        }
        if (tab) {
          if (atNewline && token2.type !== "comment" && token2.type !== "newline") {
            onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
          }
          tab = null;
        }
        switch (token2.type) {
          case "space":
            if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token2.source.includes("	")) {
              tab = token2;
            }
            hasSpace = true;
            break;
          case "comment": {
            if (!hasSpace)
              onError(token2, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
            const cb = token2.source.substring(1) || " ";
            if (!comment)
              comment = cb;
            else
              comment += commentSep + cb;
            commentSep = "";
            atNewline = false;
            break;
          }
          case "newline":
            if (atNewline) {
              if (comment)
                comment += token2.source;
              else if (!found || indicator !== "seq-item-ind")
                spaceBefore = true;
            } else
              commentSep += token2.source;
            atNewline = true;
            hasNewline = true;
            if (anchor || tag)
              newlineAfterProp = token2;
            hasSpace = true;
            break;
          case "anchor":
            if (anchor)
              onError(token2, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
            if (token2.source.endsWith(":"))
              onError(token2.offset + token2.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
            anchor = token2;
            start ?? (start = token2.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          case "tag": {
            if (tag)
              onError(token2, "MULTIPLE_TAGS", "A node can have at most one tag");
            tag = token2;
            start ?? (start = token2.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          }
          case indicator:
            if (anchor || tag)
              onError(token2, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token2.source} indicator`);
            if (found)
              onError(token2, "UNEXPECTED_TOKEN", `Unexpected ${token2.source} in ${flow ?? "collection"}`);
            found = token2;
            atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
            hasSpace = false;
            break;
          case "comma":
            if (flow) {
              if (comma)
                onError(token2, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
              comma = token2;
              atNewline = false;
              hasSpace = false;
              break;
            }
          // else fallthrough
          default:
            onError(token2, "UNEXPECTED_TOKEN", `Unexpected ${token2.type} token`);
            atNewline = false;
            hasSpace = false;
        }
      }
      const last = tokens[tokens.length - 1];
      const end = last ? last.offset + last.source.length : offset;
      if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
        onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      }
      if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
      };
    }
    exports2.resolveProps = resolveProps;
  }
});

// node_modules/yaml/dist/compose/util-contains-newline.js
var require_util_contains_newline = __commonJS({
  "node_modules/yaml/dist/compose/util-contains-newline.js"(exports2) {
    "use strict";
    function containsNewline(key) {
      if (!key)
        return null;
      switch (key.type) {
        case "alias":
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          if (key.source.includes("\n"))
            return true;
          if (key.end) {
            for (const st of key.end)
              if (st.type === "newline")
                return true;
          }
          return false;
        case "flow-collection":
          for (const it of key.items) {
            for (const st of it.start)
              if (st.type === "newline")
                return true;
            if (it.sep) {
              for (const st of it.sep)
                if (st.type === "newline")
                  return true;
            }
            if (containsNewline(it.key) || containsNewline(it.value))
              return true;
          }
          return false;
        default:
          return true;
      }
    }
    exports2.containsNewline = containsNewline;
  }
});

// node_modules/yaml/dist/compose/util-flow-indent-check.js
var require_util_flow_indent_check = __commonJS({
  "node_modules/yaml/dist/compose/util-flow-indent-check.js"(exports2) {
    "use strict";
    var utilContainsNewline = require_util_contains_newline();
    function flowIndentCheck(indent, fc, onError) {
      if (fc?.type === "flow-collection") {
        const end = fc.end[0];
        if (end.indent === indent && (end.source === "]" || end.source === "}") && utilContainsNewline.containsNewline(fc)) {
          const msg = "Flow end indicator should be more indented than parent";
          onError(end, "BAD_INDENT", msg, true);
        }
      }
    }
    exports2.flowIndentCheck = flowIndentCheck;
  }
});

// node_modules/yaml/dist/compose/util-map-includes.js
var require_util_map_includes = __commonJS({
  "node_modules/yaml/dist/compose/util-map-includes.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    function mapIncludes(ctx, items, search) {
      const { uniqueKeys } = ctx.options;
      if (uniqueKeys === false)
        return false;
      const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b) => a === b || identity2.isScalar(a) && identity2.isScalar(b) && a.value === b.value;
      return items.some((pair) => isEqual(pair.key, search));
    }
    exports2.mapIncludes = mapIncludes;
  }
});

// node_modules/yaml/dist/compose/resolve-block-map.js
var require_resolve_block_map = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-map.js"(exports2) {
    "use strict";
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    var utilMapIncludes = require_util_map_includes();
    var startColMsg = "All mapping items must start at the same column";
    function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
      const map = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      let offset = bm.offset;
      let commentEnd = null;
      for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        const keyProps = resolveProps.resolveProps(start, {
          indicator: "explicit-key-ind",
          next: key ?? sep?.[0],
          offset,
          onError,
          parentIndent: bm.indent,
          startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
          if (key) {
            if (key.type === "block-seq")
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
            else if ("indent" in key && key.indent !== bm.indent)
              onError(offset, "BAD_INDENT", startColMsg);
          }
          if (!keyProps.anchor && !keyProps.tag && !sep) {
            commentEnd = keyProps.end;
            if (keyProps.comment) {
              if (map.comment)
                map.comment += "\n" + keyProps.comment;
              else
                map.comment = keyProps.comment;
            }
            continue;
          }
          if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
            onError(key ?? start[start.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
          }
        } else if (keyProps.found?.indent !== bm.indent) {
          onError(offset, "BAD_INDENT", startColMsg);
        }
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key ? composeNode(ctx, key, keyProps, onError) : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        const valueProps = resolveProps.resolveProps(sep ?? [], {
          indicator: "map-value-ind",
          next: value,
          offset: keyNode.range[2],
          onError,
          parentIndent: bm.indent,
          startOnNewline: !key || key.type === "block-scalar"
        });
        offset = valueProps.end;
        if (valueProps.found) {
          if (implicitKey) {
            if (value?.type === "block-map" && !valueProps.hasNewline)
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
            if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
              onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
          if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
          offset = valueNode.range[2];
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        } else {
          if (implicitKey)
            onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
          if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        }
      }
      if (commentEnd && commentEnd < offset)
        onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
      map.range = [bm.offset, offset, commentEnd ?? offset];
      return map;
    }
    exports2.resolveBlockMap = resolveBlockMap;
  }
});

// node_modules/yaml/dist/compose/resolve-block-seq.js
var require_resolve_block_seq = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-seq.js"(exports2) {
    "use strict";
    var YAMLSeq = require_YAMLSeq();
    var resolveProps = require_resolve_props();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
      const seq = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = bs.offset;
      let commentEnd = null;
      for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
          indicator: "seq-item-ind",
          next: value,
          offset,
          onError,
          parentIndent: bs.indent,
          startOnNewline: true
        });
        if (!props.found) {
          if (props.anchor || props.tag || value) {
            if (value?.type === "block-seq")
              onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
            else
              onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
          } else {
            commentEnd = props.end;
            if (props.comment)
              seq.comment = props.comment;
            continue;
          }
        }
        const node = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
      }
      seq.range = [bs.offset, offset, commentEnd ?? offset];
      return seq;
    }
    exports2.resolveBlockSeq = resolveBlockSeq;
  }
});

// node_modules/yaml/dist/compose/resolve-end.js
var require_resolve_end = __commonJS({
  "node_modules/yaml/dist/compose/resolve-end.js"(exports2) {
    "use strict";
    function resolveEnd(end, offset, reqSpace, onError) {
      let comment = "";
      if (end) {
        let hasSpace = false;
        let sep = "";
        for (const token2 of end) {
          const { source, type } = token2;
          switch (type) {
            case "space":
              hasSpace = true;
              break;
            case "comment": {
              if (reqSpace && !hasSpace)
                onError(token2, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
              const cb = source.substring(1) || " ";
              if (!comment)
                comment = cb;
              else
                comment += sep + cb;
              sep = "";
              break;
            }
            case "newline":
              if (comment)
                sep += source;
              hasSpace = true;
              break;
            default:
              onError(token2, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
          }
          offset += source.length;
        }
      }
      return { comment, offset };
    }
    exports2.resolveEnd = resolveEnd;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-collection.js
var require_resolve_flow_collection = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-collection.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilMapIncludes = require_util_map_includes();
    var blockMsg = "Block collections are not allowed within flow collections";
    var isBlock = (token2) => token2 && (token2.type === "block-map" || token2.type === "block-seq");
    function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
      const isMap = fc.start.source === "{";
      const fcName = isMap ? "flow map" : "flow sequence";
      const NodeClass = tag?.nodeClass ?? (isMap ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq);
      const coll = new NodeClass(ctx.schema);
      coll.flow = true;
      const atRoot = ctx.atRoot;
      if (atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = fc.offset + fc.start.source.length;
      for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps.resolveProps(start, {
          flow: fcName,
          indicator: "explicit-key-ind",
          next: key ?? sep?.[0],
          offset,
          onError,
          parentIndent: fc.indent,
          startOnNewline: false
        });
        if (!props.found) {
          if (!props.anchor && !props.tag && !sep && !value) {
            if (i === 0 && props.comma)
              onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
            else if (i < fc.items.length - 1)
              onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
            if (props.comment) {
              if (coll.comment)
                coll.comment += "\n" + props.comment;
              else
                coll.comment = props.comment;
            }
            offset = props.end;
            continue;
          }
          if (!isMap && ctx.options.strict && utilContainsNewline.containsNewline(key))
            onError(
              key,
              // checked by containsNewline()
              "MULTILINE_IMPLICIT_KEY",
              "Implicit keys of flow sequence pairs need to be on a single line"
            );
        }
        if (i === 0) {
          if (props.comma)
            onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        } else {
          if (!props.comma)
            onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
          if (props.comment) {
            let prevItemComment = "";
            loop: for (const st of start) {
              switch (st.type) {
                case "comma":
                case "space":
                  break;
                case "comment":
                  prevItemComment = st.source.substring(1);
                  break loop;
                default:
                  break loop;
              }
            }
            if (prevItemComment) {
              let prev = coll.items[coll.items.length - 1];
              if (identity2.isPair(prev))
                prev = prev.value ?? prev.key;
              if (prev.comment)
                prev.comment += "\n" + prevItemComment;
              else
                prev.comment = prevItemComment;
              props.comment = props.comment.substring(prevItemComment.length + 1);
            }
          }
        }
        if (!isMap && !sep && !props.found) {
          const valueNode = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, sep, null, props, onError);
          coll.items.push(valueNode);
          offset = valueNode.range[2];
          if (isBlock(value))
            onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
        } else {
          ctx.atKey = true;
          const keyStart = props.end;
          const keyNode = key ? composeNode(ctx, key, props, onError) : composeEmptyNode(ctx, keyStart, start, null, props, onError);
          if (isBlock(key))
            onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
          ctx.atKey = false;
          const valueProps = resolveProps.resolveProps(sep ?? [], {
            flow: fcName,
            indicator: "map-value-ind",
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
          });
          if (valueProps.found) {
            if (!isMap && !props.found && ctx.options.strict) {
              if (sep)
                for (const st of sep) {
                  if (st === valueProps.found)
                    break;
                  if (st.type === "newline") {
                    onError(st, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                    break;
                  }
                }
              if (props.start < valueProps.found.offset - 1024)
                onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
            }
          } else if (value) {
            if ("source" in value && value.source?.[0] === ":")
              onError(value, "MISSING_CHAR", `Missing space after : in ${fcName}`);
            else
              onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError) : null;
          if (valueNode) {
            if (isBlock(value))
              onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
          } else if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          if (isMap) {
            const map = coll;
            if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
              onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
            map.items.push(pair);
          } else {
            const map = new YAMLMap.YAMLMap(ctx.schema);
            map.flow = true;
            map.items.push(pair);
            const endRange = (valueNode ?? keyNode).range;
            map.range = [keyNode.range[0], endRange[1], endRange[2]];
            coll.items.push(map);
          }
          offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
      }
      const expectedEnd = isMap ? "}" : "]";
      const [ce, ...ee] = fc.end;
      let cePos = offset;
      if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
      else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot ? `${name} must end with a ${expectedEnd}` : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
        if (ce && ce.source.length !== 1)
          ee.unshift(ce);
      }
      if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
          if (coll.comment)
            coll.comment += "\n" + end.comment;
          else
            coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
      } else {
        coll.range = [fc.offset, cePos, cePos];
      }
      return coll;
    }
    exports2.resolveFlowCollection = resolveFlowCollection;
  }
});

// node_modules/yaml/dist/compose/compose-collection.js
var require_compose_collection = __commonJS({
  "node_modules/yaml/dist/compose/compose-collection.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveBlockMap = require_resolve_block_map();
    var resolveBlockSeq = require_resolve_block_seq();
    var resolveFlowCollection = require_resolve_flow_collection();
    function resolveCollection(CN, ctx, token2, onError, tagName, tag) {
      const coll = token2.type === "block-map" ? resolveBlockMap.resolveBlockMap(CN, ctx, token2, onError, tag) : token2.type === "block-seq" ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token2, onError, tag) : resolveFlowCollection.resolveFlowCollection(CN, ctx, token2, onError, tag);
      const Coll = coll.constructor;
      if (tagName === "!" || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
      }
      if (tagName)
        coll.tag = tagName;
      return coll;
    }
    function composeCollection(CN, ctx, token2, props, onError) {
      const tagToken = props.tag;
      const tagName = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
      if (token2.type === "block-seq") {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
          const message = "Missing newline after block sequence props";
          onError(lastProp, "MISSING_CHAR", message);
        }
      }
      const expType = token2.type === "block-map" ? "map" : token2.type === "block-seq" ? "seq" : token2.start.source === "{" ? "map" : "seq";
      if (!tagToken || !tagName || tagName === "!" || tagName === YAMLMap.YAMLMap.tagName && expType === "map" || tagName === YAMLSeq.YAMLSeq.tagName && expType === "seq") {
        return resolveCollection(CN, ctx, token2, onError, tagName);
      }
      let tag = ctx.schema.tags.find((t) => t.tag === tagName && t.collection === expType);
      if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
          ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
          tag = kt;
        } else {
          if (kt) {
            onError(tagToken, "BAD_COLLECTION_TYPE", `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? "scalar"}`, true);
          } else {
            onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, true);
          }
          return resolveCollection(CN, ctx, token2, onError, tagName);
        }
      }
      const coll = resolveCollection(CN, ctx, token2, onError, tagName, tag);
      const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
      const node = identity2.isNode(res) ? res : new Scalar.Scalar(res);
      node.range = coll.range;
      node.tag = tagName;
      if (tag?.format)
        node.format = tag.format;
      return node;
    }
    exports2.composeCollection = composeCollection;
  }
});

// node_modules/yaml/dist/compose/resolve-block-scalar.js
var require_resolve_block_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-scalar.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    function resolveBlockScalar(ctx, scalar, onError) {
      const start = scalar.offset;
      const header3 = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
      if (!header3)
        return { value: "", type: null, comment: "", range: [start, start, start] };
      const type = header3.mode === ">" ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
      const lines = scalar.source ? splitLines(scalar.source) : [];
      let chompStart = lines.length;
      for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === "" || content === "\r")
          chompStart = i;
        else
          break;
      }
      if (chompStart === 0) {
        const value2 = header3.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
        let end2 = start + header3.length;
        if (scalar.source)
          end2 += scalar.source.length;
        return { value: value2, type, comment: header3.comment, range: [start, end2, end2] };
      }
      let trimIndent = scalar.indent + header3.indent;
      let offset = scalar.offset + header3.length;
      let contentStart = 0;
      for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === "" || content === "\r") {
          if (header3.indent === 0 && indent.length > trimIndent)
            trimIndent = indent.length;
        } else {
          if (indent.length < trimIndent) {
            const message = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
            onError(offset + indent.length, "MISSING_CHAR", message);
          }
          if (header3.indent === 0)
            trimIndent = indent.length;
          contentStart = i;
          if (trimIndent === 0 && !ctx.atRoot) {
            const message = "Block scalar values in collections must be indented";
            onError(offset, "BAD_INDENT", message);
          }
          break;
        }
        offset += indent.length + content.length + 1;
      }
      for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
          chompStart = i + 1;
      }
      let value = "";
      let sep = "";
      let prevMoreIndented = false;
      for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + "\n";
      for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === "\r";
        if (crlf)
          content = content.slice(0, -1);
        if (content && indent.length < trimIndent) {
          const src = header3.indent ? "explicit indentation indicator" : "first line";
          const message = `Block scalar lines must not be less indented than their ${src}`;
          onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message);
          indent = "";
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
        } else if (indent.length > trimIndent || content[0] === "	") {
          if (sep === " ")
            sep = "\n";
          else if (!prevMoreIndented && sep === "\n")
            sep = "\n\n";
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
          prevMoreIndented = true;
        } else if (content === "") {
          if (sep === "\n")
            value += "\n";
          else
            sep = "\n";
        } else {
          value += sep + content;
          sep = " ";
          prevMoreIndented = false;
        }
      }
      switch (header3.chomp) {
        case "-":
          break;
        case "+":
          for (let i = chompStart; i < lines.length; ++i)
            value += "\n" + lines[i][0].slice(trimIndent);
          if (value[value.length - 1] !== "\n")
            value += "\n";
          break;
        default:
          value += "\n";
      }
      const end = start + header3.length + scalar.source.length;
      return { value, type, comment: header3.comment, range: [start, end, end] };
    }
    function parseBlockScalarHeader({ offset, props }, strict, onError) {
      if (props[0].type !== "block-scalar-header") {
        onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
        return null;
      }
      const { source } = props[0];
      const mode = source[0];
      let indent = 0;
      let chomp = "";
      let error = -1;
      for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === "-" || ch === "+"))
          chomp = ch;
        else {
          const n = Number(ch);
          if (!indent && n)
            indent = n;
          else if (error === -1)
            error = offset + i;
        }
      }
      if (error !== -1)
        onError(error, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source}`);
      let hasSpace = false;
      let comment = "";
      let length = source.length;
      for (let i = 1; i < props.length; ++i) {
        const token2 = props[i];
        switch (token2.type) {
          case "space":
            hasSpace = true;
          // fallthrough
          case "newline":
            length += token2.source.length;
            break;
          case "comment":
            if (strict && !hasSpace) {
              const message = "Comments must be separated from other tokens by white space characters";
              onError(token2, "MISSING_CHAR", message);
            }
            length += token2.source.length;
            comment = token2.source.substring(1);
            break;
          case "error":
            onError(token2, "UNEXPECTED_TOKEN", token2.message);
            length += token2.source.length;
            break;
          /* istanbul ignore next should not happen */
          default: {
            const message = `Unexpected token in block scalar header: ${token2.type}`;
            onError(token2, "UNEXPECTED_TOKEN", message);
            const ts = token2.source;
            if (ts && typeof ts === "string")
              length += ts.length;
          }
        }
      }
      return { mode, indent, chomp, comment, length };
    }
    function splitLines(source) {
      const split2 = source.split(/\n( *)/);
      const first = split2[0];
      const m = first.match(/^( *)/);
      const line0 = m?.[1] ? [m[1], first.slice(m[1].length)] : ["", first];
      const lines = [line0];
      for (let i = 1; i < split2.length; i += 2)
        lines.push([split2[i], split2[i + 1]]);
      return lines;
    }
    exports2.resolveBlockScalar = resolveBlockScalar;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-scalar.js
var require_resolve_flow_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-scalar.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var resolveEnd = require_resolve_end();
    function resolveFlowScalar(scalar, strict, onError) {
      const { offset, type, source, end } = scalar;
      let _type;
      let value;
      const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
      switch (type) {
        case "scalar":
          _type = Scalar.Scalar.PLAIN;
          value = plainValue2(source, _onError);
          break;
        case "single-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_SINGLE;
          value = singleQuotedValue(source, _onError);
          break;
        case "double-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_DOUBLE;
          value = doubleQuotedValue(source, _onError);
          break;
        /* istanbul ignore next should not happen */
        default:
          onError(scalar, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
          return {
            value: "",
            type: null,
            comment: "",
            range: [offset, offset + source.length, offset + source.length]
          };
      }
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
      return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
      };
    }
    function plainValue2(source, onError) {
      let badChar = "";
      switch (source[0]) {
        /* istanbul ignore next should not happen */
        case "	":
          badChar = "a tab character";
          break;
        case ",":
          badChar = "flow indicator character ,";
          break;
        case "%":
          badChar = "directive indicator character %";
          break;
        case "|":
        case ">": {
          badChar = `block scalar indicator ${source[0]}`;
          break;
        }
        case "@":
        case "`": {
          badChar = `reserved character ${source[0]}`;
          break;
        }
      }
      if (badChar)
        onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
      return unfoldLines(source);
    }
    function singleQuotedValue(source, onError) {
      if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, "MISSING_CHAR", "Missing closing 'quote");
      return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
    }
    function unfoldLines(source) {
      const line = /(.*?)\r?\n/sy;
      let match = line.exec(source);
      if (!match)
        return source;
      let trimEnd, trimBoth;
      try {
        trimEnd = new RegExp("(?<![ 	])[ 	]+$");
        trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
      } catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
      }
      let res = match[1].replace(trimEnd, "");
      let sep = " ";
      let pos = line.lastIndex;
      while (match = line.exec(source)) {
        const lm = match[1].replace(trimBoth, "");
        if (lm === "") {
          if (sep === "\n")
            res += sep;
          else
            sep = "\n";
        } else {
          res += sep + lm;
          sep = " ";
        }
        pos = line.lastIndex;
      }
      const last = /[ \t]*(.*)/sy;
      last.lastIndex = pos;
      match = last.exec(source);
      return res + sep + (match?.[1] ?? "");
    }
    function doubleQuotedValue(source, onError) {
      let res = "";
      for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === "\r" && source[i + 1] === "\n")
          continue;
        if (ch === "\n") {
          const { fold, offset } = foldNewline(source, i);
          res += fold;
          i = offset;
        } else if (ch === "\\") {
          let next = source[++i];
          const cc = escapeCodes[next];
          if (cc)
            res += cc;
          else if (next === "\n") {
            next = source[i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "\r" && source[i + 1] === "\n") {
            next = source[++i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "x" || next === "u" || next === "U") {
            const length = next === "x" ? 2 : next === "u" ? 4 : 8;
            res += parseCharCode(source, i + 1, length, onError);
            i += length;
          } else {
            const raw = source.substr(i - 1, 2);
            onError(i - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
            res += raw;
          }
        } else if (ch === " " || ch === "	") {
          const wsStart = i;
          let next = source[i + 1];
          while (next === " " || next === "	")
            next = source[++i + 1];
          if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n"))
            res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        } else {
          res += ch;
        }
      }
      if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, "MISSING_CHAR", 'Missing closing "quote');
      return res;
    }
    function foldNewline(source, offset) {
      let fold = "";
      let ch = source[offset + 1];
      while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
        if (ch === "\r" && source[offset + 2] !== "\n")
          break;
        if (ch === "\n")
          fold += "\n";
        offset += 1;
        ch = source[offset + 1];
      }
      if (!fold)
        fold = " ";
      return { fold, offset };
    }
    var escapeCodes = {
      "0": "\0",
      // null character
      a: "\x07",
      // bell character
      b: "\b",
      // backspace
      e: "\x1B",
      // escape character
      f: "\f",
      // form feed
      n: "\n",
      // line feed
      r: "\r",
      // carriage return
      t: "	",
      // horizontal tab
      v: "\v",
      // vertical tab
      N: "",
      // Unicode next line
      _: " ",
      // Unicode non-breaking space
      L: "\u2028",
      // Unicode line separator
      P: "\u2029",
      // Unicode paragraph separator
      " ": " ",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "	": "	"
    };
    function parseCharCode(source, offset, length, onError) {
      const cc = source.substr(offset, length);
      const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
      const code = ok ? parseInt(cc, 16) : NaN;
      try {
        return String.fromCodePoint(code);
      } catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        return raw;
      }
    }
    exports2.resolveFlowScalar = resolveFlowScalar;
  }
});

// node_modules/yaml/dist/compose/compose-scalar.js
var require_compose_scalar = __commonJS({
  "node_modules/yaml/dist/compose/compose-scalar.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var Scalar = require_Scalar();
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    function composeScalar(ctx, token2, tagToken, onError) {
      const { value, type, comment, range: range2 } = token2.type === "block-scalar" ? resolveBlockScalar.resolveBlockScalar(ctx, token2, onError) : resolveFlowScalar.resolveFlowScalar(token2, ctx.options.strict, onError);
      const tagName = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
      let tag;
      if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity2.SCALAR];
      } else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
      else if (token2.type === "scalar")
        tag = findScalarTagByTest(ctx, value, token2, onError);
      else
        tag = ctx.schema[identity2.SCALAR];
      let scalar;
      try {
        const res = tag.resolve(value, (msg) => onError(tagToken ?? token2, "TAG_RESOLVE_FAILED", msg), ctx.options);
        scalar = identity2.isScalar(res) ? res : new Scalar.Scalar(res);
      } catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token2, "TAG_RESOLVE_FAILED", msg);
        scalar = new Scalar.Scalar(value);
      }
      scalar.range = range2;
      scalar.source = value;
      if (type)
        scalar.type = type;
      if (tagName)
        scalar.tag = tagName;
      if (tag.format)
        scalar.format = tag.format;
      if (comment)
        scalar.comment = comment;
      return scalar;
    }
    function findScalarTagByName(schema, value, tagName, tagToken, onError) {
      if (tagName === "!")
        return schema[identity2.SCALAR];
      const matchWithTest = [];
      for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
          if (tag.default && tag.test)
            matchWithTest.push(tag);
          else
            return tag;
        }
      }
      for (const tag of matchWithTest)
        if (tag.test?.test(value))
          return tag;
      const kt = schema.knownTags[tagName];
      if (kt && !kt.collection) {
        schema.tags.push(Object.assign({}, kt, { default: false, test: void 0 }));
        return kt;
      }
      onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, tagName !== "tag:yaml.org,2002:str");
      return schema[identity2.SCALAR];
    }
    function findScalarTagByTest({ atKey, directives, schema }, value, token2, onError) {
      const tag = schema.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value)) || schema[identity2.SCALAR];
      if (schema.compat) {
        const compat = schema.compat.find((tag2) => tag2.default && tag2.test?.test(value)) ?? schema[identity2.SCALAR];
        if (tag.tag !== compat.tag) {
          const ts = directives.tagString(tag.tag);
          const cs = directives.tagString(compat.tag);
          const msg = `Value may be parsed as either ${ts} or ${cs}`;
          onError(token2, "TAG_RESOLVE_FAILED", msg, true);
        }
      }
      return tag;
    }
    exports2.composeScalar = composeScalar;
  }
});

// node_modules/yaml/dist/compose/util-empty-scalar-position.js
var require_util_empty_scalar_position = __commonJS({
  "node_modules/yaml/dist/compose/util-empty-scalar-position.js"(exports2) {
    "use strict";
    function emptyScalarPosition(offset, before, pos) {
      if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
          let st = before[i];
          switch (st.type) {
            case "space":
            case "comment":
            case "newline":
              offset -= st.source.length;
              continue;
          }
          st = before[++i];
          while (st?.type === "space") {
            offset += st.source.length;
            st = before[++i];
          }
          break;
        }
      }
      return offset;
    }
    exports2.emptyScalarPosition = emptyScalarPosition;
  }
});

// node_modules/yaml/dist/compose/compose-node.js
var require_compose_node = __commonJS({
  "node_modules/yaml/dist/compose/compose-node.js"(exports2) {
    "use strict";
    var Alias = require_Alias();
    var identity2 = require_identity();
    var composeCollection = require_compose_collection();
    var composeScalar = require_compose_scalar();
    var resolveEnd = require_resolve_end();
    var utilEmptyScalarPosition = require_util_empty_scalar_position();
    var CN = { composeNode, composeEmptyNode };
    function composeNode(ctx, token2, props, onError) {
      const atKey = ctx.atKey;
      const { spaceBefore, comment, anchor, tag } = props;
      let node;
      let isSrcToken = true;
      switch (token2.type) {
        case "alias":
          node = composeAlias(ctx, token2, onError);
          if (anchor || tag)
            onError(token2, "ALIAS_PROPS", "An alias node must not specify any properties");
          break;
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "block-scalar":
          node = composeScalar.composeScalar(ctx, token2, tag, onError);
          if (anchor)
            node.anchor = anchor.source.substring(1);
          break;
        case "block-map":
        case "block-seq":
        case "flow-collection":
          try {
            node = composeCollection.composeCollection(CN, ctx, token2, props, onError);
            if (anchor)
              node.anchor = anchor.source.substring(1);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            onError(token2, "RESOURCE_EXHAUSTION", message);
          }
          break;
        default: {
          const message = token2.type === "error" ? token2.message : `Unsupported token (type: ${token2.type})`;
          onError(token2, "UNEXPECTED_TOKEN", message);
          isSrcToken = false;
        }
      }
      node ?? (node = composeEmptyNode(ctx, token2.offset, void 0, null, props, onError));
      if (anchor && node.anchor === "")
        onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      if (atKey && ctx.options.stringKeys && (!identity2.isScalar(node) || typeof node.value !== "string" || node.tag && node.tag !== "tag:yaml.org,2002:str")) {
        const msg = "With stringKeys, all keys must be strings";
        onError(tag ?? token2, "NON_STRING_KEY", msg);
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        if (token2.type === "scalar" && token2.source === "")
          node.comment = comment;
        else
          node.commentBefore = comment;
      }
      if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token2;
      return node;
    }
    function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
      const token2 = {
        type: "scalar",
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ""
      };
      const node = composeScalar.composeScalar(ctx, token2, tag, onError);
      if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === "")
          onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        node.comment = comment;
        node.range[2] = end;
      }
      return node;
    }
    function composeAlias({ options }, { offset, source, end }, onError) {
      const alias = new Alias.Alias(source.substring(1));
      if (alias.source === "")
        onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
      if (alias.source.endsWith(":"))
        onError(offset + source.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
      alias.range = [offset, valueEnd, re.offset];
      if (re.comment)
        alias.comment = re.comment;
      return alias;
    }
    exports2.composeEmptyNode = composeEmptyNode;
    exports2.composeNode = composeNode;
  }
});

// node_modules/yaml/dist/compose/compose-doc.js
var require_compose_doc = __commonJS({
  "node_modules/yaml/dist/compose/compose-doc.js"(exports2) {
    "use strict";
    var Document = require_Document();
    var composeNode = require_compose_node();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    function composeDoc(options, directives, { offset, start, value, end }, onError) {
      const opts = Object.assign({ _directives: directives }, options);
      const doc = new Document.Document(void 0, opts);
      const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
      };
      const props = resolveProps.resolveProps(start, {
        indicator: "doc-start",
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
      });
      if (props.found) {
        doc.directives.docStart = true;
        if (value && (value.type === "block-map" || value.type === "block-seq") && !props.hasNewline)
          onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
      }
      doc.contents = value ? composeNode.composeNode(ctx, value, props, onError) : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
      const contentEnd = doc.contents.range[2];
      const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
      if (re.comment)
        doc.comment = re.comment;
      doc.range = [offset, contentEnd, re.offset];
      return doc;
    }
    exports2.composeDoc = composeDoc;
  }
});

// node_modules/yaml/dist/compose/composer.js
var require_composer = __commonJS({
  "node_modules/yaml/dist/compose/composer.js"(exports2) {
    "use strict";
    var node_process = require("process");
    var directives = require_directives();
    var Document = require_Document();
    var errors = require_errors();
    var identity2 = require_identity();
    var composeDoc = require_compose_doc();
    var resolveEnd = require_resolve_end();
    function getErrorPos(src) {
      if (typeof src === "number")
        return [src, src + 1];
      if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
      const { offset, source } = src;
      return [offset, offset + (typeof source === "string" ? source.length : 1)];
    }
    function parsePrelude(prelude) {
      let comment = "";
      let atComment = false;
      let afterEmptyLine = false;
      for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
          case "#":
            comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source.substring(1) || " ");
            atComment = true;
            afterEmptyLine = false;
            break;
          case "%":
            if (prelude[i + 1]?.[0] !== "#")
              i += 1;
            atComment = false;
            break;
          default:
            if (!atComment)
              afterEmptyLine = true;
            atComment = false;
        }
      }
      return { comment, afterEmptyLine };
    }
    var Composer = class {
      constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
          const pos = getErrorPos(source);
          if (warning)
            this.warnings.push(new errors.YAMLWarning(pos, code, message));
          else
            this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        this.directives = new directives.Directives({ version: options.version || "1.2" });
        this.options = options;
      }
      decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        if (comment) {
          const dc = doc.contents;
          if (afterDoc) {
            doc.comment = doc.comment ? `${doc.comment}
${comment}` : comment;
          } else if (afterEmptyLine || doc.directives.docStart || !dc) {
            doc.commentBefore = comment;
          } else if (identity2.isCollection(dc) && !dc.flow && dc.items.length > 0) {
            let it = dc.items[0];
            if (identity2.isPair(it))
              it = it.key;
            const cb = it.commentBefore;
            it.commentBefore = cb ? `${comment}
${cb}` : comment;
          } else {
            const cb = dc.commentBefore;
            dc.commentBefore = cb ? `${comment}
${cb}` : comment;
          }
        }
        if (afterDoc) {
          for (let i = 0; i < this.errors.length; ++i)
            doc.errors.push(this.errors[i]);
          for (let i = 0; i < this.warnings.length; ++i)
            doc.warnings.push(this.warnings[i]);
        } else {
          doc.errors = this.errors;
          doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
      }
      /**
       * Current stream status information.
       *
       * Mostly useful at the end of input for an empty stream.
       */
      streamInfo() {
        return {
          comment: parsePrelude(this.prelude).comment,
          directives: this.directives,
          errors: this.errors,
          warnings: this.warnings
        };
      }
      /**
       * Compose tokens into documents.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token2 of tokens)
          yield* this.next(token2);
        yield* this.end(forceDoc, endOffset);
      }
      /** Advance the composer by one CST token. */
      *next(token2) {
        if (node_process.env.LOG_STREAM)
          console.dir(token2, { depth: null });
        switch (token2.type) {
          case "directive":
            this.directives.add(token2.source, (offset, message, warning) => {
              const pos = getErrorPos(token2);
              pos[0] += offset;
              this.onError(pos, "BAD_DIRECTIVE", message, warning);
            });
            this.prelude.push(token2.source);
            this.atDirectives = true;
            break;
          case "document": {
            const doc = composeDoc.composeDoc(this.options, this.directives, token2, this.onError);
            if (this.atDirectives && !doc.directives.docStart)
              this.onError(token2, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
            this.decorate(doc, false);
            if (this.doc)
              yield this.doc;
            this.doc = doc;
            this.atDirectives = false;
            break;
          }
          case "byte-order-mark":
          case "space":
            break;
          case "comment":
          case "newline":
            this.prelude.push(token2.source);
            break;
          case "error": {
            const msg = token2.source ? `${token2.message}: ${JSON.stringify(token2.source)}` : token2.message;
            const error = new errors.YAMLParseError(getErrorPos(token2), "UNEXPECTED_TOKEN", msg);
            if (this.atDirectives || !this.doc)
              this.errors.push(error);
            else
              this.doc.errors.push(error);
            break;
          }
          case "doc-end": {
            if (!this.doc) {
              const msg = "Unexpected doc-end without preceding document";
              this.errors.push(new errors.YAMLParseError(getErrorPos(token2), "UNEXPECTED_TOKEN", msg));
              break;
            }
            this.doc.directives.docEnd = true;
            const end = resolveEnd.resolveEnd(token2.end, token2.offset + token2.source.length, this.doc.options.strict, this.onError);
            this.decorate(this.doc, true);
            if (end.comment) {
              const dc = this.doc.comment;
              this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
            }
            this.doc.range[2] = end.offset;
            break;
          }
          default:
            this.errors.push(new errors.YAMLParseError(getErrorPos(token2), "UNEXPECTED_TOKEN", `Unsupported token ${token2.type}`));
        }
      }
      /**
       * Call at end of input to yield any remaining document.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
          this.decorate(this.doc, true);
          yield this.doc;
          this.doc = null;
        } else if (forceDoc) {
          const opts = Object.assign({ _directives: this.directives }, this.options);
          const doc = new Document.Document(void 0, opts);
          if (this.atDirectives)
            this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
          doc.range = [0, endOffset, endOffset];
          this.decorate(doc, false);
          yield doc;
        }
      }
    };
    exports2.Composer = Composer;
  }
});

// node_modules/yaml/dist/parse/cst-scalar.js
var require_cst_scalar = __commonJS({
  "node_modules/yaml/dist/parse/cst-scalar.js"(exports2) {
    "use strict";
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    var errors = require_errors();
    var stringifyString = require_stringifyString();
    function resolveAsScalar(token2, strict = true, onError) {
      if (token2) {
        const _onError = (pos, code, message) => {
          const offset = typeof pos === "number" ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
          if (onError)
            onError(offset, code, message);
          else
            throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token2.type) {
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return resolveFlowScalar.resolveFlowScalar(token2, strict, _onError);
          case "block-scalar":
            return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token2, _onError);
        }
      }
      return null;
    }
    function createScalarToken(value, context) {
      const { implicitKey = false, indent, inFlow = false, offset = -1, type = "PLAIN" } = context;
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      const end = context.end ?? [
        { type: "newline", offset: -1, indent, source: "\n" }
      ];
      switch (source[0]) {
        case "|":
        case ">": {
          const he = source.indexOf("\n");
          const head = source.substring(0, he);
          const body = source.substring(he + 1) + "\n";
          const props = [
            { type: "block-scalar-header", offset, indent, source: head }
          ];
          if (!addEndtoBlockProps(props, end))
            props.push({ type: "newline", offset: -1, indent, source: "\n" });
          return { type: "block-scalar", offset, indent, props, source: body };
        }
        case '"':
          return { type: "double-quoted-scalar", offset, indent, source, end };
        case "'":
          return { type: "single-quoted-scalar", offset, indent, source, end };
        default:
          return { type: "scalar", offset, indent, source, end };
      }
    }
    function setScalarValue(token2, value, context = {}) {
      let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
      let indent = "indent" in token2 ? token2.indent : null;
      if (afterKey && typeof indent === "number")
        indent += 2;
      if (!type)
        switch (token2.type) {
          case "single-quoted-scalar":
            type = "QUOTE_SINGLE";
            break;
          case "double-quoted-scalar":
            type = "QUOTE_DOUBLE";
            break;
          case "block-scalar": {
            const header3 = token2.props[0];
            if (header3.type !== "block-scalar-header")
              throw new Error("Invalid block scalar header");
            type = header3.source[0] === ">" ? "BLOCK_FOLDED" : "BLOCK_LITERAL";
            break;
          }
          default:
            type = "PLAIN";
        }
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      switch (source[0]) {
        case "|":
        case ">":
          setBlockScalarValue(token2, source);
          break;
        case '"':
          setFlowScalarValue(token2, source, "double-quoted-scalar");
          break;
        case "'":
          setFlowScalarValue(token2, source, "single-quoted-scalar");
          break;
        default:
          setFlowScalarValue(token2, source, "scalar");
      }
    }
    function setBlockScalarValue(token2, source) {
      const he = source.indexOf("\n");
      const head = source.substring(0, he);
      const body = source.substring(he + 1) + "\n";
      if (token2.type === "block-scalar") {
        const header3 = token2.props[0];
        if (header3.type !== "block-scalar-header")
          throw new Error("Invalid block scalar header");
        header3.source = head;
        token2.source = body;
      } else {
        const { offset } = token2;
        const indent = "indent" in token2 ? token2.indent : -1;
        const props = [
          { type: "block-scalar-header", offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, "end" in token2 ? token2.end : void 0))
          props.push({ type: "newline", offset: -1, indent, source: "\n" });
        for (const key of Object.keys(token2))
          if (key !== "type" && key !== "offset")
            delete token2[key];
        Object.assign(token2, { type: "block-scalar", indent, props, source: body });
      }
    }
    function addEndtoBlockProps(props, end) {
      if (end)
        for (const st of end)
          switch (st.type) {
            case "space":
            case "comment":
              props.push(st);
              break;
            case "newline":
              props.push(st);
              return true;
          }
      return false;
    }
    function setFlowScalarValue(token2, source, type) {
      switch (token2.type) {
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          token2.type = type;
          token2.source = source;
          break;
        case "block-scalar": {
          const end = token2.props.slice(1);
          let oa = source.length;
          if (token2.props[0].type === "block-scalar-header")
            oa -= token2.props[0].source.length;
          for (const tok of end)
            tok.offset += oa;
          delete token2.props;
          Object.assign(token2, { type, source, end });
          break;
        }
        case "block-map":
        case "block-seq": {
          const offset = token2.offset + source.length;
          const nl = { type: "newline", offset, indent: token2.indent, source: "\n" };
          delete token2.items;
          Object.assign(token2, { type, source, end: [nl] });
          break;
        }
        default: {
          const indent = "indent" in token2 ? token2.indent : -1;
          const end = "end" in token2 && Array.isArray(token2.end) ? token2.end.filter((st) => st.type === "space" || st.type === "comment" || st.type === "newline") : [];
          for (const key of Object.keys(token2))
            if (key !== "type" && key !== "offset")
              delete token2[key];
          Object.assign(token2, { type, indent, source, end });
        }
      }
    }
    exports2.createScalarToken = createScalarToken;
    exports2.resolveAsScalar = resolveAsScalar;
    exports2.setScalarValue = setScalarValue;
  }
});

// node_modules/yaml/dist/parse/cst-stringify.js
var require_cst_stringify = __commonJS({
  "node_modules/yaml/dist/parse/cst-stringify.js"(exports2) {
    "use strict";
    var stringify = (cst) => "type" in cst ? stringifyToken(cst) : stringifyItem(cst);
    function stringifyToken(token2) {
      switch (token2.type) {
        case "block-scalar": {
          let res = "";
          for (const tok of token2.props)
            res += stringifyToken(tok);
          return res + token2.source;
        }
        case "block-map":
        case "block-seq": {
          let res = "";
          for (const item of token2.items)
            res += stringifyItem(item);
          return res;
        }
        case "flow-collection": {
          let res = token2.start.source;
          for (const item of token2.items)
            res += stringifyItem(item);
          for (const st of token2.end)
            res += st.source;
          return res;
        }
        case "document": {
          let res = stringifyItem(token2);
          if (token2.end)
            for (const st of token2.end)
              res += st.source;
          return res;
        }
        default: {
          let res = token2.source;
          if ("end" in token2 && token2.end)
            for (const st of token2.end)
              res += st.source;
          return res;
        }
      }
    }
    function stringifyItem({ start, key, sep, value }) {
      let res = "";
      for (const st of start)
        res += st.source;
      if (key)
        res += stringifyToken(key);
      if (sep)
        for (const st of sep)
          res += st.source;
      if (value)
        res += stringifyToken(value);
      return res;
    }
    exports2.stringify = stringify;
  }
});

// node_modules/yaml/dist/parse/cst-visit.js
var require_cst_visit = __commonJS({
  "node_modules/yaml/dist/parse/cst-visit.js"(exports2) {
    "use strict";
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove item");
    function visit(cst, visitor) {
      if ("type" in cst && cst.type === "document")
        cst = { start: cst.start, value: cst.value };
      _visit(Object.freeze([]), cst, visitor);
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    visit.itemAtPath = (cst, path) => {
      let item = cst;
      for (const [field, index] of path) {
        const tok = item?.[field];
        if (tok && "items" in tok) {
          item = tok.items[index];
        } else
          return void 0;
      }
      return item;
    };
    visit.parentCollection = (cst, path) => {
      const parent = visit.itemAtPath(cst, path.slice(0, -1));
      const field = path[path.length - 1][0];
      const coll = parent?.[field];
      if (coll && "items" in coll)
        return coll;
      throw new Error("Parent collection not found");
    };
    function _visit(path, item, visitor) {
      let ctrl = visitor(item, path);
      if (typeof ctrl === "symbol")
        return ctrl;
      for (const field of ["key", "value"]) {
        const token2 = item[field];
        if (token2 && "items" in token2) {
          for (let i = 0; i < token2.items.length; ++i) {
            const ci = _visit(Object.freeze(path.concat([[field, i]])), token2.items[i], visitor);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              token2.items.splice(i, 1);
              i -= 1;
            }
          }
          if (typeof ctrl === "function" && field === "key")
            ctrl = ctrl(item, path);
        }
      }
      return typeof ctrl === "function" ? ctrl(item, path) : ctrl;
    }
    exports2.visit = visit;
  }
});

// node_modules/yaml/dist/parse/cst.js
var require_cst = __commonJS({
  "node_modules/yaml/dist/parse/cst.js"(exports2) {
    "use strict";
    var cstScalar = require_cst_scalar();
    var cstStringify = require_cst_stringify();
    var cstVisit = require_cst_visit();
    var BOM = "\uFEFF";
    var DOCUMENT = "";
    var FLOW_END = "";
    var SCALAR = "";
    var isCollection = (token2) => !!token2 && "items" in token2;
    var isScalar = (token2) => !!token2 && (token2.type === "scalar" || token2.type === "single-quoted-scalar" || token2.type === "double-quoted-scalar" || token2.type === "block-scalar");
    function prettyToken(token2) {
      switch (token2) {
        case BOM:
          return "<BOM>";
        case DOCUMENT:
          return "<DOC>";
        case FLOW_END:
          return "<FLOW_END>";
        case SCALAR:
          return "<SCALAR>";
        default:
          return JSON.stringify(token2);
      }
    }
    function tokenType(source) {
      switch (source) {
        case BOM:
          return "byte-order-mark";
        case DOCUMENT:
          return "doc-mode";
        case FLOW_END:
          return "flow-error-end";
        case SCALAR:
          return "scalar";
        case "---":
          return "doc-start";
        case "...":
          return "doc-end";
        case "":
        case "\n":
        case "\r\n":
          return "newline";
        case "-":
          return "seq-item-ind";
        case "?":
          return "explicit-key-ind";
        case ":":
          return "map-value-ind";
        case "{":
          return "flow-map-start";
        case "}":
          return "flow-map-end";
        case "[":
          return "flow-seq-start";
        case "]":
          return "flow-seq-end";
        case ",":
          return "comma";
      }
      switch (source[0]) {
        case " ":
        case "	":
          return "space";
        case "#":
          return "comment";
        case "%":
          return "directive-line";
        case "*":
          return "alias";
        case "&":
          return "anchor";
        case "!":
          return "tag";
        case "'":
          return "single-quoted-scalar";
        case '"':
          return "double-quoted-scalar";
        case "|":
        case ">":
          return "block-scalar-header";
      }
      return null;
    }
    exports2.createScalarToken = cstScalar.createScalarToken;
    exports2.resolveAsScalar = cstScalar.resolveAsScalar;
    exports2.setScalarValue = cstScalar.setScalarValue;
    exports2.stringify = cstStringify.stringify;
    exports2.visit = cstVisit.visit;
    exports2.BOM = BOM;
    exports2.DOCUMENT = DOCUMENT;
    exports2.FLOW_END = FLOW_END;
    exports2.SCALAR = SCALAR;
    exports2.isCollection = isCollection;
    exports2.isScalar = isScalar;
    exports2.prettyToken = prettyToken;
    exports2.tokenType = tokenType;
  }
});

// node_modules/yaml/dist/parse/lexer.js
var require_lexer = __commonJS({
  "node_modules/yaml/dist/parse/lexer.js"(exports2) {
    "use strict";
    var cst = require_cst();
    function isEmpty(ch) {
      switch (ch) {
        case void 0:
        case " ":
        case "\n":
        case "\r":
        case "	":
          return true;
        default:
          return false;
      }
    }
    var hexDigits = new Set("0123456789ABCDEFabcdef");
    var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
    var flowIndicatorChars = new Set(",[]{}");
    var invalidAnchorChars = new Set(" ,[]{}\n\r	");
    var isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
    var Lexer = class {
      constructor() {
        this.atEnd = false;
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        this.buffer = "";
        this.flowKey = false;
        this.flowLevel = 0;
        this.indentNext = 0;
        this.indentValue = 0;
        this.lineEndPos = null;
        this.next = null;
        this.pos = 0;
      }
      /**
       * Generate YAML tokens from the `source` string. If `incomplete`,
       * a part of the last line may be left as a buffer for the next call.
       *
       * @returns A generator of lexical tokens
       */
      *lex(source, incomplete = false) {
        if (source) {
          if (typeof source !== "string")
            throw TypeError("source is not a string");
          this.buffer = this.buffer ? this.buffer + source : source;
          this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? "stream";
        while (next && (incomplete || this.hasChars(1)))
          next = yield* this.parseNext(next);
      }
      atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === " " || ch === "	")
          ch = this.buffer[++i];
        if (!ch || ch === "#" || ch === "\n")
          return true;
        if (ch === "\r")
          return this.buffer[i + 1] === "\n";
        return false;
      }
      charAt(n) {
        return this.buffer[this.pos + n];
      }
      continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
          let indent = 0;
          while (ch === " ")
            ch = this.buffer[++indent + offset];
          if (ch === "\r") {
            const next = this.buffer[indent + offset + 1];
            if (next === "\n" || !next && !this.atEnd)
              return offset + indent + 1;
          }
          return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
        }
        if (ch === "-" || ch === ".") {
          const dt = this.buffer.substr(offset, 3);
          if ((dt === "---" || dt === "...") && isEmpty(this.buffer[offset + 3]))
            return -1;
        }
        return offset;
      }
      getLine() {
        let end = this.lineEndPos;
        if (typeof end !== "number" || end !== -1 && end < this.pos) {
          end = this.buffer.indexOf("\n", this.pos);
          this.lineEndPos = end;
        }
        if (end === -1)
          return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === "\r")
          end -= 1;
        return this.buffer.substring(this.pos, end);
      }
      hasChars(n) {
        return this.pos + n <= this.buffer.length;
      }
      setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
      }
      peek(n) {
        return this.buffer.substr(this.pos, n);
      }
      *parseNext(next) {
        switch (next) {
          case "stream":
            return yield* this.parseStream();
          case "line-start":
            return yield* this.parseLineStart();
          case "block-start":
            return yield* this.parseBlockStart();
          case "doc":
            return yield* this.parseDocument();
          case "flow":
            return yield* this.parseFlowCollection();
          case "quoted-scalar":
            return yield* this.parseQuotedScalar();
          case "block-scalar":
            return yield* this.parseBlockScalar();
          case "plain-scalar":
            return yield* this.parsePlainScalar();
        }
      }
      *parseStream() {
        let line = this.getLine();
        if (line === null)
          return this.setNext("stream");
        if (line[0] === cst.BOM) {
          yield* this.pushCount(1);
          line = line.substring(1);
        }
        if (line[0] === "%") {
          let dirEnd = line.length;
          let cs = line.indexOf("#");
          while (cs !== -1) {
            const ch = line[cs - 1];
            if (ch === " " || ch === "	") {
              dirEnd = cs - 1;
              break;
            } else {
              cs = line.indexOf("#", cs + 1);
            }
          }
          while (true) {
            const ch = line[dirEnd - 1];
            if (ch === " " || ch === "	")
              dirEnd -= 1;
            else
              break;
          }
          const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
          yield* this.pushCount(line.length - n);
          this.pushNewline();
          return "stream";
        }
        if (this.atLineEnd()) {
          const sp = yield* this.pushSpaces(true);
          yield* this.pushCount(line.length - sp);
          yield* this.pushNewline();
          return "stream";
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
      }
      *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
          return this.setNext("line-start");
        if (ch === "-" || ch === ".") {
          if (!this.atEnd && !this.hasChars(4))
            return this.setNext("line-start");
          const s = this.peek(3);
          if ((s === "---" || s === "...") && isEmpty(this.charAt(3))) {
            yield* this.pushCount(3);
            this.indentValue = 0;
            this.indentNext = 0;
            return s === "---" ? "doc" : "stream";
          }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
          this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
      }
      *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
          return this.setNext("block-start");
        if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty(ch1)) {
          const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
          this.indentNext = this.indentValue + 1;
          this.indentValue += n;
          return "block-start";
        }
        return "doc";
      }
      *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
          return this.setNext("doc");
        let n = yield* this.pushIndicators();
        switch (line[n]) {
          case "#":
            yield* this.pushCount(line.length - n);
          // fallthrough
          case void 0:
            yield* this.pushNewline();
            return yield* this.parseLineStart();
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel = 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            return "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "doc";
          case '"':
          case "'":
            return yield* this.parseQuotedScalar();
          case "|":
          case ">":
            n += yield* this.parseBlockScalarHeader();
            n += yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - n);
            yield* this.pushNewline();
            return yield* this.parseBlockScalar();
          default:
            return yield* this.parsePlainScalar();
        }
      }
      *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
          nl = yield* this.pushNewline();
          if (nl > 0) {
            sp = yield* this.pushSpaces(false);
            this.indentValue = indent = sp;
          } else {
            sp = 0;
          }
          sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
          return this.setNext("flow");
        if (indent !== -1 && indent < this.indentNext && line[0] !== "#" || indent === 0 && (line.startsWith("---") || line.startsWith("...")) && isEmpty(line[3])) {
          const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line[0] === "]" || line[0] === "}");
          if (!atFlowEndMarker) {
            this.flowLevel = 0;
            yield cst.FLOW_END;
            return yield* this.parseLineStart();
          }
        }
        let n = 0;
        while (line[n] === ",") {
          n += yield* this.pushCount(1);
          n += yield* this.pushSpaces(true);
          this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
          case void 0:
            return "flow";
          case "#":
            yield* this.pushCount(line.length - n);
            return "flow";
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel += 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            this.flowKey = true;
            this.flowLevel -= 1;
            return this.flowLevel ? "flow" : "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "flow";
          case '"':
          case "'":
            this.flowKey = true;
            return yield* this.parseQuotedScalar();
          case ":": {
            const next = this.charAt(1);
            if (this.flowKey || isEmpty(next) || next === ",") {
              this.flowKey = false;
              yield* this.pushCount(1);
              yield* this.pushSpaces(true);
              return "flow";
            }
          }
          // fallthrough
          default:
            this.flowKey = false;
            return yield* this.parsePlainScalar();
        }
      }
      *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
          while (end !== -1 && this.buffer[end + 1] === "'")
            end = this.buffer.indexOf("'", end + 2);
        } else {
          while (end !== -1) {
            let n = 0;
            while (this.buffer[end - 1 - n] === "\\")
              n += 1;
            if (n % 2 === 0)
              break;
            end = this.buffer.indexOf('"', end + 1);
          }
        }
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf("\n", this.pos);
        if (nl !== -1) {
          while (nl !== -1) {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = qb.indexOf("\n", cs);
          }
          if (nl !== -1) {
            end = nl - (qb[nl - 1] === "\r" ? 2 : 1);
          }
        }
        if (end === -1) {
          if (!this.atEnd)
            return this.setNext("quoted-scalar");
          end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? "flow" : "doc";
      }
      *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
          const ch = this.buffer[++i];
          if (ch === "+")
            this.blockScalarKeep = true;
          else if (ch > "0" && ch <= "9")
            this.blockScalarIndent = Number(ch) - 1;
          else if (ch !== "-")
            break;
        }
        return yield* this.pushUntil((ch) => isEmpty(ch) || ch === "#");
      }
      *parseBlockScalar() {
        let nl = this.pos - 1;
        let indent = 0;
        let ch;
        loop: for (let i2 = this.pos; ch = this.buffer[i2]; ++i2) {
          switch (ch) {
            case " ":
              indent += 1;
              break;
            case "\n":
              nl = i2;
              indent = 0;
              break;
            case "\r": {
              const next = this.buffer[i2 + 1];
              if (!next && !this.atEnd)
                return this.setNext("block-scalar");
              if (next === "\n")
                break;
            }
            // fallthrough
            default:
              break loop;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("block-scalar");
        if (indent >= this.indentNext) {
          if (this.blockScalarIndent === -1)
            this.indentNext = indent;
          else {
            this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
          }
          do {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = this.buffer.indexOf("\n", cs);
          } while (nl !== -1);
          if (nl === -1) {
            if (!this.atEnd)
              return this.setNext("block-scalar");
            nl = this.buffer.length;
          }
        }
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === " ")
          ch = this.buffer[++i];
        if (ch === "	") {
          while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
            ch = this.buffer[++i];
          nl = i - 1;
        } else if (!this.blockScalarKeep) {
          do {
            let i2 = nl - 1;
            let ch2 = this.buffer[i2];
            if (ch2 === "\r")
              ch2 = this.buffer[--i2];
            const lastChar = i2;
            while (ch2 === " ")
              ch2 = this.buffer[--i2];
            if (ch2 === "\n" && i2 >= this.pos && i2 + 1 + indent > lastChar)
              nl = i2;
            else
              break;
          } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
      }
      *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while (ch = this.buffer[++i]) {
          if (ch === ":") {
            const next = this.buffer[i + 1];
            if (isEmpty(next) || inFlow && flowIndicatorChars.has(next))
              break;
            end = i;
          } else if (isEmpty(ch)) {
            let next = this.buffer[i + 1];
            if (ch === "\r") {
              if (next === "\n") {
                i += 1;
                ch = "\n";
                next = this.buffer[i + 1];
              } else
                end = i;
            }
            if (next === "#" || inFlow && flowIndicatorChars.has(next))
              break;
            if (ch === "\n") {
              const cs = this.continueScalar(i + 1);
              if (cs === -1)
                break;
              i = Math.max(i, cs - 2);
            }
          } else {
            if (inFlow && flowIndicatorChars.has(ch))
              break;
            end = i;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("plain-scalar");
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? "flow" : "doc";
      }
      *pushCount(n) {
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos += n;
          return n;
        }
        return 0;
      }
      *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
          yield s;
          this.pos += s.length;
          return s.length;
        } else if (allowEmpty)
          yield "";
        return 0;
      }
      *pushIndicators() {
        let n = 0;
        loop: while (true) {
          switch (this.charAt(0)) {
            case "!":
              n += yield* this.pushTag();
              n += yield* this.pushSpaces(true);
              continue loop;
            case "&":
              n += yield* this.pushUntil(isNotAnchorChar);
              n += yield* this.pushSpaces(true);
              continue loop;
            case "-":
            // this is an error
            case "?":
            // this is an error outside flow collections
            case ":": {
              const inFlow = this.flowLevel > 0;
              const ch1 = this.charAt(1);
              if (isEmpty(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
                if (!inFlow)
                  this.indentNext = this.indentValue + 1;
                else if (this.flowKey)
                  this.flowKey = false;
                n += yield* this.pushCount(1);
                n += yield* this.pushSpaces(true);
                continue loop;
              }
            }
          }
          break loop;
        }
        return n;
      }
      *pushTag() {
        if (this.charAt(1) === "<") {
          let i = this.pos + 2;
          let ch = this.buffer[i];
          while (!isEmpty(ch) && ch !== ">")
            ch = this.buffer[++i];
          return yield* this.pushToIndex(ch === ">" ? i + 1 : i, false);
        } else {
          let i = this.pos + 1;
          let ch = this.buffer[i];
          while (ch) {
            if (tagChars.has(ch))
              ch = this.buffer[++i];
            else if (ch === "%" && hexDigits.has(this.buffer[i + 1]) && hexDigits.has(this.buffer[i + 2])) {
              ch = this.buffer[i += 3];
            } else
              break;
          }
          return yield* this.pushToIndex(i, false);
        }
      }
      *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === "\n")
          return yield* this.pushCount(1);
        else if (ch === "\r" && this.charAt(1) === "\n")
          return yield* this.pushCount(2);
        else
          return 0;
      }
      *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
          ch = this.buffer[++i];
        } while (ch === " " || allowTabs && ch === "	");
        const n = i - this.pos;
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos = i;
        }
        return n;
      }
      *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
          ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
      }
    };
    exports2.Lexer = Lexer;
  }
});

// node_modules/yaml/dist/parse/line-counter.js
var require_line_counter = __commonJS({
  "node_modules/yaml/dist/parse/line-counter.js"(exports2) {
    "use strict";
    var LineCounter = class {
      constructor() {
        this.lineStarts = [];
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        this.linePos = (offset) => {
          let low = 0;
          let high = this.lineStarts.length;
          while (low < high) {
            const mid = low + high >> 1;
            if (this.lineStarts[mid] < offset)
              low = mid + 1;
            else
              high = mid;
          }
          if (this.lineStarts[low] === offset)
            return { line: low + 1, col: 1 };
          if (low === 0)
            return { line: 0, col: offset };
          const start = this.lineStarts[low - 1];
          return { line: low, col: offset - start + 1 };
        };
      }
    };
    exports2.LineCounter = LineCounter;
  }
});

// node_modules/yaml/dist/parse/parser.js
var require_parser = __commonJS({
  "node_modules/yaml/dist/parse/parser.js"(exports2) {
    "use strict";
    var node_process = require("process");
    var cst = require_cst();
    var lexer = require_lexer();
    function includesToken(list, type) {
      for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
          return true;
      return false;
    }
    function findNonEmptyIndex(list) {
      for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
          case "space":
          case "comment":
          case "newline":
            break;
          default:
            return i;
        }
      }
      return -1;
    }
    function isFlowToken(token2) {
      switch (token2?.type) {
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "flow-collection":
          return true;
        default:
          return false;
      }
    }
    function getPrevProps(parent) {
      switch (parent.type) {
        case "document":
          return parent.start;
        case "block-map": {
          const it = parent.items[parent.items.length - 1];
          return it.sep ?? it.start;
        }
        case "block-seq":
          return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
          return [];
      }
    }
    function getFirstKeyStartProps(prev) {
      if (prev.length === 0)
        return [];
      let i = prev.length;
      loop: while (--i >= 0) {
        switch (prev[i].type) {
          case "doc-start":
          case "explicit-key-ind":
          case "map-value-ind":
          case "seq-item-ind":
          case "newline":
            break loop;
        }
      }
      while (prev[++i]?.type === "space") {
      }
      return prev.splice(i, prev.length);
    }
    function arrayPushArray(target, source) {
      if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
      else
        for (let i = 0; i < source.length; ++i)
          target.push(source[i]);
    }
    function fixFlowSeqItems(fc) {
      if (fc.start.type === "flow-seq-start") {
        for (const it of fc.items) {
          if (it.sep && !it.value && !includesToken(it.start, "explicit-key-ind") && !includesToken(it.sep, "map-value-ind")) {
            if (it.key)
              it.value = it.key;
            delete it.key;
            if (isFlowToken(it.value)) {
              if (it.value.end)
                arrayPushArray(it.value.end, it.sep);
              else
                it.value.end = it.sep;
            } else
              arrayPushArray(it.start, it.sep);
            delete it.sep;
          }
        }
      }
    }
    var Parser = class {
      /**
       * @param onNewLine - If defined, called separately with the start position of
       *   each new line (in `parse()`, including the start of input).
       */
      constructor(onNewLine) {
        this.atNewLine = true;
        this.atScalar = false;
        this.indent = 0;
        this.offset = 0;
        this.onKeyLine = false;
        this.stack = [];
        this.source = "";
        this.type = "";
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
      }
      /**
       * Parse `source` as a YAML stream.
       * If `incomplete`, a part of the last line may be left as a buffer for the next call.
       *
       * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
       *
       * @returns A generator of tokens representing each directive, document, and other structure.
       */
      *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
          this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
          yield* this.next(lexeme);
        if (!incomplete)
          yield* this.end();
      }
      /**
       * Advance the parser by the `source` of one lexical token.
       */
      *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
          console.log("|", cst.prettyToken(source));
        if (this.atScalar) {
          this.atScalar = false;
          yield* this.step();
          this.offset += source.length;
          return;
        }
        const type = cst.tokenType(source);
        if (!type) {
          const message = `Not a YAML token: ${source}`;
          yield* this.pop({ type: "error", offset: this.offset, message, source });
          this.offset += source.length;
        } else if (type === "scalar") {
          this.atNewLine = false;
          this.atScalar = true;
          this.type = "scalar";
        } else {
          this.type = type;
          yield* this.step();
          switch (type) {
            case "newline":
              this.atNewLine = true;
              this.indent = 0;
              if (this.onNewLine)
                this.onNewLine(this.offset + source.length);
              break;
            case "space":
              if (this.atNewLine && source[0] === " ")
                this.indent += source.length;
              break;
            case "explicit-key-ind":
            case "map-value-ind":
            case "seq-item-ind":
              if (this.atNewLine)
                this.indent += source.length;
              break;
            case "doc-mode":
            case "flow-error-end":
              return;
            default:
              this.atNewLine = false;
          }
          this.offset += source.length;
        }
      }
      /** Call at end of input to push out any remaining constructions */
      *end() {
        while (this.stack.length > 0)
          yield* this.pop();
      }
      get sourceToken() {
        const st = {
          type: this.type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
        return st;
      }
      *step() {
        const top = this.peek(1);
        if (this.type === "doc-end" && top?.type !== "doc-end") {
          while (this.stack.length > 0)
            yield* this.pop();
          this.stack.push({
            type: "doc-end",
            offset: this.offset,
            source: this.source
          });
          return;
        }
        if (!top)
          return yield* this.stream();
        switch (top.type) {
          case "document":
            return yield* this.document(top);
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return yield* this.scalar(top);
          case "block-scalar":
            return yield* this.blockScalar(top);
          case "block-map":
            return yield* this.blockMap(top);
          case "block-seq":
            return yield* this.blockSequence(top);
          case "flow-collection":
            return yield* this.flowCollection(top);
          case "doc-end":
            return yield* this.documentEnd(top);
        }
        yield* this.pop();
      }
      peek(n) {
        return this.stack[this.stack.length - n];
      }
      *pop(error) {
        const token2 = error ?? this.stack.pop();
        if (!token2) {
          const message = "Tried to pop an empty stack";
          yield { type: "error", offset: this.offset, source: "", message };
        } else if (this.stack.length === 0) {
          yield token2;
        } else {
          const top = this.peek(1);
          if (token2.type === "block-scalar") {
            token2.indent = "indent" in top ? top.indent : 0;
          } else if (token2.type === "flow-collection" && top.type === "document") {
            token2.indent = 0;
          }
          if (token2.type === "flow-collection")
            fixFlowSeqItems(token2);
          switch (top.type) {
            case "document":
              top.value = token2;
              break;
            case "block-scalar":
              top.props.push(token2);
              break;
            case "block-map": {
              const it = top.items[top.items.length - 1];
              if (it.value) {
                top.items.push({ start: [], key: token2, sep: [] });
                this.onKeyLine = true;
                return;
              } else if (it.sep) {
                it.value = token2;
              } else {
                Object.assign(it, { key: token2, sep: [] });
                this.onKeyLine = !it.explicitKey;
                return;
              }
              break;
            }
            case "block-seq": {
              const it = top.items[top.items.length - 1];
              if (it.value)
                top.items.push({ start: [], value: token2 });
              else
                it.value = token2;
              break;
            }
            case "flow-collection": {
              const it = top.items[top.items.length - 1];
              if (!it || it.value)
                top.items.push({ start: [], key: token2, sep: [] });
              else if (it.sep)
                it.value = token2;
              else
                Object.assign(it, { key: token2, sep: [] });
              return;
            }
            /* istanbul ignore next should not happen */
            default:
              yield* this.pop();
              yield* this.pop(token2);
          }
          if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token2.type === "block-map" || token2.type === "block-seq")) {
            const last = token2.items[token2.items.length - 1];
            if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token2.indent === 0 || last.start.every((st) => st.type !== "comment" || st.indent < token2.indent))) {
              if (top.type === "document")
                top.end = last.start;
              else
                top.items.push({ start: last.start });
              token2.items.splice(-1, 1);
            }
          }
        }
      }
      *stream() {
        switch (this.type) {
          case "directive-line":
            yield { type: "directive", offset: this.offset, source: this.source };
            return;
          case "byte-order-mark":
          case "space":
          case "comment":
          case "newline":
            yield this.sourceToken;
            return;
          case "doc-mode":
          case "doc-start": {
            const doc = {
              type: "document",
              offset: this.offset,
              start: []
            };
            if (this.type === "doc-start")
              doc.start.push(this.sourceToken);
            this.stack.push(doc);
            return;
          }
        }
        yield {
          type: "error",
          offset: this.offset,
          message: `Unexpected ${this.type} token in YAML stream`,
          source: this.source
        };
      }
      *document(doc) {
        if (doc.value)
          return yield* this.lineEnd(doc);
        switch (this.type) {
          case "doc-start": {
            if (findNonEmptyIndex(doc.start) !== -1) {
              yield* this.pop();
              yield* this.step();
            } else
              doc.start.push(this.sourceToken);
            return;
          }
          case "anchor":
          case "tag":
          case "space":
          case "comment":
          case "newline":
            doc.start.push(this.sourceToken);
            return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
          this.stack.push(bv);
        else {
          yield {
            type: "error",
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML document`,
            source: this.source
          };
        }
      }
      *scalar(scalar) {
        if (this.type === "map-value-ind") {
          const prev = getPrevProps(this.peek(2));
          const start = getFirstKeyStartProps(prev);
          let sep;
          if (scalar.end) {
            sep = scalar.end;
            sep.push(this.sourceToken);
            delete scalar.end;
          } else
            sep = [this.sourceToken];
          const map = {
            type: "block-map",
            offset: scalar.offset,
            indent: scalar.indent,
            items: [{ start, key: scalar, sep }]
          };
          this.onKeyLine = true;
          this.stack[this.stack.length - 1] = map;
        } else
          yield* this.lineEnd(scalar);
      }
      *blockScalar(scalar) {
        switch (this.type) {
          case "space":
          case "comment":
          case "newline":
            scalar.props.push(this.sourceToken);
            return;
          case "scalar":
            scalar.source = this.source;
            this.atNewLine = true;
            this.indent = 0;
            if (this.onNewLine) {
              let nl = this.source.indexOf("\n") + 1;
              while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf("\n", nl) + 1;
              }
            }
            yield* this.pop();
            break;
          /* istanbul ignore next should not happen */
          default:
            yield* this.pop();
            yield* this.step();
        }
      }
      *blockMap(map) {
        const it = map.items[map.items.length - 1];
        switch (this.type) {
          case "newline":
            this.onKeyLine = false;
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              it.start.push(this.sourceToken);
            }
            return;
          case "space":
          case "comment":
            if (it.value) {
              map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              if (this.atIndentedComment(it.start, map.indent)) {
                const prev = map.items[map.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  map.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
        }
        if (this.indent >= map.indent) {
          const atMapIndent = !this.onKeyLine && this.indent === map.indent;
          const atNextItem = atMapIndent && (it.sep || it.explicitKey) && this.type !== "seq-item-ind";
          let start = [];
          if (atNextItem && it.sep && !it.value) {
            const nl = [];
            for (let i = 0; i < it.sep.length; ++i) {
              const st = it.sep[i];
              switch (st.type) {
                case "newline":
                  nl.push(i);
                  break;
                case "space":
                  break;
                case "comment":
                  if (st.indent > map.indent)
                    nl.length = 0;
                  break;
                default:
                  nl.length = 0;
              }
            }
            if (nl.length >= 2)
              start = it.sep.splice(nl[1]);
          }
          switch (this.type) {
            case "anchor":
            case "tag":
              if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start });
                this.onKeyLine = true;
              } else if (it.sep) {
                it.sep.push(this.sourceToken);
              } else {
                it.start.push(this.sourceToken);
              }
              return;
            case "explicit-key-ind":
              if (!it.sep && !it.explicitKey) {
                it.start.push(this.sourceToken);
                it.explicitKey = true;
              } else if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start, explicitKey: true });
              } else {
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: [this.sourceToken], explicitKey: true }]
                });
              }
              this.onKeyLine = true;
              return;
            case "map-value-ind":
              if (it.explicitKey) {
                if (!it.sep) {
                  if (includesToken(it.start, "newline")) {
                    Object.assign(it, { key: null, sep: [this.sourceToken] });
                  } else {
                    const start2 = getFirstKeyStartProps(it.start);
                    this.stack.push({
                      type: "block-map",
                      offset: this.offset,
                      indent: this.indent,
                      items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                    });
                  }
                } else if (it.value) {
                  map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                  });
                } else if (isFlowToken(it.key) && !includesToken(it.sep, "newline")) {
                  const start2 = getFirstKeyStartProps(it.start);
                  const key = it.key;
                  const sep = it.sep;
                  sep.push(this.sourceToken);
                  delete it.key;
                  delete it.sep;
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start2, key, sep }]
                  });
                } else if (start.length > 0) {
                  it.sep = it.sep.concat(start, this.sourceToken);
                } else {
                  it.sep.push(this.sourceToken);
                }
              } else {
                if (!it.sep) {
                  Object.assign(it, { key: null, sep: [this.sourceToken] });
                } else if (it.value || atNextItem) {
                  map.items.push({ start, key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [], key: null, sep: [this.sourceToken] }]
                  });
                } else {
                  it.sep.push(this.sourceToken);
                }
              }
              this.onKeyLine = true;
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (atNextItem || it.value) {
                map.items.push({ start, key: fs, sep: [] });
                this.onKeyLine = true;
              } else if (it.sep) {
                this.stack.push(fs);
              } else {
                Object.assign(it, { key: fs, sep: [] });
                this.onKeyLine = true;
              }
              return;
            }
            default: {
              const bv = this.startBlockValue(map);
              if (bv) {
                if (bv.type === "block-seq") {
                  if (!it.explicitKey && it.sep && !includesToken(it.sep, "newline")) {
                    yield* this.pop({
                      type: "error",
                      offset: this.offset,
                      message: "Unexpected block-seq-ind on same line with key",
                      source: this.source
                    });
                    return;
                  }
                } else if (atMapIndent) {
                  map.items.push({ start });
                }
                this.stack.push(bv);
                return;
              }
            }
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
          case "newline":
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                seq.items.push({ start: [this.sourceToken] });
            } else
              it.start.push(this.sourceToken);
            return;
          case "space":
          case "comment":
            if (it.value)
              seq.items.push({ start: [this.sourceToken] });
            else {
              if (this.atIndentedComment(it.start, seq.indent)) {
                const prev = seq.items[seq.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  seq.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
          case "anchor":
          case "tag":
            if (it.value || this.indent <= seq.indent)
              break;
            it.start.push(this.sourceToken);
            return;
          case "seq-item-ind":
            if (this.indent !== seq.indent)
              break;
            if (it.value || includesToken(it.start, "seq-item-ind"))
              seq.items.push({ start: [this.sourceToken] });
            else
              it.start.push(this.sourceToken);
            return;
        }
        if (this.indent > seq.indent) {
          const bv = this.startBlockValue(seq);
          if (bv) {
            this.stack.push(bv);
            return;
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === "flow-error-end") {
          let top;
          do {
            yield* this.pop();
            top = this.peek(1);
          } while (top?.type === "flow-collection");
        } else if (fc.end.length === 0) {
          switch (this.type) {
            case "comma":
            case "explicit-key-ind":
              if (!it || it.sep)
                fc.items.push({ start: [this.sourceToken] });
              else
                it.start.push(this.sourceToken);
              return;
            case "map-value-ind":
              if (!it || it.value)
                fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                Object.assign(it, { key: null, sep: [this.sourceToken] });
              return;
            case "space":
            case "comment":
            case "newline":
            case "anchor":
            case "tag":
              if (!it || it.value)
                fc.items.push({ start: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                it.start.push(this.sourceToken);
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (!it || it.value)
                fc.items.push({ start: [], key: fs, sep: [] });
              else if (it.sep)
                this.stack.push(fs);
              else
                Object.assign(it, { key: fs, sep: [] });
              return;
            }
            case "flow-map-end":
            case "flow-seq-end":
              fc.end.push(this.sourceToken);
              return;
          }
          const bv = this.startBlockValue(fc);
          if (bv)
            this.stack.push(bv);
          else {
            yield* this.pop();
            yield* this.step();
          }
        } else {
          const parent = this.peek(2);
          if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
            yield* this.pop();
            yield* this.step();
          } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            fixFlowSeqItems(fc);
            const sep = fc.end.splice(1, fc.end.length);
            sep.push(this.sourceToken);
            const map = {
              type: "block-map",
              offset: fc.offset,
              indent: fc.indent,
              items: [{ start, key: fc, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
          } else {
            yield* this.lineEnd(fc);
          }
        }
      }
      flowScalar(type) {
        if (this.onNewLine) {
          let nl = this.source.indexOf("\n") + 1;
          while (nl !== 0) {
            this.onNewLine(this.offset + nl);
            nl = this.source.indexOf("\n", nl) + 1;
          }
        }
        return {
          type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
      }
      startBlockValue(parent) {
        switch (this.type) {
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return this.flowScalar(this.type);
          case "block-scalar-header":
            return {
              type: "block-scalar",
              offset: this.offset,
              indent: this.indent,
              props: [this.sourceToken],
              source: ""
            };
          case "flow-map-start":
          case "flow-seq-start":
            return {
              type: "flow-collection",
              offset: this.offset,
              indent: this.indent,
              start: this.sourceToken,
              items: [],
              end: []
            };
          case "seq-item-ind":
            return {
              type: "block-seq",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken] }]
            };
          case "explicit-key-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            start.push(this.sourceToken);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, explicitKey: true }]
            };
          }
          case "map-value-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, key: null, sep: [this.sourceToken] }]
            };
          }
        }
        return null;
      }
      atIndentedComment(start, indent) {
        if (this.type !== "comment")
          return false;
        if (this.indent <= indent)
          return false;
        return start.every((st) => st.type === "newline" || st.type === "space");
      }
      *documentEnd(docEnd) {
        if (this.type !== "doc-mode") {
          if (docEnd.end)
            docEnd.end.push(this.sourceToken);
          else
            docEnd.end = [this.sourceToken];
          if (this.type === "newline")
            yield* this.pop();
        }
      }
      *lineEnd(token2) {
        switch (this.type) {
          case "comma":
          case "doc-start":
          case "doc-end":
          case "flow-seq-end":
          case "flow-map-end":
          case "map-value-ind":
            yield* this.pop();
            yield* this.step();
            break;
          case "newline":
            this.onKeyLine = false;
          // fallthrough
          case "space":
          case "comment":
          default:
            if (token2.end)
              token2.end.push(this.sourceToken);
            else
              token2.end = [this.sourceToken];
            if (this.type === "newline")
              yield* this.pop();
        }
      }
    };
    exports2.Parser = Parser;
  }
});

// node_modules/yaml/dist/public-api.js
var require_public_api = __commonJS({
  "node_modules/yaml/dist/public-api.js"(exports2) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var errors = require_errors();
    var log = require_log();
    var identity2 = require_identity();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    function parseOptions(options) {
      const prettyErrors = options.prettyErrors !== false;
      const lineCounter$1 = options.lineCounter || prettyErrors && new lineCounter.LineCounter() || null;
      return { lineCounter: lineCounter$1, prettyErrors };
    }
    function parseAllDocuments(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      const docs = Array.from(composer$1.compose(parser$1.parse(source)));
      if (prettyErrors && lineCounter2)
        for (const doc of docs) {
          doc.errors.forEach(errors.prettifyError(source, lineCounter2));
          doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
        }
      if (docs.length > 0)
        return docs;
      return Object.assign([], { empty: true }, composer$1.streamInfo());
    }
    function parseDocument2(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      let doc = null;
      for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
          doc = _doc;
        else if (doc.options.logLevel !== "silent") {
          doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
          break;
        }
      }
      if (prettyErrors && lineCounter2) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter2));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
      }
      return doc;
    }
    function parse(src, reviver, options) {
      let _reviver = void 0;
      if (typeof reviver === "function") {
        _reviver = reviver;
      } else if (options === void 0 && reviver && typeof reviver === "object") {
        options = reviver;
      }
      const doc = parseDocument2(src, options);
      if (!doc)
        return null;
      doc.warnings.forEach((warning) => log.warn(doc.options.logLevel, warning));
      if (doc.errors.length > 0) {
        if (doc.options.logLevel !== "silent")
          throw doc.errors[0];
        else
          doc.errors = [];
      }
      return doc.toJS(Object.assign({ reviver: _reviver }, options));
    }
    function stringify(value, replacer, options) {
      let _replacer = null;
      if (typeof replacer === "function" || Array.isArray(replacer)) {
        _replacer = replacer;
      } else if (options === void 0 && replacer) {
        options = replacer;
      }
      if (typeof options === "string")
        options = options.length;
      if (typeof options === "number") {
        const indent = Math.round(options);
        options = indent < 1 ? void 0 : indent > 8 ? { indent: 8 } : { indent };
      }
      if (value === void 0) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
          return void 0;
      }
      if (identity2.isDocument(value) && !_replacer)
        return value.toString(options);
      return new Document.Document(value, _replacer, options).toString(options);
    }
    exports2.parse = parse;
    exports2.parseAllDocuments = parseAllDocuments;
    exports2.parseDocument = parseDocument2;
    exports2.stringify = stringify;
  }
});

// node_modules/yaml/dist/index.js
var require_dist = __commonJS({
  "node_modules/yaml/dist/index.js"(exports2) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var Schema = require_Schema();
    var errors = require_errors();
    var Alias = require_Alias();
    var identity2 = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var cst = require_cst();
    var lexer = require_lexer();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    var publicApi = require_public_api();
    var visit = require_visit();
    exports2.Composer = composer.Composer;
    exports2.Document = Document.Document;
    exports2.Schema = Schema.Schema;
    exports2.YAMLError = errors.YAMLError;
    exports2.YAMLParseError = errors.YAMLParseError;
    exports2.YAMLWarning = errors.YAMLWarning;
    exports2.Alias = Alias.Alias;
    exports2.isAlias = identity2.isAlias;
    exports2.isCollection = identity2.isCollection;
    exports2.isDocument = identity2.isDocument;
    exports2.isMap = identity2.isMap;
    exports2.isNode = identity2.isNode;
    exports2.isPair = identity2.isPair;
    exports2.isScalar = identity2.isScalar;
    exports2.isSeq = identity2.isSeq;
    exports2.Pair = Pair.Pair;
    exports2.Scalar = Scalar.Scalar;
    exports2.YAMLMap = YAMLMap.YAMLMap;
    exports2.YAMLSeq = YAMLSeq.YAMLSeq;
    exports2.CST = cst;
    exports2.Lexer = lexer.Lexer;
    exports2.LineCounter = lineCounter.LineCounter;
    exports2.Parser = parser.Parser;
    exports2.parse = publicApi.parse;
    exports2.parseAllDocuments = publicApi.parseAllDocuments;
    exports2.parseDocument = publicApi.parseDocument;
    exports2.stringify = publicApi.stringify;
    exports2.visit = visit.visit;
    exports2.visitAsync = visit.visitAsync;
  }
});

// packages/sim/src/cli.ts
var import_node_fs = require("node:fs");
var import_node_util = require("node:util");

// packages/sim/src/core/server.ts
var import_node_crypto3 = require("node:crypto");
var import_node_http = require("node:http");

// packages/sim/src/core/errors.ts
var AwsError = class extends Error {
  constructor(code, message, status = 400, type = status >= 500 ? "Receiver" : "Sender", fields = {}) {
    super(message);
    this.code = code;
    this.status = status;
    this.type = type;
    this.fields = fields;
    this.name = code;
  }
  code;
  status;
  type;
  fields;
};

// packages/sim/src/core/faults.ts
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
async function drawFault(sim, service, action) {
  const { latencyMs } = sim.scenario.fault(service, action);
  if (latencyMs) await sleep(latencyMs);
  return sim.scenario.strike(service, action);
}
function closeWithoutAnswer(req) {
  req.socket.destroy();
}
async function injectFault(sim, service, action, req, errors) {
  const fault = await drawFault(sim, service, action);
  if (fault === "drop") {
    closeWithoutAnswer(req);
    return "drop";
  }
  if (fault === "throttle") throw errors.throttled();
  if (fault === "error5xx") throw errors.unavailable();
  return fault;
}

// packages/sim/src/core/identity.ts
var import_node_crypto2 = require("node:crypto");

// packages/sim/src/core/sigv4.ts
var import_node_crypto = require("node:crypto");
var CREDENTIAL = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/;
function headerValue(req, name) {
  const v = req.headers[name];
  return typeof v === "string" ? v : Array.isArray(v) ? v.join(",") : void 0;
}
function sigV4Of(req, query) {
  const header3 = headerValue(req, "authorization");
  if (header3 !== void 0) {
    const credential2 = /Credential=([^,\s]+)/.exec(header3)?.[1];
    const m2 = credential2 ? CREDENTIAL.exec(credential2) : null;
    if (!m2) return void 0;
    return {
      accessKeyId: m2[1],
      date: m2[2],
      region: m2[3],
      service: m2[4],
      signedHeaders: (/SignedHeaders=([^,\s]+)/.exec(header3)?.[1] ?? "").split(";").filter(Boolean),
      signature: /Signature=([0-9a-fA-F]+)/.exec(header3)?.[1] ?? "",
      amzDate: headerValue(req, "x-amz-date"),
      presigned: false,
      token: headerValue(req, "x-amz-security-token")
    };
  }
  const credential = query?.get("X-Amz-Credential");
  const m = credential ? CREDENTIAL.exec(credential) : null;
  if (!query || !m) return void 0;
  return {
    accessKeyId: m[1],
    date: m[2],
    region: m[3],
    service: m[4],
    signedHeaders: (query.get("X-Amz-SignedHeaders") ?? "").split(";").filter(Boolean),
    signature: query.get("X-Amz-Signature") ?? "",
    amzDate: query.get("X-Amz-Date") ?? void 0,
    presigned: true,
    token: query.get("X-Amz-Security-Token") ?? void 0
  };
}
function uriEncode(value) {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  );
}
function decode(value) {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
function canonicalUri(rawPath, s3) {
  if (s3) return rawPath === "" ? "/" : rawPath;
  const segments = [];
  for (const segment of rawPath.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && rawPath.endsWith("/") ? "/" : "";
  return `/${segments.map(uriEncode).join("/")}${trailing}`;
}
function canonicalQuery(rawQuery, presigned2) {
  const pairs = [];
  for (const part of rawQuery.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const name = uriEncode(decode(eq < 0 ? part : part.slice(0, eq)));
    if (presigned2 && name === "X-Amz-Signature") continue;
    pairs.push([name, uriEncode(decode(eq < 0 ? "" : part.slice(eq + 1)))]);
  }
  pairs.sort(([a, av], [b, bv]) => a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0);
  return pairs.map(([k, v]) => `${k}=${v}`).join("&");
}
function canonicalHeaders(req, signed) {
  const values = /* @__PURE__ */ new Map();
  const wanted = new Set(signed);
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i].toLowerCase();
    if (!wanted.has(name)) continue;
    const list = values.get(name) ?? [];
    list.push(req.rawHeaders[i + 1].trim().replace(/\s+/g, " "));
    values.set(name, list);
  }
  return signed.map((name) => `${name}:${(values.get(name) ?? []).join(",")}
`).join("");
}
function sha256Hex(data) {
  return (0, import_node_crypto.createHash)("sha256").update(data).digest("hex");
}
function deriveSigningKey(secret, date2, region, service) {
  const kDate = (0, import_node_crypto.createHmac)("sha256", `AWS4${secret}`).update(date2).digest();
  const kRegion = (0, import_node_crypto.createHmac)("sha256", kDate).update(region).digest();
  const kService = (0, import_node_crypto.createHmac)("sha256", kRegion).update(service).digest();
  return (0, import_node_crypto.createHmac)("sha256", kService).update("aws4_request").digest();
}
function checkSignature(req, auth, signingKey2, payloadHash, s3) {
  const target = req.url ?? "/";
  const q = target.indexOf("?");
  const rawPath = q < 0 ? target : target.slice(0, q);
  const rawQuery = q < 0 ? "" : target.slice(q + 1);
  const canonicalRequest = [
    req.method ?? "GET",
    canonicalUri(rawPath, s3),
    canonicalQuery(rawQuery, auth.presigned),
    canonicalHeaders(req, auth.signedHeaders),
    auth.signedHeaders.join(";"),
    payloadHash
  ].join("\n");
  const stringToSign = [
    "AWS4-HMAC-SHA256",
    auth.amzDate ?? "",
    `${auth.date}/${auth.region}/${auth.service}/aws4_request`,
    sha256Hex(canonicalRequest)
  ].join("\n");
  const expected = (0, import_node_crypto.createHmac)("sha256", signingKey2).update(stringToSign).digest();
  const provided = Buffer.from(auth.signature, "hex");
  const valid = auth.amzDate !== void 0 && provided.length === expected.length && auth.signature.length === 64 && (0, import_node_crypto.timingSafeEqual)(provided, expected);
  return { valid, canonicalRequest, stringToSign };
}
var SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
var S3_SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature you provided. Check your key and signing method.";

// packages/sim/src/core/identity.ts
var DEFAULT_ACCOUNT = "000000000000";
var DEFAULT_REGION = "us-east-1";
function staticPrincipal(accessKeyId, account) {
  return { account, arn: `arn:aws:iam::${account}:root`, userId: account, accessKeyId };
}
var CredentialStore = class {
  issued = /* @__PURE__ */ new Map();
  /** Derived SigV4 signing keys of issued credentials, by `accessKeyId/date/region/service`. */
  signingKeys = /* @__PURE__ */ new Map();
  issue(principal, durationSeconds, now) {
    const accessKeyId = `ASIA${(0, import_node_crypto2.randomBytes)(8).toString("hex").toUpperCase()}`;
    const creds = {
      accessKeyId,
      secretAccessKey: (0, import_node_crypto2.randomBytes)(30).toString("base64"),
      sessionToken: `IQoJb3JpZ2luX2VjE${(0, import_node_crypto2.randomBytes)(96).toString("base64")}`,
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
  /**
   * The SigV4 signing key of credentials STS issued, derived once per day, region and service; undefined for the
   * static keys (`test`, an account id), whose signatures are not checked.
   */
  signingKey(accessKeyId, date2, region, service) {
    const creds = this.issued.get(accessKeyId);
    if (!creds) return void 0;
    const id = `${accessKeyId}/${date2}/${region}/${service}`;
    let key = this.signingKeys.get(id);
    if (!key) {
      if (this.signingKeys.size >= 1e4) this.signingKeys.clear();
      key = deriveSigningKey(creds.secretAccessKey, date2, region, service);
      this.signingKeys.set(id, key);
    }
    return key;
  }
  clear() {
    this.issued.clear();
    this.signingKeys.clear();
  }
  list() {
    return [...this.issued.values()];
  }
};

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
var FAULT_KINDS = ["drop", "throttle", "error5xx", "loseResponse"];
var FAULT_KEYS = /* @__PURE__ */ new Set([...FAULT_KINDS, "latencyMs", "times"]);
var RESOURCE_OPERATIONS = /* @__PURE__ */ new Set(["create", "update", "delete", "any"]);
var RULE_KEYS = /* @__PURE__ */ new Set([
  "image",
  "command",
  "api",
  "task",
  "fault",
  "scan",
  "http",
  "resource",
  "capacity",
  "circuitBreaker"
]);
function validateStandalone(rule, i) {
  const fail2 = (message) => {
    throw new AwsError("ValidationException", `rules[${i}].${message}`);
  };
  if (rule.capacity !== void 0) {
    const c = rule.capacity;
    if (typeof c !== "object" || c === null || Array.isArray(c)) fail2("capacity must be an object");
    for (const key of Object.keys(c)) {
      if (key !== "provider" && key !== "cluster") fail2(`capacity has an unknown key "${key}"`);
    }
    if (typeof c["provider"] !== "string" || !/^FARGATE/.test(c["provider"]))
      fail2('capacity needs "provider": FARGATE or FARGATE_SPOT (a glob)');
    if (c["cluster"] !== void 0 && typeof c["cluster"] !== "string")
      fail2('capacity "cluster" must be a glob string');
  }
  if (rule.circuitBreaker !== void 0) {
    const c = rule.circuitBreaker;
    if (typeof c !== "object" || c === null || Array.isArray(c)) fail2("circuitBreaker must be an object");
    for (const key of Object.keys(c)) {
      if (key !== "countExitsAfterRunning") fail2(`circuitBreaker has an unknown key "${key}"`);
    }
    if (typeof c["countExitsAfterRunning"] !== "boolean")
      fail2('circuitBreaker needs "countExitsAfterRunning": true or false');
  }
}
function validateResourceFailure(value, i) {
  const fail2 = (message) => {
    throw new AwsError("ValidationException", `rules[${i}].resource ${message}`);
  };
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail2("must be an object");
  const spec = value;
  for (const key of Object.keys(spec)) {
    if (!["logicalId", "type", "stack", "fail", "on"].includes(key)) fail2(`has an unknown key "${key}"`);
  }
  if (typeof spec["fail"] !== "string" || spec["fail"].length === 0)
    fail2('needs "fail", the reason, as a string');
  for (const key of ["logicalId", "type", "stack"]) {
    if (spec[key] !== void 0 && typeof spec[key] !== "string") fail2(`"${key}" must be a glob string`);
  }
  if (spec["on"] !== void 0 && !RESOURCE_OPERATIONS.has(String(spec["on"]))) {
    fail2('"on" must be create, update, delete or any');
  }
}
function validateFault(value, i) {
  const fail2 = (message) => {
    throw new AwsError("ValidationException", `rules[${i}].fault ${message}`);
  };
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail2("must be an object");
  const spec = value;
  for (const key of Object.keys(spec)) if (!FAULT_KEYS.has(key)) fail2(`has an unknown key "${key}"`);
  for (const kind of FAULT_KINDS) {
    const p = spec[kind];
    if (p !== void 0 && (typeof p !== "number" || !(p >= 0 && p <= 1)))
      fail2(`"${kind}" must be a probability from 0 to 1`);
  }
  const latency = spec["latencyMs"];
  if (latency !== void 0 && (typeof latency !== "number" || !Number.isFinite(latency) || latency < 0))
    fail2('"latencyMs" must be a number of milliseconds, 0 or more');
  const times = spec["times"];
  if (times !== void 0) {
    if (typeof times !== "number" || !Number.isInteger(times) || times < 1)
      fail2('"times" must be a whole number, 1 or more');
    if (!FAULT_KINDS.some((kind) => typeof spec[kind] === "number" && spec[kind] > 0))
      fail2('"times" counts the calls the rule strikes: it needs drop, throttle, error5xx or loseResponse');
  }
}
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
    if (r.capacity !== void 0 || r.circuitBreaker !== void 0) {
      validateStandalone(r, i);
      const others = Object.keys(r).filter((k) => k !== "capacity" && k !== "circuitBreaker");
      if (others.length > 0) {
        throw new AwsError(
          "ValidationException",
          `rules[${i}] with capacity or circuitBreaker takes no other keys (found "${others[0]}")`
        );
      }
      return r;
    }
    if (r.resource !== void 0) {
      validateResourceFailure(r.resource, i);
      if (r.image !== void 0 || r.command !== void 0 || r.api !== void 0) {
        throw new AwsError(
          "ValidationException",
          `rules[${i}] matches a resource on its own fields, not on image, command or api`
        );
      }
      return r;
    }
    if (r.image === void 0 && r.command === void 0 && r.api === void 0) {
      throw new AwsError("ValidationException", `rules[${i}] must match on image, command or api`);
    }
    if (r.fault !== void 0) {
      validateFault(r.fault, i);
      if (r.api === void 0) {
        throw new AwsError("ValidationException", `rules[${i}].fault strikes calls: the rule needs "api"`);
      }
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
  /** How many calls each fault rule has struck, for `times` (kept across a refused seed's restore). */
  strikes = /* @__PURE__ */ new WeakMap();
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
  /** The merged fault spec of the rules matching `service:action` that are not spent. */
  fault(service, action) {
    const out = {};
    for (const rule of this.faultRules(service, action)) Object.assign(out, rule.fault);
    return out;
  }
  /**
   * Draws the fault of one call of `service:action`: drop, throttle, error5xx, then loseResponse, each with the
   * probability the merged rules give it (the later rule wins a field), stopping at the first that strikes. The
   * strike counts against the rule that gave the probability, which is spent once it has struck `times` calls.
   */
  strike(service, action) {
    const source = /* @__PURE__ */ new Map();
    for (const rule of this.faultRules(service, action)) {
      for (const kind of FAULT_KINDS) {
        const probability = rule.fault[kind];
        if (probability !== void 0) source.set(kind, { probability, rule });
      }
    }
    for (const kind of FAULT_KINDS) {
      const drawn = source.get(kind);
      if (!drawn?.probability || this.random() >= drawn.probability) continue;
      this.strikes.set(drawn.rule, (this.strikes.get(drawn.rule) ?? 0) + 1);
      return kind;
    }
    return void 0;
  }
  faultRules(service, action) {
    const name = `${service}:${action}`;
    return this.rules.filter(
      (rule) => rule.fault !== void 0 && rule.api !== void 0 && globMatch(rule.api, name) && (rule.fault.times === void 0 || (this.strikes.get(rule) ?? 0) < rule.fault.times)
    );
  }
  /** Whether a capacity rule took the capacity provider away in this cluster. */
  capacityUnavailable(provider, cluster) {
    return this.rules.some(
      (rule) => rule.capacity !== void 0 && globMatch(rule.capacity.provider, provider) && (rule.capacity.cluster === void 0 || globMatch(rule.capacity.cluster, cluster))
    );
  }
  /** Whether the circuit breaker counts an essential container's exit after RUNNING (the last rule decides). */
  countsExitsAfterRunning() {
    let counts = false;
    for (const rule of this.rules)
      if (rule.circuitBreaker) counts = rule.circuitBreaker.countExitsAfterRunning;
    return counts;
  }
  /** The reason a CloudFormation resource operation fails with, when a resource rule matches it. */
  resourceFailure(target) {
    let reason;
    for (const rule of this.rules) {
      const r = rule.resource;
      if (!r) continue;
      if (r.on !== void 0 && r.on !== "any" && r.on !== target.operation) continue;
      if (r.logicalId !== void 0 && !globMatch(r.logicalId, target.logicalId)) continue;
      if (r.type !== void 0 && !globMatch(r.type, target.type)) continue;
      if (r.stack !== void 0 && !globMatch(r.stack, target.stack)) continue;
      reason = r.fail;
    }
    return reason;
  }
  matchesContainer(rule, imageRefs2, command) {
    if (rule.api !== void 0) return false;
    if (rule.image !== void 0 && !imageRefs2.some((ref) => globMatch(rule.image, ref))) return false;
    if (rule.command !== void 0 && (command === void 0 || !globMatch(rule.command, command)))
      return false;
    return true;
  }
};

// packages/sim/src/core/authorization.ts
var allowEverything = { enforces: () => false, evaluate: () => void 0 };
function denialMessage(denial, options = {}) {
  const resource = options.quoteResource ? `"${denial.resource}"` : denial.resource;
  const article = denial.policyType === "identity-based" ? "an" : "a";
  const why = denial.explicit ? `with an explicit deny in ${article} ${denial.policyType} policy` : `because no ${denial.policyType} policy allows the ${denial.action} action`;
  return `User: ${denial.principal} is not authorized to perform: ${denial.action} on resource: ${resource} ${why}`;
}
function accessDeniedFor(denial, protocol) {
  return protocol === "query" ? new AwsError("AccessDenied", denialMessage(denial), 403) : new AwsError("AccessDeniedException", denialMessage(denial), 400);
}
function arnAccount(arn) {
  if (!arn.startsWith("arn:")) return void 0;
  const account = arn.split(":")[4];
  return account === void 0 || account === "" ? void 0 : account;
}

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
  const requestId = (0, import_node_crypto3.randomUUID)();
  const body = await readBody(req, MAX_JSON_BODY);
  const target = req.headers["x-amz-target"];
  const sig = sigV4Of(req, void 0);
  let call;
  let status = 200;
  let errorCode;
  let errorMessage;
  let principal;
  let lost = false;
  const now = sim.clock.now();
  const region = sig?.region ?? DEFAULT_REGION;
  const reply = (code, payload, contentType2) => {
    if (lost) {
      closeWithoutAnswer(req);
      return;
    }
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
    const query = service.protocol === "query";
    const fault = await injectFault(sim, service.name, action, req, {
      throttled: () => new AwsError(query ? "Throttling" : "ThrottlingException", "Rate exceeded", 400),
      unavailable: () => new AwsError(
        query ? "ServiceUnavailable" : "ServiceUnavailableException",
        "Service is temporarily unavailable",
        503
      )
    });
    if (fault === "drop") {
      status = 0;
      errorCode = "ConnectionDropped";
      return;
    }
    lost = fault === "loseResponse";
    if (!(service.unsignedActions ?? []).includes(action)) {
      if (!sig) {
        throw new AwsError(
          service.protocol === "query" ? "MissingAuthenticationToken" : "MissingAuthenticationTokenException",
          "Request is missing Authentication Token",
          403
        );
      }
      principal = sim.credentials.resolve(sig.accessKeyId, sig.token, now, service.name);
      const signingKey2 = sim.credentials.signingKey(sig.accessKeyId, sig.date, sig.region, sig.service);
      if (signingKey2) {
        const payloadHash = req.headers["x-amz-content-sha256"] === "UNSIGNED-PAYLOAD" ? "UNSIGNED-PAYLOAD" : sha256Hex(body);
        if (!checkSignature(req, sig, signingKey2, payloadHash, false).valid) {
          throw new AwsError(
            query ? "SignatureDoesNotMatch" : "InvalidSignatureException",
            SIGNATURE_MISMATCH,
            403
          );
        }
      }
    }
    const handler = service.actions[action];
    if (!handler) {
      throw service.protocol === "query" ? new AwsError("InvalidAction", `The action ${action} is not valid for this web service.`) : new AwsError(
        "UnknownOperationException",
        `The operation ${action} is not supported by the simulator.`
      );
    }
    sim.advance();
    const ctx = {
      sim,
      service: service.name,
      action,
      account: principal?.account ?? "",
      region,
      principal,
      requestId,
      now: sim.clock.now()
    };
    if (principal && sim.authorizer.enforces(principal)) {
      const checks = service.permissions?.(ctx, call.input) ?? [
        { action: `${service.name}:${action}`, resource: "*" }
      ];
      const denial = sim.authorizer.evaluate(principal, checks, region);
      if (denial) throw accessDeniedFor(denial, service.protocol);
    }
    const result = await handler(ctx, call.input);
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
    errorMessage = e.message;
    if (call?.service.protocol === "query" || call === void 0 && typeof target !== "string") {
      reply(
        e.status,
        queryError(call?.service.xmlNamespace ?? "", e.type, e.code, e.message, requestId),
        "text/xml"
      );
    } else {
      res.setHeader("x-amzn-errortype", e.code);
      reply(
        e.status,
        JSON.stringify({ __type: e.code, message: e.message, ...e.fields }),
        "application/x-amz-json-1.1"
      );
    }
  } finally {
    sim.calls.add({
      time: new Date(now).toISOString(),
      realTime: Date.now(),
      service: call?.service.name ?? sig?.service ?? "unknown",
      action: call?.action ?? "unknown",
      status,
      ...errorCode !== void 0 ? { errorCode } : {},
      ...errorMessage !== void 0 ? { errorMessage } : {},
      ...principal ? { account: principal.account, principal: principal.arn } : {},
      region,
      requestId,
      ...lost ? { lost: true } : {}
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
    const route = sim.routes.find((r) => r.claims?.(req, url) === true) ?? sim.routes.find((r) => r.claimsHost?.(host) === true) ?? sim.routes.filter(
      (r) => r.claimsHost === void 0 && r.claims === void 0 && (url.pathname === r.prefix || url.pathname.startsWith(r.prefix.endsWith("/") ? r.prefix : `${r.prefix}/`))
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

// packages/sim/src/core/execution-secrets.ts
var everySecretResolves = {
  missingParameters: () => [],
  secretProblem: () => void 0,
  environmentFileProblem: () => void 0
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
  /** Where ECS looks up a task's secrets: SSM and Secrets Manager once their modules are installed. */
  executionSecrets = everySecretResolves;
  /** Who may do what: IAM's permission policies once the STS module is installed. */
  authorizer = allowEverything;
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

// packages/sim/src/cloudformation/model.ts
var import_node_crypto4 = require("node:crypto");
function cfnState(sim) {
  return sim.store("cloudformation", () => ({
    stacks: /* @__PURE__ */ new Map(),
    changeSets: /* @__PURE__ */ new Map(),
    drifts: /* @__PURE__ */ new Map()
  }));
}
var parameterText = (p) => typeof p.value === "string" ? p.value : p.value.reveal();
var stackArn = (region, account, name) => `arn:aws:cloudformation:${region}:${account}:stack/${name}/${(0, import_node_crypto4.randomUUID)()}`;
var changeSetArn = (region, account, name) => `arn:aws:cloudformation:${region}:${account}:changeSet/${name}/${(0, import_node_crypto4.randomUUID)()}`;
var isArn = (s) => s.startsWith("arn:");
function findStack(sim, account, region, nameOrId) {
  const stacks = cfnState(sim).stacks;
  if (isArn(nameOrId)) {
    const s = stacks.get(nameOrId);
    return s && s.account === account && s.region === region ? s : void 0;
  }
  for (const s of stacks.values()) {
    if (s.account === account && s.region === region && s.name === nameOrId && s.status !== "DELETE_COMPLETE")
      return s;
  }
  return void 0;
}
function addEvent(stack, at, event2) {
  stack.events.push({
    // Unique per event: the CDK toolkit's activity monitor tells events apart by id, and two events of one
    // resource can share a status and a millisecond (CREATE_IN_PROGRESS, then "Resource creation Initiated").
    eventId: event2.type === "AWS::CloudFormation::Stack" ? (0, import_node_crypto4.randomUUID)() : `${event2.logicalId}-${(0, import_node_crypto4.randomUUID)()}`,
    timestamp: at,
    ...event2
  });
}
function setStackStatus(stack, at, status, reason) {
  stack.status = status;
  if (reason !== void 0) stack.statusReason = reason;
  else delete stack.statusReason;
  addEvent(stack, at, {
    logicalId: stack.name,
    physicalId: stack.id,
    type: "AWS::CloudFormation::Stack",
    status,
    ...reason !== void 0 ? { reason } : {}
  });
}
function exportsOf(sim, account, region) {
  const out = /* @__PURE__ */ new Map();
  for (const s of cfnState(sim).stacks.values()) {
    if (s.account !== account || s.region !== region || s.status === "DELETE_COMPLETE") continue;
    for (const o of s.outputs)
      if (o.exportName !== void 0) out.set(o.exportName, { value: o.value, stackId: s.id });
  }
  return out;
}
function applySpec(stack, spec) {
  delete stack.description;
  delete stack.roleArn;
  Object.assign(stack, specOf(spec));
}
function specOf(stack) {
  return {
    template: stack.template,
    templateBody: stack.templateBody,
    parameters: stack.parameters,
    capabilities: stack.capabilities,
    tags: stack.tags,
    ...stack.description !== void 0 ? { description: stack.description } : {},
    ...stack.roleArn !== void 0 ? { roleArn: stack.roleArn } : {}
  };
}

// packages/sim/src/cloudformation/template.ts
var import_yaml = __toESM(require_dist());
var SHORT_FORMS = {
  Ref: "Ref",
  Condition: "Condition",
  ...Object.fromEntries(
    [
      "GetAtt",
      "Sub",
      "Join",
      "Select",
      "Split",
      "If",
      "Equals",
      "Not",
      "And",
      "Or",
      "FindInMap",
      "Base64",
      "GetAZs",
      "ImportValue",
      "Cidr",
      "Contains",
      "EachMemberEquals",
      "EachMemberIn",
      "RefAll",
      "ValueOf",
      "ValueOfAll",
      "Length",
      "ToJsonString",
      "Transform"
    ].map((name) => [name, `Fn::${name}`])
  )
};
var YAML_TAGS = Object.entries(SHORT_FORMS).flatMap(([short, key]) => [
  {
    tag: `!${short}`,
    resolve: (value) => (
      // `!GetAtt A.B` is the one short form whose scalar means a list.
      short === "GetAtt" ? { [key]: splitGetAtt(value) } : { [key]: value }
    )
  },
  {
    tag: `!${short}`,
    collection: "seq",
    resolve: (seq) => ({ [key]: seq.toJSON() })
  },
  {
    tag: `!${short}`,
    collection: "map",
    resolve: (map) => ({ [key]: map.toJSON() })
  }
]);
function splitGetAtt(value) {
  const dot = value.indexOf(".");
  return dot < 0 ? [value, ""] : [value.slice(0, dot), value.slice(dot + 1)];
}
var formatError = (message) => new AwsError("ValidationError", `Template format error: ${message}`);
function parseTemplate(body) {
  let doc;
  const trimmed = body.trimStart();
  if (trimmed.startsWith("{")) {
    try {
      doc = JSON.parse(body);
    } catch (err) {
      throw formatError(`JSON not well-formed. (${err.message})`);
    }
  } else {
    try {
      doc = (0, import_yaml.parse)(body, { customTags: YAML_TAGS, maxAliasCount: 100, uniqueKeys: true });
    } catch (err) {
      throw formatError(`YAML not well-formed. (${err.message.split("\n")[0] ?? ""})`);
    }
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw formatError("unsupported structure.");
  }
  const t = doc;
  const known = /* @__PURE__ */ new Set([
    "AWSTemplateFormatVersion",
    "Description",
    "Metadata",
    "Parameters",
    "Mappings",
    "Conditions",
    "Rules",
    "Transform",
    "Resources",
    "Outputs"
  ]);
  const unknown = Object.keys(t).filter((k) => !known.has(k));
  if (unknown.length > 0)
    throw formatError(`Invalid template property or properties [${unknown.join(", ")}]`);
  const resources = t["Resources"];
  if (typeof resources !== "object" || resources === null || Object.keys(resources).length === 0) {
    throw formatError("At least one Resources member must be defined.");
  }
  for (const [id, res] of Object.entries(resources)) {
    if (!/^[A-Za-z0-9]+$/.test(id)) throw formatError(`Resource name ${id} is non alphanumeric.`);
    if (typeof res !== "object" || res === null || typeof res.Type !== "string") {
      throw formatError(`[/Resources/${id}] Every Resources object must contain a Type member.`);
    }
  }
  if (t["AWSTemplateFormatVersion"] !== void 0 && String(t["AWSTemplateFormatVersion"]) !== "2010-09-09") {
    throw formatError(`Unsupported template version: ${String(t["AWSTemplateFormatVersion"])}`);
  }
  for (const [name, p] of Object.entries(t["Parameters"] ?? {})) {
    if (typeof p !== "object" || p === null || typeof p.Type !== "string") {
      throw formatError(`[/Parameters/${name}] Every Parameters object must contain a Type member.`);
    }
  }
  return t;
}
var PSEUDO_PARAMETERS = /* @__PURE__ */ new Set([
  "AWS::AccountId",
  "AWS::NotificationARNs",
  "AWS::NoValue",
  "AWS::Partition",
  "AWS::Region",
  "AWS::StackId",
  "AWS::StackName",
  "AWS::URLSuffix"
]);
function referencesIn(value, out = /* @__PURE__ */ new Set()) {
  if (Array.isArray(value)) {
    for (const v of value) referencesIn(v, out);
    return out;
  }
  if (typeof value !== "object" || value === null) return out;
  const entries = Object.entries(value);
  if (entries.length === 1) {
    const [key, arg] = entries[0];
    if (key === "Ref" && typeof arg === "string") {
      out.add(arg);
      return out;
    }
    if (key === "Fn::GetAtt") {
      const parts = typeof arg === "string" ? splitGetAtt(arg) : arg;
      if (Array.isArray(parts) && typeof parts[0] === "string") out.add(parts[0]);
      return out;
    }
    if (key === "Fn::Sub") {
      const [text, vars] = typeof arg === "string" ? [arg, {}] : Array.isArray(arg) ? [arg[0], arg[1] ?? {}] : ["", {}];
      const local = new Set(Object.keys(vars ?? {}));
      if (typeof text === "string") {
        for (const name of subNames(text)) {
          const target = name.includes(".") ? splitGetAtt(name)[0] : name;
          if (!local.has(name) && !local.has(target)) out.add(target);
        }
      }
      referencesIn(vars, out);
      return out;
    }
  }
  for (const [, v] of entries) referencesIn(v, out);
  return out;
}
function subNames(text) {
  const names = [];
  for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
    const name = m[1].trim();
    if (!name.startsWith("!")) names.push(name);
  }
  return names;
}
function dependenciesOf(template, logicalId) {
  const res = template.Resources[logicalId];
  const deps = /* @__PURE__ */ new Set();
  for (const ref of referencesIn(res.Properties ?? {})) if (ref in template.Resources) deps.add(ref);
  const dependsOn = res.DependsOn === void 0 ? [] : Array.isArray(res.DependsOn) ? res.DependsOn : [res.DependsOn];
  for (const d of dependsOn) deps.add(d);
  deps.delete(logicalId);
  return [...deps];
}
function checkReferences(template) {
  const params = new Set(Object.keys(template.Parameters ?? {}));
  const resources = new Set(Object.keys(template.Resources));
  const known = (name) => params.has(name) || resources.has(name) || PSEUDO_PARAMETERS.has(name);
  const unresolved = (block, names) => {
    if (names.length > 0) {
      throw formatError(
        `Unresolved resource dependencies [${names.join(", ")}] in the ${block} block of the template`
      );
    }
  };
  const missing = [];
  for (const res of Object.values(template.Resources)) {
    for (const ref of referencesIn(res.Properties ?? {})) if (!known(ref)) missing.push(ref);
    const dependsOn = res.DependsOn === void 0 ? [] : Array.isArray(res.DependsOn) ? res.DependsOn : [res.DependsOn];
    for (const d of dependsOn) {
      if (!resources.has(d)) missing.push(d);
    }
    if (res.Condition !== void 0 && !(res.Condition in (template.Conditions ?? {}))) {
      throw formatError(
        `Unresolved dependencies [${res.Condition}]. Cannot reference resources in the Conditions block of the template`
      );
    }
  }
  unresolved("Resources", [...new Set(missing)]);
  const outputMissing = [];
  for (const out of Object.values(template.Outputs ?? {})) {
    for (const ref of referencesIn(out)) if (!known(ref)) outputMissing.push(ref);
  }
  unresolved("Outputs", [...new Set(outputMissing)]);
  order(template, Object.keys(template.Resources));
}
function order(template, ids) {
  const included = new Set(ids);
  const done = /* @__PURE__ */ new Set();
  const out = [];
  let remaining2 = ids.slice();
  while (remaining2.length > 0) {
    const ready = remaining2.filter(
      (id) => dependenciesOf(template, id).every((d) => !included.has(d) || done.has(d))
    );
    if (ready.length === 0) {
      throw formatError(`Circular dependency between resources: [${remaining2.join(", ")}]`);
    }
    for (const id of ready) {
      done.add(id);
      out.push(id);
    }
    remaining2 = remaining2.filter((id) => !done.has(id));
  }
  return out;
}
var IAM_TYPES = {
  "AWS::IAM::AccessKey": void 0,
  "AWS::IAM::Group": "GroupName",
  "AWS::IAM::InstanceProfile": "InstanceProfileName",
  "AWS::IAM::ManagedPolicy": "ManagedPolicyName",
  "AWS::IAM::Policy": void 0,
  "AWS::IAM::Role": "RoleName",
  "AWS::IAM::User": "UserName",
  "AWS::IAM::UserToGroupAddition": void 0
};
function requiredCapabilities(template) {
  const iam = [];
  let named = false;
  for (const [id, res] of Object.entries(template.Resources)) {
    if (!(res.Type in IAM_TYPES)) continue;
    iam.push(id);
    const nameProp = IAM_TYPES[res.Type];
    if (nameProp !== void 0 && res.Properties?.[nameProp] !== void 0) named = true;
  }
  const capabilities = [];
  if (iam.length > 0) capabilities.push(named ? "CAPABILITY_NAMED_IAM" : "CAPABILITY_IAM");
  const macros = template.Transform !== void 0;
  if (macros) capabilities.push("CAPABILITY_AUTO_EXPAND");
  if (capabilities.length === 0) return { capabilities };
  return {
    capabilities,
    reason: iam.length > 0 ? `The following resource(s) require capabilities: [${[...new Set(iam.map((id) => template.Resources[id].Type))].join(", ")}]` : "The template contains macros."
  };
}
function checkCapabilities(template, given) {
  const { capabilities } = requiredCapabilities(template);
  const iamNeeded = capabilities.find((c) => c.endsWith("_IAM"));
  if (iamNeeded === void 0) return;
  const ok = given.includes("CAPABILITY_NAMED_IAM") || iamNeeded === "CAPABILITY_IAM" && given.includes("CAPABILITY_IAM");
  if (!ok) {
    throw new AwsError("InsufficientCapabilitiesException", `Requires capabilities : [${iamNeeded}]`);
  }
}

// packages/sim/src/cloudformation/intrinsics.ts
var NO_VALUE = /* @__PURE__ */ Symbol("AWS::NoValue");
var templateError = (message) => new AwsError("ValidationError", `Template error: ${message}`);
function pseudo(scope, name) {
  switch (name) {
    case "AWS::AccountId":
      return scope.account;
    case "AWS::Region":
      return scope.region;
    case "AWS::StackName":
      return scope.stackName;
    case "AWS::StackId":
      return scope.stackId;
    case "AWS::Partition":
      return "aws";
    case "AWS::URLSuffix":
      return "amazonaws.com";
    case "AWS::NotificationARNs":
      return scope.notificationArns ?? [];
    case "AWS::NoValue":
      return NO_VALUE;
    default:
      return void 0;
  }
}
function refOf(scope, name) {
  if (name.startsWith("AWS::")) {
    const v = pseudo(scope, name);
    if (v === void 0) throw templateError(`Unresolved resource dependencies [${name}]`);
    return v;
  }
  const param = scope.parameters.get(name);
  if (param !== void 0) return param;
  const physical = scope.ref(name);
  if (physical === void 0) {
    throw new AwsError(
      "ValidationError",
      `Template format error: Unresolved resource dependencies [${name}] in the Resources block of the template`
    );
  }
  return physical;
}
function asString(value, fn) {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw templateError(`every ${fn} object requires a string value`);
}
function asList(value, fn) {
  if (!Array.isArray(value)) throw templateError(`every ${fn} object requires a list`);
  return value;
}
function conditionHolds(scope, name, seen = []) {
  const decl = scope.template.Conditions?.[name];
  if (decl === void 0) throw templateError(`unresolved condition dependency ${name} in Fn::If`);
  if (seen.includes(name))
    throw templateError(`circular condition dependency [${[...seen, name].join(", ")}]`);
  const v = evaluateWith(scope, decl, [...seen, name]);
  if (typeof v !== "boolean") throw templateError(`condition ${name} does not evaluate to a boolean`);
  return v;
}
function evaluate(scope, value) {
  return evaluateWith(scope, value, []);
}
function evaluateWith(scope, value, seen) {
  const ev = (v) => evaluateWith(scope, v, seen);
  if (Array.isArray(value)) return value.map(ev).filter((v) => v !== NO_VALUE);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value);
  if (entries.length === 1) {
    const [key, arg] = entries[0];
    if (key === "Ref") return refOf(scope, asString(arg, "Ref"));
    if (key === "Condition" && typeof arg === "string") return conditionHolds(scope, arg, seen);
    if (key.startsWith("Fn::")) return intrinsic(scope, key, arg, ev, seen);
  }
  const out = {};
  for (const [k, v] of entries) {
    const r = ev(v);
    if (r !== NO_VALUE) out[k] = r;
  }
  return out;
}
function boolOf(v, fn) {
  if (typeof v === "boolean") return v;
  if (v === "true" || v === "false") return v === "true";
  throw templateError(`${fn} requires boolean conditions`);
}
function intrinsic(scope, fn, arg, ev, seen) {
  switch (fn) {
    case "Fn::GetAtt": {
      const parts = typeof arg === "string" ? splitGetAtt(arg) : asList(arg, fn);
      const id = asString(parts[0], fn);
      const attr = asString(ev(parts[1]), fn);
      if (scope.ref(id) === void 0)
        throw templateError(`instance of Fn::GetAtt references undefined resource ${id}`);
      return scope.getAtt(id, attr);
    }
    case "Fn::Sub":
      return substitute(scope, arg, ev);
    case "Fn::Join": {
      const [delim, list] = asList(arg, fn);
      const items = ev(list);
      return asList(items, fn).map((i) => asString(i, fn)).join(asString(delim, fn));
    }
    case "Fn::Select": {
      const [index, list] = asList(arg, fn);
      const i = Number(ev(index));
      const items = asList(ev(list), fn);
      if (!Number.isInteger(i) || i < 0 || i >= items.length)
        throw templateError("Fn::Select cannot select nonexistent value at index " + String(i));
      return items[i];
    }
    case "Fn::Split": {
      const [delim, text] = asList(arg, fn);
      return asString(ev(text), fn).split(asString(delim, fn));
    }
    case "Fn::If": {
      const [cond, whenTrue, whenFalse] = asList(arg, fn);
      return conditionHolds(scope, asString(cond, fn), seen) ? ev(whenTrue) : ev(whenFalse);
    }
    case "Fn::Equals": {
      const [a, b] = asList(arg, fn);
      return JSON.stringify(normalise(ev(a))) === JSON.stringify(normalise(ev(b)));
    }
    case "Fn::Not": {
      const [a] = asList(arg, fn);
      return !boolOf(ev(a), fn);
    }
    case "Fn::And":
      return asList(arg, fn).every((c) => boolOf(ev(c), fn));
    case "Fn::Or":
      return asList(arg, fn).some((c) => boolOf(ev(c), fn));
    case "Fn::Contains": {
      const [list, v] = asList(arg, fn);
      const needle = JSON.stringify(normalise(ev(v)));
      return asList(ev(list), fn).some((i) => JSON.stringify(normalise(i)) === needle);
    }
    case "Fn::EachMemberEquals": {
      const [list, v] = asList(arg, fn);
      const want = JSON.stringify(normalise(ev(v)));
      return asList(ev(list), fn).every((i) => JSON.stringify(normalise(i)) === want);
    }
    case "Fn::EachMemberIn": {
      const [list, allowed] = asList(arg, fn);
      const pool = asList(ev(allowed), fn).map((i) => JSON.stringify(normalise(i)));
      return asList(ev(list), fn).every((i) => pool.includes(JSON.stringify(normalise(i))));
    }
    case "Fn::FindInMap": {
      const [map, top, second] = asList(arg, fn).map(ev);
      const m = scope.template.Mappings?.[asString(map, fn)];
      const v = m?.[asString(top, fn)]?.[asString(second, fn)];
      if (v === void 0) {
        throw templateError(`Unable to get mapping for ${String(map)}::${String(top)}::${String(second)}`);
      }
      return v;
    }
    case "Fn::Base64":
      return Buffer.from(asString(ev(arg), fn), "utf8").toString("base64");
    case "Fn::GetAZs": {
      const region = asString(ev(arg ?? ""), fn) || scope.region;
      return ["a", "b", "c"].map((s) => `${region}${s}`);
    }
    case "Fn::ImportValue":
      return scope.importValue(asString(ev(arg), fn));
    case "Fn::Length":
      return asList(ev(arg), fn).length;
    case "Fn::ToJsonString":
      return JSON.stringify(ev(arg));
    case "Fn::Cidr": {
      const [block, count, bits] = asList(arg, fn).map(ev);
      return cidrs(asString(block, fn), Number(count), Number(bits));
    }
    default:
      throw templateError(`Encountered unsupported function: ${fn}`);
  }
}
function normalise(v) {
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return v.map(normalise);
  return v;
}
function substitute(scope, arg, ev) {
  const [text, varsRaw] = typeof arg === "string" ? [arg, {}] : asList(arg, "Fn::Sub");
  const vars = ev(varsRaw ?? {}) ?? {};
  const source = asString(text, "Fn::Sub");
  return source.replace(/\$\{([^}]*)\}/g, (_whole, inner) => {
    const name = inner.trim();
    if (name.startsWith("!")) return `\${${name.slice(1)}}`;
    if (name in vars) return asString(vars[name], "Fn::Sub");
    if (name.includes(".") && !name.startsWith("AWS::")) {
      const [id, attr] = splitGetAtt(name);
      if (scope.ref(id) !== void 0) return asString(scope.getAtt(id, attr), "Fn::Sub");
    }
    const v = refOf(scope, name);
    return Array.isArray(v) ? v.join(",") : asString(v, "Fn::Sub");
  });
}
function cidrs(block, count, bits) {
  const [ip, prefix] = block.split("/");
  const octets = (ip ?? "").split(".").map(Number);
  if (octets.length !== 4 || octets.some((o) => !(o >= 0 && o <= 255)) || prefix === void 0) {
    throw templateError(`Fn::Cidr: invalid ip block ${block}`);
  }
  const base = octets.reduce((a, o) => a * 256 + o, 0);
  const out = [];
  for (let i = 0; i < count; i++) {
    const n = base + i * 2 ** bits;
    out.push(`${[24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".")}/${32 - bits}`);
  }
  return out;
}

// packages/sim/src/core/sealed.ts
var import_node_crypto5 = require("node:crypto");
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
  return `sha256:${(0, import_node_crypto5.createHash)("sha256").update(value).digest("hex").slice(0, 12)}`;
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

// packages/sim/src/ssm/store.ts
var import_node_crypto6 = require("node:crypto");
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
  const digest = (0, import_node_crypto6.createHash)("sha256").update(`${parameterArn(param)}#${version.version}#${version.value.reveal()}`).digest();
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
function compare(actual, option, wanted) {
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
    return values.some((w) => compare(name, option, option === "Contains" ? w : rooted(w)));
  }
  if (key.startsWith("tag:")) {
    const tag = param.tags.find((t) => t.Key === key.slice(4));
    return tag !== void 0 && (values.length === 0 || values.some((w) => compare(tag.Value, option, w)));
  }
  const actual = {
    Type: v.type,
    KeyId: v.keyId,
    Tier: v.tier,
    DataType: v.dataType
  };
  if (key === "Label") return values.some((w) => v.labels.includes(w));
  return values.some((w) => compare(actual[key], option, w));
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
  const parsed2 = parseParameterRef(ctx, ref);
  const param = lookupRef(ctx.sim, parsed2);
  if (!param) return void 0;
  return parameterView(param, selectVersion(param, parsed2.selector), withDecryption, parsed2.selector);
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

// packages/sim/src/ssm/iam.ts
var str = (value) => typeof value === "string" ? value : void 0;
function ssmPermissions(ctx, input) {
  const action = `ssm:${ctx.action}`;
  const arn = (ref) => {
    if (ref.startsWith("arn:")) return ref.replace(/(:parameter\/[^:]*):.*$/, "$1");
    const name = ref.replace(/:[^/:]*$/, "");
    return `arn:aws:ssm:${ctx.region}:${ctx.account}:parameter/${name.replace(/^\//, "")}`;
  };
  switch (ctx.action) {
    case "GetParameter":
    case "PutParameter":
    case "DeleteParameter":
      return [{ action, resource: arn(str(input["Name"]) ?? "") }];
    case "GetParameters":
    case "DeleteParameters": {
      const names = Array.isArray(input["Names"]) ? input["Names"].map(String) : [];
      return names.map((name) => ({ action, resource: arn(name) }));
    }
    case "GetParametersByPath":
      return [
        {
          action,
          resource: arn(str(input["Path"]) ?? "/"),
          context: { "ssm:Recursive": input["Recursive"] === true ? "true" : "false" }
        }
      ];
    default:
      return void 0;
  }
}

// packages/sim/src/ssm/index.ts
function findParameterRef(sim, account, region, ref) {
  return lookupRef(sim, parseParameterRef({ account, region }, ref));
}
function resolves(sim, account, region, ref) {
  const parsed2 = parseParameterRef({ account, region }, ref);
  const param = lookupRef(sim, parsed2);
  if (!param) return false;
  try {
    selectVersion(param, parsed2.selector);
    return true;
  } catch {
    return false;
  }
}
function seedParameters(data, sim) {
  seedEntries("parameters", data, (entry) => {
    const seed = typeof entry === "object" && entry !== null ? entry : {};
    if (typeof seed.name !== "string" || typeof seed.value !== "string") {
      throw new AwsError("ValidationException", 'a parameter needs a string "name" and "value"');
    }
    const str8 = (key) => {
      const value = seed[key];
      if (value === void 0) return void 0;
      if (typeof value !== "string") throw new AwsError("ValidationException", `${key} must be a string`);
      return value;
    };
    const account = str8("account") ?? DEFAULT_ACCOUNT;
    putParameter(sim, {
      account,
      region: str8("region") ?? DEFAULT_REGION,
      name: seed.name,
      value: seed.value,
      type: str8("type") ?? "String",
      overwrite: true,
      ...optional("description", str8("description")),
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
      actions: ssmActions,
      permissions: ssmPermissions
    });
    sim.onSeed("parameters", seedParameters);
    sim.executionSecrets = {
      ...sim.executionSecrets,
      missingParameters: (account, region, refs) => refs.filter((ref) => !resolves(sim, account, region, ref))
    };
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

// packages/sim/src/cloudformation/parameters.ts
var validation = (message) => new AwsError("ValidationError", message);
var SSM_TYPE = /^AWS::SSM::Parameter::Value<(.+)>$/;
function isListType(type) {
  const inner = SSM_TYPE.exec(type)?.[1] ?? type;
  return inner === "CommaDelimitedList" || inner.startsWith("List<");
}
var truthy = (v) => v === true || v === "true" || v === "True";
function resolveParameters(sim, account, region, template, given, previous) {
  const declared = template.Parameters ?? {};
  const unknown = given.filter((p) => !(p.key in declared)).map((p) => p.key);
  if (unknown.length > 0)
    throw validation(`Parameters: [${unknown.join(", ")}] do not exist in the template`);
  const missing = [];
  const out = [];
  for (const [key, decl] of Object.entries(declared)) {
    const input = given.find((p) => p.key === key);
    let value;
    if (input?.usePreviousValue) {
      const prev = previous?.find((p) => p.key === key);
      if (prev === void 0) {
        throw validation(
          `Invalid input for parameter key ${key}. Cannot specify usePreviousValue as true for a parameter key not in the previous template`
        );
      }
      value = parameterText(prev);
    } else if (input?.value !== void 0) {
      value = input.value;
    } else if (decl.Default !== void 0) {
      value = Array.isArray(decl.Default) ? decl.Default.map(String).join(",") : String(decl.Default);
    }
    if (value === void 0) {
      missing.push(key);
      continue;
    }
    checkValue(key, decl, value);
    const noEcho = truthy(decl.NoEcho);
    const param = { key, value: noEcho ? new Sealed(value) : value, noEcho };
    if (SSM_TYPE.test(decl.Type)) param.resolved = readSsm(sim, account, region, value);
    out.push(param);
  }
  if (missing.length > 0) throw validation(`Parameters: [${missing.join(", ")}] must have values`);
  const unreadable = out.filter((p) => p.resolved === "\0").map(parameterText);
  if (unreadable.length > 0) {
    throw validation(
      `Unable to fetch parameters [${unreadable.join(",")}] from parameter store for this account.`
    );
  }
  return out;
}
function readSsm(sim, account, region, name) {
  const param = findParameterRef(sim, account, region, name);
  return param ? plainValue(current(param)) : "\0";
}
function checkValue(key, decl, value) {
  const type = decl.Type;
  const items = isListType(type) ? value.split(",") : [value];
  if (type === "Number" || type === "List<Number>") {
    for (const item of items) {
      if (item.trim() === "" || Number.isNaN(Number(item))) {
        throw validation(`Parameter '${key}' must be a number.`);
      }
    }
  }
  const described = (fallback) => decl.ConstraintDescription ?? fallback;
  if (decl.AllowedValues !== void 0) {
    const allowed = decl.AllowedValues.map(String);
    for (const item of items) {
      if (!allowed.includes(item)) {
        throw validation(`Parameter '${key}' must be one of AllowedValues`);
      }
    }
  }
  if (decl.AllowedPattern !== void 0) {
    const pattern = new RegExp(`^(?:${decl.AllowedPattern})$`);
    for (const item of items) {
      if (!pattern.test(item)) {
        throw validation(
          `Parameter ${key} failed to satisfy constraint: ${described(`Malformed input-Parameter ${key} must match pattern ${decl.AllowedPattern}`)}`
        );
      }
    }
  }
  const minLength = decl.MinLength === void 0 ? void 0 : Number(decl.MinLength);
  const maxLength = decl.MaxLength === void 0 ? void 0 : Number(decl.MaxLength);
  if (minLength !== void 0 && value.length < minLength) {
    throw validation(`Parameter '${key}' must contain at least ${minLength} characters`);
  }
  if (maxLength !== void 0 && value.length > maxLength) {
    throw validation(`Parameter '${key}' must contain at most ${maxLength} characters`);
  }
  if (type === "Number") {
    const n = Number(value);
    if (decl.MinValue !== void 0 && n < Number(decl.MinValue)) {
      throw validation(`Parameter '${key}' must be a number not less than ${String(decl.MinValue)}`);
    }
    if (decl.MaxValue !== void 0 && n > Number(decl.MaxValue)) {
      throw validation(`Parameter '${key}' must be a number not greater than ${String(decl.MaxValue)}`);
    }
  }
}
function parameterValues(template, params) {
  const out = /* @__PURE__ */ new Map();
  for (const p of params) {
    const type = template.Parameters?.[p.key]?.Type ?? "String";
    const v = p.resolved ?? parameterText(p);
    out.set(p.key, isListType(type) ? v === "" ? [] : v.split(",") : v);
  }
  return out;
}
function checkRules(scope) {
  for (const [name, rule] of Object.entries(scope.template.Rules ?? {})) {
    if (rule.RuleCondition !== void 0 && evaluate(scope, rule.RuleCondition) !== true) continue;
    for (const assertion of rule.Assertions ?? []) {
      if (evaluate(scope, assertion.Assert) !== true) {
        throw validation(assertion.AssertDescription ?? `Template error: rule ${name} failed`);
      }
    }
  }
}

// packages/sim/src/cloudformation/scope.ts
function attributeOf(resource, attribute, region, account) {
  if (attribute in resource.attributes) return resource.attributes[attribute];
  const id = resource.physicalId ?? resource.logicalId;
  if (attribute === "Arn") {
    const service = resource.type.split("::")[1]?.toLowerCase() ?? "resource";
    return `arn:aws:${service}:${region}:${account}:${id}`;
  }
  return `${id}.${attribute}`;
}
function liveResources(resources, region, account) {
  const live = (id) => {
    const r = resources[id];
    return r && r.physicalId !== void 0 && r.status !== "DELETE_COMPLETE" ? r : void 0;
  };
  return {
    ref: (id) => live(id)?.physicalId,
    attribute: (id, attr) => {
      const r = live(id);
      return r ? attributeOf(r, attr, region, account) : void 0;
    }
  };
}
function scopeOf(who2, spec, resources) {
  return {
    template: spec.template,
    account: who2.account,
    region: who2.region,
    stackName: who2.stackName,
    stackId: who2.stackId,
    ...who2.notificationArns ? { notificationArns: who2.notificationArns } : {},
    parameters: parameterValues(spec.template, spec.parameters),
    ref: (id) => resources.ref(id),
    getAtt: (id, attr) => resources.attribute(id, attr),
    importValue: (name) => {
      const found = exportsOf(who2.sim, who2.account, who2.region).get(name);
      if (!found) throw new AwsError("ValidationError", `No export named ${name} found.`);
      return found.value;
    }
  };
}
function includedResources(scope, template) {
  return Object.entries(template.Resources).filter(([, r]) => r.Condition === void 0 || conditionHolds(scope, r.Condition)).map(([id]) => id);
}
function evaluateOutputs(scope, template) {
  const out = [];
  for (const [key, decl] of Object.entries(template.Outputs ?? {})) {
    if (decl.Condition !== void 0 && !conditionHolds(scope, decl.Condition)) continue;
    out.push({
      key,
      value: stringOf(evaluate(scope, decl.Value)),
      ...decl.Description !== void 0 ? { description: String(decl.Description) } : {},
      ...decl.Export !== void 0 ? { exportName: stringOf(evaluate(scope, decl.Export.Name)) } : {}
    });
  }
  return out;
}
function stringOf(v) {
  if (Array.isArray(v)) return v.map(stringOf).join(",");
  if (typeof v === "object" && v !== null) return JSON.stringify(v);
  return String(v);
}
function sameValue(a, b) {
  return canonical(a) === canonical(b);
}
function canonical(v) {
  return JSON.stringify(
    v,
    (_k, value) => typeof value === "object" && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => x < y ? -1 : x > y ? 1 : 0)) : value
  );
}

// packages/sim/src/ecr/store.ts
var import_node_crypto7 = require("node:crypto");
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
    downloads: /* @__PURE__ */ new Map(),
    transfer: { blobBytesServed: 0, blobBytesReceived: 0, blobsMounted: 0 }
  }));
}
function countTransfer(sim, counter, n) {
  ecrState(sim).transfer[counter] += n;
}
function sha256(bytes) {
  return `sha256:${(0, import_node_crypto7.createHash)("sha256").update(bytes).digest("hex")}`;
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

// packages/sim/src/ecr/api-policy.ts
var INVALID_POLICY = new AwsError(
  "InvalidParameterException",
  "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'"
);
function checkRepositoryPolicy(policy) {
  let doc = policy;
  if (typeof policy === "string") {
    try {
      doc = JSON.parse(policy);
    } catch {
      throw INVALID_POLICY;
    }
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw INVALID_POLICY;
  const statement = doc["Statement"];
  const list = Array.isArray(statement) ? statement : [statement];
  const valid = list.every((s) => {
    if (typeof s !== "object" || s === null) return false;
    const st = s;
    return (st["Effect"] === "Allow" || st["Effect"] === "Deny") && (st["Principal"] !== void 0 || st["NotPrincipal"] !== void 0) && (st["Action"] !== void 0 || st["NotAction"] !== void 0);
  });
  if (statement === void 0 || !valid) throw INVALID_POLICY;
  return typeof policy === "string" ? policy : JSON.stringify(policy);
}
function policyNotFound(repo) {
  return new AwsError(
    "RepositoryPolicyNotFoundException",
    `Repository policy does not exist for the repository with name '${repo.name}' in the registry with id '${repo.account}'`
  );
}
var policyActions = {
  SetRepositoryPolicy(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    repo.policy = checkRepositoryPolicy(input.required("policyText"));
    return { registryId: repo.account, repositoryName: repo.name, policyText: repo.policy };
  },
  GetRepositoryPolicy(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    if (repo.policy === void 0) throw policyNotFound(repo);
    return { registryId: repo.account, repositoryName: repo.name, policyText: repo.policy };
  },
  DeleteRepositoryPolicy(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const policyText = repo.policy;
    if (policyText === void 0) throw policyNotFound(repo);
    delete repo.policy;
    return { registryId: repo.account, repositoryName: repo.name, policyText };
  }
};

// packages/sim/src/ecr/api-repositories.ts
var import_node_crypto8 = require("node:crypto");
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
        const password = (0, import_node_crypto8.randomBytes)(48).toString("base64url");
        tokens.set(sha256(password), {
          ...ctx.principal ? { principal: ctx.principal } : {},
          account,
          region: ctx.region,
          expiresAt
        });
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

// packages/sim/src/cloudformation/resources/support.ts
var import_node_crypto9 = require("node:crypto");
function handlerError(message, code) {
  return new Error(
    `Resource handler returned message: "${message}" (RequestToken: ${(0, import_node_crypto9.randomUUID)()}, HandlerErrorCode: ${code})`
  );
}
function codeOf(err) {
  const code = err.code;
  if (/AlreadyExists|AlreadyOwnedByYou/.test(code)) return "AlreadyExists";
  if (/NotFound|NoSuch/.test(code)) return "NotFound";
  if (/AccessDenied/.test(code)) return "AccessDenied";
  if (/Throttl|SlowDown/.test(code)) return "Throttling";
  if (/NotEmpty|Contains/.test(code)) return "GeneralServiceException";
  return err.status >= 500 ? "ServiceInternalError" : "InvalidRequest";
}
function isNotFound(err) {
  return err instanceof AwsError && codeOf(err) === "NotFound";
}
function rethrow(err) {
  if (err instanceof AwsError) throw handlerError(err.message, codeOf(err));
  throw err;
}
function guarded(run) {
  try {
    return run();
  } catch (err) {
    return rethrow(err);
  }
}
function deleting(run) {
  try {
    run();
  } catch (err) {
    if (!isNotFound(err)) rethrow(err);
  }
}
function alreadyExists(type, id) {
  return handlerError(`Resource of type '${type}' with identifier '${id}' already exists.`, "AlreadyExists");
}
function callApi(ctx, service, action, input) {
  const handler = ctx.sim.services.get(service)?.actions[action];
  if (!handler) throw new Error(`the simulator has no ${service}:${action}`);
  const call = {
    sim: ctx.sim,
    service,
    action,
    account: ctx.account,
    region: ctx.region,
    principal: {
      account: ctx.account,
      arn: `arn:aws:iam::${ctx.account}:root`,
      userId: ctx.account,
      accessKeyId: "cloudformation"
    },
    requestId: (0, import_node_crypto9.randomUUID)(),
    now: ctx.now
  };
  return handler(call, input) ?? {};
}
function generatedName(ctx, max, lowercase = false) {
  const suffix = (0, import_node_crypto9.randomBytes)(9).toString("base64url").replace(/[-_]/g, "X").slice(0, 12).toUpperCase();
  const room = Math.max(2, max - suffix.length - 2);
  const stackPart = ctx.stackName.slice(0, Math.ceil(room / 2));
  const logicalPart = ctx.logicalId.slice(0, room - stackPart.length);
  const name = `${stackPart}-${logicalPart}-${suffix}`;
  return lowercase ? name.toLowerCase() : name;
}
var str2 = (v) => typeof v === "string" ? v : typeof v === "number" ? String(v) : void 0;
var num = (v) => typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" && !isNaN(Number(v)) ? Number(v) : v === void 0 ? void 0 : NaN;
var bool = (v) => typeof v === "boolean" ? v : v === "true" ? true : v === "false" ? false : void 0;
var USER_MAPS = /* @__PURE__ */ new Set(["Options", "DockerLabels", "DriverOpts", "Labels", "Condition", "Parameters"]);
var RENAMES = {
  EFSVolumeConfiguration: "efsVolumeConfiguration",
  FilesystemId: "fileSystemId",
  FSxWindowsFileServerVolumeConfiguration: "fsxWindowsFileServerVolumeConfiguration",
  PlacementStrategies: "placementStrategy",
  ProxyConfigurationProperties: "properties",
  IPAddress: "ipAddress"
};
function camelize(value) {
  if (Array.isArray(value)) return value.map(camelize);
  if (typeof value !== "object" || value === null) return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    const name = RENAMES[k] ?? k.charAt(0).toLowerCase() + k.slice(1);
    out[name] = USER_MAPS.has(k) ? v : camelize(v);
  }
  return out;
}
function tagList(tags, key = "key", value = "value") {
  if (!Array.isArray(tags)) return void 0;
  return tags.map((t) => {
    const tag = typeof t === "object" && t !== null ? t : {};
    return { [key]: str2(tag["Key"]) ?? "", [value]: str2(tag["Value"]) ?? "" };
  });
}
function changed(before, after, keys) {
  return keys.some((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}
function coerceToShape(value, shape) {
  if (value === null || value === void 0) return value;
  if (shape === "integer")
    return typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (shape === "string")
    return typeof value === "number" || typeof value === "boolean" ? String(value) : value;
  if (shape === "boolean") return value;
  if ("list" in shape) return Array.isArray(value) ? value.map((v) => coerceToShape(v, shape.list)) : value;
  if (typeof value !== "object" || Array.isArray(value)) return value;
  const out = {};
  for (const [key, member] of Object.entries(value)) {
    const memberShape = "map" in shape ? shape.map : shape.structure[key];
    out[key] = memberShape === void 0 ? member : coerceToShape(member, memberShape);
  }
  return out;
}

// packages/sim/src/cloudformation/resources/ecr.ts
var TYPE = "AWS::ECR::Repository";
function exclusionsOf(props) {
  const list = props["ImageTagMutabilityExclusionFilters"];
  if (!Array.isArray(list)) return void 0;
  return list.map((f) => {
    const filter = typeof f === "object" && f !== null ? f : {};
    return {
      filterType: filter["ImageTagMutabilityExclusionFilterType"],
      filter: filter["ImageTagMutabilityExclusionFilterValue"]
    };
  });
}
function scanOnPush(props) {
  const scanning = props["ImageScanningConfiguration"];
  return bool(scanning?.["ScanOnPush"]) === true;
}
function checkLifecyclePolicy(props) {
  const text = str2(props["LifecyclePolicy"]?.["LifecyclePolicyText"]);
  if (text === void 0) return;
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    doc = void 0;
  }
  if (typeof doc !== "object" || doc === null || !Array.isArray(doc["rules"])) {
    throw handlerError(
      "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure'",
      "InvalidRequest"
    );
  }
}
function policyOf(props) {
  const text = props["RepositoryPolicyText"];
  return text === void 0 ? void 0 : guarded(() => checkRepositoryPolicy(text));
}
function applyPolicy(repo, policy) {
  if (policy === void 0) delete repo.policy;
  else repo.policy = policy;
}
function provisioned(ctx, repo) {
  const host = ctx.sim.url !== "" ? ctx.sim.host : `${repo.account}.dkr.ecr.${repo.region}.amazonaws.com`;
  const uri = ctx.sim.url !== "" ? `${host}/${repo.account}/${repo.region}/${repo.name}` : `${host}/${repo.name}`;
  return { physicalId: repo.name, attributes: { Arn: repositoryArn(repo), RepositoryUri: uri } };
}
function repositoryOf2(ctx, name) {
  const repo = findRepository(ctx.sim, ctx.account, ctx.region, name);
  if (!repo) {
    throw handlerError(
      `The repository with name '${name}' does not exist in the registry with id '${ctx.account}'`,
      "NotFound"
    );
  }
  return repo;
}
var ecrRepositoryProvider = {
  create(ctx, props) {
    const name = str2(props["RepositoryName"]) ?? generatedName(ctx, 256, true);
    checkLifecyclePolicy(props);
    const policy = policyOf(props);
    if (findRepository(ctx.sim, ctx.account, ctx.region, name)) throw alreadyExists(TYPE, name);
    const repo = guarded(() => {
      const { mutability, exclusions } = validateMutability(props["ImageTagMutability"], exclusionsOf(props));
      return createRepository(ctx.sim, {
        account: ctx.account,
        region: ctx.region,
        name,
        mutability,
        exclusions,
        scanOnPush: scanOnPush(props),
        tags: tagList(props["Tags"], "Key", "Value") ?? []
      });
    });
    applyPolicy(repo, policy);
    return provisioned(ctx, repo);
  },
  needsReplacement: (before, after) => changed(before, after, ["RepositoryName", "EncryptionConfiguration"]),
  update(ctx, current2, before, after) {
    const repo = repositoryOf2(ctx, current2.physicalId);
    checkLifecyclePolicy(after);
    const policy = policyOf(after);
    if (changed(before, after, ["ImageTagMutability", "ImageTagMutabilityExclusionFilters"])) {
      const { mutability, exclusions } = guarded(
        () => validateMutability(after["ImageTagMutability"], exclusionsOf(after))
      );
      repo.mutability = mutability;
      repo.exclusions = exclusions;
    }
    repo.scanOnPush = scanOnPush(after);
    repo.resourceTags = tagList(after["Tags"], "Key", "Value") ?? [];
    applyPolicy(repo, policy);
    return provisioned(ctx, repo);
  },
  delete(ctx, current2, props) {
    deleting(
      () => callApi(ctx, "ecr", "DeleteRepository", {
        repositoryName: current2.physicalId,
        ...bool(props["EmptyOnDelete"]) === true ? { force: true } : {}
      })
    );
  }
};

// packages/sim/src/ecs/model.ts
var import_node_crypto10 = require("node:crypto");
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
var newTaskId = () => (0, import_node_crypto10.randomBytes)(16).toString("hex");
function newDeploymentId() {
  let digits = String(1 + Math.floor(Math.random() * 9));
  while (digits.length < 19) digits += String(Math.floor(Math.random() * 10));
  return `ecs-svc/${digits}`;
}
var newShortId = () => (0, import_node_crypto10.randomBytes)(16).toString("base64url").slice(0, 22);
var newEventId = () => (0, import_node_crypto10.randomUUID)();
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

// packages/sim/src/cloudformation/resources/ecs.ts
function clusterProvisioned(ctx, name) {
  return {
    physicalId: name,
    attributes: { Arn: `arn:aws:ecs:${ctx.region}:${ctx.account}:cluster/${name}` }
  };
}
function clusterInput(props) {
  const settings = props["ClusterSettings"];
  const providers2 = props["CapacityProviders"];
  const strategy = props["DefaultCapacityProviderStrategy"];
  const configuration = props["Configuration"];
  return {
    ...Array.isArray(settings) ? { settings: camelize(settings) } : {},
    ...Array.isArray(providers2) ? { capacityProviders: providers2 } : {},
    ...Array.isArray(strategy) ? { defaultCapacityProviderStrategy: camelize(strategy) } : {},
    ...configuration !== void 0 ? { configuration: camelize(configuration) } : {},
    ...Array.isArray(props["Tags"]) ? { tags: tagList(props["Tags"]) } : {}
  };
}
var ecsClusterProvider = {
  create(ctx, props) {
    const name = str2(props["ClusterName"]) ?? generatedName(ctx, 255);
    const existing = regionOf(ctx.sim, ctx.account, ctx.region).clusters.get(name);
    if (existing?.status === "ACTIVE") throw alreadyExists("AWS::ECS::Cluster", name);
    guarded(() => callApi(ctx, "ecs", "CreateCluster", { clusterName: name, ...clusterInput(props) }));
    return clusterProvisioned(ctx, name);
  },
  needsReplacement: (before, after) => changed(before, after, ["ClusterName"]),
  update(ctx, current2, _before, after) {
    const cluster = regionOf(ctx.sim, ctx.account, ctx.region).clusters.get(current2.physicalId);
    if (cluster) {
      const input = camelize(clusterInput(after));
      cluster.settings = input["settings"] ?? [
        { name: "containerInsights", value: "disabled" }
      ];
      cluster.capacityProviders = input["capacityProviders"] ?? [];
      cluster.defaultCapacityProviderStrategy = input["defaultCapacityProviderStrategy"] ?? [];
      cluster.tags = (input["tags"] ?? []).map((t) => ({
        key: t.key,
        value: t.value
      }));
    }
    return clusterProvisioned(ctx, current2.physicalId);
  },
  delete(ctx, current2) {
    deleting(() => callApi(ctx, "ecs", "DeleteCluster", { cluster: current2.physicalId }));
  }
};
function taskDefinitionInput(ctx, props) {
  const input = coerceToShape(camelize(props), registerTaskDefinitionShape);
  delete input["tags"];
  return {
    ...input,
    family: str2(props["Family"]) ?? generatedName(ctx, 255).replace(/[^A-Za-z0-9_-]/g, "-"),
    ...Array.isArray(props["Tags"]) ? { tags: tagList(props["Tags"]) } : {}
  };
}
function registered(ctx, props) {
  const out = guarded(() => callApi(ctx, "ecs", "RegisterTaskDefinition", taskDefinitionInput(ctx, props)));
  const arn = out["taskDefinition"]["taskDefinitionArn"];
  return { physicalId: arn, attributes: { TaskDefinitionArn: arn } };
}
var ecsTaskDefinitionProvider = {
  create: registered,
  needsReplacement: (before, after) => JSON.stringify(before) !== JSON.stringify(after),
  update: (ctx, _current, _before, after) => registered(ctx, after),
  delete(ctx, current2) {
    deleting(() => callApi(ctx, "ecs", "DeregisterTaskDefinition", { taskDefinition: current2.physicalId }));
  }
};

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

// packages/sim/src/cloudformation/resources/ecs-service.ts
var TYPE2 = "AWS::ECS::Service";
var SETTINGS = [
  "CapacityProviderStrategy",
  "DeploymentConfiguration",
  "NetworkConfiguration",
  "LoadBalancers",
  "PlatformVersion",
  "HealthCheckGracePeriodSeconds",
  "EnableExecuteCommand",
  "PropagateTags",
  "EnableECSManagedTags",
  "ServiceRegistries",
  "PlacementConstraints",
  "PlacementStrategies",
  "AvailabilityZoneRebalancing",
  "ServiceConnectConfiguration"
];
var CREATE_ONLY = [
  "ServiceName",
  "Cluster",
  "LaunchType",
  "SchedulingStrategy",
  "Role",
  "DeploymentController"
];
function settingsOf(props) {
  const out = {};
  for (const key of SETTINGS) {
    if (props[key] === void 0) continue;
    Object.assign(out, camelize({ [key]: props[key] }));
  }
  const config = out["deploymentConfiguration"];
  if (config) {
    for (const k of ["maximumPercent", "minimumHealthyPercent"]) {
      if (config[k] !== void 0) config[k] = num(config[k]);
    }
  }
  if (out["healthCheckGracePeriodSeconds"] !== void 0) {
    out["healthCheckGracePeriodSeconds"] = num(out["healthCheckGracePeriodSeconds"]);
  }
  return out;
}
var clusterOf = (props) => lastSegment(str2(props["Cluster"]) ?? "default");
function serviceRecord(ctx, arn) {
  const [, clusterName = "", name = ""] = arn.split(":").slice(5).join(":").split("/");
  return regionOf(ctx.sim, ctx.account, ctx.region).clusters.get(clusterName)?.services.get(name);
}
function provisioned2(svc) {
  return { physicalId: svc.arn, attributes: { Name: svc.name, ServiceArn: svc.arn } };
}
var ecsServiceProvider = {
  create(ctx, props) {
    const cluster = clusterOf(props);
    const name = str2(props["ServiceName"]) ?? generatedName(ctx, 255).replace(/[^A-Za-z0-9_-]/g, "-");
    const existing = regionOf(ctx.sim, ctx.account, ctx.region).clusters.get(cluster)?.services.get(name);
    if (existing && existing.status !== "INACTIVE") throw alreadyExists(TYPE2, name);
    const launchType = str2(props["LaunchType"]);
    const strategy = str2(props["SchedulingStrategy"]);
    const controller = props["DeploymentController"];
    const out = guarded(
      () => callApi(ctx, "ecs", "CreateService", {
        cluster,
        serviceName: name,
        taskDefinition: str2(props["TaskDefinition"]),
        // CloudFormation starts a replica service with one task when the template sets no count.
        desiredCount: num(props["DesiredCount"]) ?? (strategy === "DAEMON" ? void 0 : 1),
        ...launchType !== void 0 ? { launchType } : {},
        ...strategy !== void 0 ? { schedulingStrategy: strategy } : {},
        ...controller !== void 0 ? { deploymentController: camelize(controller) } : {},
        ...settingsOf(props),
        ...Array.isArray(props["Tags"]) ? { tags: tagList(props["Tags"]) } : {}
      })
    );
    const arn = out["service"]["serviceArn"];
    return provisioned2(serviceRecord(ctx, arn));
  },
  needsReplacement: (before, after) => changed(
    before,
    after,
    CREATE_ONLY.filter((k) => k !== "Cluster")
  ) || clusterOf(before) !== clusterOf(after),
  update(ctx, current2, before, after) {
    const svc = serviceRecord(ctx, current2.physicalId);
    if (!svc || svc.status !== "ACTIVE") throw handlerError("Service not found.", "NotFound");
    const force = after["ForceNewDeployment"];
    const forceBefore = before["ForceNewDeployment"];
    const forced = bool(force?.["EnableForceNewDeployment"]) === true && JSON.stringify(force?.["ForceNewDeploymentNonce"]) !== JSON.stringify(forceBefore?.["ForceNewDeploymentNonce"]);
    const desired = num(after["DesiredCount"]);
    guarded(
      () => callApi(ctx, "ecs", "UpdateService", {
        cluster: svc.clusterName,
        service: svc.name,
        taskDefinition: str2(after["TaskDefinition"]),
        // Without DesiredCount in the template, CloudFormation leaves the running count as it is.
        ...desired !== void 0 ? { desiredCount: desired } : {},
        ...settingsOf(after),
        ...forced ? { forceNewDeployment: true } : {}
      })
    );
    if (Array.isArray(after["Tags"])) {
      svc.tags = (tagList(after["Tags"]) ?? []).map((t) => ({
        key: String(t["key"]),
        value: String(t["value"])
      }));
    }
    return provisioned2(svc);
  },
  delete(ctx, current2) {
    const svc = serviceRecord(ctx, current2.physicalId);
    if (!svc || svc.status !== "ACTIVE") return;
    deleting(() => {
      callApi(ctx, "ecs", "UpdateService", { cluster: svc.clusterName, service: svc.name, desiredCount: 0 });
      callApi(ctx, "ecs", "DeleteService", { cluster: svc.clusterName, service: svc.name });
    });
  },
  stabilize(ctx, current2) {
    const svc = serviceRecord(ctx, current2.physicalId);
    if (!svc) return handlerError("Service not found.", "NotFound").message;
    const primary = svc.deployments.find((d) => d.status === "PRIMARY");
    if (!primary) return true;
    if (primary.rolloutState === "FAILED" || primary.rollbackOf !== void 0) {
      return handlerError(
        "Error occurred during operation 'ECS Deployment Circuit Breaker was triggered'.",
        "GeneralServiceException"
      ).message;
    }
    return primary.rolloutState === "COMPLETED";
  }
};

// packages/sim/src/cloudformation/resources/iam.ts
var import_node_crypto17 = require("node:crypto");

// packages/sim/src/sts/conditions.ts
var equals = (a, e) => a === e;
var equalsIgnoreCase = (a, e) => a.toLowerCase() === e.toLowerCase();
var like = (a, e) => globMatch(e, a);
function numbers(a, e) {
  const x = Number(a);
  const y = Number(e);
  return a.trim() === "" || e.trim() === "" || Number.isNaN(x) || Number.isNaN(y) ? void 0 : [x, y];
}
function epochMs(value) {
  if (/^\d+$/.test(value)) return Number(value) * 1e3;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? void 0 : ms;
}
function dates(a, e) {
  const x = epochMs(a);
  const y = epochMs(e);
  return x === void 0 || y === void 0 ? void 0 : [x, y];
}
var compare2 = (read, test) => (a, e) => {
  const pair = read(a, e);
  return pair !== void 0 && test(pair[0], pair[1]);
};
function ipv4(text) {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) < 256)) return void 0;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}
function inCidr(actual, expected) {
  const [base, bits = "32"] = expected.split("/");
  const address = ipv4(actual.replace(/^::ffff:/, ""));
  const network = ipv4(base ?? "");
  const size = Number(bits);
  if (address === void 0 || network === void 0 || !Number.isInteger(size) || size < 0 || size > 32) {
    return actual === expected;
  }
  const block = 2 ** (32 - size);
  return Math.floor(address / block) === Math.floor(network / block);
}
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
  Bool: { match: equalsIgnoreCase, negated: false },
  BinaryEquals: { match: equals, negated: false },
  NumericEquals: { match: compare2(numbers, (x, y) => x === y), negated: false },
  NumericNotEquals: { match: compare2(numbers, (x, y) => x === y), negated: true },
  NumericLessThan: { match: compare2(numbers, (x, y) => x < y), negated: false },
  NumericLessThanEquals: { match: compare2(numbers, (x, y) => x <= y), negated: false },
  NumericGreaterThan: { match: compare2(numbers, (x, y) => x > y), negated: false },
  NumericGreaterThanEquals: { match: compare2(numbers, (x, y) => x >= y), negated: false },
  DateEquals: { match: compare2(dates, (x, y) => x === y), negated: false },
  DateNotEquals: { match: compare2(dates, (x, y) => x === y), negated: true },
  DateLessThan: { match: compare2(dates, (x, y) => x < y), negated: false },
  DateLessThanEquals: { match: compare2(dates, (x, y) => x <= y), negated: false },
  DateGreaterThan: { match: compare2(dates, (x, y) => x > y), negated: false },
  DateGreaterThanEquals: { match: compare2(dates, (x, y) => x >= y), negated: false },
  IpAddress: { match: inCidr, negated: false },
  NotIpAddress: { match: inCidr, negated: true }
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
function conditionHolds2(condition, context) {
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
  return conditions.every((c) => conditionHolds2(c, context));
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
var import_node_crypto16 = require("node:crypto");

// packages/sim/src/github/issuer.ts
var import_node_crypto13 = require("node:crypto");

// packages/sim/src/github/claims.ts
var import_node_crypto12 = require("node:crypto");

// packages/sim/src/github/jwt.ts
var import_node_crypto11 = require("node:crypto");
var GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
var processKey;
function signingKey() {
  if (!processKey) {
    const { privateKey, publicKey } = (0, import_node_crypto11.generateKeyPairSync)("rsa", { modulusLength: 2048 });
    const exported = publicKey.export({ format: "jwk" });
    const n = String(exported.n);
    const e = String(exported.e);
    const kid = (0, import_node_crypto11.createHash)("sha256").update(JSON.stringify({ e, kty: "RSA", n })).digest("base64url");
    processKey = { kid, privateKey, publicKey, jwk: { kty: "RSA", n, e, kid, alg: "RS256", use: "sig" } };
  }
  return processKey;
}
var b64url = (value) => Buffer.from(value).toString("base64url");
function signJwt(claims, key) {
  const header3 = { typ: "JWT", alg: "RS256", kid: key.kid };
  const input = `${b64url(JSON.stringify(header3))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${(0, import_node_crypto11.sign)("sha256", Buffer.from(input), key.privateKey).toString("base64url")}`;
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
  const header3 = decodeJsonPart(h);
  const claims = decodeJsonPart(c);
  if (!header3 || !claims) return void 0;
  return { header: header3, claims, signingInput: `${h}.${c}`, signature: Buffer.from(s, "base64url") };
}
function verifySignature(jwt, publicKey) {
  return (0, import_node_crypto11.verify)("sha256", Buffer.from(jwt.signingInput), publicKey, jwt.signature);
}

// packages/sim/src/github/claims.ts
function numericId(seed) {
  return String(1e8 + (0, import_node_crypto12.createHash)("sha256").update(seed).digest().readUInt32BE(0) % 8e8);
}
function str3(input, key) {
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
  const repository = str3(input, "repository") ?? "acme/shop";
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository)) {
    throw new AwsError(
      "ValidationException",
      `oidc context: repository must be OWNER/REPO, got "${repository}"`
    );
  }
  const owner = repository.split("/")[0];
  const eventName = str3(input, "event_name") ?? "push";
  const pullRequest = eventName === "pull_request" || eventName === "pull_request_target";
  const ref = str3(input, "ref") ?? (eventName === "pull_request" ? "refs/pull/1/merge" : "refs/heads/main");
  const sha = str3(input, "sha") ?? (0, import_node_crypto12.createHash)("sha1").update(`${repository}@${ref}`).digest("hex");
  const workflowRef = str3(input, "workflow_ref") ?? `${repository}/.github/workflows/deploy.yml@${ref}`;
  const environment = str3(input, "environment");
  const subClaimKeys = input["sub_claim_keys"];
  if (subClaimKeys !== void 0 && !(Array.isArray(subClaimKeys) && subClaimKeys.every((k) => typeof k === "string"))) {
    throw new AwsError("ValidationException", "oidc context: sub_claim_keys must be a list of claim names");
  }
  const ctx = {
    repository,
    ref,
    sha,
    event_name: eventName,
    workflow: str3(input, "workflow") ?? "deploy",
    workflow_ref: workflowRef,
    workflow_sha: str3(input, "workflow_sha") ?? sha,
    job_workflow_ref: str3(input, "job_workflow_ref") ?? workflowRef,
    job_workflow_sha: str3(input, "job_workflow_sha") ?? sha,
    run_id: str3(input, "run_id") ?? numericId(`run:${repository}:${ref}`),
    run_number: str3(input, "run_number") ?? "1",
    run_attempt: str3(input, "run_attempt") ?? "1",
    actor: str3(input, "actor") ?? "octocat",
    actor_id: str3(input, "actor_id") ?? numericId(`actor:${str3(input, "actor") ?? "octocat"}`),
    repository_id: str3(input, "repository_id") ?? numericId(`repo:${repository}`),
    repository_owner_id: str3(input, "repository_owner_id") ?? numericId(`owner:${owner}`),
    repository_visibility: str3(input, "repository_visibility") ?? "private",
    head_ref: str3(input, "head_ref") ?? (pullRequest ? "feature" : ""),
    base_ref: str3(input, "base_ref") ?? (pullRequest ? "main" : ""),
    runner_environment: str3(input, "runner_environment") ?? "github-hosted",
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
    jti: (0, import_node_crypto12.randomUUID)(),
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
  const token2 = requestToken ?? `ghs_sim${(0, import_node_crypto13.randomBytes)(18).toString("base64url")}`;
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
var import_node_crypto15 = require("node:crypto");

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
var import_node_crypto14 = require("node:crypto");
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
  return (0, import_node_crypto14.createHash)("sha1").update(`${repository}@${full}`).digest("hex");
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
var repositoryOf3 = (req) => `${req.params[0]}/${req.params[1]}`;
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
  if (!c || !sameRepository(c.repository, repositoryOf3(req))) throw notFound();
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
    repository: repositoryOf3(req),
    issueNumber: issueNumber(req),
    body: bodyOf(req),
    createdAt: req.now,
    updatedAt: req.now
  };
  githubState(req.sim).comments.set(comment.id, comment);
  return { status: 201, body: commentView(req.apiUrl, comment) };
}
function listIssueComments(req) {
  const repository = repositoryOf3(req);
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
var repositoryOf4 = (req) => `${req.params[0]}/${req.params[1]}`;
function deploymentOf(req) {
  const d = githubState(req.sim).deployments.get(Number(req.params[2]));
  if (!d || !sameRepository(d.repository, repositoryOf4(req))) throw notFound();
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
  const repository = repositoryOf4(req);
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
  const repository = repositoryOf4(req);
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
  const header3 = req.headers.authorization;
  if (typeof header3 !== "string" || header3.trim() === "") return { error: "Requires authentication" };
  const m = /^(?:bearer|token)\s+(\S+)\s*$/i.exec(header3);
  return m ? { token: m[1] } : { error: "Bad credentials" };
}
async function jsonBody(req) {
  const raw = await readBody(req, MAX_BODY).catch(() => {
    throw new RestError(413, "Payload Too Large");
  });
  if (raw.length === 0) return {};
  let parsed2;
  try {
    parsed2 = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new RestError(400, "Problems parsing JSON");
  }
  if (typeof parsed2 !== "object" || parsed2 === null || Array.isArray(parsed2)) {
    throw new RestError(400, "Problems parsing JSON");
  }
  return parsed2;
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
  let lost = false;
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
    const fault = await drawFault(sim, "github", operation);
    if (fault === "drop") {
      closeWithoutAnswer(req);
      return { operation, token: token2, reply: { status: 0 } };
    }
    if (fault === "throttle") {
      throw new RestError(
        403,
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
      );
    }
    if (fault === "error5xx") throw new RestError(502, "Server Error");
    lost = fault === "loseResponse";
    const body = method === "POST" || method === "PATCH" ? await jsonBody(req) : {};
    const reply = e.handler({
      sim,
      apiUrl: `${sim.url}${GITHUB_API_PREFIX}`,
      params: m.slice(1).map((p) => decodeURIComponent(p)),
      query: url.searchParams,
      body,
      now
    });
    return { operation, token: token2, reply, lost };
  } catch (err) {
    if (!(err instanceof RestError)) throw err;
    return { operation, token: token2, reply: errorReply(err, operation), lost };
  }
}
function githubRestRoute(sim) {
  return {
    prefix: GITHUB_API_PREFIX,
    async handle(req, res, url) {
      const method = req.method ?? "GET";
      const path = url.pathname.slice(GITHUB_API_PREFIX.length).replace(/\/+$/, "");
      const requestId = (0, import_node_crypto15.randomUUID)().toUpperCase();
      const now = sim.clock.now();
      const { operation, token: token2, reply, lost } = await dispatch(sim, req, url, path, now);
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
        requestId,
        ...lost === true ? { lost: true } : {}
      });
      if (status === 0) return;
      if (lost === true) {
        closeWithoutAnswer(req);
        return;
      }
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
  const header3 = req.headers.authorization;
  if (typeof header3 !== "string") return void 0;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header3);
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
      let parsed2 = {};
      if (body.length > 0) {
        try {
          parsed2 = JSON.parse(body.toString("utf8"));
        } catch {
          throw new AwsError("ValidationException", "the body is not valid JSON");
        }
      }
      const { requestToken, context } = splitRequestToken(parsed2);
      const registered2 = registerOidcContext(sim, context, requestToken);
      return sendJson(res, 200, registered2);
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

// packages/sim/src/sts/permissions.ts
var parsed = /* @__PURE__ */ new WeakMap();
function malformed2(message) {
  return new AwsError("MalformedPolicyDocument", message);
}
function stringList2(value, where) {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((v) => typeof v === "string")) {
    throw malformed2(`${where} must be a string or a non-empty list of strings`);
  }
  return list;
}
var STATEMENT_KEYS = /* @__PURE__ */ new Set([
  "Sid",
  "Effect",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
  "Principal",
  "NotPrincipal"
]);
function principalsOf(value, where) {
  if (value === "*") return "*";
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw malformed2(`${where}: Principal must be "*" or {"AWS": …}`);
  }
  const aws = value["AWS"];
  if (aws === void 0) return [];
  return stringList2(aws, `${where}: Principal.AWS`);
}
function parseDocument(raw, where, kind) {
  let doc = raw;
  if (typeof raw === "string") {
    try {
      doc = JSON.parse(raw);
    } catch {
      throw malformed2(`${where}: the policy is not in the valid JSON format`);
    }
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw malformed2(`${where}: a policy document is a JSON object`);
  }
  const body = doc;
  const version = body["Version"];
  if (version !== void 0 && version !== "2012-10-17" && version !== "2008-10-17") {
    throw malformed2(`${where}: the policy failed legacy parsing (Version must be "2012-10-17")`);
  }
  const statement = body["Statement"];
  if (statement === void 0) throw malformed2(`${where}: the policy has no Statement`);
  const list = Array.isArray(statement) ? statement : [statement];
  return list.map((s, i) => {
    const at = `${where} Statement[${i}]`;
    if (typeof s !== "object" || s === null || Array.isArray(s)) throw malformed2(`${at} must be an object`);
    const st = s;
    const unknown = Object.keys(st).find((k) => !STATEMENT_KEYS.has(k));
    if (unknown !== void 0) throw malformed2(`${at}: unknown element ${unknown} (syntax errors in policy)`);
    if (st["Effect"] !== "Allow" && st["Effect"] !== "Deny")
      throw malformed2(`${at}: Effect must be Allow or Deny`);
    if (st["Action"] === void 0 === (st["NotAction"] === void 0)) {
      throw malformed2(`${at}: a statement has an Action or a NotAction`);
    }
    const notAction = st["Action"] === void 0;
    const actions = stringList2(notAction ? st["NotAction"] : st["Action"], `${at}: Action`);
    const vendorless = actions.find((a) => a !== "*" && !/^[a-zA-Z0-9-]+:[A-Za-z0-9*?]+$/.test(a));
    if (vendorless !== void 0) {
      throw malformed2(
        `${at}: Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc. (${vendorless})`
      );
    }
    const hasResource = st["Resource"] !== void 0 || st["NotResource"] !== void 0;
    if (st["Resource"] !== void 0 && st["NotResource"] !== void 0) {
      throw malformed2(`${at}: a statement has a Resource or a NotResource, not both`);
    }
    if (kind === "identity" && !hasResource)
      throw malformed2(`${at}: Policy statement must contain resources.`);
    const notResource = st["Resource"] === void 0 && st["NotResource"] !== void 0;
    const resources = hasResource ? stringList2(notResource ? st["NotResource"] : st["Resource"], `${at}: Resource`) : ["*"];
    const badResource = resources.find((r) => r !== "*" && !r.startsWith("arn:"));
    if (badResource !== void 0) {
      throw malformed2(`${at}: Resource ${badResource} must be in ARN format or "*".`);
    }
    const hasPrincipal = st["Principal"] !== void 0 || st["NotPrincipal"] !== void 0;
    if (kind === "identity" && hasPrincipal) {
      throw malformed2(`${at}: Policy document should not specify a principal.`);
    }
    if (kind === "resource" && !hasPrincipal)
      throw malformed2(`${at}: Statement is missing required field Principal`);
    const notPrincipal = st["Principal"] === void 0 && st["NotPrincipal"] !== void 0;
    return {
      effect: st["Effect"],
      actions,
      notAction,
      resources,
      notResource,
      ...kind === "resource" ? { principals: principalsOf(notPrincipal ? st["NotPrincipal"] : st["Principal"], at) } : {},
      notPrincipal,
      conditions: parseConditions(st["Condition"], at)
    };
  });
}
function parsePermissionPolicy(name, document, where) {
  const policy = { name, document };
  parsed.set(policy, parseDocument(document, where, "identity"));
  return policy;
}
function statementsOf(policy) {
  let statements = parsed.get(policy);
  if (!statements) {
    statements = parseDocument(policy.document, policy.name, "identity");
    parsed.set(policy, statements);
  }
  return statements;
}
var resourcePolicies = /* @__PURE__ */ new Map();
function resourceStatements(document) {
  const text = typeof document === "string" ? document : JSON.stringify(document);
  if (!resourcePolicies.has(text)) {
    if (resourcePolicies.size > 1e3) resourcePolicies.clear();
    try {
      resourcePolicies.set(text, parseDocument(text, "resource policy", "resource"));
    } catch {
      resourcePolicies.set(text, void 0);
    }
  }
  return resourcePolicies.get(text) ?? [];
}
var globs = /* @__PURE__ */ new Map();
function wildcard(pattern, value, ignoreCase) {
  if (pattern === "*") return true;
  const key = `${ignoreCase ? "i" : "s"}${pattern}`;
  let re = globs.get(key);
  if (!re) {
    const glob = globToRegExp(pattern);
    re = ignoreCase ? new RegExp(glob.source, "is") : glob;
    if (globs.size > 1e4) globs.clear();
    globs.set(key, re);
  }
  return re.test(value);
}
function statementApplies(st, action, resource, context) {
  const actionHit = st.actions.some((a) => wildcard(a, action, true));
  if (actionHit === st.notAction) return false;
  const resourceHit = st.resources.some((r) => wildcard(r, resource, false));
  if (resourceHit === st.notResource) return false;
  return conditionsHold(st.conditions, context);
}
function namesPrincipal(st, principal) {
  if (st.principals === void 0) return false;
  const hit = st.principals === "*" || st.principals.some(
    (p) => p === "*" || p === principal.account || p === `arn:aws:iam::${principal.account}:root` || p === principal.arn || principal.roleArn !== void 0 && p === principal.roleArn
  );
  return hit !== st.notPrincipal;
}
function verdict(matching) {
  if (matching.some((s) => s.effect === "Deny")) return "deny";
  return matching.some((s) => s.effect === "Allow") ? "allow" : "implicit";
}
function contextOf(sim, principal, region, check, resourceAccount) {
  const now = sim.clock.now();
  const context = /* @__PURE__ */ new Map([
    ["aws:principalarn", [principal.roleArn ?? principal.arn]],
    ["aws:principalaccount", [principal.account]],
    ["aws:principaltype", [principal.roleArn !== void 0 ? "AssumedRole" : "Account"]],
    ["aws:userid", [principal.userId]],
    ["aws:requestedregion", [region]],
    ["aws:currenttime", [new Date(now).toISOString()]],
    ["aws:epochtime", [String(Math.floor(now / 1e3))]],
    // Calls to AWS are made over TLS; so a bucket policy's "Deny unless aws:SecureTransport" does not apply.
    ["aws:securetransport", ["true"]]
  ]);
  if (principal.sessionName !== void 0) context.set("sts:rolesessionname", [principal.sessionName]);
  if (resourceAccount !== void 0) context.set("aws:resourceaccount", [resourceAccount]);
  for (const [key, value] of Object.entries(check.context ?? {})) {
    if (value === void 0) continue;
    context.set(key.toLowerCase(), Array.isArray(value) ? value : [value]);
  }
  return context;
}
function evaluatePolicies(sim, principal, policies, checks, region) {
  const statements = policies.flatMap(statementsOf);
  for (const check of checks) {
    const resourceAccount = check.resourceAccount ?? arnAccount(check.resource);
    const context = contextOf(sim, principal, region, check, resourceAccount);
    const deny = (policyType, explicit) => ({
      principal: principal.arn,
      action: check.action,
      resource: check.resource,
      policyType,
      explicit
    });
    const identity2 = verdict(
      statements.filter((st) => statementApplies(st, check.action, check.resource, context))
    );
    if (identity2 !== "allow") return deny("identity-based", identity2 === "deny");
    if (resourceAccount === void 0 || resourceAccount === principal.account) continue;
    const onResource = verdict(
      resourceStatements(check.resourcePolicy ?? { Statement: [] }).filter(
        (st) => namesPrincipal(st, principal) && statementApplies(st, check.action, check.resource, context)
      )
    );
    if (onResource !== "allow") return deny("resource-based", onResource === "deny");
  }
  return void 0;
}

// packages/sim/src/sts/roles.ts
var DEFAULT_CLIENT_ID = "sts.amazonaws.com";
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
  const digest = (0, import_node_crypto16.createHash)("sha256").update(arn).digest();
  let id = "AROA";
  for (let i = 0; i < 17; i++) id += alphabet[digest[i] % alphabet.length];
  return id;
}
function invalid(message) {
  return new AwsError("ValidationException", message);
}
function record(value, what) {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw invalid(`${what} must be an object`);
  return value;
}
function optionalString2(doc, key, what) {
  const value = doc[key];
  if (value === void 0) return void 0;
  if (typeof value !== "string" || value === "") throw invalid(`${what}.${key} must be a non-empty string`);
  return value;
}
function addRole(sim, spec) {
  const doc = record(spec, "a role");
  let arn = optionalString2(doc, "arn", "role");
  if (arn === void 0) {
    const name = optionalString2(doc, "name", "role");
    if (name === void 0) throw invalid('a role needs an "arn" or a "name"');
    const account = optionalString2(doc, "account", "role") ?? DEFAULT_ACCOUNT;
    const path = optionalString2(doc, "path", "role") ?? "/";
    arn = `arn:aws:iam::${account}:role${path.startsWith("/") ? "" : "/"}${path}${path.endsWith("/") ? "" : "/"}${name}`;
  }
  const parsed2 = parseRoleArn(arn);
  if (!parsed2) throw invalid(`"${arn}" is not a role ARN (arn:aws:iam::ACCOUNT:role/NAME)`);
  const max = doc["maxSessionDuration"] ?? 3600;
  if (typeof max !== "number" || !Number.isInteger(max) || max < 3600 || max > 43200) {
    throw invalid(
      `role ${arn}: maxSessionDuration must be an integer from 3600 to 43200, got ${String(max)}`
    );
  }
  if (doc["trustPolicy"] === void 0) throw invalid(`role ${arn} needs a trustPolicy`);
  const policies = doc["policies"] ?? [];
  if (!Array.isArray(policies)) throw invalid(`role ${arn}: policies must be a list of policy documents`);
  const role = {
    arn,
    ...parsed2,
    roleId: roleIdFor(arn),
    trustPolicy: parseTrustPolicy(doc["trustPolicy"], `role ${arn}`),
    maxSessionDuration: max,
    policies: policies.map(
      (document, i) => parsePermissionPolicy(`policies[${i}]`, document, `role ${arn} policies[${i}]`)
    )
  };
  iamState(sim).roles.set(arn, role);
  return role;
}
function findRole(sim, arn) {
  return iamState(sim).roles.get(arn);
}
function setRolePolicies(sim, arn, policies, unknownManagedPolicies) {
  const role = findRole(sim, arn);
  if (!role) return;
  role.policies = policies;
  if (unknownManagedPolicies.length > 0) role.unknownManagedPolicies = unknownManagedPolicies;
  else delete role.unknownManagedPolicies;
}
function removeRole(sim, arn) {
  return iamState(sim).roles.delete(arn);
}
function listRoles(sim) {
  return [...iamState(sim).roles.values()];
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
    if (!m) throw invalid(`"${arn}" is not an OIDC provider ARN`);
    url = `https://${m[1]}`;
  }
  const clientIdList = doc["clientIdList"] ?? [DEFAULT_CLIENT_ID];
  if (!Array.isArray(clientIdList) || !clientIdList.every((c) => typeof c === "string")) {
    throw invalid(`oidc provider ${arn}: clientIdList must be a list of strings`);
  }
  const provider = { arn, url, clientIdList };
  iamState(sim).oidcProviders.set(arn, provider);
  return provider;
}
function oidcProviderFor(sim, account, issuerUrl) {
  const providers2 = iamState(sim).oidcProviders;
  const arn = oidcProviderArn(account, issuerUrl);
  const seeded = [...providers2.keys()].some((a) => a.startsWith(`arn:aws:iam::${account}:`));
  if (seeded) return providers2.get(arn);
  return issuerUrl === GITHUB_ISSUER ? { arn, url: issuerUrl, clientIdList: [DEFAULT_CLIENT_ID] } : void 0;
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
  const provider = oidcProviderFor(ctx.sim, parsedArn.account, GITHUB_ISSUER);
  if (!provider) {
    throw new AwsError(
      "InvalidIdentityToken",
      `No OpenIDConnect provider found in your account for ${GITHUB_ISSUER}`
    );
  }
  const providerArn = provider.arn;
  const audiences = (Array.isArray(claims["aud"]) ? claims["aud"] : [claims["aud"]]).map(String);
  const audience = audiences.find((a) => provider.clientIdList.includes(a));
  if (audience === void 0) throw new AwsError("InvalidIdentityToken", "Incorrect token audience");
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

// packages/sim/src/sts/authorizer.ts
function enforcedPolicies(sim, principal) {
  if (principal.roleArn === void 0) return void 0;
  const role = findRole(sim, principal.roleArn);
  if (!role || role.policies.length === 0 || (role.unknownManagedPolicies?.length ?? 0) > 0) return void 0;
  return role.policies;
}
function iamAuthorizer(sim) {
  return {
    enforces: (principal) => enforcedPolicies(sim, principal) !== void 0,
    evaluate(principal, checks, region) {
      const policies = enforcedPolicies(sim, principal);
      return policies ? evaluatePolicies(sim, principal, policies, checks, region) : void 0;
    }
  };
}

// packages/sim/src/sts/session-route.ts
function sessionRoute(sim) {
  return {
    prefix: "/_sim/sessions",
    async handle(req, res, url) {
      const path = url.pathname.replace(/\/+$/, "");
      if (path !== "/_sim/sessions") return sendJson(res, 404, { error: `no control route ${path}` });
      if (req.method !== "POST")
        return sendJson(res, 405, { error: `${req.method} is not allowed on ${path}` });
      let body;
      try {
        const parsed2 = JSON.parse((await readBody(req, 64 * 1024)).toString("utf8") || "{}");
        if (typeof parsed2 !== "object" || parsed2 === null || Array.isArray(parsed2))
          throw new Error("not an object");
        body = parsed2;
      } catch {
        return sendJson(res, 400, { error: "the body is not a JSON object" });
      }
      const roleArn = body["roleArn"];
      const role = typeof roleArn === "string" ? findRole(sim, roleArn) : void 0;
      if (!role) return sendJson(res, 400, { error: `no seeded role ${JSON.stringify(roleArn)}` });
      const sessionName = body["sessionName"] ?? "sim";
      if (typeof sessionName !== "string" || !/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
        return sendJson(res, 400, { error: "sessionName must be 2 to 64 characters of [\\w+=,.@-]" });
      }
      const duration = body["durationSeconds"] ?? role.maxSessionDuration;
      if (typeof duration !== "number" || !Number.isInteger(duration) || duration < 900) {
        return sendJson(res, 400, { error: "durationSeconds must be an integer of at least 900" });
      }
      if (duration > role.maxSessionDuration) {
        return sendJson(res, 400, {
          error: `durationSeconds ${duration} exceeds the role's maxSessionDuration ${role.maxSessionDuration}`
        });
      }
      const session2 = startRoleSession({ sim, now: sim.clock.now() }, role, sessionName, duration);
      const creds = session2.Credentials;
      return sendJson(res, 200, {
        accessKeyId: creds["AccessKeyId"],
        secretAccessKey: creds["SecretAccessKey"],
        sessionToken: creds["SessionToken"],
        expiration: creds["Expiration"].toISOString(),
        arn: session2.AssumedRoleUser.Arn
      });
    }
  };
}

// packages/sim/src/sts/iam.ts
var TRUST_POLICY_CHECKED_BY_ASSUME_ROLE = {
  Statement: [{ Effect: "Allow", Principal: "*", Action: "sts:*", Resource: "*" }]
};
function stsPermissions(ctx, input) {
  if (ctx.action === "GetCallerIdentity") return [];
  if (ctx.action !== "AssumeRole") return void 0;
  const roleArn = typeof input["RoleArn"] === "string" ? input["RoleArn"] : "*";
  const str8 = (key) => typeof input[key] === "string" ? input[key] : void 0;
  const context = {
    "sts:RoleSessionName": str8("RoleSessionName"),
    "sts:ExternalId": str8("ExternalId"),
    "sts:SourceIdentity": str8("SourceIdentity")
  };
  const on2 = (action) => ({
    action,
    resource: roleArn,
    context,
    resourcePolicy: TRUST_POLICY_CHECKED_BY_ASSUME_ROLE
  });
  const checks = [on2("sts:AssumeRole")];
  if (Array.isArray(input["Tags"]) && input["Tags"].length > 0) checks.push(on2("sts:TagSession"));
  if (str8("SourceIdentity") !== void 0) checks.push(on2("sts:SetSourceIdentity"));
  return checks;
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
      },
      permissions: stsPermissions
    });
    sim.authorizer = iamAuthorizer(sim);
    sim.addRoute(sessionRoute(sim));
    sim.onSeed("oidcProviders", (data) => {
      seedEntries("oidcProviders", data, (spec) => addOidcProvider(sim, spec));
    });
    sim.onSeed("roles", (data) => {
      seedEntries("roles", data, (spec) => addRole(sim, spec));
    });
  }
};

// packages/sim/src/cloudformation/resources/iam.ts
function policyState(sim) {
  return sim.store("iam.policies", () => ({ roles: /* @__PURE__ */ new Map(), managed: /* @__PURE__ */ new Map() }));
}
function policiesOf(sim, roleArn) {
  const state = policyState(sim);
  let entry = state.roles.get(roleArn);
  if (!entry) {
    entry = { inline: {}, managed: [] };
    state.roles.set(roleArn, entry);
  }
  return entry;
}
var roleArnOf = (ctx, path, name) => `arn:aws:iam::${ctx.account}:role${path}${name}`;
function pathOf(props, key = "Path") {
  const path = str2(props[key]) ?? "/";
  if (!/^\/(?:[\x21-\x7e]*\/)?$/.test(path) || path.length > 512) {
    throw handlerError(
      "The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.",
      "InvalidRequest"
    );
  }
  return path;
}
function checkRoleName(name) {
  if (name.length > 64 || !/^[\w+=,.@-]+$/.test(name)) {
    throw handlerError(
      `1 validation error detected: Value '${name}' at 'roleName' failed to satisfy constraint: ${name.length > 64 ? "Member must have length less than or equal to 64" : "Member must satisfy regular expression pattern: [\\w+=,.@-]+"}`,
      "InvalidRequest"
    );
  }
}
function documentOf(raw, what) {
  let doc = raw;
  if (typeof raw !== "string") {
    if (typeof raw !== "object" || raw === null) {
      throw handlerError(`The policy document of ${what} is missing.`, "InvalidRequest");
    }
  } else {
    try {
      doc = JSON.parse(raw);
    } catch {
      throw handlerError("Syntax errors in policy.", "InvalidRequest");
    }
  }
  guarded(() => parsePermissionPolicy(what, doc, what));
  return doc;
}
function syncPermissions(sim, roleArn) {
  const state = policyState(sim);
  const entry = state.roles.get(roleArn);
  const policies = Object.entries(entry?.inline ?? {}).map(
    ([name, doc]) => parsePermissionPolicy(name, doc, name)
  );
  const unknown = [];
  for (const arn of entry?.managed ?? []) {
    const managed = state.managed.get(arn);
    if (managed) policies.push(parsePermissionPolicy(arn, managed.document, arn));
    else unknown.push(arn);
  }
  setRolePolicies(sim, roleArn, policies, unknown);
}
function syncAll(sim) {
  for (const roleArn of policyState(sim).roles.keys()) syncPermissions(sim, roleArn);
}
function inlinePolicies(props) {
  const list = props["Policies"];
  if (!Array.isArray(list)) return {};
  return Object.fromEntries(
    list.map((p) => {
      const policy = typeof p === "object" && p !== null ? p : {};
      const name = str2(policy["PolicyName"]) ?? "";
      return [name, documentOf(policy["PolicyDocument"], `policy ${name}`)];
    })
  );
}
function putRole(ctx, arn, props) {
  const max = num(props["MaxSessionDuration"]) ?? 3600;
  const role = guarded(() => {
    try {
      return addRole(ctx.sim, {
        arn,
        trustPolicy: props["AssumeRolePolicyDocument"],
        maxSessionDuration: max
      });
    } catch (err) {
      if (err instanceof AwsError && /maxSessionDuration/.test(err.message)) {
        throw new AwsError(
          "ValidationError",
          `1 validation error detected: Value '${String(max)}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value ${max < 3600 ? "greater than or equal to 3600" : "less than or equal to 43200"}`
        );
      }
      if (err instanceof AwsError && err.code === "MalformedPolicyDocument") {
        throw new AwsError(err.code, err.message.replace(`role ${arn}`, "").replace(/^[:\s]+/, ""));
      }
      throw err;
    }
  });
  const policies = policiesOf(ctx.sim, arn);
  const managed = props["ManagedPolicyArns"];
  policies.managed = Array.isArray(managed) ? managed.map(String) : [];
  for (const name of Object.keys(policies.inline)) if (name.startsWith("role:")) delete policies.inline[name];
  for (const [name, doc] of Object.entries(inlinePolicies(props))) policies.inline[`role:${name}`] = doc;
  syncPermissions(ctx.sim, arn);
  return { physicalId: role.name, attributes: { Arn: role.arn, RoleId: role.roleId } };
}
var iamRoleProvider = {
  create(ctx, props) {
    const name = str2(props["RoleName"]) ?? generatedName(ctx, 64);
    checkRoleName(name);
    const arn = roleArnOf(ctx, pathOf(props), name);
    if (findRole(ctx.sim, arn)) throw alreadyExists("AWS::IAM::Role", name);
    return putRole(ctx, arn, props);
  },
  needsReplacement: (before, after) => changed(before, after, ["RoleName", "Path"]),
  update(ctx, current2, _before, after) {
    const arn = str2(current2.attributes["Arn"]) ?? roleArnOf(ctx, pathOf(after), current2.physicalId);
    return putRole(ctx, arn, after);
  },
  delete(ctx, current2) {
    const arn = str2(current2.attributes["Arn"]);
    if (arn === void 0) return;
    removeRole(ctx.sim, arn);
    policyState(ctx.sim).roles.delete(arn);
  }
};
function rolesNamed(ctx, props) {
  const names = Array.isArray(props["Roles"]) ? props["Roles"].map(String) : [];
  return names.map((name) => {
    const arn = name.startsWith("arn:") ? name : findRoleByName(ctx, name);
    if (arn === void 0) {
      throw handlerError(`The role with name ${name} cannot be found.`, "NotFound");
    }
    return arn;
  });
}
function findRoleByName(ctx, name) {
  return listRoles(ctx.sim).find((r) => r.account === ctx.account && r.name === name)?.arn;
}
function attachInline(ctx, props, name) {
  const doc = documentOf(props["PolicyDocument"], `policy ${name}`);
  for (const arn of rolesNamed(ctx, props)) {
    policiesOf(ctx.sim, arn).inline[`policy:${name}`] = doc;
    syncPermissions(ctx.sim, arn);
  }
}
function detachInline(ctx, name) {
  for (const entry of policyState(ctx.sim).roles.values()) delete entry.inline[`policy:${name}`];
  syncAll(ctx.sim);
}
var iamPolicyProvider = {
  create(ctx, props) {
    const name = str2(props["PolicyName"]) ?? generatedName(ctx, 128);
    attachInline(ctx, props, name);
    return { physicalId: name, attributes: { Id: name } };
  },
  needsReplacement: () => false,
  update(ctx, current2, _before, after) {
    detachInline(ctx, current2.physicalId);
    const name = str2(after["PolicyName"]) ?? current2.physicalId;
    attachInline(ctx, after, name);
    return { physicalId: name, attributes: { Id: name } };
  },
  delete(ctx, current2) {
    detachInline(ctx, current2.physicalId);
  }
};
function putManaged(ctx, arn, name, path, props) {
  const document = documentOf(props["PolicyDocument"], `managed policy ${name}`);
  const roles = rolesNamed(ctx, props);
  const state = policyState(ctx.sim);
  state.managed.set(arn, { name, path, document });
  for (const entry of state.roles.values()) entry.managed = entry.managed.filter((a) => a !== arn);
  for (const role of roles) policiesOf(ctx.sim, role).managed.push(arn);
  syncAll(ctx.sim);
  return {
    physicalId: arn,
    attributes: {
      PolicyArn: arn,
      PolicyId: `ANPA${(0, import_node_crypto17.randomBytes)(9).toString("hex").toUpperCase().slice(0, 17)}`
    }
  };
}
var iamManagedPolicyProvider = {
  create(ctx, props) {
    const name = str2(props["ManagedPolicyName"]) ?? generatedName(ctx, 128);
    const path = pathOf(props);
    const arn = `arn:aws:iam::${ctx.account}:policy${path}${name}`;
    if (policyState(ctx.sim).managed.has(arn)) throw alreadyExists("AWS::IAM::ManagedPolicy", arn);
    return putManaged(ctx, arn, name, path, props);
  },
  needsReplacement: (before, after) => changed(before, after, ["ManagedPolicyName", "Path"]),
  update(ctx, current2, _before, after) {
    const entry = policyState(ctx.sim).managed.get(current2.physicalId);
    const made = putManaged(ctx, current2.physicalId, entry?.name ?? "", entry?.path ?? "/", after);
    return { ...made, attributes: { ...made.attributes, PolicyId: current2.attributes["PolicyId"] } };
  },
  delete(ctx, current2) {
    const state = policyState(ctx.sim);
    state.managed.delete(current2.physicalId);
    for (const entry of state.roles.values())
      entry.managed = entry.managed.filter((a) => a !== current2.physicalId);
    syncAll(ctx.sim);
  }
};

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

// packages/sim/src/cloudformation/resources/logs.ts
var TYPE3 = "AWS::Logs::LogGroup";
function tagMap(tags) {
  if (!Array.isArray(tags)) return {};
  return Object.fromEntries(
    tags.map((t) => {
      const tag = typeof t === "object" && t !== null ? t : {};
      return [str2(tag["Key"]) ?? "", str2(tag["Value"]) ?? ""];
    })
  );
}
function provisioned3(ctx, name) {
  const arn = `arn:aws:logs:${ctx.region}:${ctx.account}:log-group:${name}`;
  return { physicalId: name, attributes: { Arn: `${arn}:*` } };
}
function setRetention(ctx, name, props) {
  const days = num(props["RetentionInDays"]);
  if (days !== void 0) {
    guarded(() => callApi(ctx, "logs", "PutRetentionPolicy", { logGroupName: name, retentionInDays: days }));
    return;
  }
  const group = findLogGroup(ctx.sim, ctx.account, ctx.region, name);
  if (group) delete group.retentionInDays;
}
var logGroupProvider = {
  create(ctx, props) {
    const name = str2(props["LogGroupName"]) ?? generatedName(ctx, 512);
    if (findLogGroup(ctx.sim, ctx.account, ctx.region, name)) throw alreadyExists(TYPE3, name);
    const logGroupClass = str2(props["LogGroupClass"]);
    guarded(
      () => callApi(ctx, "logs", "CreateLogGroup", {
        logGroupName: name,
        tags: tagMap(props["Tags"]),
        ...logGroupClass !== void 0 ? { logGroupClass } : {}
      })
    );
    try {
      setRetention(ctx, name, props);
    } catch (err) {
      callApi(ctx, "logs", "DeleteLogGroup", { logGroupName: name });
      throw err;
    }
    return provisioned3(ctx, name);
  },
  needsReplacement: (before, after) => changed(before, after, ["LogGroupName", "LogGroupClass"]),
  update(ctx, current2, _before, after) {
    setRetention(ctx, current2.physicalId, after);
    const group = findLogGroup(ctx.sim, ctx.account, ctx.region, current2.physicalId);
    if (group) group.tags = tagMap(after["Tags"]);
    return provisioned3(ctx, current2.physicalId);
  },
  delete(ctx, current2) {
    deleting(() => callApi(ctx, "logs", "DeleteLogGroup", { logGroupName: current2.physicalId }));
  }
};

// packages/sim/src/cloudformation/resources/opaque.ts
var import_node_crypto18 = require("node:crypto");
var hex = (n) => (0, import_node_crypto18.randomBytes)(Math.ceil(n / 2)).toString("hex").slice(0, n);
var ec2Id = (prefix) => `${prefix}-0${hex(16)}`;
function ec2(prefix, idAttribute, extra = () => ({})) {
  return (_ctx, props) => {
    const id = ec2Id(prefix);
    return {
      physicalId: id,
      attributes: { ...idAttribute ? { [idAttribute]: id } : {}, ...extra(props, id) }
    };
  };
}
function elbArn(ctx, kind, name) {
  return `arn:aws:elasticloadbalancing:${ctx.region}:${ctx.account}:${kind}/${name}/${hex(16)}`;
}
var elbName = (ctx, props) => str2(props["Name"]) ?? `${ctx.stackName}-${ctx.logicalId}`.replace(/[^A-Za-z0-9-]/g, "").slice(0, 26) + `-${hex(5)}`;
var MAKERS = {
  "AWS::EC2::VPC": ec2("vpc", "VpcId", (props) => ({
    CidrBlock: str2(props["CidrBlock"]) ?? "10.0.0.0/16",
    CidrBlockAssociations: [ec2Id("vpc-cidr-assoc")],
    DefaultNetworkAcl: ec2Id("acl"),
    DefaultSecurityGroup: ec2Id("sg"),
    Ipv6CidrBlocks: []
  })),
  "AWS::EC2::Subnet": (ctx, props) => {
    const id = ec2Id("subnet");
    return {
      physicalId: id,
      attributes: {
        SubnetId: id,
        AvailabilityZone: str2(props["AvailabilityZone"]) ?? `${ctx.region}a`,
        CidrBlock: str2(props["CidrBlock"]) ?? "10.0.0.0/24",
        VpcId: str2(props["VpcId"]) ?? "",
        NetworkAclAssociationId: ec2Id("aclassoc"),
        Ipv6CidrBlocks: []
      }
    };
  },
  "AWS::EC2::SecurityGroup": ec2("sg", "GroupId", (props) => ({ VpcId: str2(props["VpcId"]) ?? "" })),
  "AWS::EC2::InternetGateway": ec2("igw", "InternetGatewayId"),
  "AWS::EC2::EgressOnlyInternetGateway": ec2("eigw", "Id"),
  "AWS::EC2::RouteTable": ec2("rtb", "RouteTableId"),
  "AWS::EC2::SubnetRouteTableAssociation": ec2("rtbassoc", "Id"),
  "AWS::EC2::NatGateway": ec2("nat", "NatGatewayId"),
  "AWS::EC2::NetworkAcl": ec2("acl", "Id"),
  "AWS::EC2::NetworkInterface": ec2("eni", "Id"),
  "AWS::EC2::VPCEndpoint": ec2("vpce", "Id", () => ({ DnsEntries: [], NetworkInterfaceIds: [] })),
  "AWS::EC2::SecurityGroupIngress": ec2("sgr", "Id"),
  "AWS::EC2::SecurityGroupEgress": ec2("sgr", "Id"),
  "AWS::EC2::LaunchTemplate": ec2("lt", "LaunchTemplateId", () => ({
    DefaultVersionNumber: "1",
    LatestVersionNumber: "1"
  })),
  "AWS::EC2::Instance": ec2("i", "InstanceId", () => ({ PrivateIp: "10.0.0.10", PublicIp: "" })),
  "AWS::EC2::FlowLog": ec2("fl", "Id"),
  "AWS::EC2::EIP": () => {
    const ip = `52.${1 + (0, import_node_crypto18.randomBytes)(1)[0] % 254}.${(0, import_node_crypto18.randomBytes)(1)[0]}.${1 + (0, import_node_crypto18.randomBytes)(1)[0] % 254}`;
    return { physicalId: ip, attributes: { AllocationId: ec2Id("eipalloc"), PublicIp: ip } };
  },
  "AWS::ElasticLoadBalancingV2::LoadBalancer": (ctx, props) => {
    const name = elbName(ctx, props);
    const type = str2(props["Type"]) === "network" ? "net" : "app";
    const arn = elbArn(ctx, `loadbalancer/${type}`, name);
    const dns = `${name}-${hex(10)}.${ctx.region}.elb.amazonaws.com`;
    return {
      physicalId: arn,
      attributes: {
        LoadBalancerArn: arn,
        LoadBalancerName: name,
        LoadBalancerFullName: arn.split(":loadbalancer/")[1],
        DNSName: dns,
        CanonicalHostedZoneID: "Z35SXDOTRQ7X7K",
        SecurityGroups: []
      }
    };
  },
  "AWS::ElasticLoadBalancingV2::TargetGroup": (ctx, props) => {
    const name = elbName(ctx, props);
    const arn = elbArn(ctx, "targetgroup", name);
    return {
      physicalId: arn,
      attributes: {
        TargetGroupArn: arn,
        TargetGroupName: name,
        TargetGroupFullName: arn.split(":")[5],
        LoadBalancerArns: []
      }
    };
  },
  "AWS::ElasticLoadBalancingV2::Listener": (ctx) => {
    const arn = `arn:aws:elasticloadbalancing:${ctx.region}:${ctx.account}:listener/app/${ctx.stackName}/${hex(16)}/${hex(16)}`;
    return { physicalId: arn, attributes: { ListenerArn: arn } };
  },
  "AWS::KMS::Alias": (ctx, props) => ({
    physicalId: str2(props["AliasName"]) ?? `alias/${ctx.stackName}-${ctx.logicalId}`,
    attributes: {}
  }),
  "AWS::KMS::Key": (ctx) => {
    const id = (0, import_node_crypto18.randomUUID)();
    return {
      physicalId: id,
      attributes: { KeyId: id, Arn: `arn:aws:kms:${ctx.region}:${ctx.account}:key/${id}` }
    };
  }
};
function opaqueProviderFor(type) {
  const make = MAKERS[type];
  return {
    create(ctx, props) {
      if (make) return make(ctx, props);
      return {
        physicalId: `${ctx.stackName}-${ctx.logicalId}-${(0, import_node_crypto18.randomBytes)(6).toString("hex").toUpperCase()}`,
        attributes: {}
      };
    },
    needsReplacement: () => false,
    update: (_ctx, current2) => current2,
    delete: () => void 0
  };
}

// packages/sim/src/s3/route.ts
var import_node_crypto22 = require("node:crypto");

// packages/sim/src/s3/errors.ts
var S3Error = class extends AwsError {
  constructor(code, message, status, extra = {}) {
    super(code, message, status);
    this.extra = extra;
  }
  extra;
};
var noSuchBucket = (name) => new S3Error("NoSuchBucket", "The specified bucket does not exist", 404, { BucketName: name });
var noSuchKey = (key) => new S3Error("NoSuchKey", "The specified key does not exist.", 404, { Key: key });
var accessDenied = () => new S3Error("AccessDenied", "Access Denied", 403);

// packages/sim/src/s3/store.ts
var import_node_crypto19 = require("node:crypto");

// packages/sim/src/s3/xml.ts
var S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
function escapeXml2(s) {
  return s.replace(
    /[<>&'"\r\n]/g,
    (c) => ({
      "<": "&lt;",
      ">": "&gt;",
      "&": "&amp;",
      "'": "&apos;",
      '"': "&quot;",
      "\r": "&#13;",
      "\n": "&#10;"
    })[c]
  );
}
function write(name, value) {
  if (value === void 0) return "";
  if (Array.isArray(value)) return value.map((v) => write(name, v)).join("");
  if (typeof value === "object") return `<${name}>${children(value)}</${name}>`;
  return `<${name}>${escapeXml2(String(value))}</${name}>`;
}
function children(node) {
  return Object.entries(node).map(([k, v]) => write(k, v)).join("");
}
function xmlDocument(root, body) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<${root} xmlns="${S3_NAMESPACE}">${children(body)}</${root}>`;
}
function errorDocument(code, message, extra, requestId) {
  const fields = { Code: code, Message: message, ...extra, RequestId: requestId, HostId: requestId };
  return `<?xml version="1.0" encoding="UTF-8"?>
<Error>${children(fields)}</Error>`;
}
var ENTITIES = { lt: "<", gt: ">", amp: "&", apos: "'", quot: '"' };
function unescapeXml(s) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, e) => {
    if (e.startsWith("#x") || e.startsWith("#X")) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith("#")) return String.fromCodePoint(Number(e.slice(1)));
    return ENTITIES[e] ?? whole;
  });
}
var malformed3 = () => new S3Error(
  "MalformedXML",
  "The XML you provided was not well-formed or did not validate against our published schema",
  400
);
function parseXml(text) {
  const src = text.replace(/<\?xml[^>]*\?>/, "").replace(/<!--[\s\S]*?-->/g, "");
  const root = { name: "", text: "", children: [] };
  const stack = [root];
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  let pos = 0;
  for (let m = tag.exec(src); m !== null; m = tag.exec(src)) {
    if (m.index !== pos) throw malformed3();
    pos = tag.lastIndex;
    const top = stack[stack.length - 1];
    if (m[5] !== void 0) {
      top.text += unescapeXml(m[5]);
      continue;
    }
    const name = m[2].replace(/^\w+:/, "");
    if (m[1] === "/") {
      if (top.name !== name || stack.length < 2) throw malformed3();
      stack.pop();
      continue;
    }
    const el = { name, text: "", children: [] };
    top.children.push(el);
    if (m[4] !== "/") stack.push(el);
  }
  if (pos !== src.length || stack.length !== 1) throw malformed3();
  const elements = root.children;
  if (elements.length !== 1 || root.text.trim() !== "") throw malformed3();
  return elements[0];
}
function child(el, name) {
  return el?.children.find((c) => c.name === name);
}
function childrenNamed(el, name) {
  return el?.children.filter((c) => c.name === name) ?? [];
}
function textOf(el, name) {
  const c = child(el, name);
  return c === void 0 ? void 0 : c.text.trim();
}

// packages/sim/src/s3/store.ts
function s3State(sim) {
  return sim.store("s3", () => ({ buckets: /* @__PURE__ */ new Map() }));
}
var md5Etag = (body) => `"${(0, import_node_crypto19.createHash)("md5").update(body).digest("hex")}"`;
var BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
function validateBucketName(name) {
  const ok = BUCKET_NAME.test(name) && !name.includes("..") && !/^\d+\.\d+\.\d+\.\d+$/.test(name) && !/^(xn--|sthree-|amzn-s3-demo-)/.test(name) && !/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name);
  if (!ok) {
    throw new S3Error("InvalidBucketName", "The specified bucket is not valid.", 400, { BucketName: name });
  }
}
function createBucket(sim, spec) {
  validateBucketName(spec.name);
  const state = s3State(sim);
  const existing = state.buckets.get(spec.name);
  if (existing) {
    throw existing.account === spec.account ? new S3Error(
      "BucketAlreadyOwnedByYou",
      "Your previous request to create the named bucket succeeded and you already own it.",
      409,
      { BucketName: spec.name }
    ) : new S3Error(
      "BucketAlreadyExists",
      "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.",
      409,
      { BucketName: spec.name }
    );
  }
  const bucket = {
    name: spec.name,
    account: spec.account,
    region: spec.region,
    createdAt: sim.clock.now(),
    encryption: spec.encryption === void 0 ? { algorithm: "AES256" } : spec.encryption,
    // New buckets block public access, as S3's have since 2023.
    publicAccessBlock: xmlDocument("PublicAccessBlockConfiguration", {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true
    }),
    tags: {},
    objects: /* @__PURE__ */ new Map(),
    uploads: /* @__PURE__ */ new Map()
  };
  if (spec.policy !== void 0) setBucketPolicy(bucket, spec.policy);
  state.buckets.set(spec.name, bucket);
  return bucket;
}
function findBucket(sim, name) {
  return s3State(sim).buckets.get(name);
}
function requireBucket(sim, name) {
  const bucket = findBucket(sim, name);
  if (!bucket) throw noSuchBucket(name);
  return bucket;
}
function deleteBucket(sim, name) {
  const bucket = requireBucket(sim, name);
  if (bucket.objects.size > 0) {
    throw new S3Error("BucketNotEmpty", "The bucket you tried to delete is not empty", 409, {
      BucketName: name
    });
  }
  s3State(sim).buckets.delete(name);
}
function setBucketPolicy(bucket, policy) {
  const text = typeof policy === "string" ? policy : JSON.stringify(policy);
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    doc = void 0;
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc) || !text.trimStart().startsWith("{")) {
    throw new S3Error("MalformedPolicy", "Policies must be valid JSON and the first byte must be '{'", 400);
  }
  if (doc["Statement"] === void 0) {
    throw new S3Error("MalformedPolicy", "Missing required field Statement", 400);
  }
  bucket.policy = text;
}
function storeObject(sim, bucketName, key, body, options = {}) {
  const bucket = requireBucket(sim, bucketName);
  const object = {
    key,
    body,
    etag: options.etag ?? md5Etag(body),
    contentType: options.contentType ?? "binary/octet-stream",
    metadata: options.metadata ?? {},
    tags: options.tags ?? {},
    lastModified: sim.clock.now(),
    headers: options.headers ?? {},
    ...options.checksum ? { checksum: options.checksum } : {}
  };
  const encryption = options.encryption ?? bucket.encryption;
  if (encryption) object.encryption = encryption;
  bucket.objects.set(key, object);
  return object;
}

// packages/sim/src/s3/request.ts
var XML = { "content-type": "application/xml" };
var IAM_ACTIONS = {
  ListObjectsV2: "ListBucket",
  ListObjects: "ListBucket",
  HeadBucket: "ListBucket",
  HeadObject: "GetObject",
  GetBucketEncryption: "GetEncryptionConfiguration",
  PutBucketEncryption: "PutEncryptionConfiguration",
  DeleteObjects: "DeleteObject",
  CreateMultipartUpload: "PutObject",
  UploadPart: "PutObject",
  CompleteMultipartUpload: "PutObject",
  CopyObject: "PutObject",
  AbortMultipartUpload: "AbortMultipartUpload"
};
function globMatches(pattern, value) {
  const re = new RegExp(
    `^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`,
    "i"
  );
  return re.test(value);
}
var asList2 = (v) => Array.isArray(v) ? v : v === void 0 ? [] : [v];
function principalMatches2(principal, caller) {
  if (principal === "*") return true;
  if (typeof principal !== "object" || principal === null) return false;
  return asList2(principal["AWS"]).some(
    (v) => v === "*" || v === caller.account || v === `arn:aws:iam::${caller.account}:root` || v === caller.arn || caller.roleArn !== void 0 && v === caller.roleArn
  );
}
function policyAllows(bucket, caller, action) {
  if (bucket.policy === void 0) return false;
  const doc = JSON.parse(bucket.policy);
  const iamAction = `s3:${IAM_ACTIONS[action] ?? action}`;
  return asList2(doc["Statement"]).some((s) => {
    if (typeof s !== "object" || s === null) return false;
    const st = s;
    return st["Effect"] === "Allow" && principalMatches2(st["Principal"], caller) && asList2(st["Action"]).some((a) => typeof a === "string" && globMatches(a, iamAction));
  });
}
function bucketOf(call) {
  if (call.bucketName === void 0) throw new S3Error("InvalidRequest", "A bucket name is required.", 400);
  const bucket = requireBucket(call.sim, call.bucketName);
  const expected = call.req.headers["x-amz-expected-bucket-owner"];
  if (typeof expected === "string" && expected !== bucket.account) throw accessDenied();
  if (bucket.account !== call.principal.account && !policyAllows(bucket, call.principal, call.action)) {
    throw accessDenied();
  }
  return bucket;
}
function header(call, name) {
  const v = call.req.headers[name];
  return typeof v === "string" ? v : Array.isArray(v) ? v.join(",") : void 0;
}
function metadataOf(call) {
  const out = {};
  for (const [name, value] of Object.entries(call.req.headers)) {
    if (name.startsWith("x-amz-meta-") && typeof value === "string") out[name.slice(11)] = value;
  }
  return out;
}
var STORED_HEADERS = [
  "cache-control",
  "content-disposition",
  "content-encoding",
  "content-language",
  "expires",
  "x-amz-website-redirect-location"
];
function storedHeadersOf(call) {
  const out = {};
  for (const name of STORED_HEADERS) {
    let v = header(call, name);
    if (name === "content-encoding" && v !== void 0) {
      v = v.split(",").map((e) => e.trim()).filter((e) => e !== "aws-chunked" && e !== "").join(",");
    }
    if (v !== void 0 && v !== "") out[name] = v;
  }
  return out;
}
function tagsFromQuery(text) {
  if (text === void 0) return {};
  return Object.fromEntries(new URLSearchParams(text));
}
var iso = (ms) => new Date(ms).toISOString();
var httpDate = (ms) => new Date(ms).toUTCString();

// packages/sim/src/s3/api-buckets.ts
var DEFAULT_REGION2 = "us-east-1";
async function xmlBody(call) {
  const body = await call.body();
  const text = body.toString("utf8").trim();
  return text === "" ? void 0 : parseXml(text);
}
async function requiredXml(call) {
  const doc = await xmlBody(call);
  if (!doc) {
    throw new S3Error("MissingRequestBodyError", "Request Body is empty", 400);
  }
  return doc;
}
var ListBuckets = (call) => {
  const mine = [...s3State(call.sim).buckets.values()].filter((b) => b.account === call.principal.account).sort((a, b) => a.name < b.name ? -1 : 1);
  return {
    headers: XML,
    body: xmlDocument("ListAllMyBucketsResult", {
      Owner: { ID: call.principal.account, DisplayName: call.principal.account },
      Buckets: {
        Bucket: mine.map((b) => ({ Name: b.name, CreationDate: iso(b.createdAt), BucketRegion: b.region }))
      }
    })
  };
};
var CreateBucket = async (call) => {
  const name = call.bucketName;
  validateBucketName(name);
  const config = await xmlBody(call);
  const constraint = textOf(config, "LocationConstraint") || void 0;
  if (call.region === DEFAULT_REGION2 && constraint === DEFAULT_REGION2) {
    throw new S3Error("InvalidLocationConstraint", "The specified location-constraint is not valid", 400, {
      LocationConstraint: constraint
    });
  }
  if (call.region !== DEFAULT_REGION2 && constraint !== call.region) {
    throw new S3Error(
      "IllegalLocationConstraintException",
      `The ${constraint ?? "unspecified"} location constraint is incompatible for the region specific endpoint this request was sent to.`,
      400
    );
  }
  const existing = s3State(call.sim).buckets.get(name);
  if (existing && existing.account === call.principal.account && existing.region === DEFAULT_REGION2) {
    return { headers: { location: `/${name}` } };
  }
  createBucket(call.sim, {
    name,
    account: call.principal.account,
    region: constraint ?? DEFAULT_REGION2
  });
  return { headers: { location: `/${name}` } };
};
var DeleteBucket = (call) => {
  bucketOf(call);
  deleteBucket(call.sim, call.bucketName);
  return { status: 204 };
};
var HeadBucket = (call) => {
  const bucket = bucketOf(call);
  return { headers: { "x-amz-bucket-region": bucket.region, "x-amz-access-point-alias": "false" } };
};
var GetBucketLocation = (call) => {
  const bucket = bucketOf(call);
  const region = bucket.region === DEFAULT_REGION2 ? "" : bucket.region;
  return {
    headers: XML,
    body: `<?xml version="1.0" encoding="UTF-8"?>
<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${region}</LocationConstraint>`
  };
};
function encryptionXml(e) {
  return {
    Rule: {
      ApplyServerSideEncryptionByDefault: {
        SSEAlgorithm: e.algorithm,
        ...e.kmsKeyId !== void 0 ? { KMSMasterKeyID: e.kmsKeyId } : {}
      },
      BucketKeyEnabled: e.bucketKeyEnabled ?? false
    }
  };
}
var GetBucketEncryption = (call) => {
  const bucket = bucketOf(call);
  if (!bucket.encryption) {
    throw new S3Error(
      "ServerSideEncryptionConfigurationNotFoundError",
      "The server side encryption configuration was not found",
      404,
      { BucketName: bucket.name }
    );
  }
  return {
    headers: XML,
    body: xmlDocument("ServerSideEncryptionConfiguration", encryptionXml(bucket.encryption))
  };
};
function parseEncryption(doc) {
  const rule = child(doc, "Rule");
  const byDefault = child(rule, "ApplyServerSideEncryptionByDefault");
  const algorithm = textOf(byDefault, "SSEAlgorithm");
  if (algorithm !== "AES256" && algorithm !== "aws:kms" && algorithm !== "aws:kms:dsse") {
    throw new S3Error(
      "MalformedXML",
      "The XML you provided was not well-formed or did not validate against our published schema",
      400
    );
  }
  const kmsKeyId = textOf(byDefault, "KMSMasterKeyID");
  return {
    algorithm,
    ...kmsKeyId !== void 0 ? { kmsKeyId } : {},
    bucketKeyEnabled: textOf(rule, "BucketKeyEnabled") === "true"
  };
}
var PutBucketEncryption = async (call) => {
  const bucket = bucketOf(call);
  bucket.encryption = parseEncryption(await requiredXml(call));
  return {};
};
var DeleteBucketEncryption = (call) => {
  bucketOf(call).encryption = { algorithm: "AES256" };
  return { status: 204 };
};
var GetBucketPolicy = (call) => {
  const bucket = bucketOf(call);
  if (bucket.policy === void 0) {
    throw new S3Error("NoSuchBucketPolicy", "The bucket policy does not exist", 404, {
      BucketName: bucket.name
    });
  }
  return { headers: { "content-type": "application/json" }, body: bucket.policy };
};
var PutBucketPolicy = async (call) => {
  const bucket = bucketOf(call);
  setBucketPolicy(bucket, (await call.body()).toString("utf8"));
  return { status: 204 };
};
var DeleteBucketPolicy = (call) => {
  delete bucketOf(call).policy;
  return { status: 204 };
};
var GetBucketVersioning = (call) => {
  const bucket = bucketOf(call);
  return {
    headers: XML,
    body: xmlDocument("VersioningConfiguration", bucket.versioning ? { Status: bucket.versioning } : {})
  };
};
var PutBucketVersioning = async (call) => {
  const bucket = bucketOf(call);
  const status = textOf(await requiredXml(call), "Status");
  if (status !== "Enabled" && status !== "Suspended") {
    throw new S3Error(
      "MalformedXML",
      "The XML you provided was not well-formed or did not validate against our published schema",
      400
    );
  }
  bucket.versioning = status;
  return {};
};
function storedConfiguration(field, missing) {
  return {
    get(call) {
      const bucket = bucketOf(call);
      const doc = bucket[field];
      if (doc === void 0)
        throw new S3Error(missing.code, missing.message, 404, { BucketName: bucket.name });
      return { headers: XML, body: doc };
    },
    async put(call) {
      const bucket = bucketOf(call);
      await requiredXml(call);
      bucket[field] = (await call.body()).toString("utf8");
      return {};
    },
    remove(call) {
      delete bucketOf(call)[field];
      return { status: 204 };
    }
  };
}
var lifecycle = storedConfiguration("lifecycle", {
  code: "NoSuchLifecycleConfiguration",
  message: "The lifecycle configuration does not exist"
});
var publicAccessBlock = storedConfiguration("publicAccessBlock", {
  code: "NoSuchPublicAccessBlockConfiguration",
  message: "The public access block configuration was not found"
});
function parseTagging(doc) {
  const tags = {};
  for (const tag of childrenNamed(child(doc, "TagSet"), "Tag")) {
    const key = child(tag, "Key")?.text;
    if (key === void 0) {
      throw new S3Error("InvalidTag", "The TagKey you have provided is invalid", 400);
    }
    tags[key] = child(tag, "Value")?.text ?? "";
  }
  return tags;
}
function taggingXml(tags) {
  return xmlDocument("Tagging", {
    TagSet: { Tag: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }
  });
}
var GetBucketTagging = (call) => {
  const bucket = bucketOf(call);
  if (Object.keys(bucket.tags).length === 0) {
    throw new S3Error("NoSuchTagSet", "The TagSet does not exist", 404, { BucketName: bucket.name });
  }
  return { headers: XML, body: taggingXml(bucket.tags) };
};
var PutBucketTagging = async (call) => {
  const bucket = bucketOf(call);
  bucket.tags = parseTagging(await requiredXml(call));
  return { status: 204 };
};
var DeleteBucketTagging = (call) => {
  bucketOf(call).tags = {};
  return { status: 204 };
};
var bucketActions = {
  ListBuckets,
  CreateBucket,
  DeleteBucket,
  HeadBucket,
  GetBucketLocation,
  GetBucketEncryption,
  PutBucketEncryption,
  DeleteBucketEncryption,
  GetBucketPolicy,
  PutBucketPolicy,
  DeleteBucketPolicy,
  GetBucketVersioning,
  PutBucketVersioning,
  GetBucketLifecycleConfiguration: lifecycle.get,
  PutBucketLifecycleConfiguration: lifecycle.put,
  DeleteBucketLifecycle: lifecycle.remove,
  GetPublicAccessBlock: publicAccessBlock.get,
  PutPublicAccessBlock: publicAccessBlock.put,
  DeletePublicAccessBlock: publicAccessBlock.remove,
  GetBucketTagging,
  PutBucketTagging,
  DeleteBucketTagging
};

// packages/sim/src/s3/api-multipart.ts
var import_node_crypto21 = require("node:crypto");

// packages/sim/src/s3/payload.ts
var import_node_crypto20 = require("node:crypto");
var import_node_zlib = require("node:zlib");
var CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 2197175160 ^ c >>> 1 : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();
function crc32c(data) {
  let c = 4294967295;
  for (const byte of data) c = CRC32C_TABLE[(c ^ byte) & 255] ^ c >>> 8;
  return (c ^ 4294967295) >>> 0;
}
function uint32(n) {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b.toString("base64");
}
function checksumOf(algorithm, body) {
  switch (algorithm) {
    case "crc32":
      return uint32((0, import_node_zlib.crc32)(body));
    case "crc32c":
      return uint32(crc32c(body));
    case "sha1":
      return (0, import_node_crypto20.createHash)("sha1").update(body).digest("base64");
    case "sha256":
      return (0, import_node_crypto20.createHash)("sha256").update(body).digest("base64");
    default:
      return void 0;
  }
}
var invalidChunk = () => new S3Error("IncompleteBody", "The request body terminated unexpectedly", 400);
function decodeAwsChunked(raw) {
  const parts = [];
  let pos = 0;
  for (; ; ) {
    const eol = raw.indexOf("\r\n", pos);
    if (eol < 0) throw invalidChunk();
    const header3 = raw.subarray(pos, eol).toString("latin1");
    const size = parseInt(header3.split(";")[0], 16);
    if (!Number.isInteger(size) || size < 0) throw invalidChunk();
    pos = eol + 2;
    if (size === 0) break;
    if (pos + size > raw.length) throw invalidChunk();
    parts.push(raw.subarray(pos, pos + size));
    pos += size;
    if (raw.subarray(pos, pos + 2).toString("latin1") === "\r\n") pos += 2;
  }
  const trailers = {};
  for (const line of raw.subarray(pos).toString("latin1").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { body: Buffer.concat(parts), trailers };
}
function readPayload(headers, raw) {
  const encoding = String(headers["content-encoding"] ?? "");
  const sha = String(headers["x-amz-content-sha256"] ?? "");
  const chunked = encoding.split(",").some((e) => e.trim() === "aws-chunked") || sha.startsWith("STREAMING-");
  let body = raw;
  let trailers = {};
  if (chunked) ({ body, trailers } = decodeAwsChunked(raw));
  const declared = headers["x-amz-decoded-content-length"];
  if (chunked && declared !== void 0 && Number(declared) !== body.length) throw invalidChunk();
  const md5 = headers["content-md5"];
  if (typeof md5 === "string") {
    if (!/^[A-Za-z0-9+/]{22}==$/.test(md5)) {
      throw new S3Error("InvalidDigest", "The Content-MD5 you specified was invalid.", 400);
    }
    if ((0, import_node_crypto20.createHash)("md5").update(body).digest("base64") !== md5) {
      throw new S3Error("BadDigest", "The Content-MD5 you specified did not match what we received.", 400);
    }
  }
  let checksum;
  const sent = { ...headers, ...trailers };
  for (const [name, value] of Object.entries(sent)) {
    const m = /^x-amz-checksum-(crc32|crc32c|crc64nvme|sha1|sha256)$/.exec(name);
    if (!m || typeof value !== "string") continue;
    const algorithm = m[1];
    const expected = checksumOf(algorithm, body);
    if (expected !== void 0 && expected !== value) {
      throw new S3Error(
        "BadDigest",
        `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`,
        400
      );
    }
    checksum = { algorithm, value };
  }
  return { body, ...checksum ? { checksum } : {} };
}

// packages/sim/src/s3/api-multipart.ts
var MIN_PART_SIZE = 5 * 1024 * 1024;
function uploadOf(call, bucket) {
  const id = call.query.get("uploadId") ?? "";
  const upload2 = bucket.uploads.get(id);
  if (!upload2 || upload2.key !== call.key) {
    throw new S3Error(
      "NoSuchUpload",
      "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
      404,
      { UploadId: id }
    );
  }
  return upload2;
}
var CreateMultipartUpload = (call) => {
  const bucket = bucketOf(call);
  const id = (0, import_node_crypto21.randomBytes)(32).toString("base64url");
  bucket.uploads.set(id, {
    id,
    key: call.key,
    initiated: call.now,
    contentType: header(call, "content-type") ?? "binary/octet-stream",
    metadata: metadataOf(call),
    parts: /* @__PURE__ */ new Map()
  });
  return {
    headers: XML,
    body: xmlDocument("InitiateMultipartUploadResult", { Bucket: bucket.name, Key: call.key, UploadId: id })
  };
};
var UploadPart = async (call) => {
  const bucket = bucketOf(call);
  const upload2 = uploadOf(call, bucket);
  const number = Number(call.query.get("partNumber"));
  if (!Number.isInteger(number) || number < 1 || number > 1e4) {
    throw new S3Error(
      "InvalidArgument",
      "Part number must be an integer between 1 and 10000, inclusive",
      400,
      {
        ArgumentName: "partNumber",
        ArgumentValue: String(call.query.get("partNumber"))
      }
    );
  }
  const { body, checksum } = readPayload(call.req.headers, await call.body());
  const etag = md5Etag(body);
  upload2.parts.set(number, { body, etag });
  return {
    headers: {
      etag,
      ...checksum ? { [`x-amz-checksum-${checksum.algorithm}`]: checksum.value } : {}
    }
  };
};
var invalidPart = () => new S3Error(
  "InvalidPart",
  "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
  400
);
var CompleteMultipartUpload = async (call) => {
  const bucket = bucketOf(call);
  const upload2 = uploadOf(call, bucket);
  const doc = parseXml((await call.body()).toString("utf8"));
  const listed = childrenNamed(doc, "Part").map((p) => ({
    number: Number(child(p, "PartNumber")?.text.trim()),
    etag: child(p, "ETag")?.text.trim() ?? ""
  }));
  if (listed.length === 0) {
    throw new S3Error(
      "MalformedXML",
      "The XML you provided was not well-formed or did not validate against our published schema",
      400
    );
  }
  const parts = listed.map((p, i) => {
    if (i > 0 && p.number <= listed[i - 1].number) {
      throw new S3Error(
        "InvalidPartOrder",
        "The list of parts was not in ascending order. Parts must be ordered by part number.",
        400
      );
    }
    const part = upload2.parts.get(p.number);
    const etag2 = p.etag.startsWith('"') ? p.etag : `"${p.etag}"`;
    if (!part || part.etag !== etag2) throw invalidPart();
    return part;
  });
  parts.slice(0, -1).forEach((part) => {
    if (part.body.length < MIN_PART_SIZE) {
      throw new S3Error(
        "EntityTooSmall",
        "Your proposed upload is smaller than the minimum allowed object size.",
        400
      );
    }
  });
  const digests = Buffer.concat(parts.map((p) => Buffer.from(p.etag.slice(1, -1), "hex")));
  const etag = `"${(0, import_node_crypto21.createHash)("md5").update(digests).digest("hex")}-${parts.length}"`;
  storeObject(call.sim, bucket.name, upload2.key, Buffer.concat(parts.map((p) => p.body)), {
    contentType: upload2.contentType,
    metadata: upload2.metadata,
    etag
  });
  bucket.uploads.delete(upload2.id);
  return {
    headers: XML,
    body: xmlDocument("CompleteMultipartUploadResult", {
      Location: `${call.sim.url}/${bucket.name}/${encodeURIComponent(upload2.key).replace(/%2F/g, "/")}`,
      Bucket: bucket.name,
      Key: upload2.key,
      ETag: etag
    })
  };
};
var AbortMultipartUpload = (call) => {
  const bucket = bucketOf(call);
  bucket.uploads.delete(uploadOf(call, bucket).id);
  return { status: 204 };
};
var multipartActions = {
  CreateMultipartUpload,
  UploadPart,
  CompleteMultipartUpload,
  AbortMultipartUpload
};

// packages/sim/src/s3/iam.ts
var ACTIONS = {
  ListBuckets: "ListAllMyBuckets",
  ListObjectsV2: "ListBucket",
  ListObjects: "ListBucket",
  HeadBucket: "ListBucket",
  HeadObject: "GetObject",
  GetBucketEncryption: "GetEncryptionConfiguration",
  PutBucketEncryption: "PutEncryptionConfiguration",
  DeleteBucketEncryption: "PutEncryptionConfiguration",
  GetBucketLifecycleConfiguration: "GetLifecycleConfiguration",
  PutBucketLifecycleConfiguration: "PutLifecycleConfiguration",
  DeleteBucketLifecycle: "PutLifecycleConfiguration",
  GetPublicAccessBlock: "GetBucketPublicAccessBlock",
  PutPublicAccessBlock: "PutBucketPublicAccessBlock",
  DeletePublicAccessBlock: "PutBucketPublicAccessBlock",
  DeleteBucketTagging: "PutBucketTagging",
  CreateMultipartUpload: "PutObject",
  UploadPart: "PutObject",
  CompleteMultipartUpload: "PutObject",
  CopyObject: "PutObject"
};
var s3IamAction = (call) => `s3:${ACTIONS[call] ?? call}`;
function onS3(sim, principal, action, bucketName, key) {
  const bucket = findBucket(sim, bucketName);
  const owner = bucket?.account ?? principal.account;
  return {
    action,
    resource: `arn:aws:s3:::${bucketName}${key !== void 0 ? `/${key}` : ""}`,
    resourceAccount: owner,
    ...bucket?.policy !== void 0 ? { resourcePolicy: bucket.policy } : {},
    context: { "s3:ResourceAccount": owner }
  };
}
function s3Permissions(sim, principal, call, bucket, key, query, copySource) {
  if (call === "DeleteObjects") return [];
  const action = s3IamAction(call);
  if (bucket === void 0) return [{ action, resource: "*" }];
  const check = onS3(sim, principal, action, bucket, key);
  if (action === "s3:ListBucket") {
    check.context = {
      ...check.context,
      "s3:prefix": query.get("prefix") ?? void 0,
      "s3:delimiter": query.get("delimiter") ?? void 0,
      "s3:max-keys": query.get("max-keys") ?? void 0
    };
  }
  const checks = [check];
  if (call === "CopyObject" && copySource !== void 0) {
    const source = decodeURIComponent(copySource.split("?")[0]).replace(/^\//, "");
    const slash = source.indexOf("/");
    if (slash > 0)
      checks.push(onS3(sim, principal, "s3:GetObject", source.slice(0, slash), source.slice(slash + 1)));
  }
  return checks;
}

// packages/sim/src/s3/api-objects.ts
var preconditionFailed = () => new S3Error("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", 412, {
  Condition: "If-Match"
});
function objectOf(call, bucket) {
  const object = bucket.objects.get(call.key);
  if (!object) throw noSuchKey(call.key);
  return object;
}
var etagMatches = (list, etag) => list.split(",").some((e) => e.trim() === "*" || e.trim() === etag || `"${e.trim()}"` === etag);
function encryptionHeaders(encryption) {
  if (!encryption) return {};
  return {
    "x-amz-server-side-encryption": encryption.algorithm,
    ...encryption.kmsKeyId !== void 0 ? { "x-amz-server-side-encryption-aws-kms-key-id": encryption.kmsKeyId } : {}
  };
}
function requestedEncryption(call) {
  const algorithm = header(call, "x-amz-server-side-encryption");
  if (algorithm === void 0) return void 0;
  if (algorithm !== "AES256" && algorithm !== "aws:kms" && algorithm !== "aws:kms:dsse") {
    throw new S3Error("InvalidArgument", "The encryption method specified is not supported", 400, {
      ArgumentName: "x-amz-server-side-encryption",
      ArgumentValue: algorithm
    });
  }
  const kmsKeyId = header(call, "x-amz-server-side-encryption-aws-kms-key-id");
  return { algorithm, ...kmsKeyId !== void 0 && algorithm !== "AES256" ? { kmsKeyId } : {} };
}
function checkKey(key) {
  if (Buffer.byteLength(key) > 1024) {
    throw new S3Error("KeyTooLongError", "Your key is too long", 400, {
      Size: String(Buffer.byteLength(key))
    });
  }
}
function objectHeaders(bucket, object) {
  const meta = Object.fromEntries(Object.entries(object.metadata).map(([k, v]) => [`x-amz-meta-${k}`, v]));
  const tagCount = Object.keys(object.tags).length;
  return {
    "content-type": object.contentType,
    etag: object.etag,
    "last-modified": httpDate(object.lastModified),
    "accept-ranges": "bytes",
    ...object.headers,
    ...meta,
    ...encryptionHeaders(object.encryption),
    ...tagCount > 0 ? { "x-amz-tagging-count": tagCount } : {}
  };
}
function rangeOf(spec, size) {
  const m = /^bytes=(\d*)-(\d*)$/.exec(spec.trim());
  if (!m || m[1] === "" && m[2] === "") return void 0;
  let start;
  let end;
  if (m[1] === "") {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) {
    throw new S3Error("InvalidRange", "The requested range is not satisfiable", 416, {
      RangeRequested: spec,
      ActualObjectSize: String(size)
    });
  }
  return [start, end];
}
function readObject(call, withBody) {
  const bucket = bucketOf(call);
  const object = objectOf(call, bucket);
  const ifMatch = header(call, "if-match");
  if (ifMatch !== void 0 && !etagMatches(ifMatch, object.etag)) throw preconditionFailed();
  const ifNoneMatch = header(call, "if-none-match");
  if (ifNoneMatch !== void 0 && etagMatches(ifNoneMatch, object.etag)) {
    return { status: 304, headers: { etag: object.etag, "last-modified": httpDate(object.lastModified) } };
  }
  const headers = objectHeaders(bucket, object);
  const rangeSpec = header(call, "range");
  const range2 = rangeSpec !== void 0 ? rangeOf(rangeSpec, object.body.length) : void 0;
  if (range2) {
    const [start, end] = range2;
    return {
      status: 206,
      headers: { ...headers, "content-range": `bytes ${start}-${end}/${object.body.length}` },
      body: object.body.subarray(start, end + 1)
    };
  }
  if (object.checksum && header(call, "x-amz-checksum-mode") === "ENABLED") {
    headers[`x-amz-checksum-${object.checksum.algorithm}`] = object.checksum.value;
    headers["x-amz-checksum-type"] = "FULL_OBJECT";
  }
  return withBody ? { headers, body: object.body } : { headers: { ...headers, "content-length": object.body.length } };
}
var GetObject = (call) => readObject(call, true);
var HeadObject = (call) => readObject(call, false);
function checkWritePreconditions(call, bucket) {
  const existing = bucket.objects.get(call.key);
  const ifNoneMatch = header(call, "if-none-match");
  if (ifNoneMatch === "*" && existing) throw preconditionFailed();
  const ifMatch = header(call, "if-match");
  if (ifMatch !== void 0) {
    if (!existing) throw noSuchKey(call.key);
    if (!etagMatches(ifMatch, existing.etag)) throw preconditionFailed();
  }
}
var PutObject = async (call) => {
  const bucket = bucketOf(call);
  checkKey(call.key);
  const encryption = requestedEncryption(call);
  const { body, checksum } = readPayload(call.req.headers, await call.body());
  checkWritePreconditions(call, bucket);
  const contentType2 = header(call, "content-type");
  const object = storeObject(call.sim, bucket.name, call.key, body, {
    ...contentType2 !== void 0 ? { contentType: contentType2 } : {},
    metadata: metadataOf(call),
    tags: tagsFromQuery(header(call, "x-amz-tagging")),
    headers: storedHeadersOf(call),
    ...checksum ? { checksum } : {},
    ...encryption ? { encryption } : {}
  });
  return {
    headers: {
      etag: object.etag,
      ...encryptionHeaders(object.encryption),
      ...checksum ? { [`x-amz-checksum-${checksum.algorithm}`]: checksum.value, "x-amz-checksum-type": "FULL_OBJECT" } : {}
    }
  };
};
var DeleteObject = (call) => {
  bucketOf(call).objects.delete(call.key);
  return { status: 204 };
};
var DeleteObjects = async (call) => {
  const bucket = bucketOf(call);
  const raw = await call.body();
  if (header(call, "content-md5") === void 0 && !Object.keys(call.req.headers).some((h) => h.startsWith("x-amz-checksum-"))) {
    throw new S3Error("InvalidRequest", "Missing required header for this request: Content-MD5", 400);
  }
  const { body } = readPayload(call.req.headers, raw);
  const doc = parseXml(body.toString("utf8"));
  const keys = childrenNamed(doc, "Object").map((o) => child(o, "Key")?.text ?? "");
  if (keys.length > 1e3) {
    throw new S3Error(
      "MalformedXML",
      "The XML you provided was not well-formed or did not validate against our published schema",
      400
    );
  }
  const quiet = child(doc, "Quiet")?.text.trim() === "true";
  const refused = keys.filter(
    (key) => !call.allows(onS3(call.sim, call.principal, "s3:DeleteObject", bucket.name, key))
  );
  const deleted = keys.filter((key) => !refused.includes(key));
  for (const key of deleted) bucket.objects.delete(key);
  const errors = refused.map((Key) => ({ Key, Code: "AccessDenied", Message: "Access Denied" }));
  return {
    headers: XML,
    body: xmlDocument("DeleteResult", {
      ...quiet ? {} : { Deleted: deleted.map((Key) => ({ Key })) },
      ...errors.length > 0 ? { Error: errors } : {}
    })
  };
};
var CopyObject = (call) => {
  const bucket = bucketOf(call);
  const source = decodeURIComponent(header(call, "x-amz-copy-source").split("?")[0]).replace(/^\//, "");
  const slash = source.indexOf("/");
  const from = bucketOf({ ...call, action: "GetObject", bucketName: source.slice(0, slash) });
  const original = from.objects.get(source.slice(slash + 1));
  if (!original) throw noSuchKey(source.slice(slash + 1));
  const replace = header(call, "x-amz-metadata-directive") === "REPLACE";
  const contentType2 = header(call, "content-type");
  const object = storeObject(call.sim, bucket.name, call.key, original.body, {
    contentType: replace ? contentType2 ?? "binary/octet-stream" : original.contentType,
    metadata: replace ? metadataOf(call) : original.metadata,
    tags: header(call, "x-amz-tagging-directive") === "REPLACE" ? tagsFromQuery(header(call, "x-amz-tagging")) : original.tags,
    headers: replace ? storedHeadersOf(call) : original.headers,
    etag: original.etag,
    ...original.checksum ? { checksum: original.checksum } : {}
  });
  return {
    headers: { ...XML, ...encryptionHeaders(object.encryption) },
    body: xmlDocument("CopyObjectResult", { LastModified: iso(object.lastModified), ETag: object.etag })
  };
};
var GetObjectTagging = (call) => {
  const object = objectOf(call, bucketOf(call));
  return { headers: XML, body: taggingXml(object.tags) };
};
var PutObjectTagging = async (call) => {
  const object = objectOf(call, bucketOf(call));
  const { body } = readPayload(call.req.headers, await call.body());
  object.tags = parseTagging(parseXml(body.toString("utf8")));
  return {};
};
var DeleteObjectTagging = (call) => {
  objectOf(call, bucketOf(call)).tags = {};
  return { status: 204 };
};
function invalidArgument(message, name, value) {
  return new S3Error("InvalidArgument", message, 400, { ArgumentName: name, ArgumentValue: value });
}
function listObjects(call, v2) {
  const bucket = bucketOf(call);
  const q = call.query;
  const prefix = q.get("prefix") ?? "";
  const delimiter = q.get("delimiter") || void 0;
  const maxKeysText = q.get("max-keys") ?? "1000";
  const maxKeys = Math.min(Number(maxKeysText), 1e3);
  if (!/^\d+$/.test(maxKeysText)) {
    throw invalidArgument(
      "Provided max-keys not an integer or within integer range",
      "max-keys",
      maxKeysText
    );
  }
  const encode2 = q.get("encoding-type") === "url";
  const enc = (s) => encode2 ? encodeURIComponent(s).replace(/%2F/g, "/") : s;
  const token2 = v2 ? q.get("continuation-token") : null;
  let after;
  if (token2 !== null) {
    after = Buffer.from(token2, "base64url").toString("utf8");
    if (token2 === "" || !after.startsWith("k:")) {
      throw invalidArgument("The continuation token provided is incorrect", "continuation-token", token2);
    }
    after = after.slice(2);
  } else {
    after = (v2 ? q.get("start-after") : q.get("marker")) ?? "";
  }
  const keys = [...bucket.objects.keys()].filter(
    (k) => k.startsWith(prefix) && k > after && !(delimiter && after.endsWith(delimiter) && k.startsWith(after))
  ).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const contents = [];
  const prefixes = [];
  let last = "";
  let truncated = false;
  for (const key of keys) {
    let common2;
    if (delimiter) {
      const at = key.indexOf(delimiter, prefix.length);
      if (at >= 0) common2 = key.slice(0, at + delimiter.length);
    }
    if (common2 !== void 0 && prefixes[prefixes.length - 1] === common2) continue;
    if (contents.length + prefixes.length >= maxKeys) {
      truncated = true;
      break;
    }
    if (common2 !== void 0) prefixes.push(common2);
    else contents.push(bucket.objects.get(key));
    last = common2 ?? key;
  }
  const entries = contents.map((o) => ({
    Key: enc(o.key),
    LastModified: iso(o.lastModified),
    ETag: o.etag,
    ...o.checksum ? { ChecksumAlgorithm: o.checksum.algorithm.toUpperCase(), ChecksumType: "FULL_OBJECT" } : {},
    Size: o.body.length,
    StorageClass: "STANDARD"
  }));
  const common = prefixes.map((p) => ({ Prefix: enc(p) }));
  const paging = v2 ? {
    ...token2 !== null ? { ContinuationToken: token2 } : {},
    ...truncated ? { NextContinuationToken: Buffer.from(`k:${last}`).toString("base64url") } : {},
    KeyCount: contents.length + prefixes.length,
    ...q.has("start-after") ? { StartAfter: enc(q.get("start-after")) } : {}
  } : { ...truncated && delimiter ? { NextMarker: enc(last) } : {} };
  return {
    headers: XML,
    body: xmlDocument("ListBucketResult", {
      Name: bucket.name,
      Prefix: enc(prefix),
      ...v2 ? {} : { Marker: enc(q.get("marker") ?? "") },
      MaxKeys: maxKeys,
      ...delimiter ? { Delimiter: enc(delimiter) } : {},
      IsTruncated: truncated,
      ...encode2 ? { EncodingType: "url" } : {},
      ...paging,
      Contents: entries,
      CommonPrefixes: common
    })
  };
}
var objectActions = {
  ListObjectsV2: (call) => listObjects(call, true),
  ListObjects: (call) => listObjects(call, false),
  PutObject,
  GetObject,
  HeadObject,
  DeleteObject,
  DeleteObjects,
  CopyObject,
  GetObjectTagging,
  PutObjectTagging,
  DeleteObjectTagging
};

// packages/sim/src/s3/route.ts
var handlers = { ...bucketActions, ...objectActions, ...multipartActions };
var MAX_PUT_BYTES = 5 * 1024 ** 3;
function signatureOf(req, url) {
  return sigV4Of(req, url.searchParams);
}
var UNSERVED = [
  "acl",
  "cors",
  "website",
  "logging",
  "notification",
  "replication",
  "requestPayment",
  "accelerate",
  "analytics",
  "inventory",
  "metrics",
  "intelligent-tiering",
  "ownershipControls",
  "object-lock",
  "policyStatus",
  "versions",
  "attributes",
  "legal-hold",
  "retention",
  "torrent",
  "restore",
  "select"
];
function actionOf(method, bucket, key, q, req) {
  if (bucket === void 0) return method === "GET" ? "ListBuckets" : void 0;
  if (UNSERVED.some((name) => q.has(name))) return void 0;
  if (key === void 0) {
    const sub = [
      "location",
      "encryption",
      "policy",
      "versioning",
      "lifecycle",
      "tagging",
      "publicAccessBlock",
      "delete",
      "uploads"
    ].find((s) => q.has(s));
    const names = {
      GET: {
        location: "GetBucketLocation",
        encryption: "GetBucketEncryption",
        policy: "GetBucketPolicy",
        versioning: "GetBucketVersioning",
        lifecycle: "GetBucketLifecycleConfiguration",
        tagging: "GetBucketTagging",
        publicAccessBlock: "GetPublicAccessBlock",
        "": q.get("list-type") === "2" ? "ListObjectsV2" : "ListObjects"
      },
      PUT: {
        encryption: "PutBucketEncryption",
        policy: "PutBucketPolicy",
        versioning: "PutBucketVersioning",
        lifecycle: "PutBucketLifecycleConfiguration",
        tagging: "PutBucketTagging",
        publicAccessBlock: "PutPublicAccessBlock",
        "": "CreateBucket"
      },
      DELETE: {
        encryption: "DeleteBucketEncryption",
        policy: "DeleteBucketPolicy",
        lifecycle: "DeleteBucketLifecycle",
        tagging: "DeleteBucketTagging",
        publicAccessBlock: "DeletePublicAccessBlock",
        "": "DeleteBucket"
      },
      HEAD: { "": "HeadBucket" },
      POST: { delete: "DeleteObjects" }
    };
    return names[method]?.[sub ?? ""];
  }
  const upload2 = q.has("uploadId");
  switch (method) {
    case "GET":
      return q.has("tagging") ? "GetObjectTagging" : upload2 ? void 0 : "GetObject";
    case "HEAD":
      return "HeadObject";
    case "PUT":
      if (q.has("tagging")) return "PutObjectTagging";
      if (upload2 && q.has("partNumber")) return "UploadPart";
      return req.headers["x-amz-copy-source"] !== void 0 ? "CopyObject" : "PutObject";
    case "DELETE":
      return q.has("tagging") ? "DeleteObjectTagging" : upload2 ? "AbortMultipartUpload" : "DeleteObject";
    case "POST":
      return q.has("uploads") ? "CreateMultipartUpload" : upload2 ? "CompleteMultipartUpload" : void 0;
    default:
      return void 0;
  }
}
function pathOf2(url) {
  const path = url.pathname.replace(/^\//, "");
  if (path === "") return {};
  const slash = path.indexOf("/");
  if (slash < 0 || slash === path.length - 1) return { bucket: decodeURIComponent(path.replace(/\/$/, "")) };
  return { bucket: decodeURIComponent(path.slice(0, slash)), key: decodeURIComponent(path.slice(slash + 1)) };
}
function resolvePrincipal(sim, accessKeyId, token2, now) {
  try {
    return sim.credentials.resolve(accessKeyId, token2, now, "s3");
  } catch (err) {
    if (!(err instanceof AwsError)) throw err;
    if (err.code === "ExpiredTokenException") {
      throw new S3Error("ExpiredToken", "The provided token has expired.", 400);
    }
    if (err.code === "IncompleteSignature") {
      throw new S3Error("InvalidToken", "The provided token is malformed or otherwise invalid.", 400);
    }
    throw new S3Error(
      "InvalidAccessKeyId",
      "The AWS Access Key Id you provided does not exist in our records.",
      403,
      {
        AWSAccessKeyId: accessKeyId
      }
    );
  }
}
function verifySignature2(sim, req, url, sig) {
  const signingKey2 = sim.credentials.signingKey(sig.accessKeyId, sig.date, sig.region, sig.service);
  if (!signingKey2) return;
  const declared = sig.presigned ? url.searchParams.get("X-Amz-Content-Sha256") ?? url.searchParams.get("x-amz-content-sha256") ?? "UNSIGNED-PAYLOAD" : req.headers["x-amz-content-sha256"];
  const payloadHash = typeof declared === "string" ? declared : "UNSIGNED-PAYLOAD";
  const check = checkSignature(req, sig, signingKey2, payloadHash, true);
  if (check.valid) return;
  const bytes = (text) => [...Buffer.from(text)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
  throw new S3Error("SignatureDoesNotMatch", S3_SIGNATURE_MISMATCH, 403, {
    AWSAccessKeyId: sig.accessKeyId,
    StringToSign: check.stringToSign,
    SignatureProvided: sig.signature,
    StringToSignBytes: bytes(check.stringToSign),
    CanonicalRequest: check.canonicalRequest,
    CanonicalRequestBytes: bytes(check.canonicalRequest)
  });
}
function checkedPayload(sim, sig, req, bytes) {
  const declared = req.headers["x-amz-content-sha256"];
  if (sig.presigned || typeof declared !== "string" || !/^[0-9a-f]{64}$/.test(declared)) return bytes;
  if (!sim.credentials.signingKey(sig.accessKeyId, sig.date, sig.region, sig.service)) return bytes;
  const computed = sha256Hex(bytes);
  if (computed !== declared) {
    throw new S3Error(
      "XAmzContentSHA256Mismatch",
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
      400,
      { ClientComputedContentSHA256: declared, S3ComputedContentSHA256: computed }
    );
  }
  return bytes;
}
function checkPresignedExpiry(url) {
  const date2 = url.searchParams.get("X-Amz-Date");
  const expires = Number(url.searchParams.get("X-Amz-Expires") ?? "604800");
  const m = date2 ? /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(date2) : null;
  if (!m) return;
  const signedAt = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  if (Date.now() > signedAt + expires * 1e3) {
    throw new S3Error("AccessDenied", "Request has expired", 403, {
      Expires: new Date(signedAt + expires * 1e3).toISOString(),
      ServerTime: (/* @__PURE__ */ new Date()).toISOString()
    });
  }
}
function send(res, method, requestId, reply) {
  const body = reply.body === void 0 ? void 0 : Buffer.isBuffer(reply.body) ? reply.body : Buffer.from(reply.body);
  res.writeHead(reply.status ?? 200, {
    "x-amz-request-id": requestId,
    "x-amz-id-2": Buffer.from(requestId).toString("base64"),
    date: (/* @__PURE__ */ new Date()).toUTCString(),
    server: "AmazonS3",
    "content-length": body?.length ?? 0,
    ...reply.headers
  });
  if (body !== void 0 && method !== "HEAD") res.end(body);
  else res.end();
}
async function handleS3(sim, req, res, url) {
  const requestId = (0, import_node_crypto22.randomUUID)().replace(/-/g, "").slice(0, 16).toUpperCase();
  const method = req.method ?? "GET";
  const now = sim.clock.now();
  const sig = signatureOf(req, url);
  const { bucket, key } = pathOf2(url);
  const action = actionOf(method, bucket, key, url.searchParams, req) ?? "unknown";
  let status = 200;
  let errorCode;
  let errorMessage;
  let principal;
  let lost = false;
  const answer = (reply) => {
    if (lost) closeWithoutAnswer(req);
    else send(res, method, requestId, reply);
  };
  try {
    const fault = await injectFault(sim, "s3", action, req, {
      throttled: () => new S3Error("SlowDown", "Please reduce your request rate.", 503),
      unavailable: () => new S3Error("InternalError", "We encountered an internal error. Please try again.", 500)
    });
    if (fault === "drop") {
      status = 0;
      errorCode = "ConnectionDropped";
      return;
    }
    lost = fault === "loseResponse";
    if (sig.presigned) checkPresignedExpiry(url);
    principal = resolvePrincipal(sim, sig.accessKeyId, sig.token, now);
    verifySignature2(sim, req, url, sig);
    const caller = principal;
    const enforced = sim.authorizer.enforces(caller);
    const allows = (checks) => !enforced || sim.authorizer.evaluate(caller, checks, sig.region) === void 0;
    if (enforced && handlers[action]) {
      const copySource = req.headers["x-amz-copy-source"];
      const denial = sim.authorizer.evaluate(
        caller,
        s3Permissions(
          sim,
          caller,
          action,
          bucket,
          key,
          url.searchParams,
          typeof copySource === "string" ? copySource : void 0
        ),
        sig.region
      );
      if (denial) {
        throw denial.policyType === "resource-based" ? accessDenied() : new S3Error("AccessDenied", denialMessage(denial, { quoteResource: true }), 403);
      }
    }
    const handler = handlers[action];
    if (!handler) {
      throw new S3Error(
        "NotImplemented",
        "A header you provided implies functionality that is not implemented",
        501
      );
    }
    const length = Number(req.headers["content-length"] ?? 0);
    if (length > MAX_PUT_BYTES) {
      throw new S3Error(
        "EntityTooLarge",
        "Your proposed upload exceeds the maximum allowed object size.",
        400
      );
    }
    let body;
    const call = {
      sim,
      req,
      url,
      query: url.searchParams,
      action,
      bucketName: bucket,
      key,
      principal,
      allows: (check) => allows([check]),
      region: sig.region,
      requestId,
      now,
      body: () => body ??= readBody(req, MAX_PUT_BYTES).then((bytes) => checkedPayload(sim, sig, req, bytes))
    };
    const reply = await handler(call);
    status = reply.status ?? 200;
    sim.advance();
    answer(reply);
  } catch (err) {
    const e = err instanceof AwsError ? err : new S3Error("InternalError", `simulator error: ${err.message}`, 500);
    if (!(err instanceof AwsError)) console.error(err);
    status = e.status;
    errorCode = e.code;
    errorMessage = e.message;
    const extra = e instanceof S3Error ? e.extra : {};
    answer({
      status: e.status,
      headers: { "content-type": "application/xml" },
      body: errorDocument(e.code, e.message, extra, requestId)
    });
  } finally {
    sim.calls.add({
      time: new Date(now).toISOString(),
      realTime: Date.now(),
      service: "s3",
      action,
      status,
      ...errorCode !== void 0 ? { errorCode } : {},
      ...errorMessage !== void 0 ? { errorMessage } : {},
      ...principal ? { account: principal.account, principal: principal.arn } : {},
      region: sig.region || DEFAULT_REGION,
      requestId,
      ...lost ? { lost: true } : {}
    });
  }
}
function s3Route(sim) {
  return {
    prefix: "",
    claims: (req, url) => signatureOf(req, url)?.service === "s3",
    handle: (req, res, url) => handleS3(sim, req, res, url)
  };
}

// packages/sim/src/s3/index.ts
function createBucket2(sim, spec) {
  return createBucket(sim, spec);
}
function deleteBucket2(sim, name) {
  deleteBucket(sim, name);
}
function findBucket2(sim, name) {
  return findBucket(sim, name);
}
function putBucketPolicy(sim, name, policy) {
  const bucket = findBucket(sim, name);
  if (!bucket) throw new Error(`no bucket ${name}`);
  setBucketPolicy(bucket, policy);
}
function getObject(sim, bucket, key) {
  const object = findBucket(sim, bucket)?.objects.get(key);
  if (!object) return void 0;
  return { body: object.body, contentType: object.contentType, etag: object.etag };
}
function seedBuckets(data, sim) {
  seedEntries("buckets", data, (entry) => {
    if (typeof entry !== "object" || entry === null) throw new Error("a bucket must be an object");
    const seed = entry;
    if (typeof seed.name !== "string") throw new Error('a bucket needs a "name"');
    if (seed.account !== void 0 && (typeof seed.account !== "string" || !/^\d{12}$/.test(seed.account))) {
      throw new Error('"account" must be a 12-digit account id');
    }
    if (seed.region !== void 0 && typeof seed.region !== "string")
      throw new Error('"region" must be a string');
    const objects = seed.objects ?? {};
    if (typeof objects !== "object" || objects === null || Array.isArray(objects)) {
      throw new Error('"objects" must map keys to bodies');
    }
    const bucket = createBucket(sim, {
      name: seed.name,
      account: seed.account ?? DEFAULT_ACCOUNT,
      region: seed.region ?? DEFAULT_REGION
    });
    for (const [key, body] of Object.entries(objects)) {
      if (typeof body !== "string") throw new Error(`objects["${key}"] must be a string`);
      storeObject(sim, bucket.name, key, Buffer.from(body));
    }
  });
}
function environmentFileProblem(sim, arn) {
  const m = /^arn:aws[a-z-]*:s3:::([^/]+)\/(.+)$/.exec(arn);
  if (!m) return "InvalidArgument: the environment file is not an S3 object ARN";
  const bucket = findBucket(sim, m[1]);
  if (!bucket) return "NoSuchBucket: The specified bucket does not exist";
  return bucket.objects.has(m[2]) ? void 0 : "NoSuchKey: The specified key does not exist.";
}
var s3Module = {
  name: "s3",
  install(sim) {
    sim.executionSecrets = {
      ...sim.executionSecrets,
      environmentFileProblem: (arn) => environmentFileProblem(sim, arn)
    };
    sim.addRoute(s3Route(sim));
    sim.onSeed("buckets", seedBuckets);
  }
};

// packages/sim/src/cloudformation/resources/s3.ts
var TYPE4 = "AWS::S3::Bucket";
function encryptionOf(props) {
  const config = props["BucketEncryption"]?.["ServerSideEncryptionConfiguration"];
  const rule = Array.isArray(config) ? config[0] : void 0;
  if (!rule) return void 0;
  const byDefault = rule["ServerSideEncryptionByDefault"] ?? {};
  const algorithm = str2(byDefault["SSEAlgorithm"]);
  if (algorithm !== "AES256" && algorithm !== "aws:kms" && algorithm !== "aws:kms:dsse") {
    throw handlerError(
      "The XML you provided was not well-formed or did not validate against our published schema",
      "InvalidRequest"
    );
  }
  const kmsKeyId = str2(byDefault["KMSMasterKeyID"]);
  return {
    algorithm,
    ...kmsKeyId !== void 0 ? { kmsKeyId } : {},
    bucketKeyEnabled: bool(rule["BucketKeyEnabled"]) === true
  };
}
function configure(bucket, props) {
  bucket.encryption = encryptionOf(props) ?? { algorithm: "AES256" };
  const versioning = str2(props["VersioningConfiguration"]?.["Status"]);
  if (versioning === "Enabled" || versioning === "Suspended") bucket.versioning = versioning;
  else if (bucket.versioning === "Enabled") bucket.versioning = "Suspended";
  const block = props["PublicAccessBlockConfiguration"];
  if (block) {
    bucket.publicAccessBlock = xmlDocument("PublicAccessBlockConfiguration", {
      BlockPublicAcls: bool(block["BlockPublicAcls"]) === true,
      IgnorePublicAcls: bool(block["IgnorePublicAcls"]) === true,
      BlockPublicPolicy: bool(block["BlockPublicPolicy"]) === true,
      RestrictPublicBuckets: bool(block["RestrictPublicBuckets"]) === true
    });
  }
  const tags = props["Tags"];
  bucket.tags = Array.isArray(tags) ? Object.fromEntries(
    tags.map((t) => {
      const tag = typeof t === "object" && t !== null ? t : {};
      return [str2(tag["Key"]) ?? "", str2(tag["Value"]) ?? ""];
    })
  ) : {};
}
function provisioned4(bucket) {
  const { name, region } = bucket;
  return {
    physicalId: name,
    attributes: {
      Arn: `arn:aws:s3:::${name}`,
      DomainName: `${name}.s3.amazonaws.com`,
      RegionalDomainName: `${name}.s3.${region}.amazonaws.com`,
      DualStackDomainName: `${name}.s3.dualstack.${region}.amazonaws.com`,
      WebsiteURL: `http://${name}.s3-website-${region}.amazonaws.com`
    }
  };
}
var s3BucketProvider = {
  create(ctx, props) {
    const name = str2(props["BucketName"]) ?? generatedName(ctx, 63, true).replace(/[^a-z0-9.-]/g, "-");
    const existing = findBucket2(ctx.sim, name);
    if (existing) {
      throw existing.account === ctx.account ? alreadyExists(TYPE4, name) : handlerError(`${name} already exists`, "AlreadyExists");
    }
    encryptionOf(props);
    const bucket = guarded(() => createBucket2(ctx.sim, { name, account: ctx.account, region: ctx.region }));
    configure(bucket, props);
    return provisioned4(bucket);
  },
  needsReplacement: (before, after) => changed(before, after, ["BucketName", "ObjectLockEnabled"]),
  update(ctx, current2, _before, after) {
    const bucket = findBucket2(ctx.sim, current2.physicalId);
    if (!bucket) throw handlerError("The specified bucket does not exist", "NotFound");
    configure(bucket, after);
    return provisioned4(bucket);
  },
  delete(ctx, current2) {
    deleting(() => deleteBucket2(ctx.sim, current2.physicalId));
  }
};
var s3BucketPolicyProvider = {
  create(ctx, props) {
    const name = str2(props["Bucket"]) ?? "";
    if (!findBucket2(ctx.sim, name)) throw handlerError("The specified bucket does not exist", "NotFound");
    const doc = props["PolicyDocument"];
    guarded(() => putBucketPolicy(ctx.sim, name, typeof doc === "string" ? doc : doc ?? {}));
    return { physicalId: name, attributes: {} };
  },
  needsReplacement: (before, after) => changed(before, after, ["Bucket"]),
  update(ctx, _current, _before, after) {
    return s3BucketPolicyProvider.create(ctx, after);
  },
  delete(ctx, current2) {
    const bucket = findBucket2(ctx.sim, current2.physicalId);
    if (bucket) delete bucket.policy;
  }
};

// packages/sim/src/cloudformation/resources/ssm.ts
var import_node_crypto23 = require("node:crypto");
var TYPE5 = "AWS::SSM::Parameter";
var TYPES = ["String", "StringList"];
function checkType(ctx, props) {
  const type = str2(props["Type"]);
  if (type === void 0 || !TYPES.includes(type)) {
    throw new Error(
      `Properties validation failed for resource ${ctx.logicalId} with message: [#/Type: ${type ?? "null"} is not a valid enum value]`
    );
  }
  return type;
}
function putInput(name, type, props, overwrite) {
  const optional2 = (key, member) => {
    const value = str2(props[key]);
    return value !== void 0 ? { [member]: value } : {};
  };
  const tags = props["Tags"];
  return {
    Name: name,
    Value: str2(props["Value"]) ?? "",
    Type: type,
    ...optional2("Description", "Description"),
    ...optional2("AllowedPattern", "AllowedPattern"),
    ...optional2("Tier", "Tier"),
    ...optional2("DataType", "DataType"),
    ...overwrite ? { Overwrite: true } : {},
    // CloudFormation's Tags is a map; PutParameter takes a list, and none with Overwrite.
    ...!overwrite && typeof tags === "object" && tags !== null && !Array.isArray(tags) ? { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value: str2(Value) ?? "" })) } : {}
  };
}
function provisioned5(name, type, props) {
  return { physicalId: name, attributes: { Type: type, Value: str2(props["Value"]) ?? "" } };
}
var ssmParameterProvider = {
  create(ctx, props) {
    const type = checkType(ctx, props);
    const name = str2(props["Name"]) ?? `CFN-${ctx.logicalId.slice(0, 40)}-${(0, import_node_crypto23.randomBytes)(9).toString("base64url").replace(/[-_]/g, "x")}`;
    if (findParameter(ctx.sim, ctx.account, ctx.region, name)) throw alreadyExists(TYPE5, name);
    guarded(() => callApi(ctx, "ssm", "PutParameter", putInput(name, type, props, false)));
    return provisioned5(name, type, props);
  },
  needsReplacement: (before, after) => changed(before, after, ["Name"]),
  update(ctx, current2, _before, after) {
    const type = checkType(ctx, after);
    if (!findParameter(ctx.sim, ctx.account, ctx.region, current2.physicalId)) {
      throw handlerError(`Parameter ${current2.physicalId} not found.`, "NotFound");
    }
    guarded(() => callApi(ctx, "ssm", "PutParameter", putInput(current2.physicalId, type, after, true)));
    return provisioned5(current2.physicalId, type, after);
  },
  delete(ctx, current2) {
    deleting(() => callApi(ctx, "ssm", "DeleteParameter", { Name: current2.physicalId }));
  }
};

// packages/sim/src/cloudformation/resources/index.ts
var providers = /* @__PURE__ */ new Map([
  ["AWS::ECR::Repository", ecrRepositoryProvider],
  ["AWS::ECS::Cluster", ecsClusterProvider],
  ["AWS::ECS::TaskDefinition", ecsTaskDefinitionProvider],
  ["AWS::ECS::Service", ecsServiceProvider],
  ["AWS::Logs::LogGroup", logGroupProvider],
  ["AWS::SSM::Parameter", ssmParameterProvider],
  ["AWS::IAM::Role", iamRoleProvider],
  ["AWS::IAM::Policy", iamPolicyProvider],
  ["AWS::IAM::ManagedPolicy", iamManagedPolicyProvider],
  ["AWS::S3::Bucket", s3BucketProvider],
  ["AWS::S3::BucketPolicy", s3BucketPolicyProvider]
]);
var opaqueProvider = opaqueProviderFor("");
function providerFor(type) {
  return providers.get(type) ?? opaqueProviderFor(type);
}

// packages/sim/src/cloudformation/steps.ts
var RESOURCE_MS = 1e3;
var STABILIZE_MS = 2e3;
var overrides = /* @__PURE__ */ new WeakMap();
function providerOf(sim, type) {
  return overrides.get(sim)?.(type) ?? providerFor(type);
}
function handlerMessage(reason) {
  return reason.startsWith("Resource handler returned message:") ? reason : `Resource handler returned message: "${reason}"`;
}
function contextOf2(sim, stack, logicalId, at) {
  return {
    sim,
    account: stack.account,
    region: stack.region,
    stackName: stack.name,
    stackId: stack.id,
    logicalId,
    now: at
  };
}
function attempt(sim, stack, resource, operation, run) {
  const armed = sim.scenario.resourceFailure({
    stack: stack.name,
    logicalId: resource.logicalId,
    type: resource.type,
    operation
  });
  if (armed !== void 0) return handlerMessage(armed);
  try {
    run();
    return void 0;
  } catch (err) {
    return err.message || "Internal Failure";
  }
}
var VERB = { create: "CREATE", update: "UPDATE", delete: "DELETE" };
function masked(stack, properties) {
  let text = JSON.stringify(properties);
  for (const p of stack.parameters) {
    if (!p.noEcho) continue;
    const value = JSON.stringify(parameterText(p)).slice(1, -1);
    if (value !== "") text = text.split(value).join("****");
  }
  return text;
}
function event(stack, at, r, status, reason) {
  r.status = status;
  if (reason !== void 0) r.statusReason = reason;
  else delete r.statusReason;
  r.updatedAt = at;
  addEvent(stack, at, {
    logicalId: r.logicalId,
    physicalId: r.physicalId ?? "",
    type: r.type,
    status,
    ...reason !== void 0 ? { reason } : {},
    ...status.endsWith("_IN_PROGRESS") && reason === void 0 ? { properties: masked(stack, r.properties) } : {}
  });
}
function startStep(sim, stack, op, step, at) {
  const id = step.logicalId;
  switch (step.action) {
    case "create":
    case "update":
      return startApply(sim, stack, op, step, at);
    case "delete":
    case "delete-new": {
      const target = step.action === "delete-new" ? op.replacementNew[id] ?? stack.resources[id] : op.replaced[id] ?? stack.resources[id];
      if (!target) return true;
      const template = policyTemplate(stack, op, step);
      const decl = template?.Resources[id];
      const retain = op.replaced[id] !== void 0 && step.action === "delete" ? decl?.UpdateReplacePolicy : decl?.DeletionPolicy;
      if (retain === "Retain" && op.phase !== "rollback" && op.phase !== "rollback-cleanup") {
        event(stack, at, target, "DELETE_SKIPPED");
        return true;
      }
      if (target.physicalId === void 0 || target.status === "DELETE_COMPLETE") {
        event(stack, at, target, "DELETE_COMPLETE");
        return true;
      }
      event(stack, at, target, "DELETE_IN_PROGRESS");
      step.dueAt = at + RESOURCE_MS;
      return false;
    }
    case "restore": {
      const r = stack.resources[id];
      event(stack, at, r, "UPDATE_IN_PROGRESS");
      step.dueAt = at + RESOURCE_MS;
      return false;
    }
  }
}
function policyTemplate(stack, op, step) {
  if (op.kind === "DELETE") return stack.template;
  if (step.action === "delete-new") return op.target.template;
  return op.kind === "UPDATE" ? op.previous?.template ?? stack.template : op.target.template;
}
function startApply(sim, stack, op, step, at) {
  const id = step.logicalId;
  const decl = op.target.template.Resources[id];
  const scope = scopeOf(
    {
      sim,
      account: stack.account,
      region: stack.region,
      stackName: stack.name,
      stackId: stack.id,
      notificationArns: stack.notificationArns
    },
    op.target,
    liveResources(stack.resources, stack.region, stack.account)
  );
  let properties;
  try {
    properties = evaluate(scope, decl.Properties ?? {});
  } catch (err) {
    properties = {};
    step.failReason = err.message;
  }
  step.properties = properties;
  const existing = stack.resources[id];
  if (step.action === "update" && existing) {
    const sameType = existing.type === decl.Type;
    if (step.failReason === void 0 && sameType && sameValue(existing.properties, properties)) {
      if (decl.Metadata !== void 0) existing.metadata = decl.Metadata;
      return true;
    }
    step.replace = !sameType || providerOf(sim, decl.Type).needsReplacement(existing.properties, properties);
    if (step.replace) {
      event(
        stack,
        at,
        existing,
        "UPDATE_IN_PROGRESS",
        "Requested update requires the creation of a new physical resource; hence creating one."
      );
    } else {
      event(stack, at, existing, "UPDATE_IN_PROGRESS");
    }
    step.dueAt = at + RESOURCE_MS;
    return false;
  }
  const r = {
    logicalId: id,
    type: decl.Type,
    status: "CREATE_IN_PROGRESS",
    properties,
    attributes: {},
    ...decl.Metadata !== void 0 ? { metadata: decl.Metadata } : {},
    updatedAt: at
  };
  stack.resources[id] = r;
  if (op.kind === "UPDATE" && !op.added.includes(id)) op.added.push(id);
  event(stack, at, r, "CREATE_IN_PROGRESS");
  if (step.failReason === void 0) {
    const reason = attempt(sim, stack, r, "create", () => {
      const made = providerOf(sim, decl.Type).create(contextOf2(sim, stack, id, at), properties);
      r.physicalId = made.physicalId;
      r.attributes = made.attributes;
    });
    if (reason !== void 0) step.failReason = reason;
    else event(stack, at, r, "CREATE_IN_PROGRESS", "Resource creation Initiated");
  }
  step.dueAt = at + RESOURCE_MS;
  return false;
}
function finishStep(sim, stack, op, step, at) {
  const id = step.logicalId;
  const ctx = contextOf2(sim, stack, id, at);
  const fail2 = (r, verb, reason) => {
    event(stack, at, r, `${VERB[verb]}_FAILED`, reason);
    step.state = "failed";
    op.failed.push({ logicalId: id, verb });
  };
  const succeed = (r, status) => {
    event(stack, at, r, status);
    step.state = "done";
  };
  const ready = (r, status) => {
    const provider = providerOf(sim, r.type);
    const verdict2 = provider.stabilize?.(ctx, { physicalId: r.physicalId ?? "", attributes: r.attributes }) ?? true;
    if (verdict2 === true) {
      delete step.stabilizing;
      return succeed(r, status);
    }
    if (typeof verdict2 === "string") {
      delete step.stabilizing;
      return fail2(r, status === "CREATE_COMPLETE" ? "create" : "update", verdict2);
    }
    step.stabilizing = status;
    step.dueAt = at + STABILIZE_MS;
  };
  if (step.stabilizing !== void 0) return ready(stack.resources[id], step.stabilizing);
  switch (step.action) {
    case "create":
    case "update": {
      const r = stack.resources[id];
      const decl = op.target.template.Resources[id];
      const provider = providerOf(sim, decl.Type);
      const props = step.properties ?? {};
      if (r.status === "CREATE_IN_PROGRESS") {
        if (step.failReason !== void 0) return fail2(r, "create", step.failReason);
        return ready(r, "CREATE_COMPLETE");
      }
      if (step.replace) {
        const replacement = { ...r, type: decl.Type, properties: props, attributes: {} };
        delete replacement.physicalId;
        const reason2 = step.failReason ?? attempt(sim, stack, replacement, "create", () => {
          const made = provider.create(ctx, props);
          replacement.physicalId = made.physicalId;
          replacement.attributes = made.attributes;
        });
        if (reason2 !== void 0) return fail2(r, "update", reason2);
        op.replaced[id] = { ...r };
        if (decl.Metadata !== void 0) replacement.metadata = decl.Metadata;
        stack.resources[id] = replacement;
        return ready(replacement, "UPDATE_COMPLETE");
      }
      const reason = step.failReason ?? attempt(sim, stack, r, "update", () => {
        const made = provider.update(
          ctx,
          { physicalId: r.physicalId ?? "", attributes: r.attributes },
          r.properties,
          props
        );
        r.physicalId = made.physicalId;
        r.attributes = made.attributes;
      });
      if (reason !== void 0) return fail2(r, "update", reason);
      r.properties = props;
      if (decl.Metadata !== void 0) r.metadata = decl.Metadata;
      return ready(r, "UPDATE_COMPLETE");
    }
    case "delete":
    case "delete-new": {
      const target = step.action === "delete-new" ? op.replacementNew[id] ?? stack.resources[id] : op.replaced[id] ?? stack.resources[id];
      const reason = attempt(
        sim,
        stack,
        target,
        "delete",
        () => providerOf(sim, target.type).delete(
          ctx,
          { physicalId: target.physicalId ?? "", attributes: target.attributes },
          target.properties
        )
      );
      if (reason !== void 0) return fail2(target, "delete", reason);
      return succeed(target, "DELETE_COMPLETE");
    }
    case "restore": {
      const r = stack.resources[id];
      const before = op.previous?.resources[id];
      const old = op.replaced[id];
      if (old) {
        op.replacementNew[id] = { ...r };
        stack.resources[id] = { ...old, status: r.status, updatedAt: at };
        return succeed(stack.resources[id], "UPDATE_COMPLETE");
      }
      if (before && !sameValue(before.properties, r.properties)) {
        const reason = attempt(sim, stack, r, "update", () => {
          const made = providerOf(sim, r.type).update(
            ctx,
            { physicalId: r.physicalId ?? "", attributes: r.attributes },
            r.properties,
            before.properties
          );
          r.physicalId = made.physicalId;
          r.attributes = made.attributes;
        });
        if (reason !== void 0) return fail2(r, "update", reason);
        r.properties = before.properties;
      }
      if (before?.metadata !== void 0) r.metadata = before.metadata;
      return succeed(r, "UPDATE_COMPLETE");
    }
  }
}

// packages/sim/src/cloudformation/engine.ts
var MAX_STEPS = 1e5;
function identity(sim, stack) {
  return {
    sim,
    account: stack.account,
    region: stack.region,
    stackName: stack.name,
    stackId: stack.id,
    notificationArns: stack.notificationArns
  };
}
function applySteps(sim, stack, spec) {
  const scope = scopeOf(
    identity(sim, stack),
    spec,
    liveResources(stack.resources, stack.region, stack.account)
  );
  const ids = includedResources(scope, spec.template);
  const included = new Set(ids);
  return ids.map((id) => {
    const existing = stack.resources[id];
    return {
      logicalId: id,
      action: existing && existing.status !== "DELETE_COMPLETE" && existing.physicalId !== void 0 ? "update" : "create",
      after: dependenciesOf(spec.template, id).filter((d) => included.has(d)),
      state: "waiting"
    };
  });
}
function deleteSteps(template, ids, action = "delete") {
  const set = new Set(ids);
  return ids.map((id) => ({
    logicalId: id,
    action,
    after: ids.filter(
      (other) => other !== id && set.has(other) && template?.Resources[other] !== void 0 && template.Resources[id] !== void 0 && dependenciesOf(template, other).includes(id)
    ),
    state: "waiting"
  }));
}
function newOperation(kind, at, target, onFailure) {
  return {
    kind,
    phase: "apply",
    nextAt: at,
    steps: [],
    onFailure,
    target,
    replaced: {},
    replacementNew: {},
    added: [],
    failed: []
  };
}
function startCreate(sim, stack, at, onFailure, changeSetId) {
  const op = newOperation("CREATE", at, specOf(stack), onFailure);
  if (changeSetId !== void 0) op.changeSetId = changeSetId;
  stack.operation = op;
  setStackStatus(stack, at, "CREATE_IN_PROGRESS", "User Initiated");
  op.steps = applySteps(sim, stack, op.target);
}
function startUpdate(sim, stack, target, at, onFailure, changeSetId) {
  const op = newOperation("UPDATE", at, target, onFailure);
  if (changeSetId !== void 0) op.changeSetId = changeSetId;
  op.previous = {
    ...specOf(stack),
    resources: structuredClone(stack.resources),
    outputs: stack.outputs.map((o) => ({ ...o }))
  };
  applySpec(stack, target);
  delete stack.failedOperation;
  stack.updatedAt = at;
  stack.operation = op;
  setStackStatus(stack, at, "UPDATE_IN_PROGRESS", "User Initiated");
  op.steps = applySteps(sim, stack, target);
}
function startDelete(stack, at) {
  const op = newOperation("DELETE", at, specOf(stack), "DO_NOTHING");
  stack.operation = op;
  setStackStatus(stack, at, "DELETE_IN_PROGRESS", "User Initiated");
  const ids = Object.values(stack.resources).filter((r) => r.status !== "DELETE_COMPLETE" && r.status !== "DELETE_SKIPPED").map((r) => r.logicalId);
  op.steps = deleteSteps(stack.template, ids);
}
var failedIds = (op, verb) => op.failed.filter((f) => f.verb === verb).map((f) => f.logicalId);
function nextPhase(sim, stack, op, at) {
  const enter = (phase, steps, status, reason) => {
    if (phase === "rollback" && reason !== void 0) op.rollbackReason = reason;
    op.phase = phase;
    op.steps = steps;
    setStackStatus(stack, at, status, reason);
  };
  const finish = (status, reason) => {
    setStackStatus(stack, at, status, reason);
    if (reason === void 0 && op.rollbackReason !== void 0 && status.endsWith("ROLLBACK_COMPLETE")) {
      stack.statusReason = op.rollbackReason;
    }
    delete stack.operation;
    const cs = op.changeSetId !== void 0 ? cfnState(sim).changeSets.get(op.changeSetId) : void 0;
    if (cs) cs.executionStatus = /(ROLLBACK|FAILED)/.test(status) ? "EXECUTE_FAILED" : "EXECUTE_COMPLETE";
    if (status === "DELETE_COMPLETE") {
      stack.deletedAt = at;
      const changeSets = cfnState(sim).changeSets;
      for (const [id, other] of changeSets) if (other.stackId === stack.id) changeSets.delete(id);
    }
  };
  const outputs = () => {
    try {
      const scope = scopeOf(
        identity(sim, stack),
        op.target,
        liveResources(stack.resources, stack.region, stack.account)
      );
      const outputs2 = evaluateOutputs(scope, op.target.template);
      const taken = exportsOf(sim, stack.account, stack.region);
      for (const o of outputs2) {
        const owner = o.exportName !== void 0 ? taken.get(o.exportName) : void 0;
        if (owner && owner.stackId !== stack.id) {
          const other = cfnState(sim).stacks.get(owner.stackId)?.name ?? owner.stackId;
          return `Export with name ${o.exportName} is already exported by stack ${other}. `;
        }
      }
      stack.outputs = outputs2;
      return void 0;
    } catch (err) {
      return err.message;
    }
  };
  const failures = op.failed.length > 0;
  if (op.kind === "DELETE") {
    const failedDeletes = failedIds(op, "delete");
    if (failedDeletes.length > 0)
      return finish(
        "DELETE_FAILED",
        `The following resource(s) failed to delete: [${failedDeletes.join(", ")}]. `
      );
    stack.outputs = [];
    return finish("DELETE_COMPLETE");
  }
  if (op.kind === "CREATE") {
    if (op.phase === "apply") {
      const outputProblem = failures ? void 0 : outputs();
      if (!failures && outputProblem === void 0) return finish("CREATE_COMPLETE");
      const reason = outputProblem ?? `The following resource(s) failed to create: [${failedIds(op, "create").join(", ")}]. `;
      if (op.onFailure === "DO_NOTHING") {
        stack.failedOperation = op;
        return finish("CREATE_FAILED", reason);
      }
      const created = Object.values(stack.resources).map((r) => r.logicalId);
      return enter(
        "rollback",
        deleteSteps(op.target.template, created),
        "ROLLBACK_IN_PROGRESS",
        `${reason}Rollback requested by user.`
      );
    }
    stack.outputs = [];
    const failedDeletes = failedIds(op, "delete");
    if (failedDeletes.length > 0)
      return finish(
        "ROLLBACK_FAILED",
        `The following resource(s) failed to delete: [${failedDeletes.join(", ")}]. `
      );
    return finish("ROLLBACK_COMPLETE");
  }
  switch (op.phase) {
    case "apply": {
      const outputProblem = failures ? void 0 : outputs();
      if (!failures && outputProblem === void 0) {
        const removed = Object.keys(op.previous?.resources ?? {}).filter(
          (id) => !op.steps.some((s) => s.logicalId === id) && stack.resources[id]?.status !== "DELETE_COMPLETE"
        );
        const replaced = Object.keys(op.replaced);
        return enter(
          "cleanup",
          deleteSteps(op.previous?.template, [...removed, ...replaced]),
          "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS"
        );
      }
      const created = failedIds(op, "create");
      const updated = failedIds(op, "update");
      const reason = outputProblem ?? [
        created.length > 0 ? `The following resource(s) failed to create: [${created.join(", ")}]. ` : "",
        updated.length > 0 ? `The following resource(s) failed to update: [${updated.join(", ")}]. ` : ""
      ].join("");
      if (op.onFailure === "DO_NOTHING") {
        stack.failedOperation = op;
        return finish("UPDATE_FAILED", reason);
      }
      const changed2 = op.steps.filter(
        (s) => s.action === "update" && s.dueAt !== void 0 && (s.state === "done" || s.state === "failed")
      ).reverse();
      const restore = changed2.map((s, i) => ({
        logicalId: s.logicalId,
        action: "restore",
        after: i === 0 ? [] : [changed2[i - 1].logicalId],
        state: "waiting"
      }));
      return enter("rollback", restore, "UPDATE_ROLLBACK_IN_PROGRESS", reason);
    }
    case "cleanup":
      for (const step of op.steps) {
        if (op.replaced[step.logicalId] === void 0) delete stack.resources[step.logicalId];
      }
      op.replaced = {};
      return finish("UPDATE_COMPLETE");
    case "rollback": {
      const previous = op.previous;
      applySpec(stack, previous);
      stack.outputs = previous.outputs;
      const added = op.added.filter((id) => !(id in previous.resources));
      const replacements = Object.keys(op.replacementNew);
      return enter(
        "rollback-cleanup",
        [
          ...deleteSteps(op.target.template, added, "delete-new"),
          ...replacements.filter((id) => !added.includes(id)).map((id) => ({
            logicalId: id,
            action: "delete-new",
            after: [],
            state: "waiting"
          }))
        ],
        "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS"
      );
    }
    case "rollback-cleanup":
      for (const id of op.added) {
        if (!(id in (op.previous?.resources ?? {}))) delete stack.resources[id];
      }
      return finish("UPDATE_ROLLBACK_COMPLETE");
  }
}
function startRollback(stack, at) {
  const op = stack.failedOperation;
  if (!op) return false;
  delete stack.failedOperation;
  op.onFailure = "ROLLBACK";
  op.nextAt = at;
  stack.operation = op;
  return true;
}
function advanceStack(sim, stack, now) {
  for (let i = 0; i < MAX_STEPS; i++) {
    const op = stack.operation;
    if (!op || op.nextAt > now) return;
    const at = op.nextAt;
    for (const step of op.steps) {
      if (step.state === "running" && step.dueAt !== void 0 && step.dueAt <= at)
        finishStep(sim, stack, op, step, at);
    }
    const stopping = op.failed.length > 0 && (op.phase === "apply" || op.phase === "cleanup");
    let started = true;
    while (started && !stopping) {
      started = false;
      for (const step of op.steps) {
        if (step.state !== "waiting") continue;
        const ready = step.after.every((d) => {
          const dep = op.steps.find((s) => s.logicalId === d);
          return !dep || dep.state === "done";
        });
        const blocked = step.after.some((d) => {
          const s = op.steps.find((x) => x.logicalId === d);
          return s !== void 0 && (s.state === "failed" || s.state === "cancelled");
        });
        if (blocked) {
          step.state = "cancelled";
          started = true;
          continue;
        }
        if (!ready) continue;
        if (startStep(sim, stack, op, step, at)) step.state = "done";
        else step.state = "running";
        started = true;
      }
    }
    const running = op.steps.filter((s) => s.state === "running");
    if (running.length > 0) {
      op.nextAt = Math.min(...running.map((s) => s.dueAt ?? at));
      continue;
    }
    const waiting = op.steps.some((s) => s.state === "waiting");
    if (waiting && !stopping) {
      op.nextAt = at;
      continue;
    }
    nextPhase(sim, stack, op, at);
    if (stack.operation) stack.operation.nextAt = at;
  }
}
function advanceCloudFormation(sim, now) {
  const state = cfnState(sim);
  for (const cs of state.changeSets.values()) {
    if (cs.status === "CREATE_PENDING" && cs.readyAt <= now) {
      if (cs.empty) {
        cs.status = "FAILED";
        cs.statusReason = "The submitted information didn't contain changes. Submit different information to create a change set.";
        cs.executionStatus = "UNAVAILABLE";
      } else {
        cs.status = "CREATE_COMPLETE";
        cs.executionStatus = "AVAILABLE";
      }
    }
  }
  for (const stack of state.stacks.values()) if (stack.operation) advanceStack(sim, stack, now);
}

// packages/sim/src/cloudformation/plan.ts
var KNOWN_AFTER_APPLY = "{{changeSet:KNOWN_AFTER_APPLY}}";
function planChanges(sim, who2, stack, target) {
  const live = stack?.status === "REVIEW_IN_PROGRESS" ? {} : stack?.resources ?? {};
  const unknown = /* @__PURE__ */ new Set();
  const scope = scopeOf(who2, target, {
    ref: (id) => unknown.has(id) ? KNOWN_AFTER_APPLY : live[id]?.physicalId ?? (id in target.template.Resources ? KNOWN_AFTER_APPLY : void 0),
    attribute: (id, attr) => {
      const r = live[id];
      return unknown.has(id) || !r ? KNOWN_AFTER_APPLY : attributeOf(r, attr, who2.region, who2.account);
    }
  });
  const ids = order(target.template, includedResources(scope, target.template));
  const changes = [];
  for (const id of ids) {
    const decl = target.template.Resources[id];
    const existing = live[id];
    if (!existing || existing.physicalId === void 0 || existing.status === "DELETE_COMPLETE") {
      unknown.add(id);
      changes.push({ action: "Add", logicalId: id, type: decl.Type, scope: [], details: [] });
      continue;
    }
    if (existing.type !== decl.Type) {
      unknown.add(id);
      changes.push({
        action: "Modify",
        logicalId: id,
        physicalId: existing.physicalId,
        type: decl.Type,
        replacement: "True",
        scope: ["Properties"],
        details: []
      });
      continue;
    }
    const after = evaluate(scope, decl.Properties ?? {});
    const metadataChanged = decl.Metadata !== void 0 && !sameValue(decl.Metadata, existing.metadata ?? {});
    if (sameValue(after, existing.properties)) {
      if (metadataChanged) {
        changes.push({
          action: "Modify",
          logicalId: id,
          physicalId: existing.physicalId,
          type: decl.Type,
          replacement: "False",
          scope: ["Metadata"],
          details: []
        });
      }
      continue;
    }
    const provider = providerOf(sim, decl.Type);
    const pending = canonical(after).includes(KNOWN_AFTER_APPLY);
    const replaces = provider.needsReplacement(existing.properties, after);
    if (replaces) unknown.add(id);
    const names = [.../* @__PURE__ */ new Set([...Object.keys(after), ...Object.keys(existing.properties)])].filter(
      (k) => !sameValue(after[k], existing.properties[k])
    );
    changes.push({
      action: "Modify",
      logicalId: id,
      physicalId: existing.physicalId,
      type: decl.Type,
      replacement: replaces ? pending ? "Conditional" : "True" : "False",
      scope: ["Properties", ...metadataChanged ? ["Metadata"] : []],
      details: names.map((name) => {
        const alone = { ...existing.properties, [name]: after[name] };
        if (after[name] === void 0) delete alone[name];
        const recreate = provider.needsReplacement(existing.properties, alone);
        return {
          attribute: "Properties",
          name,
          requiresRecreation: recreate ? pending ? "Conditionally" : "Always" : "Never",
          changeSource: canonical(after[name]).includes(KNOWN_AFTER_APPLY) ? "ResourceReference" : "DirectModification"
        };
      })
    });
  }
  const kept = new Set(ids);
  for (const [id, r] of Object.entries(live)) {
    if (kept.has(id) || r.status === "DELETE_COMPLETE") continue;
    changes.push({
      action: "Remove",
      logicalId: id,
      ...r.physicalId !== void 0 ? { physicalId: r.physicalId } : {},
      type: r.type,
      scope: [],
      details: []
    });
  }
  return changes;
}
function changesNothing(who2, stack, target, changes) {
  if (changes.length > 0 || stack.status === "REVIEW_IN_PROGRESS") return false;
  if (!sameValue(stack.template, target.template)) {
    try {
      const scope = scopeOf(who2, target, {
        ref: (id) => stack.resources[id]?.physicalId,
        attribute: (id, attr) => {
          const r = stack.resources[id];
          return r ? attributeOf(r, attr, who2.region, who2.account) : void 0;
        }
      });
      const outputs = evaluateOutputs(scope, target.template);
      const sameResources = sameValue(
        Object.fromEntries(Object.entries(stack.template.Resources)),
        Object.fromEntries(Object.entries(target.template.Resources))
      );
      if (!sameResources || !sameValue(outputs, stack.outputs)) return false;
      if (!sameValue(stack.template.Description, target.template.Description)) return false;
    } catch {
      return false;
    }
  }
  const values = (spec) => spec.parameters.map((p) => [p.key, parameterText(p), p.resolved ?? null]);
  return sameValue(values(stack), values(target)) && sameValue(stack.tags, target.tags);
}

// packages/sim/src/cloudformation/template-source.ts
var BODY_LIMIT = 51200;
var URL_LIMIT = 1e6;
function readTemplateObject(sim, bucket, key) {
  return getObject(sim, bucket, key)?.body.toString("utf8");
}
function parseTemplateUrl(raw) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    return void 0;
  }
  const path = decodeURIComponent(url.pathname.replace(/^\/+/, ""));
  const host = url.hostname;
  const virtual = /^(.+)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/.exec(host);
  if (virtual) return path ? { bucket: virtual[1], key: path } : void 0;
  const slash = path.indexOf("/");
  if (slash <= 0 || slash === path.length - 1) return void 0;
  const pathStyle = /^s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/.test(host) || host === "127.0.0.1" || host === "localhost" || host === "[::1]";
  return pathStyle ? { bucket: path.slice(0, slash), key: path.slice(slash + 1) } : void 0;
}
function templateText(sim, input, previous) {
  const body = input.str("TemplateBody");
  const url = input.str("TemplateURL");
  const usePrevious = input.bool("UsePreviousTemplate") === true;
  const given = [body, url].filter((v) => v !== void 0).length + (usePrevious ? 1 : 0);
  if (given !== 1) {
    throw new AwsError(
      "ValidationError",
      usePrevious ? "Exactly one of TemplateBody, TemplateUrl or UsePreviousTemplate must be specified." : "Either Template URL or Template Body must be specified."
    );
  }
  if (usePrevious) {
    if (previous === void 0)
      throw new AwsError("ValidationError", "UsePreviousTemplate cannot be used for a new stack.");
    return previous;
  }
  if (body !== void 0) {
    if (Buffer.byteLength(body) > BODY_LIMIT) {
      throw new AwsError(
        "ValidationError",
        `1 validation error detected: Value '[…]' at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to ${BODY_LIMIT}`
      );
    }
    return body;
  }
  const where = parseTemplateUrl(url);
  const text = where ? readTemplateObject(sim, where.bucket, where.key) : void 0;
  if (text === void 0) {
    throw new AwsError(
      "ValidationError",
      "TemplateURL must reference a valid S3 object to which you have access."
    );
  }
  if (Buffer.byteLength(text) > URL_LIMIT) {
    throw new AwsError("ValidationError", `Template may not exceed ${URL_LIMIT} bytes in size.`);
  }
  return text;
}

// packages/sim/src/cloudformation/prepare.ts
function importsIn(value, out = []) {
  if (Array.isArray(value)) for (const v of value) importsIn(v, out);
  else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === "Fn::ImportValue" && typeof v === "string") out.push(v);
      else importsIn(v, out);
    }
  }
  return out;
}
function prepareSpec(ctx, input, stackName, stackId, stack) {
  const live = stack && stack.status !== "REVIEW_IN_PROGRESS" ? stack : void 0;
  const templateBody = templateText(ctx.sim, input, live?.templateBody);
  const template = parseTemplate(templateBody);
  checkReferences(template);
  const given = input.objects("Parameters").map((p) => {
    const key = p["ParameterKey"];
    if (typeof key !== "string") throw new AwsError("ValidationError", "ParameterKey must be specified.");
    const value = p["ParameterValue"];
    return {
      key,
      ...typeof value === "string" ? { value } : {},
      usePreviousValue: p["UsePreviousValue"] === "true"
    };
  });
  const parameters = resolveParameters(ctx.sim, ctx.account, ctx.region, template, given, live?.parameters);
  const capabilities = input.strings("Capabilities");
  checkCapabilities(template, capabilities);
  const who2 = { sim: ctx.sim, account: ctx.account, region: ctx.region, stackName, stackId };
  checkRules(scopeOf(who2, { template, parameters }, { ref: () => void 0, attribute: () => void 0 }));
  const exported = exportsOf(ctx.sim, ctx.account, ctx.region);
  for (const name of importsIn(template.Resources)) {
    if (!exported.has(name)) throw new AwsError("ValidationError", `No export named ${name} found.`);
  }
  const tags = input.raw["Tags"] !== void 0 ? input.objects("Tags").map((t) => ({ Key: String(t["Key"]), Value: String(t["Value"] ?? "") })) : live?.tags ?? [];
  const roleArn = input.str("RoleARN") ?? live?.roleArn;
  return {
    template,
    templateBody,
    parameters,
    capabilities,
    tags,
    ...template.Description !== void 0 ? { description: String(template.Description) } : {},
    ...roleArn !== void 0 ? { roleArn } : {}
  };
}

// packages/sim/src/cloudformation/request.ts
var QueryInput = class _QueryInput {
  constructor(raw) {
    this.raw = raw;
  }
  raw;
  static camel(member) {
    return member.charAt(0).toLowerCase() + member.slice(1);
  }
  invalid(member, value, constraint) {
    const shown2 = value === void 0 ? "null" : `'${String(value)}'`;
    throw new AwsError(
      "ValidationError",
      `1 validation error detected: Value ${shown2} at '${_QueryInput.camel(member)}' failed to satisfy constraint: ${constraint}`
    );
  }
  str(member) {
    const v = this.raw[member];
    if (v === void 0) return void 0;
    if (typeof v !== "string") this.invalid(member, "[…]", "Member must be a string");
    return v;
  }
  required(member) {
    const v = this.str(member);
    if (v === void 0) this.invalid(member, void 0, "Member must not be null");
    return v;
  }
  name(member, options = {}) {
    const v = options.required ? this.required(member) : this.str(member);
    if (v === void 0) return void 0;
    if (options.arn && v.startsWith("arn:")) return v;
    if (v.length > 128) this.invalid(member, v, "Member must have length less than or equal to 128");
    if (!/^[a-zA-Z][-a-zA-Z0-9]*$/.test(v)) {
      this.invalid(
        member,
        v,
        `Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*${options.arn ? "|arn:[-a-zA-Z0-9:/._+]*" : ""}`
      );
    }
    return v;
  }
  bool(member) {
    const v = this.str(member);
    if (v === void 0) return void 0;
    if (v !== "true" && v !== "false") this.invalid(member, v, "Member must be a boolean");
    return v === "true";
  }
  int(member, min, max) {
    const v = this.str(member);
    if (v === void 0) return void 0;
    const n = Number(v);
    if (!Number.isInteger(n)) this.invalid(member, v, "Member must be an integer");
    if (n < min) this.invalid(member, v, `Member must have value greater than or equal to ${min}`);
    if (n > max) this.invalid(member, v, `Member must have value less than or equal to ${max}`);
    return n;
  }
  strings(member) {
    const v = this.raw[member];
    if (v === void 0 || v === "") return [];
    if (!Array.isArray(v)) this.invalid(member, "[…]", "Member must be a list");
    return v.filter((x) => x !== void 0).map(String);
  }
  objects(member) {
    const v = this.raw[member];
    if (v === void 0 || v === "") return [];
    if (!Array.isArray(v)) this.invalid(member, "[…]", "Member must be a list");
    return v.filter((x) => typeof x === "object" && x !== null);
  }
  /** A page of `items` by NextToken (CloudFormation's own page size, or MaxResults where the call takes one). */
  page(items, size) {
    const limit = this.raw["MaxResults"] !== void 0 ? this.int("MaxResults", 1, 100) ?? size : size;
    return pageOf(
      items,
      limit,
      this.str("NextToken"),
      () => new AwsError("ValidationError", "Invalid NextToken")
    );
  }
};
var validationError2 = (message) => new AwsError("ValidationError", message);
var stackMissing = (nameOrId) => validationError2(`Stack with id ${nameOrId} does not exist`);
var tokenOf2 = (next) => next !== void 0 ? { NextToken: next } : {};

// packages/sim/src/cloudformation/views.ts
var date = (ms) => ms === void 0 ? void 0 : new Date(ms);
function parametersView(params) {
  return params.map((p) => ({
    ParameterKey: p.key,
    ParameterValue: p.noEcho ? "****" : parameterText(p),
    ...p.resolved !== void 0 && !p.noEcho ? { ResolvedValue: p.resolved } : {}
  }));
}
function stackView(stack) {
  const lastChangeSet = stack.operation?.changeSetId;
  return {
    StackId: stack.id,
    StackName: stack.name,
    ...lastChangeSet !== void 0 ? { ChangeSetId: lastChangeSet } : {},
    Description: stack.description,
    Parameters: parametersView(stack.parameters),
    CreationTime: date(stack.createdAt),
    DeletionTime: date(stack.deletedAt),
    LastUpdatedTime: date(stack.updatedAt),
    RollbackConfiguration: {},
    StackStatus: stack.status,
    StackStatusReason: stack.statusReason,
    DisableRollback: stack.disableRollback,
    NotificationARNs: stack.notificationArns,
    Capabilities: stack.capabilities,
    Outputs: stack.outputs.map((o) => ({
      OutputKey: o.key,
      OutputValue: o.value,
      Description: o.description,
      ExportName: o.exportName
    })),
    RoleARN: stack.roleArn,
    Tags: stack.tags,
    EnableTerminationProtection: stack.terminationProtection === true,
    DriftInformation: { StackDriftStatus: "NOT_CHECKED" }
  };
}
function stackSummaryView(stack) {
  return {
    StackId: stack.id,
    StackName: stack.name,
    TemplateDescription: stack.description,
    CreationTime: date(stack.createdAt),
    LastUpdatedTime: date(stack.updatedAt),
    DeletionTime: date(stack.deletedAt),
    StackStatus: stack.status,
    StackStatusReason: stack.statusReason,
    DriftInformation: { StackDriftStatus: "NOT_CHECKED" }
  };
}
function eventView(stack, e) {
  return {
    StackId: stack.id,
    EventId: e.eventId,
    StackName: stack.name,
    LogicalResourceId: e.logicalId,
    PhysicalResourceId: e.physicalId,
    ResourceType: e.type,
    Timestamp: new Date(e.timestamp),
    ResourceStatus: e.status,
    ResourceStatusReason: e.reason,
    ResourceProperties: e.properties
  };
}
var driftInfo = { StackResourceDriftStatus: "NOT_CHECKED" };
function resourceView(stack, r) {
  return {
    StackName: stack.name,
    StackId: stack.id,
    LogicalResourceId: r.logicalId,
    PhysicalResourceId: r.physicalId,
    ResourceType: r.type,
    Timestamp: new Date(r.updatedAt),
    ResourceStatus: r.status,
    ResourceStatusReason: r.statusReason,
    DriftInformation: driftInfo
  };
}
function resourceDetailView(stack, r) {
  return {
    StackName: stack.name,
    StackId: stack.id,
    LogicalResourceId: r.logicalId,
    PhysicalResourceId: r.physicalId,
    ResourceType: r.type,
    LastUpdatedTimestamp: new Date(r.updatedAt),
    ResourceStatus: r.status,
    ResourceStatusReason: r.statusReason,
    Metadata: r.metadata === void 0 ? void 0 : JSON.stringify(r.metadata),
    DriftInformation: driftInfo
  };
}
function resourceSummaryView(r) {
  return {
    LogicalResourceId: r.logicalId,
    PhysicalResourceId: r.physicalId,
    ResourceType: r.type,
    LastUpdatedTimestamp: new Date(r.updatedAt),
    ResourceStatus: r.status,
    ResourceStatusReason: r.statusReason,
    DriftInformation: driftInfo
  };
}
function changeView(c) {
  return {
    Type: "Resource",
    ResourceChange: {
      Action: c.action,
      LogicalResourceId: c.logicalId,
      PhysicalResourceId: c.physicalId,
      ResourceType: c.type,
      Replacement: c.replacement,
      Scope: c.scope,
      Details: c.details.map((d) => ({
        Target: { Attribute: d.attribute, Name: d.name, RequiresRecreation: d.requiresRecreation },
        Evaluation: "Static",
        ChangeSource: d.changeSource
      }))
    }
  };
}
function changeSetSummaryView(cs) {
  return {
    StackId: cs.stackId,
    StackName: cs.stackName,
    ChangeSetId: cs.id,
    ChangeSetName: cs.name,
    ExecutionStatus: cs.executionStatus,
    Status: cs.status,
    StatusReason: cs.statusReason,
    CreationTime: new Date(cs.createdAt),
    Description: cs.changeSetDescription,
    IncludeNestedStacks: cs.includeNestedStacks
  };
}

// packages/sim/src/cloudformation/api-stacks.ts
var who = (ctx, stack) => ({
  sim: ctx.sim,
  account: ctx.account,
  region: ctx.region,
  stackName: stack.name,
  stackId: stack.id
});
function newStack(ctx, name, id, spec, status, extra = {}) {
  return {
    ...spec,
    id,
    name,
    account: ctx.account,
    region: ctx.region,
    status,
    createdAt: ctx.now,
    disableRollback: false,
    notificationArns: [],
    outputs: [],
    resources: {},
    events: [],
    ...extra
  };
}
function checkUpdatable(stack) {
  if (stack.status.endsWith("_IN_PROGRESS") || ["ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "CREATE_FAILED", "DELETE_FAILED"].includes(stack.status)) {
    throw validationError2(`Stack:${stack.id} is in ${stack.status} state and can not be updated.`);
  }
}
function onFailureOf(input) {
  const onFailure = input.str("OnFailure");
  if (onFailure !== void 0 && input.bool("DisableRollback") !== void 0) {
    throw validationError2("You cannot specify both DisableRollback and OnFailure.");
  }
  if (onFailure !== void 0 && !["ROLLBACK", "DELETE", "DO_NOTHING"].includes(onFailure)) {
    input.invalid(
      "OnFailure",
      onFailure,
      "Member must satisfy enum value set: [DO_NOTHING, ROLLBACK, DELETE]"
    );
  }
  if (input.bool("DisableRollback") === true) return "DO_NOTHING";
  return onFailure ?? "ROLLBACK";
}
var createStack = (ctx, raw) => {
  const input = new QueryInput(raw);
  const name = input.name("StackName", { required: true });
  const existing = findStack(ctx.sim, ctx.account, ctx.region, name);
  if (existing && existing.status !== "REVIEW_IN_PROGRESS") {
    throw new AwsError("AlreadyExistsException", `Stack [${name}] already exists`);
  }
  const id = existing?.id ?? stackArn(ctx.region, ctx.account, name);
  const spec = prepareSpec(ctx, input, name, id);
  const onFailure = onFailureOf(input);
  const stack = newStack(ctx, name, id, spec, "CREATE_IN_PROGRESS", {
    disableRollback: onFailure === "DO_NOTHING",
    notificationArns: input.strings("NotificationARNs"),
    terminationProtection: input.bool("EnableTerminationProtection") === true
  });
  cfnState(ctx.sim).stacks.set(id, stack);
  startCreate(ctx.sim, stack, ctx.now, onFailure);
  return { StackId: id };
};
var updateStack = (ctx, raw) => {
  const input = new QueryInput(raw);
  const name = input.name("StackName", { required: true, arn: true });
  const stack = findStack(ctx.sim, ctx.account, ctx.region, name);
  if (!stack) throw stackMissing(name);
  checkUpdatable(stack);
  const spec = prepareSpec(ctx, input, stack.name, stack.id, stack);
  const changes = planChanges(ctx.sim, who(ctx, stack), stack, spec);
  if (changesNothing(who(ctx, stack), stack, spec, changes))
    throw validationError2("No updates are to be performed.");
  const onFailure = onFailureOf(input);
  if (input.raw["NotificationARNs"] !== void 0) stack.notificationArns = input.strings("NotificationARNs");
  for (const cs of cfnState(ctx.sim).changeSets.values()) {
    if (cs.stackId === stack.id && cs.executionStatus === "AVAILABLE") cs.executionStatus = "OBSOLETE";
  }
  startUpdate(ctx.sim, stack, spec, ctx.now, onFailure);
  return { StackId: stack.id };
};
var deleteStack = (ctx, raw) => {
  const input = new QueryInput(raw);
  const name = input.name("StackName", { required: true, arn: true });
  const stack = findStack(ctx.sim, ctx.account, ctx.region, name);
  if (!stack || stack.status === "DELETE_COMPLETE" || stack.status === "DELETE_IN_PROGRESS") return void 0;
  if (stack.terminationProtection === true) {
    throw validationError2(`Stack [${stack.name}] cannot be deleted while TerminationProtection is enabled`);
  }
  if (stack.operation)
    throw validationError2(`Stack [${stack.name}] cannot be deleted while in status ${stack.status}`);
  if (stack.status === "REVIEW_IN_PROGRESS") {
    setStackStatus(stack, ctx.now, "DELETE_COMPLETE");
    stack.deletedAt = ctx.now;
    return void 0;
  }
  const importers = importersOf(ctx, stack);
  if (importers.length > 0) {
    const [exportName, importer] = importers[0];
    throw validationError2(`Export ${exportName} cannot be deleted as it is in use by ${importer}`);
  }
  startDelete(stack, ctx.now);
  return void 0;
};
function importersOf(ctx, stack) {
  const names = stack.outputs.flatMap((o) => o.exportName !== void 0 ? [o.exportName] : []);
  if (names.length === 0) return [];
  const out = [];
  for (const other of cfnState(ctx.sim).stacks.values()) {
    if (other === stack || other.account !== ctx.account || other.region !== ctx.region || other.status === "DELETE_COMPLETE")
      continue;
    const body = JSON.stringify(other.template);
    for (const n of names)
      if (body.includes(`"Fn::ImportValue":${JSON.stringify(n)}`)) out.push([n, other.name]);
  }
  return out;
}
var describeStacks = (ctx, raw) => {
  const input = new QueryInput(raw);
  const name = input.str("StackName");
  if (name !== void 0) {
    const stack = findStack(ctx.sim, ctx.account, ctx.region, name);
    if (!stack) throw stackMissing(name);
    return { Stacks: [stackView(stack)] };
  }
  const live = [...cfnState(ctx.sim).stacks.values()].filter((s) => s.account === ctx.account && s.region === ctx.region && s.status !== "DELETE_COMPLETE").sort((a, b) => b.createdAt - a.createdAt);
  const { page, nextToken } = input.page(live, 100);
  return { Stacks: page.map(stackView), ...tokenOf2(nextToken) };
};
var listStacks = (ctx, raw) => {
  const input = new QueryInput(raw);
  const filter = input.strings("StackStatusFilter");
  const all = [...cfnState(ctx.sim).stacks.values()].filter(
    (s) => s.account === ctx.account && s.region === ctx.region && (filter.length === 0 || filter.includes(s.status))
  ).sort((a, b) => b.createdAt - a.createdAt);
  const { page, nextToken } = input.page(all, 100);
  return { StackSummaries: page.map(stackSummaryView), ...tokenOf2(nextToken) };
};
var rollbackStack = (ctx, raw) => {
  const input = new QueryInput(raw);
  const name = input.name("StackName", { required: true, arn: true });
  const stack = findStack(ctx.sim, ctx.account, ctx.region, name);
  if (!stack) throw stackMissing(name);
  if (!["CREATE_FAILED", "UPDATE_FAILED"].includes(stack.status) || !startRollback(stack, ctx.now)) {
    throw validationError2(`Stack ${stack.id} is in ${stack.status} state and can not be rolled back`);
  }
  return { StackId: stack.id };
};
var updateTerminationProtection = (ctx, raw) => {
  const input = new QueryInput(raw);
  const name = input.name("StackName", { required: true, arn: true });
  const enable = input.bool("EnableTerminationProtection");
  if (enable === void 0)
    input.invalid("EnableTerminationProtection", void 0, "Member must not be null");
  const stack = findStack(ctx.sim, ctx.account, ctx.region, name);
  if (!stack) throw stackMissing(name);
  stack.terminationProtection = enable === true;
  return { StackId: stack.id };
};
var stackActions = {
  CreateStack: createStack,
  UpdateStack: updateStack,
  DeleteStack: deleteStack,
  DescribeStacks: describeStacks,
  ListStacks: listStacks,
  RollbackStack: rollbackStack,
  UpdateTerminationProtection: updateTerminationProtection
};

// packages/sim/src/cloudformation/api-change-sets.ts
var CHANGE_SET_MS = 500;
var notFound2 = (name) => new AwsError("ChangeSetNotFound", `ChangeSet [${name}] does not exist`, 404);
function lookup(ctx, input) {
  const name = input.name("ChangeSetName", { required: true, arn: true });
  const state = cfnState(ctx.sim);
  if (isArn(name)) {
    const cs2 = state.changeSets.get(name);
    return cs2 && cs2.account === ctx.account && cs2.region === ctx.region ? { changeSet: cs2, name, stack: state.stacks.get(cs2.stackId) } : { name };
  }
  const stackName = input.str("StackName");
  if (stackName === void 0) {
    throw validationError2("StackName must be specified if ChangeSetName is not specified as an ARN.");
  }
  const stack = findStack(ctx.sim, ctx.account, ctx.region, stackName);
  if (!stack) return { name };
  const cs = [...state.changeSets.values()].find((c) => c.stackId === stack.id && c.name === name);
  return { name, stack, ...cs ? { changeSet: cs } : {} };
}
var createChangeSet = (ctx, raw) => {
  const input = new QueryInput(raw);
  const stackName = input.name("StackName", { required: true, arn: true });
  const name = input.name("ChangeSetName", { required: true });
  const type = input.str("ChangeSetType") ?? "UPDATE";
  if (type === "IMPORT") {
    throw validationError2(
      "ChangeSetType IMPORT is not supported: the simulator cannot import existing resources."
    );
  }
  if (type !== "CREATE" && type !== "UPDATE") {
    input.invalid(
      "ChangeSetType",
      type,
      "Member must satisfy enum value set: [IMPORT, UPDATE, SYNC, CREATE]"
    );
  }
  const state = cfnState(ctx.sim);
  let stack = findStack(ctx.sim, ctx.account, ctx.region, stackName);
  if (type === "CREATE" && stack && stack.status !== "REVIEW_IN_PROGRESS") {
    throw new AwsError(
      "AlreadyExistsException",
      `Stack [${stack.name}] already exists and cannot be created again with the changeSet [${name}].`
    );
  }
  if (type === "UPDATE") {
    if (!stack) throw stackMissing(stackName);
    if (stack.status === "REVIEW_IN_PROGRESS") {
      throw validationError2(`Stack:${stack.id} is in REVIEW_IN_PROGRESS state and can not be updated.`);
    }
    checkUpdatable(stack);
  }
  if (stack && [...state.changeSets.values()].some((c) => c.stackId === stack.id && c.name === name)) {
    throw new AwsError("AlreadyExistsException", `ChangeSet ${name} already exists`);
  }
  const plainName = isArn(stackName) ? stack?.name ?? stackName : stackName;
  const stackId = stack?.id ?? stackArn(ctx.region, ctx.account, plainName);
  const spec = prepareSpec(ctx, input, plainName, stackId, stack);
  if (!stack) {
    stack = newStack(
      ctx,
      plainName,
      stackId,
      { ...spec, parameters: [], capabilities: [], tags: spec.tags },
      "REVIEW_IN_PROGRESS",
      {
        notificationArns: input.strings("NotificationARNs")
      }
    );
    state.stacks.set(stackId, stack);
    setStackStatus(stack, ctx.now, "REVIEW_IN_PROGRESS", "User Initiated");
  }
  const who2 = { sim: ctx.sim, account: ctx.account, region: ctx.region, stackName: stack.name, stackId };
  const changes = planChanges(ctx.sim, who2, stack, spec);
  const description = input.str("Description");
  const cs = {
    ...spec,
    id: changeSetArn(ctx.region, ctx.account, name),
    name,
    stackId,
    stackName: stack.name,
    account: ctx.account,
    region: ctx.region,
    changeSetType: type,
    status: "CREATE_PENDING",
    executionStatus: "UNAVAILABLE",
    createdAt: ctx.now,
    readyAt: ctx.now + CHANGE_SET_MS,
    empty: type === "UPDATE" && changesNothing(who2, stack, spec, changes),
    changes,
    includeNestedStacks: input.bool("IncludeNestedStacks") ?? false,
    ...description !== void 0 ? { changeSetDescription: description } : {}
  };
  state.changeSets.set(cs.id, cs);
  return { Id: cs.id, StackId: stackId };
};
var describeChangeSet = (ctx, raw) => {
  const input = new QueryInput(raw);
  const { changeSet: cs, name } = lookup(ctx, input);
  if (!cs) throw notFound2(name);
  const { page, nextToken } = input.page(cs.changes, 100);
  const stack = cfnState(ctx.sim).stacks.get(cs.stackId);
  return {
    ...changeSetSummaryView(cs),
    Parameters: parametersView(cs.parameters),
    NotificationARNs: stack?.notificationArns ?? [],
    RollbackConfiguration: {},
    Capabilities: cs.capabilities,
    Tags: cs.tags,
    Changes: page.map(changeView),
    ...tokenOf2(nextToken)
  };
};
var executeChangeSet = (ctx, raw) => {
  const input = new QueryInput(raw);
  const { changeSet: cs, name, stack } = lookup(ctx, input);
  if (!cs || !stack) throw notFound2(name);
  if (cs.executionStatus !== "AVAILABLE") {
    throw new AwsError(
      "InvalidChangeSetStatus",
      cs.status !== "CREATE_COMPLETE" ? `ChangeSet [${cs.id}] cannot be executed in its current status of [${cs.status}]` : `ChangeSet [${cs.id}] cannot be executed in its current execution status of [${cs.executionStatus}]`
    );
  }
  const disableRollback = input.bool("DisableRollback") === true;
  const onFailure = disableRollback ? "DO_NOTHING" : "ROLLBACK";
  const state = cfnState(ctx.sim);
  for (const [id, other] of state.changeSets) {
    if (other.stackId === stack.id && other !== cs) state.changeSets.delete(id);
  }
  cs.executionStatus = "EXECUTE_IN_PROGRESS";
  stack.disableRollback = disableRollback;
  if (cs.changeSetType === "CREATE") {
    applySpec(stack, cs);
    stack.createdAt = ctx.now;
    startCreate(ctx.sim, stack, ctx.now, onFailure, cs.id);
  } else {
    checkUpdatable(stack);
    startUpdate(ctx.sim, stack, specOf(cs), ctx.now, onFailure, cs.id);
  }
  return {};
};
var deleteChangeSet = (ctx, raw) => {
  const input = new QueryInput(raw);
  const { changeSet: cs, name, stack } = lookup(ctx, input);
  if (!cs) {
    if (stack) return {};
    if (isArn(name)) throw notFound2(name);
    throw stackMissing(input.str("StackName") ?? name);
  }
  if (cs.executionStatus === "EXECUTE_IN_PROGRESS") {
    throw new AwsError(
      "InvalidChangeSetStatus",
      `Cannot delete ChangeSet ${cs.id} while it is in status ${cs.executionStatus}`
    );
  }
  cfnState(ctx.sim).changeSets.delete(cs.id);
  return {};
};
var listChangeSets = (ctx, raw) => {
  const input = new QueryInput(raw);
  const stackName = input.name("StackName", { required: true, arn: true });
  const stack = findStack(ctx.sim, ctx.account, ctx.region, stackName);
  if (!stack) throw stackMissing(stackName);
  const all = [...cfnState(ctx.sim).changeSets.values()].filter((c) => c.stackId === stack.id);
  const { page, nextToken } = input.page(all, 100);
  return { Summaries: page.map(changeSetSummaryView), ...tokenOf2(nextToken) };
};
var changeSetActions = {
  CreateChangeSet: createChangeSet,
  DescribeChangeSet: describeChangeSet,
  ExecuteChangeSet: executeChangeSet,
  DeleteChangeSet: deleteChangeSet,
  ListChangeSets: listChangeSets
};

// packages/sim/src/cloudformation/api-drift.ts
var import_node_crypto24 = require("node:crypto");
function actualOf(sim, stack, r) {
  if (r.type === "AWS::ECS::Service") {
    for (const region of ecsState(sim).regions.values()) {
      for (const cluster of region.clusters.values()) {
        for (const svc of cluster.services.values()) {
          if (svc.arn !== r.physicalId) continue;
          if (svc.status === "INACTIVE") return null;
          return { DesiredCount: svc.desiredCount, TaskDefinition: svc.taskDefinition };
        }
      }
    }
    return null;
  }
  if (r.type === "AWS::SSM::Parameter") {
    const param = findParameter(sim, stack.account, stack.region, r.physicalId ?? "");
    return param ? { Value: plainValue(current(param)) } : null;
  }
  return void 0;
}
function expectedOf(r, actual) {
  const out = {};
  for (const key of Object.keys(actual)) {
    const v = r.properties[key];
    if (v === void 0) continue;
    out[key] = typeof actual[key] === "number" && typeof v === "string" ? Number(v) : v;
  }
  return out;
}
function driftOf(sim, stack, r) {
  const base = {
    logicalId: r.logicalId,
    physicalId: r.physicalId ?? "",
    type: r.type,
    expected: r.properties
  };
  const actual = actualOf(sim, stack, r);
  if (actual === void 0) return { ...base, actual: r.properties, differences: [], status: "IN_SYNC" };
  if (actual === null) return { ...base, actual: {}, differences: [], status: "DELETED" };
  const expected = expectedOf(r, actual);
  const differences = Object.keys(expected).filter((k) => !sameValue(expected[k], actual[k])).map((k) => ({ path: `/${k}`, expected: String(expected[k]), actual: String(actual[k]) }));
  return {
    ...base,
    actual: { ...r.properties, ...Object.fromEntries(Object.keys(expected).map((k) => [k, actual[k]])) },
    differences,
    status: differences.length > 0 ? "MODIFIED" : "IN_SYNC"
  };
}
var detectStackDrift = (ctx, raw) => {
  const input = new QueryInput(raw);
  const name = input.name("StackName", { required: true, arn: true });
  const stack = findStack(ctx.sim, ctx.account, ctx.region, name);
  if (!stack) throw stackMissing(name);
  const wanted = input.strings("LogicalResourceIds");
  const resources = Object.values(stack.resources).filter(
    (r) => r.physicalId !== void 0 && r.status !== "DELETE_COMPLETE" && (wanted.length === 0 || wanted.includes(r.logicalId))
  );
  const id = (0, import_node_crypto24.randomUUID)();
  cfnState(ctx.sim).drifts.set(id, {
    id,
    stackId: stack.id,
    timestamp: ctx.now,
    drifts: resources.map((r) => driftOf(ctx.sim, stack, r))
  });
  return { StackDriftDetectionId: id };
};
var describeStackDriftDetectionStatus = (ctx, raw) => {
  const input = new QueryInput(raw);
  const id = input.required("StackDriftDetectionId");
  const detection = cfnState(ctx.sim).drifts.get(id);
  if (!detection) throw validationError2(`Drift detection ID ${id} does not exist`);
  const drifted = detection.drifts.filter((d) => d.status === "MODIFIED" || d.status === "DELETED").length;
  return {
    StackId: detection.stackId,
    StackDriftDetectionId: id,
    StackDriftStatus: drifted > 0 ? "DRIFTED" : "IN_SYNC",
    DetectionStatus: "DETECTION_COMPLETE",
    DriftedStackResourceCount: drifted,
    Timestamp: new Date(detection.timestamp)
  };
};
function driftView(stackId, d, timestamp) {
  return {
    StackId: stackId,
    LogicalResourceId: d.logicalId,
    PhysicalResourceId: d.physicalId,
    ResourceType: d.type,
    ExpectedProperties: JSON.stringify(d.expected),
    ActualProperties: JSON.stringify(d.actual),
    PropertyDifferences: d.differences.map((p) => ({
      PropertyPath: p.path,
      ExpectedValue: p.expected,
      ActualValue: p.actual,
      DifferenceType: "NOT_EQUAL"
    })),
    StackResourceDriftStatus: d.status,
    Timestamp: new Date(timestamp)
  };
}
var detectStackResourceDrift = (ctx, raw) => {
  const input = new QueryInput(raw);
  const name = input.name("StackName", { required: true, arn: true });
  const stack = findStack(ctx.sim, ctx.account, ctx.region, name);
  if (!stack) throw stackMissing(name);
  const logicalId = input.required("LogicalResourceId");
  const r = stack.resources[logicalId];
  if (!r || r.physicalId === void 0) {
    throw validationError2(`Resource ${logicalId} does not exist for stack ${stack.name}`);
  }
  return { StackResourceDrift: driftView(stack.id, driftOf(ctx.sim, stack, r), ctx.now) };
};
var describeStackResourceDrifts = (ctx, raw) => {
  const input = new QueryInput(raw);
  const name = input.name("StackName", { required: true, arn: true });
  const stack = findStack(ctx.sim, ctx.account, ctx.region, name);
  if (!stack) throw stackMissing(name);
  const latest = [...cfnState(ctx.sim).drifts.values()].filter((d) => d.stackId === stack.id).pop();
  const filter = input.strings("StackResourceDriftStatusFilters");
  const drifts = (latest?.drifts ?? []).filter((d) => filter.length === 0 || filter.includes(d.status));
  const { page, nextToken } = input.page(drifts, 100);
  return {
    StackResourceDrifts: page.map((d) => driftView(stack.id, d, latest.timestamp)),
    ...tokenOf2(nextToken)
  };
};
var driftActions = {
  DetectStackDrift: detectStackDrift,
  DetectStackResourceDrift: detectStackResourceDrift,
  DescribeStackDriftDetectionStatus: describeStackDriftDetectionStatus,
  DescribeStackResourceDrifts: describeStackResourceDrifts
};

// packages/sim/src/cloudformation/api-resources.ts
function stackOf(ctx, input) {
  const name = input.name("StackName", { required: true, arn: true });
  const stack = findStack(ctx.sim, ctx.account, ctx.region, name);
  if (!stack) throw stackMissing(name);
  return stack;
}
var describeStackEvents = (ctx, raw) => {
  const input = new QueryInput(raw);
  const stack = stackOf(ctx, input);
  const newestFirst = stack.events.slice().reverse();
  const { page, nextToken } = input.page(newestFirst, 100);
  return { StackEvents: page.map((e) => eventView(stack, e)), ...tokenOf2(nextToken) };
};
var describeStackResources = (ctx, raw) => {
  const input = new QueryInput(raw);
  const name = input.str("StackName");
  const physicalId = input.str("PhysicalResourceId");
  if (name === void 0 && physicalId === void 0) {
    throw validationError2("Either StackName or PhysicalResourceId must be specified.");
  }
  let stack;
  if (name !== void 0) {
    stack = findStack(ctx.sim, ctx.account, ctx.region, name);
    if (!stack) throw stackMissing(name);
  } else {
    stack = [...cfnState(ctx.sim).stacks.values()].find(
      (s) => s.account === ctx.account && s.region === ctx.region && Object.values(s.resources).some((r) => r.physicalId === physicalId)
    );
    if (!stack) throw validationError2(`Stack for ${physicalId} does not exist`);
  }
  const logicalId = input.str("LogicalResourceId");
  const resources = Object.values(stack.resources).filter(
    (r) => logicalId === void 0 || r.logicalId === logicalId
  );
  return { StackResources: resources.map((r) => resourceView(stack, r)) };
};
var describeStackResource = (ctx, raw) => {
  const input = new QueryInput(raw);
  const stack = stackOf(ctx, input);
  const logicalId = input.required("LogicalResourceId");
  const r = stack.resources[logicalId];
  if (!r) throw validationError2(`Resource ${logicalId} does not exist for stack ${stack.name}`);
  return { StackResourceDetail: resourceDetailView(stack, r) };
};
var listStackResources = (ctx, raw) => {
  const input = new QueryInput(raw);
  const stack = stackOf(ctx, input);
  const { page, nextToken } = input.page(Object.values(stack.resources), 100);
  return { StackResourceSummaries: page.map(resourceSummaryView), ...tokenOf2(nextToken) };
};
var listExports = (ctx, raw) => {
  const input = new QueryInput(raw);
  const all = [...cfnState(ctx.sim).stacks.values()].filter((s) => s.account === ctx.account && s.region === ctx.region && s.status !== "DELETE_COMPLETE").flatMap(
    (s) => s.outputs.flatMap(
      (o) => o.exportName !== void 0 ? [{ ExportingStackId: s.id, Name: o.exportName, Value: o.value }] : []
    )
  );
  const { page, nextToken } = input.page(all, 100);
  return { Exports: page, ...tokenOf2(nextToken) };
};
var resourceActions = {
  DescribeStackEvents: describeStackEvents,
  DescribeStackResources: describeStackResources,
  DescribeStackResource: describeStackResource,
  ListStackResources: listStackResources,
  ListExports: listExports
};

// packages/sim/src/cloudformation/api-templates.ts
var getTemplate = (ctx, raw) => {
  const input = new QueryInput(raw);
  const name = input.str("StackName");
  const changeSetName = input.str("ChangeSetName");
  const stage = input.str("TemplateStage") ?? "Original";
  if (stage !== "Original" && stage !== "Processed") {
    input.invalid("TemplateStage", stage, "Member must satisfy enum value set: [Original, Processed]");
  }
  if (name === void 0 && changeSetName === void 0) {
    throw validationError2("Either StackName or ChangeSetName must be specified.");
  }
  const stack = name !== void 0 ? findStack(ctx.sim, ctx.account, ctx.region, name) : void 0;
  if (name !== void 0 && !stack) throw stackMissing(name);
  let body = stack?.status === "REVIEW_IN_PROGRESS" ? void 0 : stack?.templateBody;
  if (changeSetName !== void 0) {
    const cs = [...cfnState(ctx.sim).changeSets.values()].find(
      (c) => c.id === changeSetName || stack !== void 0 && c.stackId === stack.id && c.name === changeSetName
    );
    if (!cs) throw validationError2(`ChangeSet [${changeSetName}] does not exist`);
    body = cs.templateBody;
  }
  const processed = stage === "Processed" && body !== void 0 ? JSON.stringify(parseTemplate(body)) : body;
  return { TemplateBody: processed ?? "{}", StagesAvailable: ["Original", "Processed"] };
};
function parametersOf2(template) {
  return Object.entries(template.Parameters ?? {}).map(([key, p]) => ({
    ParameterKey: key,
    DefaultValue: p.Default === void 0 ? void 0 : Array.isArray(p.Default) ? p.Default.join(",") : String(p.Default),
    ParameterType: p.Type,
    NoEcho: p.NoEcho === true || p.NoEcho === "true",
    Description: p.Description,
    ParameterConstraints: { AllowedValues: (p.AllowedValues ?? []).map(String) }
  }));
}
function templateOf(ctx, input) {
  const name = input.str("StackName");
  if (name !== void 0 && input.str("TemplateBody") === void 0 && input.str("TemplateURL") === void 0) {
    const stack = findStack(ctx.sim, ctx.account, ctx.region, name);
    if (!stack) throw stackMissing(name);
    return stack.template;
  }
  return parseTemplate(templateText(ctx.sim, input));
}
function declaredTransforms(template) {
  if (template.Transform === void 0) return [];
  return (Array.isArray(template.Transform) ? template.Transform : [template.Transform]).map(String);
}
var getTemplateSummary = (ctx, raw) => {
  const template = templateOf(ctx, new QueryInput(raw));
  const { capabilities, reason } = requiredCapabilities(template);
  return {
    Parameters: parametersOf2(template),
    Description: template.Description,
    Capabilities: capabilities,
    CapabilitiesReason: reason,
    ResourceTypes: [...new Set(Object.values(template.Resources).map((r) => r.Type))],
    Version: template.AWSTemplateFormatVersion,
    Metadata: template.Metadata === void 0 ? void 0 : JSON.stringify(template.Metadata),
    DeclaredTransforms: declaredTransforms(template)
  };
};
var validateTemplate = (ctx, raw) => {
  const input = new QueryInput(raw);
  const template = parseTemplate(templateText(ctx.sim, input));
  const { capabilities, reason } = requiredCapabilities(template);
  return {
    Parameters: parametersOf2(template).map((p) => ({
      ParameterKey: p["ParameterKey"],
      DefaultValue: p["DefaultValue"],
      NoEcho: p["NoEcho"],
      Description: p["Description"]
    })),
    Description: template.Description,
    Capabilities: capabilities,
    CapabilitiesReason: reason,
    DeclaredTransforms: declaredTransforms(template)
  };
};
var templateActions = {
  GetTemplate: getTemplate,
  GetTemplateSummary: getTemplateSummary,
  ValidateTemplate: validateTemplate
};

// packages/sim/src/cloudformation/iam.ts
var str4 = (value) => typeof value === "string" ? value : void 0;
var UNSCOPED = /* @__PURE__ */ new Set([
  "ListStacks",
  "ListExports",
  "ValidateTemplate",
  "DescribeStackDriftDetectionStatus"
]);
function cloudformationPermissions(ctx, input) {
  const action = `cloudformation:${ctx.action}`;
  if (UNSCOPED.has(ctx.action)) return [{ action, resource: "*" }];
  let stackRef = str4(input["StackName"]);
  const changeSet = str4(input["ChangeSetName"]);
  if (changeSet !== void 0 && isArn(changeSet))
    stackRef ??= cfnState(ctx.sim).changeSets.get(changeSet)?.stackId;
  if (stackRef === void 0) {
    return ctx.action === "DescribeStacks" || ctx.action === "GetTemplateSummary" ? [{ action, resource: "*" }] : void 0;
  }
  const stack = findStack(ctx.sim, ctx.account, ctx.region, stackRef);
  const resource = stack?.id ?? (isArn(stackRef) ? stackRef : `arn:aws:cloudformation:${ctx.region}:${ctx.account}:stack/${stackRef}/*`);
  const changeSetName = changeSet === void 0 ? void 0 : isArn(changeSet) ? cfnState(ctx.sim).changeSets.get(changeSet)?.name : changeSet;
  return [
    {
      action,
      resource,
      context: {
        "cloudformation:ChangeSetName": changeSetName,
        "cloudformation:RoleArn": str4(input["RoleARN"]),
        "cloudformation:TemplateUrl": str4(input["TemplateURL"])
      }
    }
  ];
}

// packages/sim/src/cloudformation/index.ts
var cloudformationModule = {
  name: "cloudformation",
  install(sim) {
    sim.addService({
      name: "cloudformation",
      protocol: "query",
      xmlNamespace: "http://cloudformation.amazonaws.com/doc/2010-05-15/",
      actions: {
        ...stackActions,
        ...changeSetActions,
        ...resourceActions,
        ...templateActions,
        ...driftActions
      },
      permissions: cloudformationPermissions
    });
    cfnState(sim);
    sim.secrets.addSource(
      () => [...cfnState(sim).stacks.values()].flatMap(
        (stack) => stack.parameters.flatMap(
          (p) => p.noEcho ? [{ kind: "cloudformation:NoEcho", value: parameterText(p) }] : []
        )
      )
    );
    sim.onAdvance((now) => advanceCloudFormation(sim, now));
  }
};

// packages/sim/src/cloudtrail/index.ts
var cloudtrailModule = {
  name: "cloudtrail",
  install(sim) {
    sim.addService({
      name: "cloudtrail",
      protocol: "json",
      targetPrefix: "CloudTrail_20131101",
      jsonVersion: "1.1",
      actions: {
        LookupEvents: () => ({ Events: [] })
      }
    });
  }
};

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
  const parsed2 = parseManifest(bytes);
  const mediaType = parsed2.mediaType ?? mediaTypeHint;
  if (mediaType === void 0) {
    throw new ManifestRejected({
      kind: "media-type",
      message: "the manifest has no mediaType field, so imageManifestMediaType is required"
    });
  }
  const missingBlobs = parsed2.blobs.filter((d) => !repo.blobs.has(d));
  if (missingBlobs.length > 0) throw new ManifestRejected({ kind: "layers-missing", digests: missingBlobs });
  const missingManifests = parsed2.manifests.filter((d) => !repo.images.has(d));
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
    artifactMediaType: parsed2.configMediaType,
    // ECR reports the compressed layer sizes; for an index, the largest image it lists.
    sizeInBytes: parsed2.manifests.length > 0 ? Math.max(0, ...parsed2.manifests.map((d) => repo.images.get(d)?.sizeInBytes ?? 0)) : parsed2.layersSize,
    pushedAt: now,
    scanStartedAt: repo.scanOnPush && parsed2.manifests.length === 0 ? now : void 0
  };
  repo.images.set(digest, image);
  if (tag !== void 0) repo.tags.set(tag, digest);
  return { image, created: existing === void 0 };
}

// packages/sim/src/ecr/media-types.ts
var DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json";
var OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
var DOCKER_TO_OCI = {
  "application/vnd.docker.container.image.v1+json": "application/vnd.oci.image.config.v1+json",
  "application/vnd.docker.image.rootfs.diff.tar.gzip": "application/vnd.oci.image.layer.v1.tar+gzip",
  "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip": "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"
};
var OCI_TO_DOCKER = Object.fromEntries(
  Object.entries(DOCKER_TO_OCI).map(([docker, oci]) => [oci, docker])
);
function acceptedMediaTypesOf(raw) {
  const value = raw.acceptedMediaTypes;
  if (value === void 0 || value === null) return void 0;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    throw validationError("acceptedMediaTypes", "Member must be a list of strings", value);
  }
  if (value.length < 1) {
    throw validationError("acceptedMediaTypes", "Member must have length greater than or equal to 1", value);
  }
  if (value.length > 100) {
    throw validationError("acceptedMediaTypes", "Member must have length less than or equal to 100", value);
  }
  return value;
}
function mapped(d, map) {
  if (typeof d !== "object" || d === null || Array.isArray(d)) return void 0;
  const desc = d;
  const to = typeof desc.mediaType === "string" ? map[desc.mediaType] : void 0;
  return to === void 0 ? void 0 : { ...desc, mediaType: to };
}
function translate(manifest, target) {
  let doc;
  try {
    doc = JSON.parse(manifest.toString("utf8"));
  } catch {
    return void 0;
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return void 0;
  const m = doc;
  if (m.subject !== void 0 || m.artifactType !== void 0 || !Array.isArray(m.layers)) return void 0;
  const map = target === OCI_MANIFEST ? DOCKER_TO_OCI : OCI_TO_DOCKER;
  const config = mapped(m.config, map);
  const layers = m.layers.map((l) => mapped(l, map));
  if (config === void 0 || layers.some((l) => l === void 0)) return void 0;
  return JSON.stringify({ ...m, mediaType: target, config, layers }, null, 3);
}
function manifestFor(image, byTag, accepted) {
  const stored = { manifest: image.manifest.toString("utf8"), mediaType: image.mediaType };
  if (!byTag || accepted === void 0 || accepted.includes(image.mediaType)) return stored;
  const target = image.mediaType === DOCKER_V2 ? OCI_MANIFEST : image.mediaType === OCI_MANIFEST ? DOCKER_V2 : void 0;
  if (target === void 0 || !accepted.includes(target)) return stored;
  const translated = translate(image.manifest, target);
  return translated === void 0 ? stored : { manifest: translated, mediaType: target };
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
function batchEntry(repo, id, notFound3) {
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
  return image ? { image } : { failure: notFound3(id) };
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
    const accepted = acceptedMediaTypesOf(input.raw);
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
      const answer = manifestFor(image, id.imageDigest === void 0, accepted);
      images.push({
        registryId: repo.account,
        repositoryName: repo.name,
        imageId: {
          imageDigest: image.digest,
          ...id.imageTag !== void 0 ? { imageTag: id.imageTag } : {}
        },
        imageManifest: answer.manifest,
        imageManifestMediaType: answer.mediaType
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

// packages/sim/src/ecr/iam.ts
var str5 = (value) => typeof value === "string" ? value : void 0;
function onRepository(sim, action, account, region, name) {
  const policy = findRepository(sim, account, region, name)?.policy;
  return {
    action: `ecr:${action}`,
    resource: `arn:aws:ecr:${region}:${account}:repository/${name}`,
    ...policy !== void 0 ? { resourcePolicy: policy } : {}
  };
}
function ecrPermissions(ctx, input) {
  const registry = str5(input["registryId"]) ?? ctx.account;
  const repository = (name) => onRepository(ctx.sim, ctx.action, registry, ctx.region, name);
  switch (ctx.action) {
    case "GetAuthorizationToken":
      return [{ action: "ecr:GetAuthorizationToken", resource: "*" }];
    case "DescribeRepositories": {
      const names = input["repositoryNames"];
      if (Array.isArray(names)) return names.map((n) => repository(String(n)));
      return [
        {
          action: "ecr:DescribeRepositories",
          resource: `arn:aws:ecr:${ctx.region}:${registry}:repository/*`
        }
      ];
    }
    case "TagResource":
    case "UntagResource":
    case "ListTagsForResource":
      return [{ action: `ecr:${ctx.action}`, resource: str5(input["resourceArn"]) ?? "*" }];
    default: {
      const name = str5(input["repositoryName"]);
      return name !== void 0 ? [repository(name)] : void 0;
    }
  }
}

// packages/sim/src/ecr/api-layers.ts
var import_node_crypto25 = require("node:crypto");
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
    const id = (0, import_node_crypto25.randomUUID)();
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
    countTransfer(ctx.sim, "blobBytesReceived", blob.length);
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
    const token2 = (0, import_node_crypto25.randomBytes)(24).toString("base64url");
    ecrState(ctx.sim).downloads.set(sha256(token2), {
      repoKey: repoKey(repo.account, repo.region, repo.name),
      digest: layerDigest,
      expiresAt: ctx.now + DOWNLOAD_TTL_MS
    });
    const path = `/v2/${repoKey(repo.account, repo.region, repo.name)}/blobs/${layerDigest}`;
    return { downloadUrl: `${ctx.sim.url}${path}?X-Amz-Signature=${token2}`, layerDigest };
  }
};

// packages/sim/src/ecr/registry-blobs.ts
var import_node_crypto26 = require("node:crypto");

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
function send2(res, status, headers, body) {
  const bytes = body === void 0 ? void 0 : typeof body === "string" ? Buffer.from(body) : body;
  res.writeHead(status, { ...API_VERSION_HEADER, "content-length": bytes?.length ?? 0, ...headers });
  if (bytes !== void 0 && res.req.method !== "HEAD") res.end(bytes);
  else res.end();
}
function sendRegistryError(res, err) {
  const body = JSON.stringify({ errors: [{ code: err.code, message: err.message, detail: {} }] });
  send2(res, err.status, { "content-type": "application/json; charset=utf-8", ...err.headers }, body);
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
  send2(r.res, 201, { location: `/v2/${r.name}/blobs/${digest}`, "docker-content-digest": digest });
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
  countTransfer(r.sim, "blobsMounted", 1);
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
    countTransfer(r.sim, "blobBytesServed", end + 1 - start);
    send2(
      r.res,
      206,
      { ...headers, "content-range": `bytes ${start}-${end}/${bytes.length}` },
      bytes.subarray(start, end + 1)
    );
    return;
  }
  if (method === "GET") countTransfer(r.sim, "blobBytesServed", bytes.length);
  send2(r.res, 200, headers, bytes);
}
async function startUpload(r) {
  const mount = r.url.searchParams.get("mount");
  const from = r.url.searchParams.get("from");
  const digest = r.url.searchParams.get("digest");
  const body = await readBody(r.req);
  countTransfer(r.sim, "blobBytesReceived", body.length);
  if (mount && from && tryMount(r, mount, from)) {
    blobCreated(r, mount);
    return;
  }
  if (digest) {
    storeBlob(r, digest, body);
    blobCreated(r, digest);
    return;
  }
  const s = { id: (0, import_node_crypto26.randomUUID)(), repoKey: keyOf(r.repo), chunks: [], size: 0 };
  if (body.length > 0) {
    s.chunks.push(body);
    s.size = body.length;
  }
  ecrState(r.sim).uploads.set(s.id, s);
  send2(r.res, 202, uploadHeaders(r, s));
}
async function continueUpload(r, id) {
  const s = session(r, id);
  const method = r.req.method ?? "GET";
  if (method === "GET") {
    send2(r.res, 204, uploadHeaders(r, s));
    return;
  }
  if (method === "DELETE") {
    ecrState(r.sim).uploads.delete(s.id);
    send2(r.res, 204, {});
    return;
  }
  if (method !== "PATCH" && method !== "PUT")
    throw new RegistryError(405, "UNSUPPORTED", `${method} is not supported on uploads`);
  const contentRange = r.req.headers["content-range"];
  const chunk = await readBody(r.req);
  countTransfer(r.sim, "blobBytesReceived", chunk.length);
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
    send2(r.res, 202, uploadHeaders(r, s));
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
  send2(r.res, 201, { location: `/v2/${r.name}/manifests/${digest}`, "docker-content-digest": digest });
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
    send2(r.res, 202, {});
    return;
  }
  if (method !== "GET" && method !== "HEAD")
    throw new RegistryError(405, "UNSUPPORTED", `${method} is not supported on manifests`);
  if (!image) throw manifestUnknown(reference);
  send2(
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
  send2(r.res, 200, headers, JSON.stringify({ name: r.name, tags }));
}

// packages/sim/src/ecr/registry.ts
function challenge(sim) {
  return { "www-authenticate": `Basic realm="${sim.url}/",service="ecr.amazonaws.com"` };
}
function authenticate(sim, req, region) {
  const header3 = req.headers.authorization ?? "";
  const m = /^Basic\s+(\S+)$/i.exec(header3);
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
  return token2;
}
function authorize(sim, token2, action, name) {
  const principal = token2.principal;
  if (!principal || !sim.authorizer.enforces(principal)) return;
  const [account = "", region = "", ...rest] = name.split("/");
  const denial = sim.authorizer.evaluate(
    principal,
    [onRepository(sim, action, account, region, rest.join("/"))],
    token2.region
  );
  if (denial) throw new RegistryError(403, "DENIED", denialMessage(denial));
}
function registryAction(path, method) {
  if (/\/tags\/list$/.test(path)) return "ListImages";
  if (/\/manifests\/[^/]+$/.test(path)) {
    return method === "PUT" ? "PutImage" : method === "DELETE" ? "BatchDeleteImage" : "BatchGetImage";
  }
  if (/\/blobs\/uploads\/?$/.test(path)) return "InitiateLayerUpload";
  if (/\/blobs\/uploads\/[^/]+$/.test(path))
    return method === "PUT" ? "CompleteLayerUpload" : "UploadLayerPart";
  return method === "HEAD" ? "BatchCheckLayerAvailability" : "GetDownloadUrlForLayer";
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
    send2(res, 200, { "content-type": "application/json; charset=utf-8" }, "{}");
    return;
  }
  for (const route of ROUTES) {
    const m = route.re.exec(path);
    if (!m || route.method !== void 0 && route.method !== req.method) continue;
    const name = m[1];
    if (!presigned(sim, url, name)) {
      const token2 = authenticate(sim, req, name.split("/")[1]);
      authorize(sim, token2, registryAction(path, req.method ?? "GET"), name);
    }
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
    const policy = seed.policy === void 0 ? void 0 : checkRepositoryPolicy(seed.policy);
    const existing = findRepository(sim, account, region, seed.name);
    if (existing) {
      existing.mutability = mutability;
      existing.exclusions = exclusions;
      existing.scanOnPush = seed.scanOnPush ?? existing.scanOnPush;
      if (policy !== void 0) existing.policy = policy;
      return;
    }
    const repo = createRepository(sim, {
      account,
      region,
      name: seed.name,
      mutability,
      exclusions,
      scanOnPush: seed.scanOnPush ?? false
    });
    if (policy !== void 0) repo.policy = policy;
  });
}

// packages/sim/src/ecr/synthetic-image.ts
var import_node_crypto27 = require("node:crypto");
var import_node_zlib2 = require("node:zlib");

// packages/sim/src/ecr/tar.ts
var BLOCK = 512;
function octal(value, width) {
  return value.toString(8).padStart(width - 1, "0") + "\0";
}
function header2(path, size) {
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
    parts.push(header2(path.replace(/^\/+/, ""), data.length), data);
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
var sha2562 = (bytes) => `sha256:${(0, import_node_crypto27.createHash)("sha256").update(bytes).digest("hex")}`;
function syntheticImage(options = {}) {
  const tar = tarFiles(options.files ?? DEFAULT_IMAGE_FILES);
  const layer = (0, import_node_zlib2.gzipSync)(tar, { level: 9 });
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
function invalid2(message) {
  throw new AwsError("ValidationException", message);
}
function parseImageSeed(entry) {
  if (!isObject(entry)) invalid2("an image must be an object");
  for (const key of Object.keys(entry)) {
    if (!ENTRY_KEYS.has(key)) invalid2(`unknown key "${key}"; an image takes ${[...ENTRY_KEYS].join(", ")}`);
  }
  const { repository, tags, account, region, files, label, config } = entry;
  if (typeof repository !== "string" || repository === "") invalid2('an image needs a string "repository"');
  for (const [key, value] of Object.entries({ account, region, label })) {
    if (value !== void 0 && typeof value !== "string") invalid2(`"${key}" must be a string`);
  }
  if (tags !== void 0 && (!Array.isArray(tags) || !tags.every((t) => typeof t === "string"))) {
    invalid2('"tags" must be a list of strings');
  }
  for (const tag of tags ?? []) {
    if (!TAG_RE.test(tag)) invalid2(`"${tag}" is not a valid image tag`);
  }
  if (files !== void 0 && (!isObject(files) || !Object.values(files).every((f) => typeof f === "string"))) {
    invalid2('"files" must map paths to string contents');
  }
  if (config !== void 0 && !isObject(config)) invalid2('"config" must be an object');
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
  const parsed2 = parseEcrRef(sim, ref);
  if (!parsed2) return { kind: "external" };
  const notFound3 = {
    kind: "ecr",
    image: void 0,
    reason: `pull image manifest has been retried 5 time(s): failed to resolve ref ${parsed2.canonical}: ${parsed2.canonical}: not found`
  };
  const repo = findRepository(sim, parsed2.account, parsed2.region, parsed2.repositoryName);
  if (!repo) return notFound3;
  const digest = parsed2.digest ?? repo.tags.get(parsed2.tag);
  if (digest === void 0 || !repo.images.has(digest)) return notFound3;
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
      actions: { ...repositoryActions, ...policyActions, ...imageActions, ...layerActions, ...scanActions },
      permissions: ecrPermissions
    });
    sim.addRoute(registryRoute(sim));
    sim.onSeed("repositories", seedRepositories);
    sim.onSeed("images", seedImages);
  }
};

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
    registeredContainerInstancesCount: cluster.containerInstances?.length ?? 0,
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
function deploymentOut(dep, tasks) {
  const { running, pending } = countTasks(tasks, (t) => t.deploymentId === dep.id);
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
  const own = [];
  for (const task of cluster.tasks.values()) if (task.serviceName === svc.name) own.push(task);
  const { running, pending } = countTasks(own, () => true);
  const primary = svc.deployments.find((d) => d.status === "PRIMARY");
  const revisions = /* @__PURE__ */ new Map();
  for (const dep of svc.deployments) {
    const counts = countTasks(own, (t) => t.deploymentId === dep.id);
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
    deployments: svc.deployments.map((d) => deploymentOut(d, own)),
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
    ...task.containerInstanceArn !== void 0 ? { containerInstanceArn: task.containerInstanceArn } : {},
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

// packages/sim/src/ecs/api-container-instances.ts
var import_node_crypto28 = require("node:crypto");

// packages/sim/src/ecs/placement.ts
var FARGATE_CAPACITY = "Capacity is unavailable at this time. Please try again later or in a different availability zone";
var NO_CONTAINER_INSTANCES = "No Container Instances were found in your cluster.";
function reservation(td) {
  const containers = td.body.containerDefinitions ?? [];
  const sum = (pick) => containers.reduce((n, c) => n + (Number(pick(c)) || 0), 0);
  const cpu = td.body.cpu !== void 0 ? Number(td.body.cpu) : sum((c) => c.cpu);
  const memory = td.body.memory !== void 0 ? Number(td.body.memory) : sum((c) => c.memory ?? c.memoryReservation);
  return { cpu: cpu || 0, memory: memory || 0 };
}
function remaining(r, instance) {
  let cpu = instance.cpu;
  let memory = instance.memory;
  for (const task of activeTasks(r)) {
    if (task.containerInstanceArn !== instance.arn) continue;
    const td = findTaskDefinition(r, task.taskDefinitionArn);
    if (!td) continue;
    const need = reservation(td);
    cpu -= need.cpu;
    memory -= need.memory;
  }
  return { cpu, memory };
}
function placeTask(sim, r, cluster, td, launch2, serviceName) {
  const service = serviceName !== void 0 ? `(service ${serviceName})` : "";
  if (launch2.launchType === "FARGATE") {
    const provider = launch2.capacityProviderName ?? "FARGATE";
    if (!sim.scenario.capacityUnavailable(provider, cluster.name)) return { ok: true };
    return {
      ok: false,
      failures: [{ reason: FARGATE_CAPACITY }],
      event: `${service} was unable to place a task. Reason: ${FARGATE_CAPACITY}.`
    };
  }
  const instances = cluster.containerInstances ?? [];
  if (instances.length === 0) {
    return {
      ok: false,
      noInstances: true,
      failures: [],
      event: `${service} was unable to place a task because no container instance met all of its requirements. Reason: ${NO_CONTAINER_INSTANCES} For more information, see the Troubleshooting section.`
    };
  }
  const need = reservation(td);
  const failures = [];
  let closest;
  for (const instance of instances) {
    const left = remaining(r, instance);
    if (left.cpu >= need.cpu && left.memory >= need.memory)
      return { ok: true, containerInstanceArn: instance.arn };
    const short = left.cpu < need.cpu ? "CPU" : "MEMORY";
    failures.push({ arn: instance.arn, reason: `RESOURCE:${short}` });
    closest ??= { instance, short };
  }
  const what = closest.short === "CPU" ? "CPU units" : "memory";
  return {
    ok: false,
    failures,
    event: `${service} was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance ${closest.instance.id}) has insufficient ${what} available. For more information, see the Troubleshooting section.`
  };
}

// packages/sim/src/ecs/api-container-instances.ts
function register(sim, r, clusterName, spec) {
  const cluster = r.clusters.get(clusterName);
  if (!cluster) {
    throw new AwsError(
      "ClusterNotFoundException",
      `cluster "${clusterName}" does not exist in account ${r.account}, region ${r.region}`
    );
  }
  const id = (0, import_node_crypto28.randomBytes)(16).toString("hex");
  const instance = {
    arn: `${arnPrefix(r)}:container-instance/${cluster.name}/${id}`,
    id,
    ec2InstanceId: `i-${(0, import_node_crypto28.randomBytes)(9).toString("hex").slice(0, 17)}`,
    cpu: spec.cpu,
    memory: spec.memory,
    availabilityZone: typeof spec.availabilityZone === "string" ? spec.availabilityZone : `${r.region}a`,
    registeredAt: sim.clock.now()
  };
  (cluster.containerInstances ??= []).push(instance);
  return instance;
}
function seedContainerInstances(data, sim) {
  seedEntries("containerInstances", data, (entry) => {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry))
      throw new AwsError("ValidationException", "a container instance must be an object");
    const { account, region, cluster, count = 1, cpu = 2048, memory = 3943, ...rest } = entry;
    for (const [key, value] of Object.entries({ count, cpu, memory })) {
      if (typeof value !== "number" || !Number.isInteger(value) || value < 1)
        throw new AwsError("ValidationException", `${key} must be a positive integer`);
    }
    if (typeof cluster !== "string")
      throw new AwsError("ValidationException", "a container instance needs a cluster");
    const unknown = Object.keys(rest).filter((k) => k !== "availabilityZone");
    if (unknown.length > 0) throw new AwsError("ValidationException", `unknown key "${unknown[0]}"`);
    const r = regionOf(
      sim,
      typeof account === "string" ? account : DEFAULT_ACCOUNT,
      typeof region === "string" ? region : DEFAULT_REGION
    );
    for (let i = 0; i < count; i++) register(sim, r, cluster, { cpu, memory, ...rest });
  });
}
function instanceOut(r, instance) {
  const left = remaining(r, instance);
  let running = 0;
  let pending = 0;
  for (const task of activeTasks(r)) {
    if (task.containerInstanceArn !== instance.arn) continue;
    if (task.lastStatus === "RUNNING") running++;
    else if (task.lastStatus === "PROVISIONING" || task.lastStatus === "PENDING") pending++;
  }
  const resource = (name, value) => ({
    name,
    type: "INTEGER",
    integerValue: value,
    doubleValue: 0,
    longValue: 0
  });
  return {
    containerInstanceArn: instance.arn,
    ec2InstanceId: instance.ec2InstanceId,
    version: 1,
    status: "ACTIVE",
    agentConnected: true,
    runningTasksCount: running,
    pendingTasksCount: pending,
    registeredAt: new Date(instance.registeredAt),
    registeredResources: [resource("CPU", instance.cpu), resource("MEMORY", instance.memory)],
    remainingResources: [resource("CPU", left.cpu), resource("MEMORY", left.memory)],
    attributes: [{ name: "ecs.availability-zone", value: instance.availabilityZone }],
    tags: []
  };
}
var ListContainerInstances = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str("cluster"));
  const status = input.str("status");
  const arns = status !== void 0 && status !== "ACTIVE" ? [] : (cluster.containerInstances ?? []).map((i) => i.arn);
  const { page, nextToken } = input.page(arns, nextTokenPaging("maxResults", 100, 100));
  return { containerInstanceArns: page, nextToken };
};
var DescribeContainerInstances = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str("cluster"));
  const refs = input.strings("containerInstances") ?? [];
  if (refs.length === 0)
    throw new AwsError("InvalidParameterException", "containerInstances cannot be empty.");
  if (refs.length > 100)
    throw new AwsError("InvalidParameterException", "containerInstances can have at most 100 items.");
  const containerInstances = [];
  const failures = [];
  for (const ref of refs) {
    const found = (cluster.containerInstances ?? []).find((i) => i.arn === ref || i.id === lastSegment(ref));
    if (found) containerInstances.push(instanceOut(r, found));
    else failures.push({ arn: ref, reason: "MISSING" });
  }
  return { containerInstances, failures };
};
var containerInstanceActions = {
  ListContainerInstances,
  DescribeContainerInstances
};

// packages/sim/src/ecs/deployments.ts
var MAX_EVENTS = 100;
function addEvent2(svc, t, message) {
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
  const previous = svc.deployments.find((d) => d.status === "PRIMARY");
  if (previous && previous.taskDefinition !== svc.taskDefinition) endThrottle(svc);
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
function endThrottle(svc) {
  if (!svc.pacing) return;
  svc.pacing.failedRounds = 0;
  svc.pacing.announced = false;
  delete svc.pacing.notBefore;
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
  addEvent2(svc, t, `(service ${svc.name}) has reached a steady state.`);
  addEvent2(svc, t, `(service ${svc.name}) (deployment ${dep.id}) deployment completed.`);
  svc.steady = true;
}
function startRollback2(r, svc, failed, record2, t, reason, byCircuitBreaker = false) {
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
    // ECS's words (its deployment state change events and DescribeServices output) for a breaker's rollback.
    rolloutStateReason: byCircuitBreaker ? `ECS deployment circuit breaker: rolling back to deploymentId ${target.deploymentId}.` : `ECS deployment ${id} in progress.`,
    createdAt: t,
    updatedAt: t,
    serviceRevisionArn: target.serviceRevisionArn,
    circuit,
    rollbackOf: failed.id
  };
  svc.deployments.unshift(dep);
  svc.taskDefinition = target.taskDefinition;
  endThrottle(svc);
  record2.status = "ROLLBACK_IN_PROGRESS";
  record2.rollback = { reason, startedAt: t, serviceRevisionArn: target.serviceRevisionArn };
  record2.rollbackDeploymentId = id;
  record2.updatedAt = t;
  addEvent2(svc, t, `(service ${svc.name}) rolling back to deployment ${target.deploymentId}.`);
  svc.steady = false;
  svc.dirty = true;
  return true;
}
function tripCircuitBreaker(r, svc, dep, t) {
  dep.rolloutState = "FAILED";
  dep.rolloutStateReason = "ECS deployment circuit breaker: tasks failed to start.";
  dep.updatedAt = t;
  dep.circuit.status = "TRIGGERED";
  addEvent2(svc, t, `(service ${svc.name}) (deployment ${dep.id}) deployment failed: tasks failed to start.`);
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
  const rolled = dep.circuit.rollback && startRollback2(
    r,
    svc,
    dep,
    record2,
    t,
    "Service deployment rolled back because the circuit breaker threshold was exceeded.",
    true
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
var PULL_RETRY_MS = 31e3;
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
function containerOf(sim, r, def, overrides2) {
  const image = String(def.image);
  const resolved = resolveImage2(sim, image);
  const command = overrides2?.command ?? def.command;
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
var ENV_FILES_FAILURE = "ResourceInitializationError: failed to download env files: file download command: non empty error stream: service call has been retried 5 time(s):";
var SECRETS_FAILURE = "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed:";
function secretsFailure(sim, r, td) {
  const refs = [];
  for (const c of td.body.containerDefinitions ?? []) {
    const log = c.logConfiguration;
    for (const list of [c.secrets, log?.secretOptions]) {
      for (const entry of list ?? []) if (typeof entry.valueFrom === "string") refs.push(entry.valueFrom);
    }
    const credentials = c.repositoryCredentials?.credentialsParameter;
    if (typeof credentials === "string") refs.push(credentials);
  }
  const lookups = sim.executionSecrets;
  for (const c of td.body.containerDefinitions ?? []) {
    for (const file of c.environmentFiles ?? []) {
      if (file.type !== "s3" || typeof file.value !== "string") continue;
      const problem = lookups.environmentFileProblem(file.value);
      if (problem !== void 0) return `${ENV_FILES_FAILURE} ${problem}`;
    }
  }
  if (refs.length === 0) return void 0;
  for (const ref of refs.filter((v) => /^arn:aws[a-z-]*:secretsmanager:/.test(v))) {
    const problem = lookups.secretProblem(r.account, r.region, ref);
    if (problem !== void 0) {
      const arn = ref.split(":").slice(0, 7).join(":");
      return `${SECRETS_FAILURE} unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ${arn} from secrets manager: ${problem}`;
    }
  }
  const parameters = [...new Set(refs.filter((v) => !/^arn:aws[a-z-]*:secretsmanager:/.test(v)))];
  const missing = lookups.missingParameters(r.account, r.region, parameters);
  if (missing.length > 0) {
    return `${SECRETS_FAILURE} unable to retrieve secrets from ssm: service call has been retried 1 time(s): invalid ssm parameters: ${missing.join(" ")}`;
  }
  return void 0;
}
function createTask(sim, r, cluster, td, spec, now) {
  const id = newTaskId();
  const overrides2 = spec.overrides.containerOverrides ?? [];
  let failToStart = secretsFailure(sim, r, td);
  const containers = (td.body.containerDefinitions ?? []).map((def) => {
    const result = containerOf(
      sim,
      r,
      def,
      overrides2.find((o) => o.name === def.name)
    );
    failToStart ??= result.failure;
    const logs = result.container.logs;
    if (logs) logs.stream = logs.stream ? `${logs.stream}/${result.container.name}/${id}` : id;
    return result.container;
  });
  const slow = containers.filter((c) => c.behaviour.startSeconds !== void 0);
  const pullRetries = failToStart?.startsWith("CannotPullContainerError") ? PULL_RETRY_MS : 0;
  const startMs = (slow.length > 0 ? Math.max(...slow.map((c) => c.behaviour.startSeconds * 1e3)) : PENDING_MS) + pullRetries;
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
    ...spec.containerInstanceArn !== void 0 ? { containerInstanceArn: spec.containerInstanceArn } : {},
    ...spec.launchRound !== void 0 ? { launchRound: spec.launchRound } : {},
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
      "start"
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
  signals.push({ kind: "running", task });
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
      stopTask(task, t, "TaskFailedToStart", task.failToStart, signals, "start");
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
          stopTask(
            task,
            t,
            "EssentialContainerExited",
            "Essential container in task exited",
            signals,
            "exit"
          );
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
var RELAUNCH_DELAY_MS = 15e3;
var MAX_RELAUNCH_DELAY_MS = 27 * 6e4;
var THROTTLE_EVENT_AFTER = 3;
var PLACEMENT_RETRY_MS = 3e4;
function relaunchDelay(failedRounds) {
  return Math.min(MAX_RELAUNCH_DELAY_MS, RELAUNCH_DELAY_MS * 2 ** Math.max(0, failedRounds - 1));
}
function pacingOf(svc) {
  svc.pacing ??= { rounds: 0, failedRounds: 0, lastFailedRound: 0, announced: false };
  return svc.pacing;
}
function reportPlacement(svc, t, message) {
  const pacing = pacingOf(svc);
  if (pacing.placementProblem === message) return;
  pacing.placementProblem = message;
  addEvent2(svc, t, message);
}
function launch(sim, r, cluster, svc, dep, count, t) {
  const td = findTaskDefinition(r, dep.taskDefinition);
  if (!td || count <= 0) return;
  const pacing = pacingOf(svc);
  if (pacing.notBefore !== void 0 && pacing.notBefore > t) return;
  const placement = launchFor(svc.settings, td, cluster);
  const propagate = svc.settings.propagateTags;
  const tags = propagate === "SERVICE" ? svc.tags : propagate === "TASK_DEFINITION" ? td.tags : [];
  const round = ++pacing.rounds;
  const ids = [];
  let unplaced = 0;
  for (let i = 0; i < count; i++) {
    const where = placeTask(sim, r, cluster, td, placement, svc.name);
    if (!where.ok) {
      unplaced = count - i;
      reportPlacement(svc, t, where.event);
      break;
    }
    const spec = serviceTask(svc, dep, placement, tags);
    const task = createTask(
      sim,
      r,
      cluster,
      td,
      {
        ...spec,
        launchRound: round,
        ...where.containerInstanceArn ? { containerInstanceArn: where.containerInstanceArn } : {}
      },
      t
    );
    ids.push(task.id);
  }
  if (ids.length > 0) {
    delete pacing.placementProblem;
    addEvent2(
      svc,
      t,
      `(service ${svc.name}) has started ${ids.length} tasks: ${ids.map((id) => `(task ${id})`).join(" ")}.`
    );
  }
  if (unplaced > 0) {
    pacing.notBefore = t + PLACEMENT_RETRY_MS;
    countFailures(r, svc, dep, unplaced, t);
  }
}
function countFailures(r, svc, dep, n, t) {
  if (dep.rolloutState !== "IN_PROGRESS") return;
  dep.failedTasks += n;
  dep.updatedAt = t;
  if (!dep.circuit.enabled) return;
  dep.circuit.failureCount += n;
  if (dep.circuit.failureCount >= dep.circuit.threshold) tripCircuitBreaker(r, svc, dep, t);
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
  addEvent2(svc, t, `(service ${svc.name}) has stopped ${tasks.length} running tasks: ${ids}.`);
}
function reconcile(sim, r, cluster, svc, t, signals) {
  if (svc.status === "INACTIVE") return;
  if (svc.pacing?.notBefore !== void 0 && svc.pacing.notBefore <= t) delete svc.pacing.notBefore;
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
  const remaining2 = live.length - stops.length;
  const mineLeft = mine.length - excess.length;
  launch(sim, r, cluster, svc, primary, Math.min(desired - mineLeft, maxTotal - remaining2), t);
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
    addEvent2(svc, t, `(service ${svc.name}) has reached a steady state.`);
    svc.steady = true;
  }
}
function countsForBreaker(sim, task, failure2) {
  if (failure2 === "start" || failure2 === "health") return true;
  return failure2 === "exit" && !task.stable && sim.scenario.countsExitsAfterRunning();
}
function throttle(svc, task, t) {
  const pacing = pacingOf(svc);
  const round = task.launchRound ?? 0;
  if (round <= pacing.lastFailedRound) return;
  pacing.lastFailedRound = round;
  pacing.failedRounds++;
  pacing.notBefore = Math.max(pacing.notBefore ?? 0, t + relaunchDelay(pacing.failedRounds));
  if (pacing.failedRounds >= THROTTLE_EVENT_AFTER && !pacing.announced) {
    pacing.announced = true;
    addEvent2(svc, t, `(service ${svc.name}) is unable to consistently start tasks successfully.`);
  }
}
function handleSignals(sim, r, signals, t) {
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
      addEvent2(svc, t, `(service ${svc.name}) (task ${task.id}) failed container health checks.`);
      stopTask(
        task,
        t,
        "ServiceSchedulerInitiated",
        "Task failed container health checks",
        signals,
        "health"
      );
    }
    if (signal.kind === "running") {
      const pacing = pacingOf(svc);
      pacing.failedRounds = 0;
      pacing.announced = false;
    }
    if (signal.kind === "stopping" && signal.failure === "start") throttle(svc, task, t);
    if (!dep || dep.rolloutState !== "IN_PROGRESS") continue;
    if (signal.kind === "stopping" && countsForBreaker(sim, task, signal.failure))
      countFailures(r, svc, dep, 1, t);
    if (signal.kind === "stable" && dep.circuit.resetOnHealthyTask) {
      dep.circuit.failureCount = 0;
      dep.failedTasks = 0;
    }
  }
}

// packages/sim/src/ecs/engine.ts
var STOPPED_RETENTION_MS = 36e5;
var MAX_STEPS2 = 2e5;
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
    handleSignals(sim, r, signals, t);
  }
}
function nextEvent(r, t) {
  let next = Infinity;
  for (const task of activeTasks(r)) {
    const at = nextEventAt(task);
    if (at < next) next = at;
  }
  for (const cluster of r.clusters.values()) {
    for (const svc of cluster.services.values()) {
      const at = svc.pacing?.notBefore;
      if (at === void 0 || at > next) continue;
      if (at <= t) svc.dirty = true;
      else next = at;
    }
  }
  return next;
}
function markDue(r, t) {
  for (const cluster of r.clusters.values()) {
    for (const svc of cluster.services.values()) {
      if (svc.pacing?.notBefore !== void 0 && svc.pacing.notBefore <= t) svc.dirty = true;
    }
  }
}
function advanceRegion(sim, r, now) {
  let t = Math.min(r.modelTime, now);
  for (let steps = 0; steps < MAX_STEPS2; steps++) {
    reconcileDirty(sim, r, t);
    const next = nextEvent(r, t);
    if (next > now) break;
    t = Math.max(t, next);
    markDue(r, t);
    const signals = [];
    const active = activeTasks(r);
    for (const task of active) {
      if (nextEventAt(task) <= t) stepTask(sim, task, t, signals);
      if (task.lastStatus === "STOPPED") active.delete(task);
    }
    handleSignals(sim, r, signals, t);
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

// packages/sim/src/ecs/iam.ts
var str6 = (value) => typeof value === "string" ? value : void 0;
var strings2 = (value) => Array.isArray(value) ? value.filter((v) => typeof v === "string") : [];
function nameOf(ref) {
  if (!ref.startsWith("arn:")) return ref;
  const parts = ref.split(":").slice(5).join(":").split("/");
  return parts[parts.length - 1] ?? ref;
}
var Arns = class {
  constructor(ctx) {
    this.ctx = ctx;
  }
  ctx;
  get prefix() {
    return `arn:aws:ecs:${this.ctx.region}:${this.ctx.account}`;
  }
  cluster(ref) {
    if (ref?.startsWith("arn:")) return ref;
    return `${this.prefix}:cluster/${ref ?? "default"}`;
  }
  /**
   * `service/CLUSTER/NAME`: an ARN of that form as given, else made from the cluster (in the account and region
   * of a cluster ARN) and the name.
   */
  inCluster(kind, clusterRef, ref) {
    if (ref.startsWith("arn:") && ref.split(":").slice(5).join(":").split("/").length === 3) return ref;
    const cluster = this.cluster(clusterRef);
    const prefix = cluster.split(":").slice(0, 5).join(":");
    return `${prefix}:${kind}/${nameOf(cluster)}/${nameOf(ref)}`;
  }
  /** `task-definition/FAMILY:REVISION`; a bare family is its latest ACTIVE revision, as ECS authorizes it. */
  taskDefinition(ref) {
    if (ref === void 0) return void 0;
    if (ref.startsWith("arn:")) return ref;
    if (ref.includes(":")) return `${this.prefix}:task-definition/${ref}`;
    const families = ecsState(this.ctx.sim).regions.get(`${this.ctx.account}/${this.ctx.region}`)?.families;
    const latest = [...families?.get(ref) ?? []].reverse().find((td) => td.status === "ACTIVE");
    return latest?.arn ?? `${this.prefix}:task-definition/${ref}`;
  }
  /** The ARN the next revision of a family gets. */
  nextRevision(family) {
    const families = ecsState(this.ctx.sim).regions.get(`${this.ctx.account}/${this.ctx.region}`)?.families;
    return `${this.prefix}:task-definition/${family}:${(families?.get(family)?.length ?? 0) + 1}`;
  }
  role(ref) {
    return ref.startsWith("arn:") ? ref : `arn:aws:iam::${this.ctx.account}:role/${ref}`;
  }
};
function passRoles(arns, holder) {
  const h = typeof holder === "object" && holder !== null ? holder : {};
  return [str6(h["taskRoleArn"]), str6(h["executionRoleArn"])].filter((r) => r !== void 0 && r !== "").map((role) => ({
    action: "iam:PassRole",
    resource: arns.role(role),
    context: { "iam:PassedToService": "ecs-tasks.amazonaws.com" }
  }));
}
function tagOnCreate(input, resource, action) {
  return Array.isArray(input["tags"]) && input["tags"].length > 0 ? [{ action: "ecs:TagResource", resource, context: { "ecs:CreateAction": action } }] : [];
}
var on = (action, resource, context) => ({
  action: `ecs:${action}`,
  resource,
  ...context ? { context } : {}
});
function deploymentChecks(arns, action, deploymentArn) {
  const m = /^(arn:[^:]*:ecs:[^:]*:[^:]*):service-deployment\/([^/]+)\/([^/]+)\/[^/]+$/.exec(deploymentArn);
  if (!m) return [on(action, deploymentArn)];
  const serviceArn = `${m[1]}:service/${m[2]}/${m[3]}`;
  const context = { "ecs:cluster": `${m[1]}:cluster/${m[2]}`, "ecs:service": serviceArn };
  return [on(action, serviceArn, context), on(action, deploymentArn, context)];
}
function revisionCheck(action, revisionArn) {
  const m = /^(arn:[^:]*:ecs:[^:]*:[^:]*):service-revision\/([^/]+)\/([^/]+)\/[^/]+$/.exec(revisionArn);
  if (!m) return on(action, revisionArn);
  return on(action, revisionArn, {
    "ecs:cluster": `${m[1]}:cluster/${m[2]}`,
    "ecs:service": `${m[1]}:service/${m[2]}/${m[3]}`
  });
}
var TABLE = {
  CreateCluster: (arns, input, action) => {
    const cluster = arns.cluster(str6(input["clusterName"]));
    return [on(action, cluster), ...tagOnCreate(input, cluster, action)];
  },
  DeleteCluster: (arns, input, action) => [on(action, arns.cluster(str6(input["cluster"])))],
  DescribeClusters: (arns, input, action) => {
    const clusters = strings2(input["clusters"]);
    return (clusters.length > 0 ? clusters : ["default"]).map((c) => on(action, arns.cluster(c)));
  },
  ListContainerInstances: (arns, input, action) => [on(action, arns.cluster(str6(input["cluster"])))],
  DescribeContainerInstances: (arns, input, action) => {
    const cluster = str6(input["cluster"]);
    return strings2(input["containerInstances"]).map(
      (ci) => on(action, arns.inCluster("container-instance", cluster, ci), { "ecs:cluster": arns.cluster(cluster) })
    );
  },
  RegisterTaskDefinition: (arns, input, action) => [
    on(action, "*"),
    ...passRoles(arns, input),
    ...tagOnCreate(input, arns.nextRevision(str6(input["family"]) ?? ""), action)
  ],
  CreateService: (arns, input, action) => {
    const cluster = str6(input["cluster"]);
    const service = arns.inCluster("service", cluster, str6(input["serviceName"]) ?? "");
    return [
      on(action, service, {
        "ecs:cluster": arns.cluster(cluster),
        "ecs:task-definition": arns.taskDefinition(str6(input["taskDefinition"]))
      }),
      ...tagOnCreate(input, service, action)
    ];
  },
  UpdateService: (arns, input, action) => {
    const cluster = str6(input["cluster"]);
    return [
      on(action, arns.inCluster("service", cluster, str6(input["service"]) ?? ""), {
        "ecs:cluster": arns.cluster(cluster),
        "ecs:task-definition": arns.taskDefinition(str6(input["taskDefinition"]))
      })
    ];
  },
  DescribeServices: (arns, input, action) => {
    const cluster = str6(input["cluster"]);
    return strings2(input["services"]).map(
      (s) => on(action, arns.inCluster("service", cluster, s), { "ecs:cluster": arns.cluster(cluster) })
    );
  },
  DeleteService: (arns, input, action) => {
    const cluster = str6(input["cluster"]);
    return [
      on(action, arns.inCluster("service", cluster, str6(input["service"]) ?? ""), {
        "ecs:cluster": arns.cluster(cluster)
      })
    ];
  },
  ListServiceDeployments: (arns, input, action) => {
    const cluster = str6(input["cluster"]);
    return [
      on(action, arns.inCluster("service", cluster, str6(input["service"]) ?? ""), {
        "ecs:cluster": arns.cluster(cluster)
      })
    ];
  },
  DescribeServiceDeployments: (arns, input, action) => strings2(input["serviceDeploymentArns"]).flatMap((arn) => deploymentChecks(arns, action, arn)),
  StopServiceDeployment: (arns, input, action) => deploymentChecks(arns, action, str6(input["serviceDeploymentArn"]) ?? ""),
  DescribeServiceRevisions: (_arns, input, action) => strings2(input["serviceRevisionArns"]).map((arn) => revisionCheck(action, arn)),
  ListServices: (arns, input, action) => [
    on(action, "*", { "ecs:cluster": arns.cluster(str6(input["cluster"])) })
  ],
  RunTask: (arns, input, action) => {
    const cluster = str6(input["cluster"]);
    return [
      on(action, arns.taskDefinition(str6(input["taskDefinition"])) ?? "*", {
        "ecs:cluster": arns.cluster(cluster)
      }),
      ...passRoles(arns, input["overrides"]),
      ...tagOnCreate(input, arns.inCluster("task", cluster, "*"), action)
    ];
  },
  DescribeTasks: (arns, input, action) => {
    const cluster = str6(input["cluster"]);
    return strings2(input["tasks"]).map(
      (t) => on(action, arns.inCluster("task", cluster, t), { "ecs:cluster": arns.cluster(cluster) })
    );
  },
  StopTask: (arns, input, action) => {
    const cluster = str6(input["cluster"]);
    return [
      on(action, arns.inCluster("task", cluster, str6(input["task"]) ?? ""), {
        "ecs:cluster": arns.cluster(cluster)
      })
    ];
  },
  ListTasks: (arns, input, action) => {
    const cluster = str6(input["cluster"]);
    const instance = str6(input["containerInstance"]);
    return [
      on(action, instance !== void 0 ? arns.inCluster("container-instance", cluster, instance) : "*", {
        "ecs:cluster": arns.cluster(cluster)
      })
    ];
  },
  TagResource: (_arns, input, action) => [on(action, str6(input["resourceArn"]) ?? "*")],
  UntagResource: (_arns, input, action) => [on(action, str6(input["resourceArn"]) ?? "*")],
  ListTagsForResource: (_arns, input, action) => [on(action, str6(input["resourceArn"]) ?? "*")]
};
function ecsPermissions(ctx, input) {
  return TABLE[ctx.action]?.(new Arns(ctx), input, ctx.action);
}

// packages/sim/src/ecs/api-services.ts
var NAME2 = /^[A-Za-z0-9_-]{1,255}$/;
function invalid3(message) {
  throw new AwsError("InvalidParameterException", message);
}
var MAX_DESIRED_COUNT = 5e3;
function desiredCountOf(input) {
  const count = input.int("desiredCount", 0);
  if (count !== void 0 && count > MAX_DESIRED_COUNT) invalid3("Desired count exceeds limit.");
  return count;
}
function checkPlacement(td, launchType, networkConfiguration) {
  const compat = td.body.compatibilities ?? [];
  if (launchType === "FARGATE" && !compat.includes("FARGATE"))
    invalid3("Task definition does not support launch_type FARGATE.");
  if (td.body.networkMode === "awsvpc") {
    const vpc = networkConfiguration?.awsvpcConfiguration;
    if (!vpc) invalid3("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
    if (!Array.isArray(vpc.subnets) || vpc.subnets.length === 0) invalid3("subnets can not be empty.");
  }
}
function checkDeploymentConfiguration(config) {
  const max = config.maximumPercent;
  const min = config.minimumHealthyPercent;
  if (typeof min === "number" && (min < 0 || min > 100))
    invalid3("minimumHealthyPercent must be between 0 and 100.");
  if (typeof max === "number" && max < 100 && typeof min === "number" && min >= max) {
    invalid3("maximumPercent must be greater than minimumHealthyPercent.");
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
    invalid3("Service name can contain up to 255 letters, numbers, hyphens and underscores.");
  const td = requireUsableTaskDefinition(r, input.required("taskDefinition"));
  const strategy = input.str("schedulingStrategy") ?? "REPLICA";
  const desiredCount = desiredCountOf(input) ?? (strategy === "DAEMON" ? 1 : void 0);
  if (desiredCount === void 0) invalid3("desiredCount is required when schedulingStrategy is REPLICA.");
  if (input.has("launchType") && input.has("capacityProviderStrategy")) {
    invalid3(
      "Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again."
    );
  }
  const existing = cluster.services.get(name);
  if (existing?.status === "DRAINING") invalid3("Unable to Start a service that is still Draining.");
  if (existing?.status === "ACTIVE") {
    if (existing.taskDefinition === td.arn && existing.desiredCount === desiredCount) return existing;
    invalid3("Creation of service was not idempotent.");
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
    tags: tagsIn(input.objects("tags"), invalid3),
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
  const changed2 = td !== void 0 && td.arn !== svc.taskDefinition || before !== after;
  if (td) svc.taskDefinition = td.arn;
  if (changed2 || input.bool("forceNewDeployment") === true) startDeployment(r, svc, ctx.now);
  svc.dirty = true;
  return { service: serviceOut(cluster, svc, false) };
};
var DescribeServices = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str("cluster"));
  const refs = input.strings("services") ?? [];
  if (refs.length === 0) invalid3("services can not be empty.");
  if (refs.length > 10) invalid3("services can have at most 10 items.");
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
    invalid3("The service cannot be stopped while it is scaled above 0.");
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
    const launch2 = launchFor(svc.settings, td, cluster);
    for (let i = 0; i < svc.desiredCount; i++) {
      const where = placeTask(sim, r, cluster, td, launch2);
      const task = createTask(
        sim,
        r,
        cluster,
        td,
        {
          ...serviceTask(svc, dep, launch2, []),
          ...where.ok && where.containerInstanceArn ? { containerInstanceArn: where.containerInstanceArn } : {}
        },
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
    startRollback2(
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
  const notFound3 = () => {
    throw new AwsError("InvalidParameterException", "The specified resource is not found.");
  };
  if (!m) return notFound3();
  checkArnOwner(arn, r);
  const [kind, path] = [m[1], m[2]];
  const parts = path.split("/");
  if (kind === "task-definition") return findTaskDefinition(r, arn) ?? notFound3();
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
      return notFound3();
    }
    return cluster?.services.get(parts[1] ?? "") ?? notFound3();
  }
  if (kind === "task") return cluster?.tasks.get(parts[1] ?? "") ?? notFound3();
  return notFound3();
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
function invalid4(message) {
  throw new AwsError("InvalidParameterException", message);
}
var TOKEN_TTL_MS2 = 24 * 36e5;
var TOKEN_AFTER_STOP_MS = 36e5;
function tokenExpired(token2, tasks, now) {
  if (now - token2.createdAt > TOKEN_TTL_MS2) return true;
  if (token2.taskIds.length === 0) return false;
  if (tasks.length < token2.taskIds.length) return true;
  const stopped = tasks.map((t) => t.stoppedAt);
  if (stopped.some((at) => at === void 0)) return false;
  return now - Math.max(...stopped) > TOKEN_AFTER_STOP_MS;
}
function requestKey(raw) {
  const sorted = (v) => Array.isArray(v) ? v.map(sorted) : typeof v === "object" && v !== null ? Object.fromEntries(
    Object.keys(v).sort().map((k) => [k, sorted(v[k])])
  ) : v;
  const { clientToken: _token, ...rest } = raw;
  return JSON.stringify(sorted(rest));
}
var RunTask = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str("cluster"));
  const clientToken = input.str("clientToken");
  if (clientToken !== void 0 && !/^[\x21-\x7e]{1,64}$/.test(clientToken))
    invalid4("clientToken must be 1 to 64 characters in the range of 33-126, inclusive.");
  const tokenKey = clientToken !== void 0 ? `${cluster.name}/${clientToken}` : void 0;
  const earlier = tokenKey !== void 0 ? r.clientTokens.get(tokenKey) : void 0;
  if (earlier) {
    const tasks2 = earlier.taskIds.map((id) => cluster.tasks.get(id)).filter((t) => t !== void 0);
    if (tokenExpired(earlier, tasks2, ctx.now)) r.clientTokens.delete(tokenKey);
    else if (earlier.request !== requestKey(raw)) {
      throw new AwsError(
        "ConflictException",
        "The clientToken is already in use with a different RunTask request.",
        400,
        "Sender",
        { resourceIds: earlier.taskIds.map((id) => `${cluster.arn.replace(":cluster/", ":task/")}/${id}`) }
      );
    } else {
      return { tasks: tasks2.map((t) => taskOut(t, false)), failures: earlier.failures };
    }
  }
  const td = requireUsableTaskDefinition(r, input.required("taskDefinition"));
  const count = input.int("count", 1, 10) ?? 1;
  if (input.has("launchType") && input.has("capacityProviderStrategy")) {
    invalid4(
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
  if (startedBy !== void 0 && startedBy.length > 128) invalid4("startedBy must be at most 128 characters.");
  const overrides2 = input.object("overrides") ?? {};
  const containerOverrides = overrides2.containerOverrides ?? [];
  const names = new Set((td.body.containerDefinitions ?? []).map((c) => c.name));
  for (const o of containerOverrides) {
    if (!names.has(o.name))
      invalid4(`Override for container named ${String(o.name)} is not a container in the TaskDefinition.`);
    if (o.command !== void 0 && !(Array.isArray(o.command) && o.command.every((c) => typeof c === "string"))) {
      invalid4("containerOverrides.command must be a list of strings.");
    }
  }
  let tags = tagsIn(input.objects("tags"), invalid4);
  if (input.str("propagateTags") === "TASK_DEFINITION") tags = mergeTags(td.tags, tags);
  const group = input.str("group") ?? `family:${td.family}`;
  const tasks = [];
  const failures = [];
  for (let i = 0; i < count; i++) {
    const where = placeTask(ctx.sim, r, cluster, td, placement);
    if (!where.ok) {
      if (where.noInstances) invalid4(NO_CONTAINER_INSTANCES);
      for (let k = i; k < count; k++) failures.push(...where.failures);
      break;
    }
    tasks.push(
      createTask(
        ctx.sim,
        r,
        cluster,
        td,
        {
          group,
          ...placement,
          overrides: { ...overrides2, containerOverrides, inferenceAcceleratorOverrides: [] },
          tags,
          ...startedBy !== void 0 ? { startedBy } : {},
          ...networkConfiguration ? { networkConfiguration } : {},
          ...where.containerInstanceArn ? { containerInstanceArn: where.containerInstanceArn } : {}
        },
        ctx.now
      )
    );
  }
  if (tokenKey !== void 0)
    r.clientTokens.set(tokenKey, {
      request: requestKey(raw),
      taskIds: tasks.map((t) => t.id),
      failures,
      createdAt: ctx.now
    });
  return { tasks: tasks.map((t) => taskOut(t, false)), failures };
};
var DescribeTasks = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str("cluster"));
  const refs = input.strings("tasks") ?? [];
  if (refs.length === 0) invalid4("Tasks cannot be empty.");
  if (refs.length > 100) invalid4("tasks can have at most 100 items.");
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
    invalid4(`Invalid desiredStatus: ${desired}`);
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
  if (!task) invalid4("The referenced task was not found.");
  const reason = input.str("reason");
  if (reason !== void 0 && reason.length > 255) invalid4("reason must be at most 255 characters.");
  const signals = [];
  stopTask(task, ctx.now, "UserInitiated", reason ?? "Task stopped by user", signals, false);
  handleSignals(ctx.sim, r, signals, ctx.now);
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
        ...containerInstanceActions,
        ...taskDefinitionActions,
        ...serviceActions,
        ...serviceDeploymentActions,
        ...taskActions,
        ...tagActions
      },
      permissions: ecsPermissions
    });
    sim.onAdvance((now) => advanceEcs(sim, now));
    sim.onSeed("clusters", seedClusters);
    sim.onSeed("containerInstances", seedContainerInstances);
    sim.onSeed("taskDefinitions", seedTaskDefinitions);
    sim.onSeed("services", seedServices);
  }
};

// packages/sim/src/front/hosts.ts
function frontState(sim) {
  return sim.store("fronts", () => ({ fronts: [], cursors: /* @__PURE__ */ new Map() }));
}
var DEFAULT_HOST_SUFFIX = ".ecs.sim";
function hostName(header3) {
  const h = header3.trim().toLowerCase();
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
function isFrontHost(sim, header3) {
  const host = hostName(header3);
  if (host === "" || isSimulatorHost(sim, host)) return false;
  return host.endsWith(DEFAULT_HOST_SUFFIX) || frontState(sim).fronts.some((f) => f.host === host);
}
function routeRequest(sim, header3, path) {
  const host = hostName(header3);
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
  const parsed2 = digest !== void 0 ? parseEcrRef(sim, image) : void 0;
  if (digest !== void 0 && parsed2) {
    const uri = `${sim.host}/${parsed2.account}/${parsed2.region}/${parsed2.repositoryName}`;
    const repo = findRepository(sim, parsed2.account, parsed2.region, parsed2.repositoryName);
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
function send3(req, res, status, body, headers) {
  res.writeHead(status, { "content-length": Buffer.byteLength(body), ...headers });
  res.end(req.method === "HEAD" ? void 0 : body);
}
function albError(req, res, status, reason) {
  send3(req, res, status, status === 503 ? ALB_503 : ALB_404, {
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
  const lookup2 = serviceTargets(sim, route.target);
  if (lookup2.kind === "missing") return albError(req, res, 503, lookup2.reason);
  if (lookup2.tasks.length === 0) {
    return albError(req, res, 503, `service ${lookup2.service.name} has no running task`);
  }
  const task = pickTask(sim, route.target, lookup2.tasks);
  const container = servingContainer(task);
  if (!container) return albError(req, res, 503, `task ${task.id} has no container`);
  const served = servedImage(sim, container);
  const behaviour = behaviourFor(sim.scenario.httpBehaviour(served.refs), url.pathname);
  if (behaviour.latencyMs !== void 0 && behaviour.latencyMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, behaviour.latencyMs));
  }
  const body = behaviour.body ?? defaultBody(url.pathname, served, task);
  send3(req, res, behaviour.status ?? 200, body, {
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

// packages/sim/src/logs/read.ts
var keyOf2 = (e) => [e.timestamp, e.seq];
function compare3(a, b) {
  return a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1];
}
function encode(direction, key) {
  return `${direction}/${String(key[0]).padStart(16, "0")}${String(key[1]).padStart(20, "0")}/s`;
}
function decode2(token2) {
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
    const { direction, key } = decode2(options.nextToken);
    boundary = key;
    if (direction === "f") {
      const after = inWindow.filter((e) => compare3(keyOf2(e), key) > 0);
      picked = options.startFromHead ? after.slice(0, options.limit) : after.slice(-options.limit);
    } else {
      picked = inWindow.filter((e) => compare3(keyOf2(e), key) < 0).slice(-options.limit);
    }
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
  return (e) => compare3(keyOf2(e), k) > 0;
}
function byKey(a, b) {
  return compare3(keyOf2(a), keyOf2(b));
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
  const identifiers = input.strings("logGroupIdentifiers");
  if (prefix !== void 0 && pattern !== void 0) {
    input.fail("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
  }
  if (identifiers !== void 0) {
    if (prefix !== void 0 || pattern !== void 0)
      input.fail("logGroupIdentifiers cannot be used with logGroupNamePrefix or logGroupNamePattern.");
    if (identifiers.length < 1 || identifiers.length > 50)
      input.fail("logGroupIdentifiers must have between 1 and 50 members.");
  }
  const wanted = identifiers === void 0 ? void 0 : new Set(
    identifiers.map(
      (id) => /^arn:aws[\w-]*:logs:[^:]+:\d{12}:log-group:([^:]+)(?::\*)?$/.exec(id)?.[1] ?? id
    )
  );
  const groups = groupsOf(ctx.sim, ctx.account, ctx.region).filter(
    (g) => (prefix === void 0 || g.name.startsWith(prefix)) && (pattern === void 0 || g.name.toLowerCase().includes(pattern.toLowerCase())) && (wanted === void 0 || wanted.has(g.name))
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
  const parsed2 = events.map((e) => {
    if (typeof e.timestamp !== "number" || typeof e.message !== "string") {
      return input.fail("Each log event needs a numeric timestamp and a string message.");
    }
    return { timestamp: e.timestamp, message: e.message };
  });
  for (let i = 1; i < parsed2.length; i++) {
    if (parsed2[i].timestamp < parsed2[i - 1].timestamp) {
      input.fail("Log events in a single PutLogEvents request must be in chronological order.");
    }
  }
  let tooOld = -1;
  let tooNew = parsed2.length;
  parsed2.forEach((e, i) => {
    if (e.timestamp < ctx.now - 14 * DAY) tooOld = i;
    if (e.timestamp > ctx.now + 2 * 36e5 && i < tooNew) tooNew = i;
  });
  insertEvents(ctx.sim, stream, parsed2.slice(tooOld + 1, tooNew), ctx.now);
  const rejected2 = tooOld >= 0 || tooNew < parsed2.length ? {
    ...tooOld >= 0 ? { tooOldLogEventEndIndex: tooOld + 1 } : {},
    ...tooNew < parsed2.length ? { tooNewLogEventStartIndex: tooNew } : {}
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

// packages/sim/src/logs/iam.ts
var str7 = (value) => typeof value === "string" ? value : void 0;
var GROUP_CALLS = /* @__PURE__ */ new Set(["CreateLogGroup", "DeleteLogGroup", "DescribeLogStreams", "FilterLogEvents"]);
var STREAM_CALLS = /* @__PURE__ */ new Set(["CreateLogStream", "PutLogEvents", "GetLogEvents"]);
function logsPermissions(ctx, input) {
  let prefix = `arn:aws:logs:${ctx.region}:${ctx.account}`;
  let group = str7(input["logGroupName"]);
  const identifier = str7(input["logGroupIdentifier"]);
  if (group === void 0 && identifier !== void 0) {
    const m = /^(arn:[^:]*:logs:[^:]*:[^:]*):log-group:(.+?)(?::\*)?$/.exec(identifier);
    if (m) [prefix, group] = [m[1], m[2]];
    else group = identifier;
  }
  const action = `logs:${ctx.action}`;
  if (ctx.action === "DescribeLogGroups") return [{ action, resource: `${prefix}:log-group::log-stream:` }];
  if (GROUP_CALLS.has(ctx.action))
    return [{ action, resource: `${prefix}:log-group:${group ?? ""}:log-stream:` }];
  if (STREAM_CALLS.has(ctx.action)) {
    const stream = str7(input["logStreamName"]) ?? "";
    return [{ action, resource: `${prefix}:log-group:${group ?? ""}:log-stream:${stream}` }];
  }
  return void 0;
}

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
      actions: logsActions,
      permissions: logsPermissions
    });
    sim.logSink = {
      groupExists: (account, region, name) => logGroupExists(sim, account, region, name),
      append: (input) => appendLogEvents(sim, input)
    };
    sim.onSeed("logGroups", seedLogGroups);
  }
};

// packages/sim/src/secretsmanager/store.ts
var import_node_crypto29 = require("node:crypto");
function secretsState(sim) {
  return sim.store("secretsmanager", () => ({ secrets: /* @__PURE__ */ new Map(), generations: /* @__PURE__ */ new Map() }));
}
var secretKey = (account, region, name) => `${account}/${region}/${name}`;
var SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
function newSecretArn(sim, account, region, name) {
  const arn = nextSecretArn(sim, account, region, name);
  const generations = secretsState(sim).generations;
  const key = secretKey(account, region, name);
  generations.set(key, (generations.get(key) ?? 0) + 1);
  return arn;
}
function nextSecretArn(sim, account, region, name) {
  const key = secretKey(account, region, name);
  const generation = (secretsState(sim).generations.get(key) ?? 0) + 1;
  const digest = (0, import_node_crypto29.createHash)("sha256").update(`${key}#${generation}`).digest();
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
  return (0, import_node_crypto29.randomUUID)();
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
  const str8 = input.str("SecretString");
  const bin = input.str("SecretBinary");
  if (str8 !== void 0 && bin !== void 0) {
    throw new AwsError(
      "InvalidParameterException",
      "You can't specify both a binary secret value and a string secret value in the same secret."
    );
  }
  const value = str8 ?? bin;
  if (value === void 0) return void 0;
  if (value.length > MAX_VALUE) {
    throw validationError(
      str8 !== void 0 ? "SecretString" : "SecretBinary",
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
function sameValue2(version, value) {
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
    if (retried && sameValue2(retried, spec.value)) return { secret: existing, version: retried };
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
      if (!sameValue2(existing, value)) {
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
    const order2 = input.str("SortOrder") ?? "asc";
    if (order2 !== "asc" && order2 !== "desc") {
      throw validationError("SortOrder", "Member must satisfy enum value set: [asc, desc]", order2);
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
    const matching = secretsOf(ctx.sim, ctx.account, ctx.region).filter((s) => includeDeleted || s.deletionDate === void 0).filter((s) => filters.every((f) => matchesFilter(s, f.key, f.values))).sort((a, b) => order2 === "asc" ? a.createdDate - b.createdDate : b.createdDate - a.createdDate);
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

// packages/sim/src/secretsmanager/iam.ts
function secretsPermissions(ctx, input) {
  const action = `secretsmanager:${ctx.action}`;
  if (ctx.action === "ListSecrets") return [{ action, resource: "*" }];
  if (ctx.action === "CreateSecret") {
    const name = typeof input["Name"] === "string" ? input["Name"] : "";
    return [
      {
        action,
        resource: nextSecretArn(ctx.sim, ctx.account, ctx.region, name),
        context: { "secretsmanager:Name": name }
      }
    ];
  }
  const id = input["SecretId"];
  if (typeof id !== "string") return void 0;
  const secret = findSecret(ctx.sim, ctx.account, ctx.region, id);
  const resource = secret?.arn ?? (id.startsWith("arn:") ? id : `arn:aws:secretsmanager:${ctx.region}:${ctx.account}:secret:${id}`);
  return [{ action, resource, context: { "secretsmanager:SecretId": id } }];
}

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
function secretProblem(sim, account, region, ref) {
  const parts = ref.split(":");
  const base = parts.slice(0, 7).join(":");
  const secretRegion = parts[3] || region;
  const secret = findSecret(sim, parts[4] || account, secretRegion, base);
  if (!secret) return `ResourceNotFoundException: ${secretNotFound().message}`;
  if (secret.deletionDate !== void 0) return `InvalidRequestException: ${markedForDeletion().message}`;
  const stage = parts[8] || void 0;
  const versionId = parts[9] || void 0;
  if (versionId !== void 0) {
    const version = secret.versions.find((v) => v.versionId === versionId);
    if (!version || stage !== void 0 && !version.stages.includes(stage))
      return `ResourceNotFoundException: Secrets Manager can't find the specified secret value for VersionId: ${versionId}`;
    return void 0;
  }
  const label = stage ?? "AWSCURRENT";
  if (!secret.versions.some((v) => v.stages.includes(label)))
    return `ResourceNotFoundException: Secrets Manager can't find the specified secret value for staging label: ${label}`;
  return void 0;
}
var secretsManagerModule = {
  name: "secretsmanager",
  install(sim) {
    sim.addService({
      name: "secretsmanager",
      protocol: "json",
      targetPrefix: "secretsmanager",
      jsonVersion: "1.1",
      actions: secretsManagerActions,
      permissions: secretsPermissions
    });
    sim.onSeed("secrets", seedSecrets);
    sim.executionSecrets = {
      ...sim.executionSecrets,
      secretProblem: (a, r, ref) => secretProblem(sim, a, r, ref)
    };
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

// packages/sim/src/modules.ts
var modules = [
  githubModule,
  stsModule,
  ecrModule,
  logsModule,
  ssmModule,
  secretsManagerModule,
  s3Module,
  ecsModule,
  frontModule,
  cloudtrailModule,
  cloudformationModule,
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
